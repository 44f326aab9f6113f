// `appconfig-inspector serve`: the embedded emulator (unless --aws/--endpoint), the inspector service and its
// loopback server; prints the tokened page URL and opens it when a browser is available.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { startInspectorServer } from '../server/server.js';
import type { BackendConfig } from '../service/backend.js';
import { defaultDataDir } from '../service/dataDir.js';
import { InspectorService } from '../service/inspectorService.js';
import type { RunningProxy } from '../service/proxyServer.js';
import { intFlag, parseFlags, UsageError, untilSignal } from './args.js';
import { claimDataDir } from './dataDirClaim.js';
import { followEmulator } from './emulatorFollow.js';
import { emulatorBehaviourFlags, emulatorOptionsFrom } from './emulatorCommand.js';

export const serveHelp = `Usage: appconfig-inspector serve [flags]

Starts the inspector on http://127.0.0.1 and opens it. By default it also runs the embedded AppConfig
emulator (with its demo application) and talks to it; --aws or --endpoint talk to a real AppConfig instead.

Backend:
  --aws                     use real AWS with the standard credential chain (env, config/credentials files, SSO)
  --profile NAME            shared-config profile to use (with --aws or --endpoint)
  --region REGION           AWS region (default: AWS_REGION, or us-east-1)
  --endpoint URL            any AppConfig-compatible endpoint (signed with the standard chain)
  --emulator-url URL        follow an emulator already running ("appconfig-inspector emulator") instead
                            of starting one: its data, control plane and other apps' observed sessions
  --emulator-secret S       that emulator's observer secret (it prints it; also APPCONFIG_EMULATOR_SECRET);
                            without it its observation records carry token fingerprints only
Recording proxy (off unless asked for; README "Watch your own app against AWS"):
  --proxy-port N            also listen on 127.0.0.1:N (0 = a free port) as an AppConfig Data endpoint for
                            your app: its calls go to the backend above signed with the inspector's
                            credentials, come back unchanged, and show as observed sessions
Inspector:
  --port N                  inspector port (default 0 = a free port)
  --data-dir DIR            where recordings are kept (default ${defaultDataDir()}); owner-only
                            (0700/0600), and one inspector at a time owns it (its "lock" file)
  --read-only               show the recordings in --data-dir without owning it (say, while another
                            inspector runs there): no new sessions, no imports, nothing written
  --no-open                 print the URL but don't open a browser
  --connect-timeout-ms N    limit for opening a connection to AppConfig (default 3000)
  --request-timeout-ms N    limit for one whole call, SDK retries included (default 10000); a call that
                            misses it is a TimeoutError on the timeline and the session retries
Embedded emulator (default backend; see "appconfig-inspector emulator --help"):
  --emulator-port N         emulator port (default 4567; 0 = a free port)
  --time-scale N, --token-ttl-seconds N, --strict-tokens, --enforce-default-interval,
  --seed FILE, --no-seed, --observation-limit N, --fault SPEC (repeatable),
  --allow-host NAME (repeatable), --cors-origin ORIGIN (repeatable)
  -h, --help                show this help
`;

const flags = {
  aws: { type: 'boolean' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'read-only': { type: 'boolean' },
  'no-open': { type: 'boolean' },
  'connect-timeout-ms': { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'emulator-port': { type: 'string' },
  'emulator-url': { type: 'string' },
  'emulator-secret': { type: 'string' },
  'proxy-port': { type: 'string' },
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
  checkFollowFlags(v);
  // Checked before the data directory is claimed, so a wrong secret changes nothing.
  const followed =
    v['emulator-url'] === undefined
      ? undefined
      : await followEmulator(v['emulator-url'], v['emulator-secret'], v.region, (m) =>
          process.stderr.write(`${m}\n`),
        );
  const port = intFlag('port', v.port, 0, 65535) ?? 0;
  const proxyPort = intFlag('proxy-port', v['proxy-port'], 0, 65535);
  if (proxyPort !== undefined && v['read-only'])
    throw new UsageError('--proxy-port records sessions, so it cannot go with --read-only.');
  const connectTimeoutMs = intFlag('connect-timeout-ms', v['connect-timeout-ms'], 100, 600_000);
  const requestTimeoutMs = intFlag('request-timeout-ms', v['request-timeout-ms'], 100, 3_600_000);
  const dataDir = resolve(v['data-dir'] ?? defaultDataDir());
  const readOnly = v['read-only'] === true;
  // Listening from the start: a signal during start-up must still reach the shutdown below (and release
  // the lock); a listener added only after the URL is printed can miss a signal sent right after it.
  const stopped = untilSignal();
  // Before anything starts: a second serve on the same directory must change nothing.
  const lock = readOnly ? undefined : claimDataDir(dataDir, (m) => process.stderr.write(`${m}\n`));
  let emulator: RunningEmulator | undefined;
  let following = '';
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
  } else if (followed) {
    backend = followed.backend;
    following = followed.banner;
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
      observerSecret: emulator.observerSecret,
      ...(v.region ? { region: v.region } : {}),
    };
  }
  const service = new InspectorService({
    backend,
    dataDir,
    readOnly,
    timeouts: {
      ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
      ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    },
  });
  for (const problem of service.restoreProblems) process.stderr.write(`[recordings] ${problem}\n`);
  const server = await startInspectorServer({ handler: service, port });
  let proxy: RunningProxy | undefined;
  try {
    if (proxyPort !== undefined) proxy = await service.startProxy(proxyPort);
  } catch (e) {
    // Nothing is left running (or locked) when the proxy's port is taken.
    service.close();
    await server.close();
    await emulator?.close();
    lock?.release();
    throw new UsageError(`--proxy-port ${proxyPort}: ${(e as Error).message}`);
  }
  lock?.setUrl(server.pageUrl);
  process.stdout.write(
    `AppConfig Inspector: ${server.pageUrl}\n` +
      (emulator
        ? `Embedded AppConfig emulator: ${emulator.url} (point your app here: AWS_ENDPOINT_URL_APPCONFIGDATA=${emulator.url})\n`
        : following) +
      (proxy
        ? `Recording proxy: ${proxy.url} (point your app here to watch it: AWS_ENDPOINT_URL_APPCONFIGDATA=${proxy.url})\n`
        : '') +
      `Recordings: ${dataDir}${readOnly ? ' (read-only: nothing is written)' : ''}\nPress Ctrl-C to stop.\n`,
  );
  if (!v['no-open']) openBrowser(server.pageUrl);
  const signal = await stopped;
  await proxy?.close();
  service.close();
  await server.close();
  await emulator?.close();
  lock?.release();
  process.stdout.write(`Stopped (${signal}).\n`);
  return 0;
}

/** --emulator-url replaces the embedded emulator, so its flags (and --aws/--endpoint) would be silently unused. */
function checkFollowFlags(v: Record<string, unknown>): void {
  if (v['emulator-url'] === undefined) {
    if (v['emulator-secret'] !== undefined)
      throw new UsageError('--emulator-secret goes with --emulator-url.');
    return;
  }
  const clashing = ['aws', 'endpoint', 'emulator-port', ...Object.keys(emulatorBehaviourFlags)];
  const given = clashing.filter((name) => v[name] !== undefined);
  if (given.length > 0)
    throw new UsageError(
      `--emulator-url follows a running emulator, so ${given.map((n) => `--${n}`).join(', ')} would do nothing; ` +
        'give those to the emulator itself.',
    );
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
