// The poll detail pane in happy-dom behind a literal getRawResponse: what it shows of the request, timing,
// response and flags (the body viewer a stand-in), and "Copy as" with a clipboard that accepts and one that
// refuses.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { RawResponse, SessionSummary } from '../../../protocol/messages.js';
import { PollDetail } from './PollDetail.js';
import { chain } from './testEvents.js';
import { click, render, settle, waitFor, withServer } from './testRender.js';

// Monaco cannot load in happy-dom in test time (docs/toolchain.md pitfall 13): a stand-in shows what the pane
// hands its body viewer; e2e/pollDetail.spec.ts reads the real Monaco viewer.
vi.mock('../deployments/CodeEditor.js', async () => ({
  default: (await import('../deployments/testDeployments.js')).StandInEditor,
}));

const session: SessionSummary = {
  id: 's1',
  origin: 'inspector',
  applicationIdentifier: 'app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'flags',
  backend: 'http://127.0.0.1:4000',
  region: 'us-east-1',
  startedAt: 0,
  state: 'polling',
  pollCount: 3,
};
const events = chain(3);
const FULL = 'AYADe+full/token==';
const body = new TextEncoder().encode('{"feature":true}');
const raw: RawResponse = {
  seq: 2,
  call: 'GetLatestConfiguration',
  httpStatus: 200,
  headers: {
    'x-amzn-RequestId': 'req-2',
    'Next-Poll-Configuration-Token': 'AYADeNext',
    'Next-Poll-Interval-In-Seconds': '15',
    'Content-Type': 'application/json',
  },
  body: {
    contentHash: 'h',
    contentType: 'application/json',
    size: body.length,
    base64: btoa(String.fromCharCode(...body)),
  },
  request: {
    method: 'GET',
    path: `/configuration?configuration_token=${encodeURIComponent(FULL)}`,
    tokenIn: { full: FULL, fingerprint: 't1' },
    invocationId: 'inv-2',
    attempts: 2,
  },
};
const flag: Anomaly = {
  id: 'polledTooEarly:2',
  rule: 'polledTooEarly',
  severity: 'warning',
  sessionId: 's1',
  seq: 2,
  title: 'Polled too early',
  explanation: 'Sent before the interval.',
  fix: 'Wait NextPollIntervalInSeconds.',
};
const otherFlag: Anomaly = { ...flag, id: 'polledTooEarly:1', seq: 1, title: 'Other poll' };

async function renderDetail() {
  const onClose = vi.fn();
  const view = await render(
    withServer(
      <PollDetail
        session={session}
        events={events}
        seq={2}
        anomalies={[otherFlag, flag]}
        onClose={onClose}
      />,
      { getRawResponse: () => raw },
    ),
  );
  const pane = () => view.container.querySelector<HTMLElement>('[aria-label="Poll detail"]')!;
  // A text body goes to the (stand-in) Monaco viewer, not the Raw tab's plain text.
  await waitFor(() => pane().querySelector('.raw-body-viewer textarea') !== null);
  return { view, pane, onClose };
}

const button = (root: HTMLElement, name: string) =>
  Array.from(root.querySelectorAll('button')).find((b) => b.textContent === name);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('PollDetail', () => {
  it('shows the request with the full token and fingerprint, timing, every header, the body and only its own flags', async () => {
    const { pane } = await renderDetail();
    const text = pane().textContent!;
    expect(pane().querySelector('.poll-detail-path')?.textContent).toBe(
      'GET /configuration?configuration_token=AYADe%2Bfull%2Ftoken%3D%3D',
    );
    expect(pane().querySelector('[aria-label="Full token in"]')?.textContent).toBe(FULL);
    expect(text).toContain('t1');
    expect(text).toContain('inv-2');
    expect(text).toContain('(the SDK retried with the same token and invocation id)');
    expect(text).toContain('15 s (Next-Poll-Interval-In-Seconds of the previous answer)');
    expect(text).toContain('HTTP 200 OK · 16 B · 4 headers');
    const headerNames = Array.from(
      pane().querySelectorAll('.raw-headers tbody th'),
      (th) => th.textContent,
    );
    expect(headerNames).toEqual(Object.keys(raw.headers));
    const viewer = pane().querySelector<HTMLTextAreaElement>(
      '[aria-label="Response body (read-only)"]',
    );
    expect(viewer?.value).toContain('"feature"');
    expect(viewer?.dataset.language).toBe('json');
    expect(text).toContain('Polled too early');
    expect(text).toContain('Fix: Wait NextPollIntervalInSeconds.');
    expect(text).not.toContain('Other poll');
  });

  it('copies the AWS CLI command to the clipboard and says "Copied"', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { pane } = await renderDetail();
    await click(button(pane(), 'Copy as AWS CLI'));
    await settle();
    expect(writeText).toHaveBeenCalledOnce();
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(copied).toContain('aws appconfigdata get-latest-configuration');
    expect(copied).toContain(`--configuration-token ${FULL}`);
    expect(copied).toContain('--endpoint-url http://127.0.0.1:4000');
    expect(pane().querySelector('[role="status"].copy-as-status')?.textContent).toBe(
      'Copied (AWS CLI)',
    );
  });

  it('shows the text in a selectable box when the clipboard refuses', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('Document is not focused.')));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { pane } = await renderDetail();
    await click(button(pane(), 'Copy as curl'));
    await settle();
    const box = pane().querySelector<HTMLTextAreaElement>(
      'textarea[aria-label="curl text to copy"]',
    );
    expect(box?.value).toContain('--aws-sigv4 aws:amz:us-east-1:appconfig');
    expect(pane().textContent).toContain(
      'The clipboard refused the text (Document is not focused.)',
    );
  });

  it('closes from its Close button', async () => {
    const { pane, onClose } = await renderDetail();
    await click(button(pane(), 'Close'));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
