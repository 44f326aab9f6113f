// `appconfig-inspector emulator`: runs the AWS-faithful AppConfig emulator until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator, type EmulatorOptions } from '../emulator/index.js';
import { intFlag, numberFlag, parseFlags, UsageError, untilSignal } from './args.js';
import { FaultSpecError, parseFaultSpec } from '../emulator/faults.js';
import { checkAllowedHost, checkCorsOrigin } from '../emulator/access.js';

export const emulatorHelp = `Usage: appconfig-inspector emulator [flags]

Runs an AWS-faithful AppConfig emulator (AppConfig Data + a control-plane subset) on one port.
Point any AWS client at it: --endpoint-url for the AWS CLI, AWS_ENDPOINT_URL_APPCONFIGDATA and
AWS_ENDPOINT_URL_APPCONFIG for SDKs, or the SDK's \`endpoint\` option.

Flags:
  --port N                  port to listen on (default 4567; 0 picks a free one)
  --host ADDR               interface to bind (default 127.0.0.1); any other address lets other machines
                            read, create and deploy configuration (a warning says so)
  --allow-host NAME         also answer requests whose Host header names NAME (any port); repeatable.
                            127.0.0.1, localhost, [::1] and the --host address always work; any other Host
                            is refused (403), so a web page cannot reach the emulator by DNS rebinding
  --cors-origin ORIGIN      let browser pages from ORIGIN (scheme://host[:port]) call it; repeatable.
                            Off by default: a request with any other Origin is refused (403), preflights
                            included; * is not accepted
  --token-ttl-seconds N     configuration token lifetime (default 86400, as AWS)
  --time-scale N            run deployment progress and bake time N× faster (default 1);
                            poll intervals and token lifetimes stay literal
  --strict-tokens           reject replayed tokens (AWS answers them)
  --enforce-default-interval  refuse polls earlier than 60 s even when the session set no minimum
  --seed FILE               load applications, profiles, versions and deployments from FILE (see README)
  --no-seed                 start empty instead of with the demo application
  --observation-limit N     session/poll records kept for /__emulator/observations (default 10000)
  --fault SPEC              inject a fault on purpose; repeatable; more at run time at /__emulator/faults
                            SPEC = OPERATION:EFFECT[@RATE][,count=N][,seed=S]
                            OPERATION  an AWS operation name (StartConfigurationSession,
                                       GetLatestConfiguration, ListApplications, GetDeployment, ...)
                                       or * for every one (never the /__emulator/ routes)
                            EFFECT     500 | 503 | 429 (InternalServerException, ServiceUnavailable,
                                       ThrottlingException; the names work too), the request not executed;
                                       reset: the connection closes with no answer, not executed;
                                       latency=MS: wait MS (0-60000), then answer normally;
                                       truncate: the real answer (token spent), cut to half its body;
                                       slow-body[=MS]: the real answer, its body spread over MS (default 1000)
                            RATE       probability 0..1 that a matching request is hit (default 1),
                                       drawn from a PRNG seeded by seed=S (0..4294967295, default 0)
                            count=N    hit only the first N times
                            e.g. --fault 'GetLatestConfiguration:503,count=1' --fault '*:latency=200@0.1'
  -h, --help                show this help

Limits (a request over one gets a 4xx AWS error, never a crash): request body 1 MiB (hosted
configuration content 2 MiB); request headers 16 KiB in all; configuration tokens 8192 characters.
Observation records carry token fingerprints (fp:...) unless the request sends the observer secret,
printed at start-up and new each launch, as X-Emulator-Secret.
`;

