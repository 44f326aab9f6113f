// `appconfig-inspector serve`: the embedded emulator (unless --aws/--endpoint), the inspector service and its
// loopback server; prints the tokened page URL and opens it when a browser is available.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { startInspectorServer } from '../server/server.js';
import type { BackendConfig } from '../service/backend.js';
import { defaultDataDir } from '../service/dataDir.js';
import { InspectorService } from '../service/inspectorService.js';
import { intFlag, parseFlags, UsageError, untilSignal } from './args.js';
import { emulatorBehaviourFlags, emulatorOptionsFrom } from './emulatorCommand.js';

export const serveHelp = `Usage: appconfig-inspector serve [flags]

Starts the inspector on http://127.0.0.1 and opens it. By default it also runs the embedded AppConfig
emulator (with its demo application) and talks to it; --aws or --endpoint talk to a real AppConfig instead.

Backend:
  --aws                     use real AWS with the standard credential chain (env, config/credentials files, SSO)
  --profile NAME            shared-config profile to use (with --aws or --endpoint)
  --region REGION           AWS region (default: AWS_REGION, or us-east-1)
  --endpoint URL            any AppConfig-compatible endpoint (signed with the standard chain)
Inspector:
  --port N                  inspector port (default 0 = a free port)
  --data-dir DIR            where recordings are kept (default ${defaultDataDir()})
  --no-open                 print the URL but don't open a browser
Embedded emulator (default backend; see "appconfig-inspector emulator --help"):
  --emulator-port N         emulator port (default 4567; 0 = a free port)
  --time-scale N, --token-ttl-seconds N, --strict-tokens, --enforce-default-interval,
  --seed FILE, --no-seed, --observation-limit N
  -h, --help                show this help
`;

const flags = {
  aws: { type: 'boolean' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'no-open': { type: 'boolean' },
  'emulator-port': { type: 'string' },
  ...emulatorBehaviourFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

function endpointFlag(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `--endpoint must be a URL such as https://appconfigdata.eu-west-1.amazonaws.com, got "${raw}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--endpoint must be an http(s) URL.');
  return url.toString().replace(/\/$/, '');
}

export async function serveCommand(argv: string[]): Promise<number> {
  const v = parseFlags(argv, flags);
  if (v.help) {
    process.stdout.write(serveHelp);
    return 0;
  }
  if (v.aws && v.endpoint) throw new UsageError('--aws and --endpoint exclude each other.');
  const port = intFlag('port', v.port, 0, 65535) ?? 0;
  const dataDir = resolve(v['data-dir'] ?? defaultDataDir());
  let emulator: RunningEmulator | undefined;
  let backend: BackendConfig;
  if (v.aws)
    backend = {
      kind: 'aws',
      ...(v.region ? { region: v.region } : {}),
      ...(v.profile ? { profile: v.profile } : {}),
    };
  else if (v.endpoint) {
    backend = {
      kind: 'endpoint',
      endpoint: endpointFlag(v.endpoint),
      ...(v.region ? { region: v.region } : {}),
      ...(v.profile ? { profile: v.profile } : {}),
    };
  } else {
    const options = emulatorOptionsFrom({ ...v, port: v['emulator-port'] });
    try {
      emulator = await startEmulator(options);
    } catch (e) {
      // The default port is a convenience for pointing apps at it; if it's taken, any free port will do.
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || v['emulator-port'] !== undefined)
        throw e;
      emulator = await startEmulator({ ...options, port: 0 });
    }
    backend = {
      kind: 'emulator',
      endpoint: emulator.url,
      ...(v.region ? { region: v.region } : {}),
    };
  }
  const service = new InspectorService({ backend, dataDir });
  for (const problem of service.restoreProblems) process.stderr.write(`[recordings] ${problem}\n`);
  const server = await startInspectorServer({ handler: service, port });
  process.stdout.write(
    `AppConfig Inspector: ${server.pageUrl}\n` +
      (emulator
        ? `Embedded AppConfig emulator: ${emulator.url} (point your app here: AWS_ENDPOINT_URL_APPCONFIGDATA=${emulator.url})\n`
        : '') +
      `Recordings: ${dataDir}\nPress Ctrl-C to stop.\n`,
  );
  if (!v['no-open']) openBrowser(server.pageUrl);
  const signal = await untilSignal();
  service.close();
  await server.close();
  await emulator?.close();
  process.stdout.write(`Stopped (${signal}).\n`);
  return 0;
}

/** Best effort: only when a desktop is likely; a headless machine just keeps the printed URL. */
function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? 'explorer'
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? 'xdg-open'
          : undefined;
  if (!command) return;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
