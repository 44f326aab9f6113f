// **New version**: write a hosted version in Monaco (JSON, YAML or text; JSON for a feature-flag profile),
// checked as you type with core/authoredDocument.ts. An invalid document shows its line and reason and cannot
// be uploaded; the service checks again before anything reaches AppConfig.
import { useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import { checkAuthored, type AuthoredFormat } from '../../../core/authoredDocument.js';
import type { ProfileRef } from '../../../protocol/messages.js';
import { useCreateHostedVersion } from '../../deploymentQueries.js';
import { describeError } from '../../queries.js';
import { editorLanguage } from './deploymentsModel.js';
import { VersionEditor } from './VersionEditor.js';

const FORMATS: { id: AuthoredFormat; label: string }[] = [
  { id: 'json', label: 'JSON' },
  { id: 'yaml', label: 'YAML' },
  { id: 'text', label: 'Text' },
];

export function NewVersionForm({
  profile,
  featureFlagProfile,
}: {
  profile: ProfileRef;
  /** The profile's type as the control plane lists it; undefined when unknown (the user says). */
  featureFlagProfile?: boolean | undefined;
}) {
  const id = useId();
  const create = useCreateHostedVersion();
  const [chosenFormat, setFormat] = useState<AuthoredFormat>('json');
  const [chosenFlags, setFeatureFlags] = useState(false);
  const featureFlags = featureFlagProfile ?? chosenFlags;
  const [text, setText] = useState('{\n}\n');
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  const format = featureFlags ? 'json' : chosenFormat;
  // Checking a large document on every keystroke would lag typing; React re-checks once it is idle.
  const checkedText = useDeferredValue(text);
  const problem = useMemo(
    () => checkAuthored(checkedText, format, featureFlags),
    [checkedText, format, featureFlags],
  );
  // AWS: a label may not be all digits, so it can never be mistaken for a version number.
  const labelError = /^\d+$/.test(label.trim())
    ? 'A version label may not be only digits (AWS rule).'
    : undefined;
  const invalid = problem !== undefined || checkedText !== text || labelError !== undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    create.mutate({
      ...profile,
      content: text,
      format,
      ...(label.trim() ? { versionLabel: label.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };

  return (
    <form className="new-version" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>New version</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            value={format}
            disabled={featureFlags}
            onChange={(e) => setFormat(e.target.value as AuthoredFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={featureFlags}
            disabled={featureFlagProfile !== undefined}
            onChange={(e) => setFeatureFlags(e.target.checked)}
          />{' '}
          Feature-flag profile (AWS.AppConfig.FeatureFlags, JSON)
          {featureFlagProfile !== undefined && (
            <small className="muted"> (from the profile&apos;s type)</small>
          )}
        </label>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-label`}>Version label</label>
          <input
            id={`${id}-label`}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            aria-invalid={labelError ? true : undefined}
            aria-describedby={labelError ? `${id}-label-error` : undefined}
          />
          {labelError && (
            <small id={`${id}-label-error`} className="field-error">
              {labelError}
            </small>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <input
            id={`${id}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
      </div>
      <VersionEditor
        value={text}
        language={editorLanguage(format)}
        ariaLabel="New version content"
        onChange={setText}
        problem={problem}
      />
      {problem ? (
        <p className="field-error" role="alert" id={`${id}-problem`}>
          Line {problem.line}
          {problem.column ? `, column ${problem.column}` : ''}: {problem.reason}
        </p>
      ) : (
        <p className="muted" role="status">
          {checkedText === text ? 'Ready to upload.' : 'Checking…'}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={invalid || create.isPending}
        aria-describedby={problem ? `${id}-problem` : undefined}
      >
        {create.isPending ? 'Uploading…' : 'Upload version'}
      </button>
      {create.isSuccess && (
        <p role="status">
          Created version {create.data.versionNumber}
          {create.data.versionLabel ? ` (${create.data.versionLabel})` : ''}.
        </p>
      )}
      {create.isError && (
        <p className="form-error" role="alert">
          Could not upload the version: {describeError(create.error)}
        </p>
      )}
    </form>
  );
}
