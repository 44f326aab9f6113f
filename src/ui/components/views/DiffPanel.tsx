// Compares two configuration versions: fetches both by content hash, decodes them, summarises the change
// and shows the Monaco diff. Rendered by the shell. Monaco is loaded with React.lazy so it stays out of
// the initial bundle; this file must never import src/ui/monaco or monaco-editor directly.
import { Fragment, lazy, Suspense, use, useMemo, useState } from 'react';
import type { DecodedConfiguration } from '../../../core/decode.js';
import { featureFlagChanges, summarizeDiff } from '../../../core/diffSummary.js';
import type { ContentBlob } from '../../../protocol/messages.js';
import { describeError, useContent } from '../../queries.js';
import type { DiffOptions } from '../../uiState.js';
import { base64ToBytes } from './bytes.js';
import { ChunkErrorBoundary } from './ChunkErrorBoundary.js';
import { decodeModule } from './decodeLoader.js';
import { canNormalise, monacoLanguage, showsFlagChanges, type ProfileKind } from './diffModel.js';
import { DiffSummaryView, FlagChangesView } from './DiffSummary.js';
import { formatBytes } from './format.js';
import './views.css';

const DiffEditor = lazy(() => import('./DiffEditor.js'));

export interface DiffPanelProps {
  originalHash: string;
  modifiedHash: string;
  profileKind?: ProfileKind;
  /** Controlled options (the shell persists them); the panel keeps its own when omitted. */
  options?: DiffOptions;
  onOptionsChange?: (options: Partial<DiffOptions>) => void;
  /** Version labels for the two sides; short hashes otherwise. */
  originalLabel?: string;
  modifiedLabel?: string;
}

const DEFAULT_OPTIONS: DiffOptions = { sideBySide: true, normalise: true };

type Decoder = Awaited<ReturnType<typeof decodeModule>>;

function compare(
  { normalise }: Decoder,
  a: DecodedConfiguration,
  b: DecodedConfiguration,
  wantNormalise: boolean,
  profileKind?: ProfileKind,
) {
  const normaliseApplies = canNormalise(a.kind) || canNormalise(b.kind);
  const normaliseOn = normaliseApplies && wantNormalise;
  const structured = a.value !== undefined && b.value !== undefined;
  return {
    normaliseApplies,
    normaliseOn,
    left: normalise(a, normaliseOn),
    right: normalise(b, normaliseOn),
    language: a.kind === b.kind ? monacoLanguage(a.kind) : 'plaintext',
    summary: structured ? summarizeDiff(a.value, b.value) : undefined,
    flagChanges:
      structured && showsFlagChanges(profileKind, a.value, b.value)
        ? featureFlagChanges(a.value, b.value)
        : undefined,
  };
}

export function DiffPanel(props: DiffPanelProps) {
  const original = useContent(props.originalHash);
  const modified = useContent(props.modifiedHash);
  const [ownOptions, setOwnOptions] = useState<DiffOptions>(DEFAULT_OPTIONS);
  const options = props.options ?? ownOptions;
  const changeOptions = (patch: Partial<DiffOptions>) => {
    if (props.onOptionsChange) props.onOptionsChange(patch);
    else setOwnOptions((current) => ({ ...current, ...patch }));
  };

  if (original.isError || modified.isError) {
    return (
      <p role="alert" className="view-error">
        Could not load the versions: {describeError(original.error ?? modified.error)}
      </p>
    );
  }
  const loading = (
    <p role="status" className="view-loading">
      Loading versions…
    </p>
  );
  if (!original.data || !modified.data) return loading;
  return (
    <ChunkErrorBoundary what="decoder">
      <Suspense fallback={loading}>
        <DiffView
          {...props}
          original={original.data}
          modified={modified.data}
          options={options}
          onChange={changeOptions}
        />
      </Suspense>
    </ChunkErrorBoundary>
  );
}

interface DiffViewProps extends DiffPanelProps {
  original: ContentBlob;
  modified: ContentBlob;
  options: DiffOptions;
  onChange: (patch: Partial<DiffOptions>) => void;
}

function DiffView(props: DiffViewProps) {
  const {
    original,
    modified,
    options,
    onChange: changeOptions,
    profileKind,
    originalHash,
    modifiedHash,
  } = props;
  const decoder = use(decodeModule());
  const a = useMemo(
    () => decoder.decodeConfiguration(base64ToBytes(original.base64), original.contentType),
    [decoder, original],
  );
  const b = useMemo(
    () => decoder.decodeConfiguration(base64ToBytes(modified.base64), modified.contentType),
    [decoder, modified],
  );
  // Normalising and summarising can be heavy for big documents; redo them only when inputs change.
  const view = useMemo(
    () => compare(decoder, a, b, options.normalise, profileKind),
    [decoder, a, b, options.normalise, profileKind],
  );
  const originalLabel = props.originalLabel ?? originalHash.slice(0, 12);
  const modifiedLabel = props.modifiedLabel ?? modifiedHash.slice(0, 12);
  const { normaliseApplies, normaliseOn, left, right, summary, flagChanges } = view;

  return (
    <section className="diff-panel" aria-label={`Diff of ${originalLabel} and ${modifiedLabel}`}>
      <div className="diff-toolbar" role="toolbar" aria-label="Diff options">
        <span className="diff-sides">
          <strong>{originalLabel}</strong> → <strong>{modifiedLabel}</strong>
        </span>
        <div className="segmented" role="group" aria-label="Layout">
          <button
            type="button"
            aria-pressed={options.sideBySide}
            onClick={() => changeOptions({ sideBySide: true })}
          >
            Side by side
          </button>
          <button
            type="button"
            aria-pressed={!options.sideBySide}
            onClick={() => changeOptions({ sideBySide: false })}
          >
            Inline
          </button>
        </div>
        <label
          title={normaliseApplies ? undefined : 'Only JSON and YAML documents can be normalised'}
        >
          <input
            type="checkbox"
            checked={normaliseOn}
            disabled={!normaliseApplies}
            onChange={(e) => changeOptions({ normalise: e.target.checked })}
          />{' '}
          Normalise (pretty-print, sort keys)
        </label>
      </div>
      {originalHash === modifiedHash && <p className="muted">Both sides are the same version.</p>}
      {[a, b].map((d, i) => {
        const label = i === 0 ? originalLabel : modifiedLabel;
        return (
          <Fragment key={i}>
            {d.error && (
              <p className="view-warning">
                {label}: {d.error}
              </p>
            )}
            {d.large && (
              <p className="view-warning">
                {label}: large document ({formatBytes(d.size)}); the diff may take a few seconds.
              </p>
            )}
          </Fragment>
        );
      })}
      {summary ? (
        <DiffSummaryView summary={summary} textsDiffer={a.text !== b.text} />
      ) : (
        <p className="muted">
          No key summary for {a.kind === b.kind ? a.kind : `${a.kind} vs ${b.kind}`} content; the
          editor shows the text difference.
        </p>
      )}
      {flagChanges && <FlagChangesView changes={flagChanges} />}
      <ChunkErrorBoundary what="diff editor">
        <Suspense
          fallback={
            <p role="status" className="view-loading diff-editor-host">
              Loading diff editor…
            </p>
          }
        >
          <DiffEditor
            original={left}
            modified={right}
            language={view.language}
            sideBySide={options.sideBySide}
            originalLabel={originalLabel}
            modifiedLabel={modifiedLabel}
          />
        </Suspense>
      </ChunkErrorBoundary>
    </section>
  );
}
