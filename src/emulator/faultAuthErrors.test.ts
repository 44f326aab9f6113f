// The identity and signature refusals the emulator injects on purpose (AccessDeniedException,
// ExpiredTokenException, UnrecognizedClientException, InvalidSignatureException), as the real AWS SDKs meet
// them: the error name, the 403, AWS's text naming the IAM action or the clock times, and no retry.
import { afterEach, describe, expect, it } from 'vitest';
import { ListApplicationsCommand } from '@aws-sdk/client-appconfig';
import { GetLatestConfigurationCommand } from '@aws-sdk/client-appconfigdata';
import type { TestEmulator } from './test/support.js';
import { controlClient } from './test/support.js';
import { addFault, failure, faultEmulator, polls, startSession } from './test/faults.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('injected AWS identity and signature errors', () => {
  it('AccessDeniedException names the IAM action of the refused operation, data and control plane alike', async () => {
    t = await faultEmulator({ faults: ['*:AccessDeniedException'] });
    const start = await failure(startSession(t.data));
    expect(start).toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    expect(start.message).toContain(
      'is not authorized to perform: appconfig:StartConfigurationSession because no identity-based policy allows the appconfig:StartConfigurationSession action',
    );
    const control = controlClient(t.emulator.url);
    try {
      const list = await failure(control.send(new ListApplicationsCommand({})));
      expect(list.name).toBe('AccessDeniedException');
      expect(list.message).toContain('appconfig:ListApplications');
    } finally {
      control.destroy();
    }
  });

  it('ExpiredTokenException and UnrecognizedClientException carry AWS text and are not retried', async () => {
    t = await faultEmulator();
    const token = await startSession(t.data);
    await addFault(t.emulator.url, 'GetLatestConfiguration:ExpiredTokenException,count=1');
    const expired = await failure(
      t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    );
    expect(expired).toMatchObject({
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    expect(expired.message).toMatch(/^The security token included in the request is expired/);
    await addFault(t.emulator.url, 'GetLatestConfiguration:UnrecognizedClientException,count=1');
    const invalid = await failure(
      t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    );
    expect(invalid.name).toBe('UnrecognizedClientException');
    expect(invalid.message).toMatch(/^The security token included in the request is invalid\./);
    // Refused before the handler ran: the token was not spent, so the next call with it is no replay.
    await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    const records = polls(t.emulator.context.observations);
    expect(records.map((r) => r.status)).toEqual([403, 403, 200]);
    expect(records[2]!.facts.replay).toBe(false);
  });

  it('InvalidSignatureException says the signature expired against a clock ten minutes ahead', async () => {
    t = await faultEmulator({ faults: ['StartConfigurationSession:InvalidSignatureException'] });
    const e = await failure(startSession(t.data));
    expect(e.name).toBe('InvalidSignatureException');
    const [, signed, earliest, now] =
      /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)/.exec(
        e.message,
      ) ?? [];
    const ms = (s: string | undefined) =>
      Date.parse(
        (s ?? '').replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
      );
    expect(ms(earliest) - ms(signed)).toBe(5 * 60_000);
    expect(ms(now) - ms(signed)).toBe(10 * 60_000);
    // The signature's time is the request's own X-Amz-Date: within a minute of this test's clock.
    expect(Math.abs(ms(signed) - Date.now())).toBeLessThan(60_000);
  });
});
