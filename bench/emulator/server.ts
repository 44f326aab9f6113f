// Child process for the emulator bench: serves either the real emulator (demo seed) or a bare node:http
// server that answers every request with fixed bytes, so both run in the same conditions. A `cpu` line on
// stdin is answered with the process's CPU time so far, so the parent can charge each round to its server.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { startEmulator } from '../../src/emulator/index.js';

const kind = process.argv[2];

function answerCpuQueries() {
  createInterface({ input: process.stdin }).on('line', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(JSON.stringify({ cpuMs: (user + system) / 1000 }) + '\n');
  });
}

if (kind === 'emulator') {
  const emulator = await startEmulator({ port: 0, seed: 'demo', observationLimit: 10_000 });
  process.stdout.write(JSON.stringify({ port: emulator.port }) + '\n');
  answerCpuQueries();
  // Exit through close() so --cpu-prof can write its profile.
  process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
} else if (kind === 'bare') {
  // The body and headers are handed in by the parent: exactly what the emulator answered.
  const sample = JSON.parse(process.argv[3] ?? '{}') as {
    headers: Record<string, string>;
    body: string;
  };
  const body = Buffer.from(sample.body, 'base64');
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { ...sample.headers, 'Content-Length': String(body.length) });
    if (body.length === 0) res.end();
    else res.end(body);
  });
  server.keepAliveTimeout = 5_000;
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n',
    );
    answerCpuQueries();
  });
} else {
  process.stderr.write('usage: server.ts emulator | bare <sample-json>\n');
  process.exit(2);
}
