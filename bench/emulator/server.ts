// Child process for the emulator bench: serves either the real emulator (demo seed) or a bare node:http
// server that answers GetLatestConfiguration with fixed bytes, so both run in the same conditions.
import { createServer } from 'node:http';
import { startEmulator } from '../../src/emulator/index.js';

const kind = process.argv[2];

if (kind === 'emulator') {
  const emulator = await startEmulator({ port: 0, seed: 'demo', observationLimit: 10_000 });
  process.stdout.write(JSON.stringify({ port: emulator.port }) + '\n');
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
    res.end(body);
  });
  server.keepAliveTimeout = 5_000;
  process.once(
    'SIGTERM',
    () => server.close(() => process.exit(0)) && server.closeAllConnections(),
  );
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n',
    );
  });
} else {
  process.stderr.write('usage: server.ts emulator | bare <sample-json>\n');
  process.exit(2);
}
