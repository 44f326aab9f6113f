// Test-only: the malformed inputs fuzz.test.ts draws from: wrong-typed values, ids that name nothing,
// broken bodies, paths out of the UI folder, gate-dodging headers and broken HTTP.
import { build, int, pick, type FuzzCase, type Rng, type Target } from './fuzzRequest.js';

/** Values of the wrong type for any field, and strings no field accepts (too long for every limit). */
export const WRONG_TYPES: unknown[] = [
  null,
  true,
  false,
  1.5,
  -1,
  2 ** 53,
  1e300,
  [],
  [1],
  {},
  { a: 1 },
];
export const BAD_STRINGS = ['', 'x'.repeat(5000), 'é'.repeat(300)];
/** Strings that are the right type and length but name nothing; they must be refused as not found. */
export const ODD_IDS = [
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '%2e%2e%2f',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e\u0041',
  '/',
  ' ',
  "'; DROP TABLE sessions; --",
  '<script>alert(1)</script>',
  'x'.repeat(200),
];

export const BAD_BODIES: (string | Buffer)[] = [
  '',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}{"b":2}',
  'undefined',
  'NaN',
  // (A UTF-8 byte-order mark before valid JSON is accepted, as TextDecoder drops it: not listed here.)
  '\ufeff',
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
  Buffer.from([0xed, 0xa0, 0x80]),
];

/** Paths that try to leave the UI folder; none may serve anything but a 4xx. */
export function traversal(rng: Rng): string {
  const up = pick(rng, [
    '..',
    '%2e%2e',
    '%2E%2e',
    '.%2e',
    '%2e.',
    '%252e%252e',
    '%c0%ae%c0%ae',
    '..%00',
    '...',
  ]);
  const slash = pick(rng, ['/', '%2f', '%2F', '%5c', '\\', '%252f', '//', '/./']);
  const to = pick(rng, [
    'secret.txt',
    'etc/passwd',
    'ui/../secret.txt',
    '.env',
    'link-out.txt',
    '%00',
    '',
  ]);
  const prefix = pick(rng, ['/', '/assets/', '/api/..', '/.', '/%2f', '/C:', '/%00/']);
  return prefix + `${up}${slash}`.repeat(1 + int(rng, 6)) + to;
}

/** Requests the gate must refuse before anything else: foreign Host/Origin, missing or wrong tokens. */
export function gate(rng: Rng, t: Target): FuzzCase {
  const target = pick(rng, ['/', '/index.html', '/api/listSessions', '/api/events', '/?token=x']);
  const method = target.startsWith('/api/l') ? 'POST' : 'GET';
  const body = method === 'POST' ? '{}' : undefined;
  const choice = int(rng, 4);
  if (choice === 0) {
    const host = pick(rng, [
      null,
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${t.port}.evil.example`,
      `localhost:${t.port}@evil`,
      `[::1]:${t.port}`,
      '',
      `127.0.0.1:${t.port + 1}`,
    ]);
    return { kind: 'host', raw: build(t, { method, target, host, body }), expect: 'clientError' };
  }
  if (choice === 1) {
    const origin = pick(rng, [
      'null',
      'http://evil.example',
      `http://127.0.0.1:${t.port}.evil.example`,
      `https://127.0.0.1:${t.port}`,
      `http://127.0.0.1:${t.port}/`,
      'file://',
    ]);
    return {
      kind: 'origin',
      raw: build(t, { method, target, body, headers: [['Origin', origin]] }),
      expect: 'clientError',
    };
  }
  const cookie = pick(rng, [
    '',
    '=;;;==',
    `appconfig-inspector-${t.port}=`,
    `appconfig-inspector-${t.port}=${t.token}x`,
    `appconfig-inspector-${t.port + 1}=${t.token}`,
    'a'.repeat(8000),
    `x=1; appconfig-inspector-${t.port}`,
  ]);
  const auth = pick(rng, [
    null,
    '',
    'Bearer',
    'Bearer ',
    `Bearer ${t.token} extra`,
    `Basic ${t.token}`,
    `Bearer ${t.token.slice(1)}`,
    `Bearer ${t.token}\u00e9`,
  ]);
  const target2 =
    choice === 2 && method === 'GET'
      ? `/?token=${pick(rng, ['', '%zz', 'a'.repeat(600), t.token + '%00'])}`
      : target;
  return {
    kind: 'auth',
    raw: build(t, { method, target: target2, auth, body, headers: [['Cookie', cookie]] }),
    expect: 'clientError',
  };
}

/** Broken HTTP itself: the parser refuses it, and the answer must still be an envelope. */
export const BROKEN_HTTP = (t: Target): string[] => [
  `GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Length: abc\r\nConnection: close\r\n\r\n`,
  `POST /api/hello HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{}`,
  `POST /api/hello HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  `GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nNo colon here\r\nConnection: close\r\n\r\n`,
  `GET /a\u0000b HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET /a b HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `FOO / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET / HTTP/9.9\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`,
  `GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
  `CONNECT 127.0.0.1:${t.port} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET //etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  `GET * HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nConnection: close\r\n\r\n`,
  // Blank lines before a request line are allowed (RFC 9112 §2.2); the garbage after them is not.
  `\r\n\r\nGARBAGE\r\n\r\n`,
  `GET\r\n\r\n`,
];
