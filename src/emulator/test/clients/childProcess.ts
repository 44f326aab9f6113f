// Runs real AWS clients (the AWS CLI, python3 + boto3) as child processes for realClients.test.ts.
// Test-only: imported by emulator tests, never by emulator code. Imports node: only.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Why a tool cannot run here (with the apt line CI uses), or null when it can. */
export function missingTool(command: string, args: string[], aptPackage: string): string | null {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (probe.status === 0) return null;
  return `\`${command} ${args.join(' ')}\` failed here; CI installs it with: apt-get install -y ${aptPackage}`;
}

/**
 * A sandbox for one client run: HOME is a fresh temp dir so no user ~/.aws config or credentials leak in or
 * get written, and every inherited AWS_* variable is dropped before ours are set.
 */
export class ClientSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'emulator-real-clients-'));

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
    return {
      ...env,
      HOME: this.dir,
      AWS_CONFIG_FILE: join(this.dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(this.dir, 'credentials'),
      AWS_ACCESS_KEY_ID: 'AKIDEMULATORTEST',
      AWS_SECRET_ACCESS_KEY: 'emulator-test-secret',
      // CLI v2 and the JS SDK read AWS_REGION; CLI v1 and boto3 read only AWS_DEFAULT_REGION.
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      PAGER: 'cat',
      MANPAGER: 'cat',
      PYTHONDONTWRITEBYTECODE: '1',
      ...extra,
    };
  }

  /** Runs to completion (never rejects on a non-zero exit: the caller asserts on the code). */
  run(
    command: string,
    args: string[],
    extraEnv: Record<string, string> = {},
  ): Promise<ChildResult> {
    return new Promise((resolve, reject) => {
      const options = {
        cwd: this.dir,
        env: this.env(extraEnv),
        timeout: 30_000,
        maxBuffer: 16 << 20,
      };
      execFile(command, args, options, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
