// "Copy as": one recorded AppConfig Data call rebuilt as an AWS CLI command, a curl command and a JS SDK v3
// snippet that send the same call to the same endpoint. Pure strings; imported by the poll detail pane
// (src/ui/components/views/CopyAsButtons.tsx) and run for real by src/service/copyAs.test.ts.

export type CopyCall = 'StartConfigurationSession' | 'GetLatestConfiguration';

export interface CopyAsInput {
  call: CopyCall;
  /** SessionInfo.backend: 'aws' or the endpoint URL the session talked to. */
  backend: string;
  region?: string;
  /** The shared-file profile the session signed with, if any (the CLI and the SDK take it; curl cannot). */
  profile?: string;
  /** StartConfigurationSession's identifiers. */
  identifiers?: {
    application: string;
    environment: string;
    profile: string;
    requiredMinimumPollIntervalInSeconds?: number;
  };
  /** GetLatestConfiguration's token: `full` when the inspector still holds it, else only its fingerprint. */
  token?: { full?: string; fingerprint?: string };
  /** Where the CLI and curl write the configuration a poll returns. */
  outfile?: string;
}

export interface CopyAsText {
  awsCli: string;
  curl: string;
  jsSdk: string;
}

/** Shell variable the commands read when the full token is no longer held, so nothing is made up. */
export const TOKEN_VARIABLE = 'CONFIGURATION_TOKEN';
const DEFAULT_OUTFILE = 'configuration.out';
const DEFAULT_ENDPOINT_REGION = 'us-east-1';
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** POSIX single quotes: nothing inside is expanded; an embedded ' becomes '\'' (close, escaped, reopen). */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

interface Target {
  /** https://appconfigdata.REGION.amazonaws.com, or the endpoint URL without a trailing slash. */
  base: string;
  /** Set when the call does not go to AWS: the CLI and the SDK then need the URL. */
  endpointUrl?: string;
  region: string;
}

