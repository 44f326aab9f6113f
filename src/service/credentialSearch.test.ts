// describeCredentialSearch against real files and variables: each place the default chain reads, in its
// order, and what it found there.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCredentialSearch } from './credentialSearch.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-cred-search-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('describeCredentialSearch', () => {
  it('names the variables, both files and the metadata service when nothing is set up', async () => {
    const env = {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    expect(await describeCredentialSearch(undefined, env)).toBe(
      'The default credential chain looked at: environment variables AWS_ACCESS_KEY_ID and ' +
        `AWS_SECRET_ACCESS_KEY (unset); profile "default" in ${env.AWS_CONFIG_FILE} and ` +
        `${env.AWS_SHARED_CREDENTIALS_FILE} (neither file exists); a web identity token ` +
        '(AWS_WEB_IDENTITY_TOKEN_FILE unset); EC2 instance metadata (tried: no instance role answered).',
    );
  });

  it('skips the environment for a named profile and says what the profile lacks', async () => {
    writeFileSync(join(dir, 'config'), '[profile dev]\nregion = eu-west-1\n');
    const text = await describeCredentialSearch('dev', {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
    });
    expect(text).not.toContain('environment variables');
    expect(text).toContain('profile "dev" in');
    expect(text).toContain('(it has no credential settings)');
    expect(text).toContain('container credentials (AWS_CONTAINER_CREDENTIALS_* set, no answer)');
  });

  it('follows AWS_PROFILE and says a half-set key pair is missing its secret', async () => {
    const text = await describeCredentialSearch(undefined, {
      AWS_PROFILE: 'ci',
      AWS_ACCESS_KEY_ID: 'AKIDONLY',
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(text).toContain('(AWS_SECRET_ACCESS_KEY unset)');
    expect(text).toContain('profile "ci" in');
    expect(text).toContain('EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)');
  });
});
