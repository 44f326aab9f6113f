// The texts "Copy as" builds, checked as strings: endpoints, quoting, encoding and what is said when the
// token is gone. src/service/copyAs.test.ts runs the same commands against a real emulator.
import { describe, expect, it } from 'vitest';
import { copyAs, shellQuote, TOKEN_VARIABLE, type CopyAsInput } from './copyAs.js';

const TOKEN = 'AYADeA+b/c==';
const poll: CopyAsInput = {
  call: 'GetLatestConfiguration',
  backend: 'http://127.0.0.1:4000/',
  token: { full: TOKEN, fingerprint: 'abc123' },
};
const start: CopyAsInput = {
  call: 'StartConfigurationSession',
  backend: 'aws',
  region: 'eu-west-1',
  identifiers: { application: "bob's app", environment: 'prod', profile: 'flags' },
};

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest, escaping embedded quotes', () => {
    expect(shellQuote('us-east-1')).toBe('us-east-1');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
    expect(shellQuote('')).toBe("''");
  });
});

describe('copyAs for AWS', () => {
  it('names the regional endpoint for curl and gives the CLI only --region', () => {
    const { awsCli, curl, jsSdk } = copyAs(start);
    expect(awsCli).toContain('aws appconfigdata start-configuration-session');
    expect(awsCli).not.toContain('--endpoint-url');
    expect(awsCli).toContain('--region eu-west-1');
    expect(awsCli).toContain(`--application-identifier 'bob'\\''s app'`);
    expect(curl).toContain(' https://appconfigdata.eu-west-1.amazonaws.com/configurationsessions');
    expect(curl).toContain(`--aws-sigv4 aws:amz:eu-west-1:appconfig`);
    expect(curl).toContain(`--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
    expect(curl).toContain(
      `--data '{"ApplicationIdentifier":"bob'\\''s app","EnvironmentIdentifier":"prod","ConfigurationProfileIdentifier":"flags"}'`,
    );
    expect(jsSdk).toContain(`new AppConfigDataClient({ region: "eu-west-1" })`);
    expect(jsSdk).toContain(`"ApplicationIdentifier": "bob's app"`);
  });

  it('passes the minimum interval and the profile the session signed with', () => {
    const { awsCli, jsSdk } = copyAs({
      ...start,
      profile: 'dev',
      identifiers: { ...start.identifiers!, requiredMinimumPollIntervalInSeconds: 30 },
    });
    expect(awsCli).toContain('--required-minimum-poll-interval-in-seconds 30');
    expect(awsCli).toContain('--profile dev');
    expect(jsSdk).toContain('profile: "dev"');
    expect(jsSdk).toContain('"RequiredMinimumPollIntervalInSeconds": 30');
  });

  it('refuses an AWS session whose region is unknown, saying why', () => {
    expect(() => copyAs({ ...start, region: '(from profile)' })).toThrow(
      `Cannot name the AWS endpoint: the session's region "(from profile)" is not a region name such as us-east-1.`,
    );
    expect(() => copyAs({ ...start, region: undefined })).toThrow(/region is not recorded/);
  });
});

describe('copyAs for an endpoint', () => {
  it('sends the token URL-encoded in curl and as-is to the CLI and SDK, with the endpoint URL', () => {
    const { awsCli, curl, jsSdk } = copyAs(poll);
    expect(awsCli).toBe(
      [
        'aws appconfigdata get-latest-configuration',
        '--endpoint-url http://127.0.0.1:4000',
        '--region us-east-1',
        `--configuration-token ${TOKEN}`,
        'configuration.out',
      ].join(' \\\n  '),
    );
    expect(curl).toContain(
      `'http://127.0.0.1:4000/configuration?configuration_token=AYADeA%2Bb%2Fc%3D%3D'`,
    );
    expect(curl).toContain('--output configuration.out');
    expect(jsSdk).toContain(`endpoint: "http://127.0.0.1:4000"`);
    expect(jsSdk).toContain(`ConfigurationToken: "${TOKEN}"`);
  });

  it('says the token is no longer held and reads it from a variable instead of inventing one', () => {
    const { awsCli, curl, jsSdk } = copyAs({ ...poll, token: { fingerprint: 'abc123' } });
    for (const text of [awsCli, curl, jsSdk])
      expect(text).toContain('no longer holds the full token this poll sent (fingerprint abc123)');
    expect(awsCli).toContain(`--configuration-token "$${TOKEN_VARIABLE}"`);
    expect(curl).toContain(`--get --data-urlencode "configuration_token=$${TOKEN_VARIABLE}"`);
    expect(jsSdk).toContain(`ConfigurationToken: process.env.${TOKEN_VARIABLE}`);
  });

  it('rejects a backend that is neither aws nor an http(s) URL, and a poll without a token', () => {
    expect(() => copyAs({ ...poll, backend: 'emulator' })).toThrow(
      `Cannot copy a call to backend "emulator": expected 'aws' or an http(s) endpoint URL.`,
    );
    expect(() => copyAs({ ...poll, backend: 'ftp://x' })).toThrow(/must be an http\(s\) URL/);
    expect(() => copyAs({ ...poll, token: undefined })).toThrow(
      'GetLatestConfiguration needs the token it sent (or at least its fingerprint).',
    );
  });
});
