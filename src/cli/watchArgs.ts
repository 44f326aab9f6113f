// `appconfig-inspector watch`'s command line: its help text, and argv turned into checked options (flags
// before `--`, CMD after it; each --deploy paired with the --after that follows it). Imported by
// watchCommand.ts and watchDeploy.ts (the DeploySpec type).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { parseWatchRuleName, WATCH_RULE_NAMES, type WatchRuleName } from '../core/watchReport.js';
import type { EmulatorOptions } from '../emulator/index.js';
import { numberFlag, UsageError } from './args.js';
import { emulatorOptionsFrom } from './emulatorCommand.js';

const RULES = WATCH_RULE_NAMES.join(', ').replace(/(.{60,}?), /g, '$1,\n' + ' '.repeat(28));

export const watchHelp = `Usage: appconfig-inspector watch [flags] -- CMD [ARGS...]

Runs CMD against a private AppConfig emulator (127.0.0.1, a free port), records every configuration
session CMD's processes make, and prints a report of their token handling when CMD exits: each session,
its polls, and every flag with its explanation and the fix. Exits with CMD's status, or fails when a flag
at or above --fail-on was raised (the report formats and exit codes: docs/watch-report.md).
CMD gets AWS_ENDPOINT_URL_APPCONFIGDATA and AWS_ENDPOINT_URL_APPCONFIG (the emulator), AWS_REGION and
AWS_DEFAULT_REGION (us-east-1, unless the active profile names a region) and dummy AWS_ACCESS_KEY_ID /
AWS_SECRET_ACCESS_KEY, each only where the environment does not set it already (no dummy keys when
AWS_PROFILE is set: the SDKs would use the profile).
e.g. appconfig-inspector watch --report watch.json --junit watch.xml -- npm test

Report:
  --fail-on error|warning   fail on flags of this severity or worse (default error): a token used twice, a
                            poll before the required minimum, an expired token and a new session on every
                            call are errors; advisory findings (polling sooner than the returned interval,
                            a token near expiry) are warnings
  --allow RULE              a misuse CMD makes on purpose: shown as allowed, never fails; repeatable.
                            RULE is one of
                            ${RULES}
  --report FILE             also write the report as JSON (versioned schema)
  --junit FILE              also write JUnit XML: one test case per session, a failure per failing flag
  --recording DIR           keep each session as a recording the inspector's Import opens, in DIR
Deployments while CMD runs:
  --deploy VERSION@PROFILE[:STRATEGY]
                            start a deployment of VERSION (a hosted version number or label) of PROFILE
                            (application/environment/profile, or a profile name when one application and
                            environment of the seed have it) with STRATEGY (a deployment strategy name or
                            id, default AppConfig.AllAtOnce); repeatable, each with its own --after
  --after SECONDS           when the --deploy before it starts: wall-clock seconds after CMD starts
                            (--time-scale speeds up the rollout and bake, not this wait)
Private emulator (see "appconfig-inspector emulator --help"; same meaning):
  --seed FILE, --no-seed, --time-scale N, --token-ttl-seconds N, --strict-tokens,
  --enforce-default-interval, --fault SPEC (repeatable)
  -h, --help                show this help

CMD's stdin, stdout and stderr are its own; watch's lines (prefixed "watch:") and the report go to stderr.
Ctrl-C or SIGTERM stops CMD (its whole process group when stdin is not a terminal, as in CI) and the
emulator and still writes the report; a second one kills CMD at once.
`;

/** A --deploy as given, checked for shape; watchDeploy.ts resolves it against the emulator. */
export interface DeploySpec {
  /** The flag's text, for messages. */
  text: string;
  version: string;
  /** [application, environment, profile], or [profile] alone. */
  profilePath: string[];
  strategy: string;
  afterSeconds: number;
}

export interface WatchOptions {
  command: string[];
  failOn: 'error' | 'warning';
  allow: WatchRuleName[];
  reportFile?: string;
  junitFile?: string;
  recordingDir?: string;
  deploys: DeploySpec[];
  emulator: Partial<EmulatorOptions>;
  help: boolean;
}

