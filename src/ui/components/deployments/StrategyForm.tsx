// A small form that creates a custom deployment strategy (checked against AWS's limits first) and hands the
// new strategy back so the deploy form can select it. Rendered by DeployForm.tsx.
import { useId, useState, type FormEvent } from 'react';
import type { DeploymentStrategyInfo } from '../../../protocol/messages.js';
import { useCreateStrategy } from '../../deploymentQueries.js';
import { describeError } from '../../queries.js';
import {
  EMPTY_STRATEGY,
  validateStrategyForm,
  type StrategyFormErrors,
  type StrategyFormValues,
} from './deploymentsModel.js';

type NumberField = 'growthFactor' | 'duration' | 'bake';

const NUMBER_FIELDS: { field: NumberField; label: string }[] = [
  { field: 'growthFactor', label: 'Growth factor (%)' },
  { field: 'duration', label: 'Deployment duration (minutes)' },
  { field: 'bake', label: 'Final bake time (minutes)' },
];

export function StrategyForm({ onCreated }: { onCreated: (s: DeploymentStrategyInfo) => void }) {
  const id = useId();
  const create = useCreateStrategy();
  const [values, setValues] = useState<StrategyFormValues>(EMPTY_STRATEGY);
  const [errors, setErrors] = useState<StrategyFormErrors>({});
  const set = (field: keyof StrategyFormValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validateStrategyForm(values);
    setErrors(result.errors);
    if (result.params) create.mutate(result.params, { onSuccess: onCreated });
  };

  const input = (field: keyof StrategyFormValues, label: string, numeric: boolean) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        value={values[field]}
        inputMode={numeric ? 'decimal' : undefined}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
      />
      {errors[field] && (
        <small id={`${id}-${field}-error`} className="field-error">
          {errors[field]}
        </small>
      )}
    </div>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="New deployment strategy"
      className="strategy-form"
    >
      {input('name', 'Strategy name', false)}
      <div className="field">
        <label htmlFor={`${id}-growthType`}>Growth type</label>
        <select
          id={`${id}-growthType`}
          value={values.growthType}
          onChange={(e) => set('growthType', e.target.value)}
        >
          <option value="LINEAR">Linear</option>
          <option value="EXPONENTIAL">Exponential</option>
        </select>
      </div>
      {NUMBER_FIELDS.map(({ field, label }) => input(field, label, true))}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create strategy'}
      </button>
      {create.isError && (
        <p className="form-error" role="alert">
          Could not create the strategy: {describeError(create.error)}
        </p>
      )}
    </form>
  );
}
