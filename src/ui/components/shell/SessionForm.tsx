import { useId, useState, type FormEvent } from 'react';
import { ProtocolError, type ResourceItem } from '../../../protocol/messages.js';
import {
  describeError,
  useHello,
  useResources,
  useStartFleet,
  useStartSession,
} from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { fleetSizeError } from '../fleet/fleetModel.js';
import {
  EMPTY_FORM,
  matchResource,
  validateSessionForm,
  type SessionFormErrors,
  type SessionFormField,
  type SessionFormValues,
} from './sessionFormModel.js';

/**
 * Starts a configuration session, or a fleet of them for the same profile (**Start fleet**, with a size).
 * Pickers suggest listed resources but always accept free text.
 */
export function SessionForm() {
  const { dispatch } = useUiState();
  const start = useStartSession();
  const startFleet = useStartFleet();
  const [fleetSize, setFleetSize] = useState('');
  const [fleetSizeProblem, setFleetSizeProblem] = useState<string>();
  const canList = useHello().data?.backend.canListResources ?? false;
  const [values, setValues] = useState<SessionFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<SessionFormErrors>({});

  const apps = useResources(canList ? { kind: 'applications' } : undefined).data;
  const app = matchResource(apps, values.application);
  const envs = useResources(app ? { kind: 'environments', applicationId: app.id } : undefined).data;
  const profiles = useResources(
    app ? { kind: 'configurationProfiles', applicationId: app.id } : undefined,
  ).data;

  const change = (field: SessionFormField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // A field's message goes as soon as it is edited; the others stay until the next submit.
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validateSessionForm(values);
    setErrors(result.errors);
    if (!result.params) return;
    start.mutate(result.params, {
      onSuccess: (session) => dispatch({ type: 'sessionSelected', sessionId: session.id }),
      // A refused start is still a session: opening it shows the call and the flag that explains it.
      onError: (error) => {
        if (error instanceof ProtocolError && error.sessionId)
          dispatch({ type: 'sessionSelected', sessionId: error.sessionId });
      },
    });
  };

  // The same fields as a session, checked the same way, plus the size.
  const submitFleet = () => {
    const result = validateSessionForm(values);
    const sizeProblem = fleetSizeError(fleetSize);
    setErrors(result.errors);
    setFleetSizeProblem(sizeProblem);
    if (!result.params || sizeProblem) return;
    startFleet.mutate(
      { ...result.params, size: Number(fleetSize.trim()) },
      { onSuccess: (fleet) => dispatch({ type: 'fleetSelected', fleetId: fleet.id }) },
    );
  };

  return (
    <form className="session-form" onSubmit={submit} noValidate aria-label="Start a session">
      <h2>New session</h2>
      <Field
        label="Application"
        value={values.application}
        onChange={change('application')}
        error={errors.application}
        options={apps}
      />
      <Field
        label="Environment"
        value={values.environment}
        onChange={change('environment')}
        error={errors.environment}
        options={envs}
      />
      <Field
        label="Configuration profile"
        value={values.profile}
        onChange={change('profile')}
        error={errors.profile}
        options={profiles}
      />
      <Field
        label="Minimum poll interval (seconds)"
        hint="Optional, 15–86400. AWS then refuses polls sent sooner."
        value={values.interval}
        onChange={change('interval')}
        error={errors.interval}
        inputMode="numeric"
        placeholder="optional"
      />
      <button type="submit" className="primary" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start session'}
      </button>
      {start.isError && (
        <p className="form-error" role="alert">
          Could not start the session:{' '}
          {start.error instanceof ProtocolError && start.error.sessionId
            ? `${start.error.awsErrorName ?? 'refused'}. Its flags (opened) say why and what to do.`
            : describeError(start.error)}
        </p>
      )}
      <Field
        label="Fleet size"
        hint="1–1,000 sessions of this profile, each polling on its own schedule."
        value={fleetSize}
        onChange={(value) => {
          setFleetSize(value);
          setFleetSizeProblem(undefined);
        }}
        error={fleetSizeProblem}
        inputMode="numeric"
        placeholder="e.g. 100"
      />
      <button type="button" onClick={submitFleet} disabled={startFleet.isPending}>
        {startFleet.isPending ? 'Starting fleet…' : 'Start fleet'}
      </button>
      {startFleet.isError && (
        <p className="form-error" role="alert">
          Could not start the fleet: {describeError(startFleet.error)}
        </p>
      )}
    </form>
  );
}

export interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  options?: ResourceItem[];
  inputMode?: 'numeric';
  placeholder?: string;
}

export function Field({
  label,
  value,
  onChange,
  error,
  hint,
  options,
  inputMode,
  placeholder,
}: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={options ? `${id}-list` : undefined}
        autoComplete="off"
        spellCheck={false}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {options && (
        <datalist id={`${id}-list`}>
          {options.map((item) => (
            <option key={item.id} value={item.name}>
              {item.id}
            </option>
          ))}
        </datalist>
      )}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