/** The emulator's behaviour flags; `serve` takes the same ones for the emulator it embeds. */
export const emulatorBehaviourFlags = {
  'token-ttl-seconds': { type: 'string' },
  'time-scale': { type: 'string' },
  'strict-tokens': { type: 'boolean' },
  'enforce-default-interval': { type: 'boolean' },
  seed: { type: 'string' },
  'no-seed': { type: 'boolean' },
  'observation-limit': { type: 'string' },
  fault: { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
} as const;

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  ...emulatorBehaviourFlags,
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns emulator flags into options; shared with `serve`, which embeds the emulator. */
export function emulatorOptionsFrom(values: Record<string, unknown>): Partial<EmulatorOptions> {
  const options: Partial<EmulatorOptions> = {};
  const port = intFlag('port', values.port, 0, 65535);
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = String(values.host);
  const ttl = intFlag('token-ttl-seconds', values['token-ttl-seconds'], 1, 31_536_000);
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  const scale = numberFlag('time-scale', values['time-scale'], 0.001, 1_000_000);
  if (scale !== undefined) options.timeScale = scale;
  if (values['strict-tokens']) options.strictTokens = true;
  if (values['enforce-default-interval']) options.enforceDefaultInterval = true;
  const limit = intFlag('observation-limit', values['observation-limit'], 10, 10_000_000);
  if (limit !== undefined) options.observationLimit = limit;
  const faults = (values.fault as string[] | undefined) ?? [];
  for (const spec of faults) {
    try {
      parseFaultSpec(spec);
    } catch (e) {
      if (e instanceof FaultSpecError) throw new UsageError(`--fault "${spec}": ${e.message}`);
      throw e;
    }
  }
  if (faults.length > 0) options.faults = faults;
  const hosts = (values['allow-host'] as string[] | undefined) ?? [];
  const origins = (values['cors-origin'] as string[] | undefined) ?? [];
  try {
    options.allowedHosts = hosts.map(checkAllowedHost);
    options.corsOrigins = origins.map(checkCorsOrigin);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.seed !== undefined && values['no-seed'])
    throw new UsageError('--seed and --no-seed exclude each other.');
  if (values['no-seed']) options.seed = 'none';
  if (values.seed !== undefined) {
    const file = resolve(String(values.seed));
    if (!existsSync(file)) throw new UsageError(`--seed: no such file ${file}`);
    options.seed = { file };
  }
  return options;
}

export async function emulatorCommand(argv: string[]): Promise<number> {
  const values = parseFlags(argv, flags);
  if (values.help) {
    process.stdout.write(emulatorHelp);
    return 0;
  }
  const options = emulatorOptionsFrom(values);
  const emulator = await startEmulator(options);
  const warning = exposureWarning(options.host, emulator.port);
  if (warning) process.stderr.write(warning);
  process.stdout.write(
    `AppConfig emulator listening on ${emulator.url}\n` +
      `  AppConfig Data:  AWS_ENDPOINT_URL_APPCONFIGDATA=${emulator.url}\n` +
      `  Control plane:   AWS_ENDPOINT_URL_APPCONFIG=${emulator.url}\n` +
      `  Observations:    ${emulator.url}/__emulator/observations (token fingerprints only)\n` +
      `  Observer secret: ${emulator.observerSecret} (new each launch)\n` +
      `                   send it as X-Emulator-Secret for full tokens; to inspect this emulator's traffic:\n` +
      `                   appconfig-inspector serve --emulator-url ${emulator.url} --emulator-secret ${emulator.observerSecret}\n` +
      `Press Ctrl-C to stop.\n`,
  );
  const signal = await untilSignal();
  await emulator.close();
  process.stdout.write(`Emulator stopped (${signal}).\n`);
  return 0;
}

const isLoopback = (host: string) =>
  /^127(\.\d{1,3}){3}$/.test(host) || ['localhost', '::1', '[::1]'].includes(host.toLowerCase());

/** What binding beyond loopback exposes (the emulator checks no credentials); undefined on loopback. */
export function exposureWarning(host: string | undefined, port: number): string | undefined {
  if (host === undefined || isLoopback(host)) return undefined;
  return (
    `Warning: --host ${host} makes the emulator reachable from other machines, and it checks no credentials.\n` +
    `Anyone who can reach port ${port} can read every configuration, create applications and profiles and\n` +
    `start deployments, and read the observation log (token fingerprints, client addresses and user agents;\n` +
    `full tokens need the observer secret). Requests must name a Host the emulator knows: add the names\n` +
    `clients use with --allow-host NAME (for example --allow-host 192.168.1.20 or --allow-host myhost.lan).\n`
  );
}
