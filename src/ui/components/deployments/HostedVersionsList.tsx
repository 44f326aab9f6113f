// The profile's hosted versions (number, label, content type, size): view one's content read-only in Monaco,
// or tick two and compare them in the existing diff panel. The content is fetched per version on demand.
import { useState } from 'react';
import type { HostedVersionSummary, ProfileRef } from '../../../protocol/messages.js';
import { useHostedVersion, useHostedVersions } from '../../deploymentQueries.js';
import { describeError } from '../../queries.js';
import { base64ToBytes } from '../views/bytes.js';
import { DiffPanel } from '../views/DiffPanel.js';
import { formatBytes } from '../views/format.js';
import { VersionEditor } from './VersionEditor.js';

const languageOf = (contentType?: string) =>
  contentType?.includes('json') ? 'json' : contentType?.includes('yaml') ? 'yaml' : 'plaintext';

export function HostedVersionsList({ profile }: { profile: ProfileRef }) {
  const versions = useHostedVersions(profile);
  const [viewed, setViewed] = useState<number>();
  const [ticked, setTicked] = useState<number[]>([]);
  const [compared, setCompared] = useState<[number, number]>();

  if (versions.isPending)
    return (
      <p role="status" className="muted">
        Loading versions…
      </p>
    );
  if (versions.isError)
    return <p role="alert">Could not list the hosted versions: {describeError(versions.error)}</p>;
  if (versions.data.length === 0)
    return <p className="muted">This profile has no hosted versions yet.</p>;

  const toggle = (n: number, on: boolean) =>
    setTicked((t) => (on ? [...t.filter((x) => x !== n), n].slice(-2) : t.filter((x) => x !== n)));

  return (
    <section aria-label="Hosted versions">
      <table className="hosted-versions">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Version</th>
            <th scope="col">Label</th>
            <th scope="col">Content type</th>
            <th scope="col">Size</th>
            <th scope="col">Content</th>
          </tr>
        </thead>
        <tbody>
          {versions.data.map((v: HostedVersionSummary) => (
            <tr key={v.versionNumber} aria-current={viewed === v.versionNumber || undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare version ${v.versionNumber}`}
                  checked={ticked.includes(v.versionNumber)}
                  onChange={(e) => toggle(v.versionNumber, e.target.checked)}
                />
              </td>
              <td>{v.versionNumber}</td>
              <td>{v.versionLabel ?? '—'}</td>
              <td>{v.contentType ?? '—'}</td>
              <td>{v.size === undefined ? '—' : formatBytes(v.size)}</td>
              <td>
                <button type="button" onClick={() => setViewed(v.versionNumber)}>
                  View {v.versionNumber}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        disabled={ticked.length !== 2}
        onClick={() => {
          const [a, b] = [...ticked].sort((x, y) => x - y);
          setCompared([a!, b!]);
          setViewed(undefined);
        }}
      >
        Compare
      </button>
      {viewed !== undefined && <VersionContent profile={profile} versionNumber={viewed} />}
      {compared && <VersionDiff profile={profile} pair={compared} />}
    </section>
  );
}

function VersionContent({
  profile,
  versionNumber,
}: {
  profile: ProfileRef;
  versionNumber: number;
}) {
  const version = useHostedVersion(profile, versionNumber);
  if (version.isError)
    return (
      <p role="alert">
        Could not read version {versionNumber}: {describeError(version.error)}
      </p>
    );
  if (!version.data)
    return (
      <p role="status" className="muted">
        Loading version {versionNumber}…
      </p>
    );
  const text = new TextDecoder().decode(base64ToBytes(version.data.content.base64));
  return (
    <section aria-label={`Content of version ${versionNumber}`}>
      <h4>Version {versionNumber}</h4>
      <VersionEditor
        value={text}
        readOnly
        language={languageOf(version.data.contentType)}
        ariaLabel={`Content of version ${versionNumber}`}
      />
    </section>
  );
}

function VersionDiff({ profile, pair }: { profile: ProfileRef; pair: [number, number] }) {
  const a = useHostedVersion(profile, pair[0]);
  const b = useHostedVersion(profile, pair[1]);
  if (a.isError || b.isError)
    return <p role="alert">Could not read the versions: {describeError(a.error ?? b.error)}</p>;
  if (!a.data || !b.data)
    return (
      <p role="status" className="muted">
        Loading versions…
      </p>
    );
  const label = (v: typeof a.data) =>
    `${v.versionNumber}${v.versionLabel ? ` (${v.versionLabel})` : ''}`;
  return (
    <DiffPanel
      originalHash={a.data.content.contentHash}
      modifiedHash={b.data.content.contentHash}
      originalLabel={label(a.data)}
      modifiedLabel={label(b.data)}
    />
  );
}
