import { describe, expect, it } from 'vitest';
import { session, T0 } from '../testLedger.js';
import { detectChurn } from './churn.js';

const min = (n: number) => T0 + n * 60_000;

describe('detectChurn', () => {
  it('flags the later sessions started for the same app/env/profile by one client within 10 minutes', () => {
    const sessions = [
      session({ id: 'c', startedAt: min(30), client: 'app/1.0 10.0.0.5' }),
      session({ id: 'a', startedAt: min(0), client: 'app/1.0 10.0.0.5' }),
      session({ id: 'b', startedAt: min(2), client: 'app/1.0 10.0.0.5' }),
      session({ id: 'd', startedAt: min(35), client: 'app/1.0 10.0.0.5' }),
    ];
    const list = detectChurn(sessions, min(60));
    expect(list.map((a) => `${a.sessionId} ${a.id} ${a.severity} ${a.title}`)).toEqual([
      'b sessionChurn:0 warning Session churn',
      'd sessionChurn:0 warning Session churn',
    ]);
    expect(list[0]?.explanation).toContain('2 min after session a');
  });

  it('does not mix clients, profiles, backends or imported recordings', () => {
    const sessions = [
      session({ id: 'a', startedAt: min(0), client: 'one' }),
      session({ id: 'b', startedAt: min(1), client: 'two' }),
      session({
        id: 'c',
        startedAt: min(2),
        client: 'one',
        configurationProfileIdentifier: 'other',
      }),
      session({ id: 'd', startedAt: min(3), client: 'one', backend: 'aws' }),
      session({ id: 'e', startedAt: min(4), client: 'one', readOnly: true }),
    ];
    expect(detectChurn(sessions, min(60))).toEqual([]);
  });

  it('accepts a new session after a failed one', () => {
    const sessions = [
      session({ id: 'a', state: 'failed' }),
      session({ id: 'b', startedAt: min(1) }),
    ];
    expect(detectChurn(sessions, min(60))).toEqual([]);
  });

  it('ignores sessions that start after now', () => {
    const sessions = [session({ id: 'a' }), session({ id: 'b', startedAt: min(5) })];
    expect(detectChurn(sessions, min(4))).toEqual([]);
    expect(detectChurn(sessions, min(5)).map((a) => a.sessionId)).toEqual(['b']);
  });
});
