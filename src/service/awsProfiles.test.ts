// Profiles from a temporary shared config: static keys, SSO (valid, expired and missing cached logins), a
// credential_process and an assumed role are listed with their kind and region, no secret crosses, and a
// credential_process profile is what the real SDK then signs with.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from './backend.js';
import { listAwsProfiles, parseAwsIni } from './awsProfiles.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'aci-profiles-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const NOW = Date.parse('2026-12-01T12:00:00Z');

function ssoCache(id: string, expiresAt: string) {
  const file = `${createHash('sha1').update(id).digest('hex')}.json`;
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', file),
    JSON.stringify({ accessToken: 'secret-token', expiresAt }),
  );
}

describe('listAwsProfiles', () => {
  it('lists every profile of both files with how it gets credentials, its region and SSO login state', async () => {
    const config = join(home, 'my-config');
    const credentials = join(home, 'my-credentials');
    writeFileSync(
      config,
      [
        '# a comment',
        '[default]',
        'region = eu-west-1',
        '[profile dev-sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Dev',
        'region = us-east-1',
        '[profile old-sso]',
        'sso_session = lapsed',
        '[profile never-logged-in]',
        'sso_start_url = https://example.awsapps.com/start',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        '[profile tool]',
        'credential_process = /usr/local/bin/creds --json',
        's3 =',
        '  max_concurrent_requests = 10',
        '[profile admin]',
        'role_arn = arn:aws:iam::123456789012:role/Admin',
        'source_profile = default',
        '[services local]',
        'appconfigdata =',
        '  endpoint_url = http://127.0.0.1:4567',
      ].join('\n'),
    );
    writeFileSync(
      credentials,
      '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = very-secret\n',
    );
    ssoCache('corp', '2026-12-01T20:00:00Z');
    ssoCache('lapsed', '2026-11-30T20:00:00Z');
    const list = await listAwsProfiles(
      { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
      NOW,
    );
    expect(list).toMatchObject({ configFile: config, configFound: true, credentialsFound: true });
    expect(list.profiles).toEqual([
      { name: 'default', kind: 'static', files: ['config', 'credentials'], region: 'eu-west-1' },
      { name: 'admin', kind: 'role', files: ['config'] },
      {
        name: 'dev-sso',
        kind: 'sso',
        files: ['config'],
        region: 'us-east-1',
        ssoLogin: 'valid',
        ssoSession: 'corp',
      },
      { name: 'never-logged-in', kind: 'sso', files: ['config'], ssoLogin: 'missing' },
      {
        name: 'old-sso',
        kind: 'sso',
        files: ['config'],
        ssoLogin: 'expired',
        ssoSession: 'lapsed',
      },
      { name: 'tool', kind: 'process', files: ['config'] },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/very-secret|AKIAEXAMPLE|secret-token/);
  });

  it('reads ~/.aws/config and ~/.aws/credentials when no variable names the files, and says when neither exists', async () => {
    const none = await listAwsProfiles({ HOME: home }, NOW);
    expect(none).toMatchObject({
      configFile: join(home, '.aws', 'config'),
      credentialsFile: join(home, '.aws', 'credentials'),
      configFound: false,
      credentialsFound: false,
      profiles: [],
    });
    writeFileSync(join(home, '.aws', 'credentials'), '[ci]\naws_access_key_id = A\n');
    expect((await listAwsProfiles({ HOME: home }, NOW)).profiles).toEqual([
      { name: 'ci', kind: 'static', files: ['credentials'] },
    ]);
  });

  it('skips nested sub-properties so they never pose as a profile setting', () => {
    const s = parseAwsIni('[profile x]\ns3 =\n  region = nested\nregion = real\n');
    expect(s.get('profile x')?.get('region')).toBe('real');
  });

  it('a credential_process profile is the one the real SDK then signs with', async () => {
    const script = join(home, 'creds.sh');
    writeFileSync(
      script,
      '#!/bin/sh\necho \'{"Version":1,"AccessKeyId":"AKIDPROCESS","SecretAccessKey":"s"}\'\n',
    );
    chmodSync(script, 0o700);
    const config = join(home, 'config');
    writeFileSync(
      config,
      `[profile tool]\ncredential_process = ${script}\nregion = eu-central-1\n`,
    );
    const saved = { ...process.env };
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'none');
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      const listed = await listAwsProfiles(process.env, NOW);
      expect(listed.profiles.map((p) => [p.name, p.kind])).toEqual([['tool', 'process']]);
      const backend = createBackend({
        kind: 'endpoint',
        endpoint: 'http://127.0.0.1:9',
        profile: 'tool',
      });
      try {
        const credentials = await backend.data.config.credentials();
        expect(credentials.accessKeyId).toBe('AKIDPROCESS');
        expect(await backend.resolveRegion()).toBe('eu-central-1');
      } finally {
        backend.destroy();
      }
    } finally {
      process.env = saved;
    }
  });
});
