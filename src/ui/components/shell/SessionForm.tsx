// The form that starts a configuration session, or a fleet of them, with resource pickers and Recent entries.
// Rendered by App.tsx and DeploymentsView.tsx.
import { useId, useState, type FormEvent } from 'react';
import { ProtocolError, type ResourceItem } from '../../../protocol/messages.js';
import { describeError, useHello, useResources, useStartFleet } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { fleetSizeError } from '../fleet/fleetModel.js';
import { PickerField } from './PickerField.js';
import { tripleLabel, useRecentSessions, type RecentSession } from './recentSessions.js';
import { useStartAndOpen } from './useStartAndOpen.js';
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
 * Pickers list resources (recently used ones first) but always accept free text; the last few triples
 * started are one-click Recent entries.
 */
export function SessionForm() {
  const { dispatch } = useUiState();
  const { start, startAndOpen } = useStartAndOpen();
  const [recents] = useRecentSessions();
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
    if (result.params) startAndOpen(result.params);
  };
  const recentOf = (field: keyof RecentSession) => [...new Set(recents.map((r) => r[field]))];

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
      <RecentSessions
        recents={recents}
        disabled={start.isPending}
        onStart={(r) => startAndOpen(r)}
      />
      <PickerField
        label="Application"
        value={values.application}
        onChange={change('application')}
        error={errors.application}
        options={apps}
        recent={recentOf('applicationIdentifier')}
      />
      <PickerField
        label="Environment"
        value={values.environment}
        onChange={change('environment')}
        error={errors.environment}
        options={envs}
        recent={recentOf('environmentIdentifier')}
      />
      <PickerField
        label="Configuration profile"
        value={values.profile}
        onChange={change('profile')}
        error={errors.profile}
        options={profiles}
        recent={recentOf('configurationProfileIdentifier')}
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

/** The triples started last, newest first: one click starts the same session again. */
function RecentSessions({
  recents,
  disabled,
  onStart,
}: {
  recents: RecentSession[];
  disabled: boolean;
  onStart: (recent: RecentSession) => void;
}) {
  const headingId = useId();
  if (recents.length === 0) return null;
  return (
    <div className="recent-sessions" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Recent</h3>
      {recents.map((r) => (
        <button
          key={tripleLabel(r)}
          type="button"
          disabled={disabled}
          title={`Start a session on ${tripleLabel(r)}`}
          onClick={() => onStart(r)}
        >
          {tripleLabel(r)}
        </button>
      ))}
    </div>
  );
}

/** A labelled text field with its hint and error; `options` as a datalist (the deployment form's pickers). */
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
