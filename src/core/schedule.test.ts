import { describe, expect, it } from 'vitest';
import { backoffMs, nextPollAt } from './schedule.js';
import { HOUR_S, T0, failed, poll, start } from './testLedger.js';

const ms = (s: number) => T0 + s * 1000;
const lastPoll = poll(4, 100, 'B', 'C', { intervalSeconds: 45 });
const answered = lastPoll.answeredAt;

describe('nextPollAt after an answer', () => {
  it('polls right after a session starts', () => {
    const started = start(0, 0, 'A');
    expect(nextPollAt(started, 30)).toEqual({
      at: started.answeredAt,
      token: 'next',
      reason: 'first poll of the session',
    });
  });

  it('waits the returned interval, counted from the answer', () => {
    expect(nextPollAt(lastPoll)).toMatchObject({ at: answered + 45_000, token: 'next' });
  });

  it('never plans below the required minimum', () => {
    expect(nextPollAt(lastPoll, 120)).toMatchObject({ at: answered + 120_000, token: 'next' });
  });

  it('falls back to the 60 s default when no interval came back', () => {
    expect(nextPollAt(poll(1, 0, 'A', 'B', { intervalSeconds: undefined }))?.at).toBe(
      ms(0.1) + 60_000,
    );
  });

  it('restarts when the answer carried no next token, after the interval it did carry', () => {
    expect(nextPollAt(poll(1, 0, 'A', 'B', { tokenOut: undefined }))).toMatchObject({
      token: 'restart',
      at: ms(0.1) + 30_000,
    });
    expect(
      nextPollAt(poll(1, 0, 'A', 'B', { tokenOut: undefined, intervalSeconds: undefined }), 90),
    ).toMatchObject({ token: 'restart', at: ms(0.1) + 90_000 });
  });

  it('backs off before restarting when StartConfigurationSession gave no token', () => {
    expect(nextPollAt(start(0, 0, 'A', { tokenOut: undefined }))).toMatchObject({
      token: 'restart',
      at: ms(0.1) + backoffMs(1),
    });
  });

  it('restarts instead of letting a 24 h interval run the token out', () => {
    const daily = poll(1, 0, 'A', 'B', { intervalSeconds: 24 * HOUR_S });
    expect(nextPollAt(daily, 24 * HOUR_S)).toMatchObject({
      token: 'restart',
      at: ms(0.1) + 24 * HOUR_S * 1000,
    });
  });
});

describe('nextPollAt after an error', () => {
  const tooEarly = failed(5, 110, 'C', {
    problem: 'PollIntervalNotSatisfied',
    message: 'Request too early',
  });

  it('retries "Request too early" with the same token at the earliest allowed time', () => {
    expect(nextPollAt(tooEarly, 30, { tokenIssuedAt: answered })).toMatchObject({
      at: answered + 30_000,
      token: 'same',
    });
    expect(nextPollAt(tooEarly, 30)).toMatchObject({
      at: tooEarly.answeredAt + 30_000,
      token: 'same',
    });
    expect(nextPollAt(tooEarly, 15, { tokenIssuedAt: ms(0) })).toMatchObject({
      at: tooEarly.answeredAt + 1000,
      token: 'same',
    });
  });

  it('restarts the session on Expired and Corrupted tokens and on other rejected polls', () => {
    for (const problem of ['Expired', 'Corrupted', undefined]) {
      const refused = failed(5, 110, 'C', { problem, message: 'Invalid parameters' });
      expect(nextPollAt(refused, 30)).toMatchObject({ at: refused.answeredAt, token: 'restart' });
    }
  });

  it('stops when only a person can fix it', () => {
    const denied = failed(5, 110, 'C', { errorName: 'AccessDeniedException', httpStatus: 403 });
    expect(nextPollAt(denied).token).toBe('stop');
    expect(
      nextPollAt(
        failed(0, 0, undefined, {
          errorName: 'ResourceNotFoundException',
          resourceType: 'Application',
        }),
      ).token,
    ).toBe('stop');
    expect(nextPollAt(failed(0, 0, undefined, { message: 'Identifier too long' })).token).toBe(
      'stop',
    );
  });

  it('backs off exponentially on transient errors, keeping the token', () => {
    const throttled = failed(5, 110, 'C', { errorName: 'ThrottlingException', httpStatus: 429 });
    expect(nextPollAt(throttled)).toMatchObject({
      at: throttled.answeredAt + 5_000,
      token: 'same',
    });
    expect(nextPollAt(throttled, undefined, { consecutiveErrors: 3 }).at).toBe(
      throttled.answeredAt + 20_000,
    );
    expect(nextPollAt(throttled, 30, { tokenIssuedAt: answered }).at).toBe(answered + 30_000);
  });

  it('starts again after a transient failure of the start call', () => {
    const start500 = failed(0, 0, undefined, {
      errorName: 'InternalServerException',
      httpStatus: 500,
    });
    expect(nextPollAt(start500, undefined, { consecutiveErrors: 2 })).toMatchObject({
      at: start500.answeredAt + 10_000,
      token: 'restart',
    });
  });
});

describe('backoffMs', () => {
  it('doubles from 5 s and caps at 5 minutes', () => {
    expect([1, 2, 3, 4, 7, 1000].map((n) => backoffMs(n))).toEqual([
      5_000, 10_000, 20_000, 40_000, 300_000, 300_000,
    ]);
    expect(backoffMs(0)).toBe(5_000);
  });
});
