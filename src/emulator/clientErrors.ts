// Requests Node refuses before any handler sees them (headers over the limit, unparsable request lines,
// unknown methods, header timeouts). Node's own answer has no body; this one is AWS-shaped, so an SDK shows
// a named error and a message instead of an unknown one. Installed by the emulator's index; imports node: only.
import { randomUUID } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Request headers, all together, that the emulator reads (Node's own default, fixed so the README holds). */
export const MAX_HEADER_BYTES = 16 * 1024;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

function answerFor(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        message: `Request headers exceed ${MAX_HEADER_BYTES} bytes in total (a configuration token is about 1 kB).`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: 'Chunk extensions of the request body are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request was not received in time.' };
    case 'HPE_INVALID_METHOD':
      return { status: 400, message: 'The request method is not one HTTP defines.' };
    default:
      return {
        status: 400,
        message: `The request is not well-formed HTTP/1.1 (${code ?? 'parse error'}).`,
      };
  }
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way can't be followed by another on the same socket without corrupting it.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, message } = answerFor(error.code);
    const body = JSON.stringify({ Message: message });
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'x-amzn-ErrorType: BadRequestException\r\n' +
        `x-amzn-RequestId: ${randomUUID()}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
