import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, jsonErrorOffset } from './whereInvalid.js';

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x41, 0xff], 1],
    [[0xc0, 0x80], 0],
    [[0xe0, 0x80, 0x80], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x41, 0xe2, 0x82], 1],
    [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x80], 7],
  ])('finds the first byte that breaks UTF-8 in %j at %i', (bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
  it('agrees with TextDecoder on 2,000 seeded random byte strings', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 12) }, () =>
        next() < 96 ? next() >> 1 : next() | 0x80,
      );
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) === undefined).toBe(valid);
    }
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a":1,}', 7],
    ['[1 2]', 3],
    ['{"a" 1}', 5],
    ['"tab\there"', 0],
    ['01', 1],
    ['{"a":1}}', 7],
    ['', 0],
    ['[', 1],
    ['{"a":[1,{"b":nul}]}', 13],
  ])('places the JSON error in %j at offset %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
  it('agrees with JSON.parse on which of 3,000 seeded mutated documents are valid', () => {
    let seed = 11;
    const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const base = '{"a":[1,-2.5e3,true,null,"x\\u00e9"],"b":{"c":false}}';
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '1', '-', '.', 'e', ' ', 'n', '\\'];
    for (let n = 0; n < 3000; n++) {
      const chars = [...base];
      for (let k = 0; k <= next(3); k++)
        chars.splice(next(chars.length), next(2), alphabet[next(alphabet.length)]!);
      const text = chars.join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect([text, jsonErrorOffset(text) === undefined]).toEqual([text, valid]);
    }
  });
});
