import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../../../protocol/messages.js';
import { RawView } from './RawView.js';
import { bytesToBase64, render, waitFor, withServer } from './testRender.js';

const json = new TextEncoder().encode('{"feature":true}');
const binary = new Uint8Array([0x00, 0x01, 0xff, 0x7b, 0x41]);

const responses: Record<number, RawResponse> = {
  1: {
    seq: 1,
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
  2: { seq: 2, httpStatus: 200, headers: { 'next-poll-interval-in-seconds': '15' } },
  3: {
    seq: 3,
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
});
