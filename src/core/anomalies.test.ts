import { describe, expect, it } from 'vitest';
import {
  detectAnomalies,
  detectLedgerAnomalies,
  withHeldToken,
  worstSeverity,
  type Anomaly,
} from './anomalies.js';
import type { PollEvent } from './ledger.js';
import { HOUR_S, T0, failed, poll, session, start } from './testLedger.js';

const at = (s: number) => T0 + s * 1000;
const flags = (events: PollEvent[], over = {}, nowS = 120) =>
  detectAnomalies(session(over), events, at(nowS));
const brief = (list: Anomaly[]) => list.map((a) => `${a.id} ${a.severity} ${a.title}`);

describe('detectAnomalies: a well-behaved chain', () => {
  it('flags nothing when every token is used once, on time', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 0.2, 'A', 'B'),
      poll(2, 31, 'B', 'C'),
      poll(3, 62, 'C', 'D'),
    ];
    expect(flags(events)).toEqual([]);
  });
});

describe('tokenReused', () => {
  const base = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 40, 'B', 'C')];

  it('flags a spent token sent again by a different call', () => {
    const list = flags([...base, poll(3, 80, 'B', 'D', { invocationId: 'other' })]);
    expect(brief(list)).toEqual(['tokenReused:3 warning Token reused']);
    expect(list[0]?.sessionId).toBe('s1');
    expect(list[0]?.explanation).toContain('poll #2');
  });

  it('does not flag an observed SDK retry sharing the invocation id', () => {
    expect(flags([...base, poll(3, 41, 'B', 'C2', { invocationId: 'inv-2' })])).toEqual([]);
  });

  it('does not flag sending the same token again after a refused call', () => {
    const list = flags([
      ...base,
      failed(3, 71, 'C', { errorName: 'ThrottlingException', httpStatus: 429 }),
      poll(4, 90, 'C', 'D'),
    ]);
    expect(brief(list)).toEqual(['awsError:3 warning Throttled']);
  });

  it('still flags a deliberate replay and says so', () => {
    const list = flags([...base, poll(3, 80, 'A', 'X', { trigger: 'replay' })]);
    expect(list.map((a) => a.rule)).toEqual(['tokenReused']);
    expect(list[0]?.explanation).toContain('replayed it on purpose');
  });

  it('explains concurrent use as a shared session', () => {
    const concurrent = poll(3, 40.05, 'B', 'C3', { invocationId: 'thread-2' });
    const list = flags([...base, concurrent]);
    expect(list.map((a) => a.rule)).toEqual(['tokenReused']);
    expect(list[0]?.explanation).toContain('still in flight');
    expect(list[0]?.fix).toContain('own session');
  });
});

describe('staleToken', () => {
  it('flags an unspent token once a newer one had been issued, without double-flagging the reuse', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B', { trigger: 'observed' }),
      poll(2, 40, 'A', 'B2', { trigger: 'observed' }),
      poll(3, 80, 'B', 'C', { trigger: 'observed' }),
    ];
    expect(brief(flags(events))).toEqual([
      'tokenReused:2 warning Token reused',
      'staleToken:3 warning Stale token',
    ]);
  });

  it('keeps a deliberate replay on its side branch: the next poll on the chain is not stale', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      poll(2, 40, 'A', 'B2', { trigger: 'replay' }),
      poll(3, 80, 'B', 'C'),
    ];
    expect(brief(flags(events))).toEqual(['tokenReused:2 warning Token reused']);
  });

  it('flags the old chain used after a session restart', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      failed(2, 40, 'B', { errorName: 'ThrottlingException' }),
      start(3, 50, 'N'),
      poll(4, 51, 'B', 'C'),
    ];
    const stale = flags(events).filter((a) => a.rule === 'staleToken');
    expect(stale.map((a) => a.seq)).toEqual([4]);
    expect(stale[0]?.explanation).toContain('session restart #3');
  });

  it('does not flag when the newer token arrived only after this poll was sent', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      poll(2, 40, 'A', 'B2', { trigger: 'replay' }),
      poll(3, 40.05, 'B', 'C'),
    ];
    expect(flags(events).map((a) => a.rule)).toEqual(['tokenReused']);
  });
});