function targetOf(input: CopyAsInput): Target {
  if (input.backend === 'aws') {
    if (!input.region || !REGION.test(input.region))
      throw new Error(
        `Cannot name the AWS endpoint: the session's region ${input.region === undefined ? 'is not recorded' : `"${input.region}" is not a region name such as us-east-1`}.`,
      );
    return { base: `https://appconfigdata.${input.region}.amazonaws.com`, region: input.region };
  }
  let url: URL;
  try {
    url = new URL(input.backend);
  } catch {
    throw new Error(
      `Cannot copy a call to backend "${input.backend}": expected 'aws' or an http(s) endpoint URL.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      `Cannot copy a call to backend "${input.backend}": the endpoint must be an http(s) URL.`,
    );
  const base = input.backend.replace(/\/+$/, '');
  // Any region signs for an endpoint that is not AWS; the session's own wins when it is a real name.
  const region = input.region && REGION.test(input.region) ? input.region : DEFAULT_ENDPOINT_REGION;
  return { base, endpointUrl: base, region };
}

interface Resolved {
  target: Target;
  /** Comment lines (without '# ') said before the command. */
  notes: string[];
  /** Shell word for the token: the quoted token, or "$CONFIGURATION_TOKEN" when it is not held. */
  tokenWord?: string;
  tokenFull?: string;
  startBody?: Record<string, string | number>;
}

function resolve(input: CopyAsInput): Resolved {
  const target = targetOf(input);
  if (input.call === 'StartConfigurationSession') {
    const ids = input.identifiers;
    if (!ids) throw new Error('StartConfigurationSession needs the session identifiers.');
    const startBody: Record<string, string | number> = {
      ApplicationIdentifier: ids.application,
      EnvironmentIdentifier: ids.environment,
      ConfigurationProfileIdentifier: ids.profile,
    };
    if (ids.requiredMinimumPollIntervalInSeconds !== undefined)
      startBody.RequiredMinimumPollIntervalInSeconds = ids.requiredMinimumPollIntervalInSeconds;
    return { target, notes: [], startBody };
  }
  const token = input.token;
  if (!token?.full && !token?.fingerprint)
    throw new Error(
      'GetLatestConfiguration needs the token it sent (or at least its fingerprint).',
    );
  if (token.full)
    return { target, notes: [], tokenWord: shellQuote(token.full), tokenFull: token.full };
  return {
    target,
    notes: [
      `The inspector no longer holds the full token this poll sent (fingerprint ${token.fingerprint}): it keeps only the newest ones.`,
      `Set ${TOKEN_VARIABLE} to a token you hold (e.g. the InitialConfigurationToken of a new session) before running this.`,
    ],
    tokenWord: `"$${TOKEN_VARIABLE}"`,
  };
}

const comments = (notes: string[]) => notes.map((n) => `# ${n}\n`).join('');
/** One argument per line, continued with a backslash, so a long token stays readable. */
const lines = (words: string[][]) => words.map((w) => w.join(' ')).join(' \\\n  ');

function awsCli(input: CopyAsInput, r: Resolved): string {
  const head = [
    [
      'aws',
      'appconfigdata',
      input.call === 'StartConfigurationSession'
        ? 'start-configuration-session'
        : 'get-latest-configuration',
    ],
  ];
  const where = [
    ...(r.target.endpointUrl ? [['--endpoint-url', shellQuote(r.target.endpointUrl)]] : []),
    ['--region', shellQuote(r.target.region)],
    ...(input.profile ? [['--profile', shellQuote(input.profile)]] : []),
  ];
  if (r.startBody) {
    const b = r.startBody;
    const args = [
      ['--application-identifier', shellQuote(String(b.ApplicationIdentifier))],
      ['--environment-identifier', shellQuote(String(b.EnvironmentIdentifier))],
      ['--configuration-profile-identifier', shellQuote(String(b.ConfigurationProfileIdentifier))],
      ...(b.RequiredMinimumPollIntervalInSeconds !== undefined
        ? [
            [
              '--required-minimum-poll-interval-in-seconds',
              String(b.RequiredMinimumPollIntervalInSeconds),
            ],
          ]
        : []),
    ];
    return comments(r.notes) + lines([...head, ...where, ...args]);
  }
  const args = [
    ['--configuration-token', r.tokenWord!],
    [shellQuote(input.outfile ?? DEFAULT_OUTFILE)],
  ];
  return comments(r.notes) + lines([...head, ...where, ...args]);
}

function curl(input: CopyAsInput, r: Resolved): string {
  const sign = [
    ['--aws-sigv4', shellQuote(`aws:amz:${r.target.region}:appconfig`)],
    ['--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"'],
  ];
  const notes = [
    ...r.notes,
    ...(input.profile
      ? [
          `The session signed with profile ${input.profile}: export its keys as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.`,
        ]
      : []),
    'With temporary credentials also pass: -H "x-amz-security-token: $AWS_SESSION_TOKEN"',
  ];
  if (r.startBody) {
    return (
      comments(notes) +
      lines([
        ['curl', '--fail-with-body', '--include'],
        ...sign,
        ['--request', 'POST'],
        ['--header', shellQuote('Content-Type: application/json')],
        ['--data', shellQuote(JSON.stringify(r.startBody))],
        [shellQuote(`${r.target.base}/configurationsessions`)],
      ])
    );
  }
  // The token is standard base64: '+', '/' and '=' must be percent-encoded in the query, as the SDK does.
  const url = r.tokenFull
    ? shellQuote(
        `${r.target.base}/configuration?configuration_token=${encodeURIComponent(r.tokenFull)}`,
      )
    : `${shellQuote(`${r.target.base}/configuration`)} --get --data-urlencode "configuration_token=$${TOKEN_VARIABLE}"`;
  return (
    comments(notes) +
    lines([
      ['curl', '--fail-with-body', '--dump-header', '-'],
      ...sign,
      ['--output', shellQuote(input.outfile ?? DEFAULT_OUTFILE)],
      [url],
    ])
  );
}

function jsSdk(input: CopyAsInput, r: Resolved): string {
  const config = [
    `region: ${JSON.stringify(r.target.region)}`,
    ...(r.target.endpointUrl ? [`endpoint: ${JSON.stringify(r.target.endpointUrl)}`] : []),
    ...(input.profile ? [`profile: ${JSON.stringify(input.profile)}`] : []),
  ].join(', ');
  const client = `const client = new AppConfigDataClient({ ${config} });`;
  const js = (notes: string[]) => notes.map((n) => `// ${n}\n`).join('');
  if (r.startBody) {
    return [
      "import { AppConfigDataClient, StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';",
      '',
      client,
      `const started = await client.send(new StartConfigurationSessionCommand(${JSON.stringify(r.startBody, null, 2)}));`,
      'console.log(started.InitialConfigurationToken);',
    ].join('\n');
  }
  const token = r.tokenFull ? JSON.stringify(r.tokenFull) : `process.env.${TOKEN_VARIABLE}`;
  return (
    js(r.notes) +
    [
      "import { AppConfigDataClient, GetLatestConfigurationCommand } from '@aws-sdk/client-appconfigdata';",
      '',
      client,
      `const answer = await client.send(new GetLatestConfigurationCommand({ ConfigurationToken: ${token} }));`,
      'console.log(answer.NextPollConfigurationToken, answer.NextPollIntervalInSeconds);',
      'console.log(new TextDecoder().decode(answer.Configuration));',
    ].join('\n')
  );
}

/** The three reproductions of one call; throws a precise Error when the input cannot name the call. */
export function copyAs(input: CopyAsInput): CopyAsText {
  const r = resolve(input);
  return { awsCli: awsCli(input, r), curl: curl(input, r), jsSdk: jsSdk(input, r) };
}
