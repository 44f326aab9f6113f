import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../../../protocol/messages.js';
import { RawView } from './RawView.js';
import { DISPLAY_CHARS } from './rawNotices.js';
import { bytesToBase64, click, render, waitFor, withServer } from './testRender.js';

const json = new TextEncoder().encode('{"feature":true}');
const binary = new Uint8Array([0x00, 0x01, 0xff, 0x7b, 0x41]);
const notUtf8 = new Uint8Array([0x7b, 0xff, 0x7d]);
const badJson = new TextEncoder().encode('{"a": 1,}');
const huge = new TextEncoder().encode(`[${'1234567,'.repeat(655_360)}0]`);
const blob = (hash: string, bytes: Uint8Array, contentType?: string) => ({
  contentHash: hash,
  size: bytes.length,
  base64: bytesToBase64(bytes),
  ...(contentType ? { contentType } : {}),
});
const pollHeaders = {
  'Next-Poll-Configuration-Token': 'AYADeJ…',
  'Next-Poll-Interval-In-Seconds': '60',
};

// The request side does not change what the Raw tab shows.
const request = {
  method: 'GET',
  path: '/configuration?configuration_token=t',
  attempts: 1,
} as const;

const responses: Record<number, RawResponse> = {
  1: {
    seq: 1,
    request,
    httpStatus: 200,
    headers: {
      'content-type': 'application/json',
      'next-poll-interval-in-seconds': '15',
      'version-label': 'v1',
    },
    body: {
      contentHash: 'h1',
      contentType: 'application/json',
      size: json.length,
      base64: bytesToBase64(json),
    },
  },
  2: { seq: 2, request, httpStatus: 200, headers: { 'next-poll-interval-in-seconds': '15' } },
  3: {
    seq: 3,
    request,
    httpStatus: 200,
    headers: { 'content-type': 'application/octet-stream' },
    body: {
      contentHash: 'h3',
      contentType: 'application/octet-stream',
      size: binary.length,
      base64: bytesToBase64(binary),
    },
  },
  4: {
    seq: 4,
    request,
    httpStatus: 400,
    headers: { 'x-amzn-errortype': 'BadRequestException' },
    error: {
      errorName: 'BadRequestException',
      message: 'Request too early',
      details: {
        InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
      },
    },
  },
};

const strange: Record<number, RawResponse> = {
  5: {
    seq: 5,
    request,
    call: 'GetLatestConfiguration',
    httpStatus: 200,
    headers: { ...pollHeaders, 'Content-Type': 'application/json' },
    body: blob('h5', notUtf8, 'application/json'),
  },
  6: {
    seq: 6,
    request,
    call: 'GetLatestConfiguration',
    httpStatus: 200,
    headers: { ...pollHeaders, 'Content-Type': 'application/json' },
    body: blob('h6', badJson, 'application/json'),
  },
  7: {
    seq: 7,
    request,
    call: 'GetLatestConfiguration',
    httpStatus: 200,
    headers: { ...pollHeaders, 'Content-Type': 'application/json' },
    body: blob('h7', huge, 'application/json'),
  },
  8: {
    seq: 8,
    request,
    call: 'GetLatestConfiguration',
    httpStatus: 200,
    headers: { 'x-amzn-RequestId': 'r-8' },
    body: blob('h8', json),
  },
  9: {
    seq: 9,
    request,
    call: 'StartConfigurationSession',
    httpStatus: 201,
    headers: { 'Content-Type': 'application/json' },
    body: blob(
      'h9',
      new TextEncoder().encode('{"InitialConfigurationToken":"t"}'),
      'application/json',
    ),
  },
};
Object.assign(responses, strange);

const notices = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('.raw-notices li'), (li) => li.textContent);

async function renderRaw(seq: number) {
  const server = {
    getRawResponse: ({ seq: s }: { sessionId: string; seq: number }) => responses[s] as RawResponse,
  };
  const view = await render(withServer(<RawView sessionId="s1" seq={seq} />, server));
  // Loaded once the body (or the error) is shown, not just the status line.
  await waitFor(
    () => view.container.querySelector('.raw-body, .raw-error, .raw-view p.muted') !== null,
  );
  return view;
}