describe('polledTooEarly', () => {
  it('never flags the first poll after start', () => {
    expect(
      flags([start(0, 0, 'A'), poll(1, 0.1, 'A', 'B')], {
        requiredMinimumPollIntervalInSeconds: 60,
      }),
    ).toEqual([]);
  });

  it('is an error below the required minimum interval, measured from the answer that issued the token', () => {
    const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 11, 'B', 'C')];
    const list = flags(events, { requiredMinimumPollIntervalInSeconds: 15 });
    expect(brief(list)).toEqual(['polledTooEarly:2 error Polled too early']);
    expect(list[0]?.explanation).toContain('9.9 s');
    expect(list[0]?.explanation).toContain('Request too early');
  });

  it('is a warning below the returned interval when no minimum was required', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      poll(2, 21, 'B', 'C', { trigger: 'early' }),
    ];
    const list = flags(events);
    expect(brief(list)).toEqual(['polledTooEarly:2 warning Polled too early']);
    expect(list[0]?.explanation).toContain('on purpose');
  });

  it('is not flagged once the interval has passed', () => {
    const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 31.2, 'B', 'C')];
    expect(flags(events, { requiredMinimumPollIntervalInSeconds: 30 })).toEqual([]);
  });

  it('always flags a PollIntervalNotSatisfied refusal as an error, and not also as an AWS error', () => {
    const refusal = failed(2, 50, 'B', {
      problem: 'PollIntervalNotSatisfied',
      message: 'Request too early',
      httpStatus: 400,
    });
    const list = flags([start(0, 0, 'A'), poll(1, 1, 'A', 'B'), refusal]);
    expect(brief(list)).toEqual(['polledTooEarly:2 error Polled too early']);
  });

  it('recognises the "Request too early" message when the body has no Problem', () => {
    const refusal = failed(2, 5, 'B', { message: 'Request too early' });
    expect(flags([start(0, 0, 'A'), poll(1, 1, 'A', 'B'), refusal]).map((a) => a.rule)).toEqual([
      'polledTooEarly',
    ]);
  });
});

describe('token age', () => {
  it('flags a token sent more than 24 h after it was issued', () => {
    const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 25 * HOUR_S, 'B', 'C')];
    const list = flags(events, {}, 25 * HOUR_S + 60);
    expect(brief(list)).toEqual(['tokenExpired:2 error Token expired']);
    expect(list[0]?.explanation).toContain('25 h');
  });

  it('flags the server Expired problem once, as tokenExpired', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      failed(2, 40, 'B', { problem: 'Expired' }),
    ];
    expect(brief(flags(events))).toEqual(['tokenExpired:2 error Token expired']);
  });

  it('warns past 23 h', () => {
    const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 23.5 * HOUR_S, 'B', 'C')];
    expect(brief(flags(events, {}, 23.5 * HOUR_S + 60))).toEqual([
      'tokenNearExpiry:2 warning Token near expiry',
    ]);
  });

  it('judges the token a live session still holds at `now`', () => {
    const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B')];
    expect(brief(flags(events, {}, 23.5 * HOUR_S))).toEqual([
      'tokenNearExpiry:1:held warning Token near expiry',
    ]);
    expect(brief(flags(events, {}, 25 * HOUR_S))).toEqual([
      'tokenExpired:1:held error Token expired',
    ]);
    expect(flags(events, { state: 'stopped' }, 25 * HOUR_S)).toEqual([]);
    expect(flags(events, { readOnly: true }, 25 * HOUR_S)).toEqual([]);
  });
});

