// Load generator child for the emulator bench: one keep-alive socket per session, GetLatestConfiguration
// written as raw HTTP/1.1 and answers parsed just enough (status, Content-Length, next token). node:http's
// client costs about what its server does, so it could not saturate a server on the other core.
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface LoadJob {
  port: number;
  tokens: string[];
  /** Resend each session's token instead of following the chain (every answer is full content). */
  replay: boolean;
  seconds: number;
  /** Stop each session after this many polls (warming the chains); unbounded otherwise. */
  pollsPerSession?: number;
}

export interface LoadResult {
  count: number;
  errors: number;
  wallMs: number;
  /** Client process CPU over the run, so a reader can see the generator was not the limit. */
  cpuMs: number;
  latencies: Float64Array;
  tokens: string[];
  /** One full answer (head + body) of session 0, for the bare server to copy. */
  sample?: { head: string; body: string };
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

interface Totals {
  latencies: number[];
  errors: number;
  sample?: { head: string; body: string };
}

const open = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });

function session(
  socket: Socket,
  job: LoadJob,
  index: number,
  deadline: number,
  out: Totals,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let token = job.tokens[index]!;
    let polls = 0;
    let pending: Buffer = Buffer.alloc(0);
    let head: string | undefined;
    let bodyLength = 0;
    let sent = 0;
    const send = () => {
      sent = performance.now();
      // The headers an AWS SDK poll carries that the emulator reads; the bare server gets the same bytes.
      socket.write(
        `GET /configuration?configuration_token=${encodeURIComponent(token)} HTTP/1.1\r\n` +
          `Host: 127.0.0.1:${job.port}\r\nUser-Agent: aws-sdk-js/3 bench\r\n` +
          `amz-sdk-invocation-id: ${randomUUID()}\r\namz-sdk-request: attempt=1; max=3\r\n\r\n`,
      );
    };
    const finish = () => {
      job.tokens[index] = token;
      socket.end();
      resolve();
    };
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (head === undefined) {
          const end = pending.indexOf(CRLFCRLF);
          if (end < 0) return;
          head = pending.toString('latin1', 0, end);
          pending = pending.subarray(end + 4);
          bodyLength = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        }
        if (pending.length < bodyLength) return;
        const body = pending.subarray(0, bodyLength);
        pending = pending.subarray(bodyLength);
        out.latencies.push(performance.now() - sent);
        polls++;
        if (head.slice(9, 12) !== '200') out.errors++;
        else {
          if (index === 0) out.sample = { head, body: body.toString('base64') };
          if (!job.replay)
            token = /\r\nnext-poll-configuration-token: *([^\r]+)/i.exec(head)?.[1] ?? token;
        }
        head = undefined;
        const done =
          performance.now() >= deadline ||
          (job.pollsPerSession !== undefined && polls >= job.pollsPerSession);
        if (done) return finish();
        send();
      }
    });
    socket.on('error', reject);
    send();
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const out: Totals = { latencies: [], errors: 0 };
  // Connect first, so the timed part is polling only.
  // In batches, so 1,000 connects never overflow the listen backlog (a dropped SYN retries after 1 s).
  const sockets: Socket[] = [];
  for (let i = 0; i < job.tokens.length; i += 100)
    sockets.push(...(await Promise.all(job.tokens.slice(i, i + 100).map(() => open(job.port)))));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + job.seconds * 1000;
  await Promise.all(sockets.map((socket, i) => session(socket, job, i, deadline, out)));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    count: out.latencies.length,
    errors: out.errors,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    latencies: Float64Array.from(out.latencies),
    tokens: job.tokens,
    ...(out.sample ? { sample: out.sample } : {}),
  };
}

// As a forked child: one job per message, answered with its result.
if (process.send) {
  process.on('message', (job: LoadJob) => {
    void runLoad(job).then((r) => process.send!({ ...r, latencies: Array.from(r.latencies) }));
  });
}