describe('RawView', () => {
  it('shows the status line, the headers and the decoded body', async () => {
    const view = await renderRaw(1);
    const root = view.container;
    expect(root.querySelector('.raw-status')?.textContent).toBe('#1 HTTP 200 OK');
    const headerNames = Array.from(root.querySelectorAll('.raw-headers tbody th')).map(
      (th) => th.textContent,
    );
    expect(headerNames).toEqual(['content-type', 'next-poll-interval-in-seconds', 'version-label']);
    expect(root.querySelector('.raw-body')?.textContent).toBe('{"feature":true}');
    await view.unmount();
  });

  it('explains an empty 200 body as unchanged', async () => {
    const view = await renderRaw(2);
    expect(view.container.textContent).toContain('Empty body: the configuration is unchanged');
    await view.unmount();
  });

  it('shows binary bodies as a hex dump with their size', async () => {
    const view = await renderRaw(3);
    const root = view.container;
    expect(root.querySelector('h4 .muted')?.textContent).toBe(
      '(binary, 5 B, application/octet-stream)',
    );
    expect(root.querySelector('.raw-body')?.textContent).toContain('00000000  00 01 ff 7b 41');
    expect(root.querySelector('.raw-body')?.textContent).toContain('|...{A|');
    await view.unmount();
  });

  it('shows the error name, message and details', async () => {
    const view = await renderRaw(4);
    const root = view.container;
    expect(root.querySelector('.raw-status')?.textContent).toBe('#4 HTTP 400 Bad Request');
    expect(root.querySelector('.raw-error p')?.textContent).toBe(
      'BadRequestException: Request too early',
    );
    expect(JSON.parse(root.querySelector('.raw-error pre')?.textContent ?? '')).toEqual(
      responses[4]?.error?.details,
    );
    await view.unmount();
  });

  it('shows a body declared JSON that is not UTF-8 as hex, and says where it breaks', async () => {
    const view = await renderRaw(5);
    expect(view.container.querySelector('.raw-body')?.textContent).toContain('7b ff 7d');
    expect(notices(view.container)).toEqual([
      'Declared application/json but the bytes are not valid UTF-8 (first bad byte at offset 1)',
    ]);
    await view.unmount();
  });

  it('shows invalid JSON labelled application/json as its text, flagged with line and column', async () => {
    const view = await renderRaw(6);
    expect(view.container.querySelector('.raw-body')?.textContent).toBe('{"a": 1,}');
    expect(notices(view.container)).toEqual([
      expect.stringMatching(/^Invalid JSON at line 1, column 9: /),
    ]);
    await view.unmount();
  });

  it('cuts a 5 MB body to its first part, says so, and shows all of it on request', async () => {
    const view = await renderRaw(7);
    const pre = () => view.container.querySelector('.raw-body')?.textContent ?? '';
    expect(pre().length).toBe(DISPLAY_CHARS);
    expect(notices(view.container)).toEqual([
      'Large body (5.0 MiB): showing its first 512 K characters.',
    ]);
    const showAll = Array.from(view.container.querySelectorAll('button')).find((b) =>
      b.textContent?.startsWith('Show all'),
    );
    expect(showAll?.textContent).toBe('Show all 5.0 MiB');
    await click(showAll);
    expect(pre().length).toBe(huge.length);
    expect(notices(view.container)).toEqual(['Large body (5.0 MiB).']);
    await view.unmount();
  });

  it('flags a poll answer missing its token, interval and Content-Type headers', async () => {
    const view = await renderRaw(8);
    expect(view.container.querySelector('.raw-body')?.textContent).toBe('{"feature":true}');
    expect(notices(view.container)).toEqual([
      'No Next-Poll-Configuration-Token header: there is no token to poll with next, so the next poll needs a new session.',
      'No Next-Poll-Interval-In-Seconds header: the client has to choose its own interval (the inspector waits 60 s).',
      'No Content-Type header: the body was read as json from its bytes.',
    ]);
    await view.unmount();
  });

  it('does not ask a StartConfigurationSession answer for poll headers', async () => {
    const view = await renderRaw(9);
    expect(view.container.querySelector('.raw-body')?.textContent).toContain(
      'InitialConfigurationToken',
    );
    expect(notices(view.container)).toEqual([]);
    await view.unmount();
  });
});
