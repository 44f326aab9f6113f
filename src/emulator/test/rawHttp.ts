// Test-only raw HTTP/1.1 client over a TCP socket, for requests no well-behaved client would send (odd methods,
// unescaped paths, any Host, oversized headers). One request per connection; every call has a deadline.
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  path: string;
  /** Sent in order as given; a `Host` is added only when none is. */
  headers?: [string, string][];
  body?: Buffer | string;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const body =
    typeof request.body === 'string'
      ? Buffer.from(request.body)
      : (request.body ?? Buffer.alloc(0));
  const headers = [...(request.headers ?? [])];
  if (!headers.some(([k]) => k.toLowerCase() === 'host'))
    headers.unshift(['Host', `127.0.0.1:${port}`]);
  if (!headers.some(([k]) => k.toLowerCase() === 'content-length') && body.length > 0)
    headers.push(['Content-Length', String(body.length)]);
  headers.push(['Connection', 'close']);
  const head =
    `${request.method} ${request.path} HTTP/1.1\r\n` +
    headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `no answer within ${request.timeoutMs ?? 5000} ms: ${request.method} ${request.path.slice(0, 80)}`,
        ),
      );
    }, request.timeoutMs ?? 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    // The server may close while we still write a body it refused; what it answered is what counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) {
        reject(
          new Error(
            `connection closed without an HTTP answer: ${request.method} ${request.path.slice(0, 80)}`,
          ),
        );
        return;
      }
      const [statusLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest: Buffer = all.subarray(end + 4);
      if (parsed['transfer-encoding'] === 'chunked') rest = dechunk(rest);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers: parsed, body: rest });
    });
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