describe('detectLedgerAnomalies + withHeldToken: the ledger pass once, the clock each tick', () => {
  const events = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), poll(2, 40, 'B', 'C')];
  const ledger = detectLedgerAnomalies(session(), events);

  it('returns the ledger pass itself while no held token is old, so ticks keep one array', () => {
    expect(withHeldToken(ledger, at(120))).toBe(ledger.anomalies);
    expect(withHeldToken(ledger, at(3600))).toBe(ledger.anomalies);
    expect(brief([...ledger.anomalies])).toEqual(brief(flags(events)));
  });

  it('adds the held-token flag once the clock makes it old, as detectAnomalies does', () => {
    const late = withHeldToken(ledger, at(23.5 * HOUR_S));
    expect(late).not.toBe(ledger.anomalies);
    expect(late).toEqual(flags(events, {}, 23.5 * HOUR_S));
    expect(brief([...late]).at(-1)).toBe('tokenNearExpiry:2:held warning Token near expiry');
  });
});

describe('session churn inside one ledger', () => {
  it('flags a restart after a successful poll with a fresh token', () => {
    const events = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      start(2, 60, 'N'),
      poll(3, 61, 'N', 'O'),
    ];
    expect(brief(flags(events))).toEqual(['sessionChurn:2 warning Session churn']);
  });

  it('accepts a restart after an error or when the token was nearly expired', () => {
    const afterError = [
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      failed(2, 40, 'B', { problem: 'Corrupted' }),
      start(3, 41, 'N'),
    ];
    expect(flags(afterError).map((a) => a.rule)).toEqual(['awsError']);
    const afterAge = [start(0, 0, 'A'), poll(1, 1, 'A', 'B'), start(2, 23.9 * HOUR_S, 'N')];
    expect(flags(afterAge, {}, 23.9 * HOUR_S)).toEqual([]);
  });
});

describe('ledger handling', () => {
  it('sorts out-of-order events and ignores other sessions', () => {
    const events = [
      poll(2, 80, 'A', 'C', { invocationId: 'x' }),
      start(0, 0, 'A'),
      poll(1, 1, 'A', 'B'),
      poll(3, 90, 'A', 'Z', { sessionId: 's2' }),
    ];
    expect(brief(flags(events))).toEqual(['tokenReused:2 warning Token reused']);
  });

  it('stays linear: 50,000 polls with a reuse every 1,000th, each followed by a stale token', () => {
    const events: PollEvent[] = [start(0, 0, 't0')];
    for (let i = 1; i <= 50_000; i++) {
      // i = 1000k re-sends t(i-2), already spent by i-1; i = 1000k+1 then sends t(i-2), skipped by the reuse.
      const skipBack = i > 1 && (i % 1000 === 0 || i % 1000 === 1);
      const tokenIn = skipBack ? `t${i - 2}` : `t${i - 1}`;
      events.push(poll(i, i * 31, tokenIn, `t${i}`));
    }
    const started = performance.now();
    const list = detectAnomalies(session(), events, at(50_001 * 31));
    const elapsed = performance.now() - started;
    const count = (rule: Anomaly['rule']) => list.filter((a) => a.rule === rule).length;
    expect(count('tokenReused')).toBe(50);
    expect(count('staleToken')).toBe(49);
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('worst severity', () => {
  const list = flags([
    start(0, 0, 'A'),
    poll(1, 1, 'A', 'B'),
    poll(2, 5, 'B', 'C'),
    failed(3, 40, 'C', { errorName: 'AccessDeniedException', httpStatus: 403 }),
    failed(4, 80, 'C', { errorName: 'AccessDeniedException', httpStatus: 403 }),
  ]);

  it('reports the worst severity', () => {
    expect(worstSeverity(list)).toBe('error');
    expect(worstSeverity(list.filter((a) => a.severity !== 'error'))).toBe('warning');
    expect(worstSeverity([])).toBeUndefined();
  });
});
