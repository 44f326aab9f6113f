// Test-only: the fuzzer's building blocks: a seeded random source, and a raw HTTP/1.1 request built from
// parts, each of which can be left out or replaced (Host, Authorization, Content-Type, Content-Length).

export type Rng = () => number;

/** mulberry32: tiny, fast and reproducible from one 32-bit seed. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** clientError: a 4xx error envelope. settles: well-formed input about things that may not exist; any
 * documented answer except 500 (an unknown application is AWS's 4xx, relayed as 502). */
export type Expectation = 'clientError' | 'settles';

export interface FuzzCase {
  kind: string;
  raw: Buffer;
  expect: Expectation;
  head?: boolean;
}

export interface Target {
  port: number;
  token: string;
}

type Headers = [string, string][];

interface Build {
  method?: string;
  target: string;
  headers?: Headers;
  body?: string | Buffer;
  /** null leaves the header out; a string replaces the default. */
  host?: string | null;
  auth?: string | null;
  contentType?: string | null;
  contentLength?: string | null;
}

export function build(t: Target, b: Build): Buffer {
  const method = b.method ?? 'POST';
  const body = b.body === undefined ? undefined : Buffer.from(b.body);
  const lines = [`${method} ${b.target} HTTP/1.1`];
  const host = b.host === undefined ? `127.0.0.1:${t.port}` : b.host;
  if (host !== null) lines.push(`Host: ${host}`);
  const auth = b.auth === undefined ? `Bearer ${t.token}` : b.auth;
  if (auth !== null) lines.push(`Authorization: ${auth}`);
  const type =
    b.contentType === undefined && method === 'POST' ? 'application/json' : b.contentType;
  if (type) lines.push(`Content-Type: ${type}`);
  const length = b.contentLength === undefined ? body && String(body.length) : b.contentLength;
  if (length !== null && length !== undefined) lines.push(`Content-Length: ${length}`);
  for (const [name, value] of b.headers ?? []) lines.push(`${name}: ${value}`);
  lines.push('Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body ?? Buffer.alloc(0)]);
}

export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)]!;
export const int = (rng: Rng, max: number) => Math.floor(rng() * max);
