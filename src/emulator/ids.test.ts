import { describe, expect, it } from 'vitest';
import { nextId } from './ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('nextId', () => {
  it('is shaped like a random UUID and unique across a 16-bit rollover', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 0x10000 + 10; i++) {
      const id = nextId();
      expect(id).toMatch(UUID_V4);
      seen.add(id);
    }
    expect(seen.size).toBe(0x10000 + 10);
  });
});
