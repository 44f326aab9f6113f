// The one rule for tests that drive a real client (the AWS CLI, boto3) as a child process: on a machine
// without it the test is skipped with the reason in its title, but in CI (`CI` set) it fails naming what to
// install, so a conformance suite cannot pass by running nothing. Test-only: imported by *.test.ts files
// (realClients.test.ts, src/service/proxyBoto3.test.ts, copyAs.test.ts, src/cli/watchBoto3.test.ts); imports vitest and node: only.
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** The clients real-client tests drive: the probe that proves one runs here, and how to install it. */
export const CLIENTS = {
  aws: {
    command: 'aws',
    args: ['--version'],
    install: 'apt-get install -y awscli (as .ci/run does)',
  },
  boto3: {
    command: 'python3',
    args: ['-c', 'import boto3'],
    install: 'apt-get install -y python3-boto3 (as .ci/run does)',
  },
  /** boto3 that reads AWS_ENDPOINT_URL_<SERVICE> itself: botocore 1.31 or later (Debian 12 ships 1.29). */
  boto3EndpointEnv: {
    command: 'python3',
    args: [
      '-c',
      "import botocore, sys; v = tuple(int(p) for p in botocore.__version__.split('.')[:2]); sys.exit(v < (1, 31))",
    ],
    install: "pip install 'botocore>=1.31' boto3 (Debian 12's python3-boto3 has botocore 1.29)",
  },
} as const;

export type ClientName = keyof typeof CLIENTS;

const probed = new Map<ClientName, string | null>();

/** Why the client cannot run here (with how to install it), or null when it can. Probed once per file. */
export function clientMissing(name: ClientName): string | null {
  if (!probed.has(name)) {
    const { command, args, install } = CLIENTS[name];
    const probe = spawnSync(command, [...args], { encoding: 'utf8', timeout: 30_000 });
    probed.set(
      name,
      probe.status === 0
        ? null
        : `\`${command} ${args.join(' ')}\` failed here; install: ${install}`,
    );
  }
  return probed.get(name)!;
}

/**
 * `it` for a test that needs `name`: runs it when the client is there; when it is missing, skips it locally
 * (the reason in its title) and, when `env.CI` is set, registers a failing test that says what to install.
 */
export function itWithClient(
  name: ClientName,
  env: NodeJS.ProcessEnv = process.env,
): (title: string, fn: () => Promise<void>, timeoutMs?: number) => void {
  return itUnlessMissing(clientMissing(name), name, env);
}

/** The same rule for a probe of the test's own (`missing`: why the tool cannot run here, or null). */
export function itUnlessMissing(
  missing: string | null,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): (title: string, fn: () => Promise<void>, timeoutMs?: number) => void {
  return (title, fn, timeoutMs) => {
    if (!missing) return void it(title, fn, timeoutMs);
    if (env.CI)
      return void it(`${title} [needs ${name}]`, () => {
        throw new Error(`${missing}. CI must run this test, not skip it.`);
      });
    it.skip(`${title} [skipped: ${missing}]`, fn);
  };
}
