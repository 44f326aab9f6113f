// `appconfig-inspector emulator`: runs the AWS-faithful AppConfig emulator until SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator, type EmulatorOptions } from '../emulator/index.js';
import { intFlag, numberFlag, parseFlags, UsageError, untilSignal } from './args.js';

export const emulatorHelp = `Usage: appconfig-inspector emulator [flags]

Runs an AWS-faithful AppConfig emulator (AppConfig Data + a control-plane subset) on one port.
Point any AWS client at it: --endpoint-url for the AWS CLI, AWS_ENDPOINT_URL_APPCONFIGDATA and
AWS_ENDPOINT_URL_APPCONFIG for SDKs, or the SDK's \`endpoint\` option.

Flags:
  --port N                  port to listen on (default 4567; 0 picks a free one)
  --host ADDR               interface to bind (default 127.0.0.1)
  --token-ttl-seconds N     configuration token lifetime (default 86400, as AWS)
  --time-scale N            run deployment progress and bake time N× faster (default 1);
                            poll intervals and token lifetimes stay literal
  --strict-tokens           reject replayed tokens (AWS answers them)
  --enforce-default-interval  refuse polls earlier than 60 s even when the session set no minimum
  --seed FILE               load applications, profiles, versions and deployments from FILE (see README)
  --no-seed                 start empty instead of with the demo application
  --observation-limit N     session/poll records kept for /__emulator/observations (default 10000)
  -h, --help                show this help
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
  const emulator = await startEmulator(emulatorOptionsFrom(values));
  process.stdout.write(
    `AppConfig emulator listening on ${emulator.url}\n` +
      `  AppConfig Data:  AWS_ENDPOINT_URL_APPCONFIGDATA=${emulator.url}\n` +
      `  Control plane:   AWS_ENDPOINT_URL_APPCONFIG=${emulator.url}\n` +
      `  Observations:    ${emulator.url}/__emulator/observations\n` +
      `Press Ctrl-C to stop.\n`,
  );
  const signal = await untilSignal();
  await emulator.close();
  process.stdout.write(`Emulator stopped (${signal}).\n`);
  return 0;
}
