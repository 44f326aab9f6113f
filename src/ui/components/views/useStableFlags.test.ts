import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { sameAnomalies } from './useStableFlags.js';

const flag = (seq: number, explanation = 'early'): Anomaly => ({
  id: `polledTooEarly:${seq}`,
  rule: 'polledTooEarly',
  severity: 'warning',
  sessionId: 's1',
  seq,
  title: 'Polled too early',
  explanation,
  fix: 'wait',
});

describe('sameAnomalies', () => {
  it('is true for a recomputed array with the same flags in the same words', () => {
    expect(sameAnomalies([flag(1), flag(2)], [flag(1), flag(2)])).toBe(true);
  });

  it('is false when a flag is added, gone, reordered or reworded', () => {
    expect(sameAnomalies([flag(1)], [flag(1), flag(2)])).toBe(false);
    expect(sameAnomalies([flag(1), flag(2)], [flag(2), flag(1)])).toBe(false);
    expect(sameAnomalies([flag(1)], [flag(1, 'expires in 9 s')])).toBe(false);
    expect(sameAnomalies([flag(1)], [{ ...flag(1), severity: 'error' }])).toBe(false);
  });
});
