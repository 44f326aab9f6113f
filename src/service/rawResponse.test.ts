// The request side rawResponse.ts rebuilds from ledger events: start bodies, poll paths with the held token,
// and what is said once a token has left memory. Literal events; the real round trip is in copyAs.test.ts.
import { describe, expect, it } from 'vitest';
import { poll, session, start } from '../core/testLedger.js';
import { rawRequestOf, rawResponseOf, TOKEN_NOT_HELD } from './rawResponse.js';

const held = new Map([['fp-a', 'AYADe+held/token==']]);
const fullToken = (fp: string) => held.get(fp);
const noContent = () => {
  throw new Error('no content in these cases');
};

describe('rawRequestOf', () => {
  it('gives a start its JSON body, with the minimum interval when the session set one', () => {
    const info = session({ requiredMinimumPollIntervalInSeconds: 20 });
    const request = rawRequestOf(info, start(0, 0, 'fp-a'), fullToken);
    expect(request).toEqual({
      method: 'POST',
      path: '/configurationsessions',
      body: '{"ApplicationIdentifier":"app","EnvironmentIdentifier":"prod","ConfigurationProfileIdentifier":"flags","RequiredMinimumPollIntervalInSeconds":20}',
      invocationId: 'inv-0',
      attempts: 1,
    });
  });

  it('puts a held token into the path URL-encoded, with its fingerprint and the SDK attempts', () => {
    const request = rawRequestOf(session(), poll(1, 5, 'fp-a', 'fp-b', { attempts: 3 }), fullToken);
    expect(request).toEqual({
      method: 'GET',
      path: '/configuration?configuration_token=AYADe%2Bheld%2Ftoken%3D%3D',
      tokenIn: { full: 'AYADe+held/token==', fingerprint: 'fp-a' },
      invocationId: 'inv-1',
      attempts: 3,
    });
  });

  it('says a token is no longer held instead of putting one in the path', () => {
    const request = rawRequestOf(session(), poll(2, 35, 'fp-gone', 'fp-c'), fullToken);
    expect(request.path).toBe(`/configuration?configuration_token=${TOKEN_NOT_HELD}`);
    expect(request.tokenIn).toEqual({ fingerprint: 'fp-gone' });
  });
});

describe('rawResponseOf', () => {
  it('carries the request beside the answer', () => {
    const raw = rawResponseOf(session(), poll(1, 5, 'fp-a', 'fp-b'), fullToken, noContent);
    expect(raw.request.tokenIn?.full).toBe('AYADe+held/token==');
    expect(raw.headers['Next-Poll-Configuration-Token']).toMatch(/token no longer held/);
  });
});
