import { describe, expect, it } from 'vitest';
import { hexDump } from './hexDump.js';

describe('hexDump', () => {
  it('prints hexdump -C style lines and the size', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"a":1}\n'),
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      0xff,
      0x41,
    ]);
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  7b 22 61 22 3a 31 7d 0a  00 01 02 03 04 05 06 07  |{"a":1}.........|',
      '00000010  ff 41                                             |.A|',
      '00000012  (18 bytes)',
    ]);
  });

  it('says how much it left out past the limit', () => {
    const lines = hexDump(new Uint8Array(40), 16).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('00000010  … 24 more bytes not shown');
    expect(lines[2]).toBe('00000028  (40 bytes)');
  });

  it('falls back to the default limit for NaN and lists nothing for a negative one', () => {
    expect(hexDump(new Uint8Array(32), Number.NaN).split('\n')).toHaveLength(3);
    expect(hexDump(new Uint8Array(32), -5).split('\n')).toEqual([
      '00000000  … 32 more bytes not shown',
      '00000020  (32 bytes)',
    ]);
  });

  it('handles empty input', () => {
    expect(hexDump(new Uint8Array(0))).toBe('00000000  (0 bytes)');
  });
});
