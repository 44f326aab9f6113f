// Test-only: one request written byte for byte on a fresh TCP socket, so tests can send what node:http
// and fetch refuse to (NUL or spaces in targets, missing Host, bad Content-Length, unknown methods).
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Resolves with the parsed answer, or rejects when none arrives within `timeoutMs` or the socket dies silent. */
export function sendRaw(
  port: number,
  request: Buffer | string,
  timeoutMs = 3000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Answers carry Content-Length; once it is all here there is no need to wait for the close.
      if (complete(Buffer.concat(chunks))) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    // A reset after a full answer is fine (the server closes oversized uploads); before one it is a failure.
    socket.on('error', () => (complete(Buffer.concat(chunks)) ? finish() : undefined));
    socket.on('close', () => {
      clearTimeout(timer);
      if (chunks.length === 0) reject(new Error('connection closed without an answer'));
      else finish();
    });
    socket.write(request);
  });
}

function headEnd(data: Buffer): number {
  return data.indexOf('\r\n\r\n');
}

function complete(data: Buffer): boolean {
  const end = headEnd(data);
  if (end < 0) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'));
  return length !== null && data.length - end - 4 >= Number(length[1]);
}

export function parseAnswer(data: Buffer): RawAnswer {
  const end = headEnd(data);
  if (end < 0)
    throw new Error(
      `answer without a complete head: ${JSON.stringify(data.toString('latin1').slice(0, 200))}`,
    );
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
  if (!match) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const declared = headers['content-length'];
  const rest = data.subarray(end + 4);
  const body = declared === undefined ? rest : rest.subarray(0, Number(declared));
  return { status: Number(match[1]), headers, body };
}