const flags = {
  'fail-on': { type: 'string' },
  allow: { type: 'string', multiple: true },
  report: { type: 'string' },
  junit: { type: 'string' },
  recording: { type: 'string' },
  deploy: { type: 'string', multiple: true },
  after: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'no-seed': { type: 'boolean' },
  'time-scale': { type: 'string' },
  'token-ttl-seconds': { type: 'string' },
  'strict-tokens': { type: 'boolean' },
  'enforce-default-interval': { type: 'boolean' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

const EXAMPLE = 'e.g. appconfig-inspector watch --report watch.json -- node app.mjs';

export const DEFAULT_STRATEGY = 'AppConfig.AllAtOnce';

/** VERSION@PROFILE[:STRATEGY], with precise messages for each missing part. */
export function parseDeploySpec(text: string, afterSeconds: number): DeploySpec {
  const at = text.indexOf('@');
  const version = at < 0 ? '' : text.slice(0, at);
  const rest = at < 0 ? '' : text.slice(at + 1);
  if (at < 0 || version === '' || rest === '')
    throw new UsageError(
      `--deploy "${text}" must be VERSION@PROFILE[:STRATEGY], e.g. --deploy v1.1.0@demo-app/prod/app-config.`,
    );
  const colon = rest.indexOf(':');
  const profile = colon < 0 ? rest : rest.slice(0, colon);
  const strategy = colon < 0 ? DEFAULT_STRATEGY : rest.slice(colon + 1);
  const profilePath = profile.split('/');
  if ((profilePath.length !== 1 && profilePath.length !== 3) || profilePath.some((p) => p === ''))
    throw new UsageError(
      `--deploy "${text}": PROFILE must be application/environment/profile or a profile name, got "${profile}".`,
    );
  if (strategy === '') throw new UsageError(`--deploy "${text}": STRATEGY after ":" is empty.`);
  return { text, version, profilePath, strategy, afterSeconds };
}

/** Each --deploy takes the --after that follows it (before the next --deploy). */
function pairDeploys(tokens: ReturnType<typeof parseArgs>['tokens']): DeploySpec[] {
  const specs: DeploySpec[] = [];
  let pending: string | undefined;
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (token.name === 'deploy') {
      if (pending !== undefined)
        throw new UsageError(
          `--deploy "${pending}" needs its --after SECONDS before the next --deploy.`,
        );
      pending = token.value ?? '';
    } else if (token.name === 'after') {
      if (pending === undefined)
        throw new UsageError('--after SECONDS goes after the --deploy it times.');
      const seconds = numberFlag('after', token.value, 0, 86_400)!;
      specs.push(parseDeploySpec(pending, seconds));
      pending = undefined;
    }
  }
  if (pending !== undefined)
    throw new UsageError(
      `--deploy "${pending}" needs --after SECONDS (wall-clock seconds after CMD starts).`,
    );
  return specs;
}

export function parseWatchArgs(argv: string[]): WatchOptions {
  const dashes = argv.indexOf('--');
  const flagArgs = dashes < 0 ? argv : argv.slice(0, dashes);
  const command = dashes < 0 ? [] : argv.slice(dashes + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: flagArgs,
      options: flags,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (e) {
    const message = (e as Error).message;
    // A CMD given without `--` shows up as an unexpected positional: say what was missing.
    if (dashes < 0 && /positional/i.test(message))
      throw new UsageError(`put "--" before the command to run (${EXAMPLE}).`);
    throw new UsageError(message);
  }
  const v = parsed.values;
  const options: WatchOptions = {
    command,
    failOn: 'error',
    allow: [],
    deploys: [],
    emulator: {},
    help: v.help === true,
  };
  if (options.help) return options;
  if (dashes < 0)
    throw new UsageError(`missing "-- CMD [ARGS...]": the command to watch (${EXAMPLE}).`);
  if (command.length === 0 || command[0] === '')
    throw new UsageError(`no command after "--" (${EXAMPLE}).`);
  if (v['fail-on'] !== undefined) {
    if (v['fail-on'] !== 'error' && v['fail-on'] !== 'warning')
      throw new UsageError(`--fail-on must be error or warning, got "${v['fail-on']}".`);
    options.failOn = v['fail-on'];
  }
  for (const name of v.allow ?? []) {
    try {
      const rule = parseWatchRuleName(name);
      if (!options.allow.includes(rule)) options.allow.push(rule);
    } catch (e) {
      throw new UsageError(`--allow: ${(e as Error).message}.`);
    }
  }
  if (v.report !== undefined) options.reportFile = resolve(nonEmpty('report', v.report));
  if (v.junit !== undefined) options.junitFile = resolve(nonEmpty('junit', v.junit));
  if (v.recording !== undefined) options.recordingDir = resolve(nonEmpty('recording', v.recording));
  options.deploys = pairDeploys(parsed.tokens);
  // The emulator's own parser: the passthrough flags mean exactly what they mean for `emulator`.
  options.emulator = { ...emulatorOptionsFrom(v), host: '127.0.0.1', port: 0 };
  return options;
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`--${name} needs a file or folder name.`);
  return value;
}
