import { describe, expect, it } from 'vitest';
import { declaredFormat, decodeConfiguration, LARGE_CONTENT_BYTES, normalise } from './decode.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('declaredFormat', () => {
  it('reads media types, ignoring parameters and case', () => {
    expect(
      [
        'application/json',
        'Application/JSON; charset=utf-8',
        'application/vnd.api+json',
        'application/json; type=AWS.AppConfig.FeatureFlags',
        'application/x-yaml',
        'application/yaml',
        'text/yaml',
        'text/plain',
        'text/csv',
        'application/xml',
        'application/ion; type=AWS.AppConfig.FeatureFlags',
        'application/octet-stream',
        undefined,
      ].map(declaredFormat),
    ).toEqual([
      'json',
      'json',
      'json',
      'json',
      'yaml',
      'yaml',
      'yaml',
      'text',
      'text',
      'text',
      'text',
      'unknown',
      'unknown',
    ]);
  });
});

describe('decodeConfiguration', () => {
  it('parses declared JSON', () => {
    const decoded = decodeConfiguration(utf8('{"betaGroup":{"enabled":true}}'), 'application/json');
    expect(decoded).toEqual({
      kind: 'json',
      text: '{"betaGroup":{"enabled":true}}',
      value: { betaGroup: { enabled: true } },
      size: 30,
    });
  });

  it('keeps invalid declared JSON as text with the parse error', () => {
    const decoded = decodeConfiguration(utf8('{"a":'), 'application/json');
    expect(decoded.kind).toBe('text');
    expect(decoded.text).toBe('{"a":');
    expect(decoded.value).toBeUndefined();
    expect(decoded.error).toMatch(/^Invalid JSON( at line 1, column 6)?: /);
  });

  it('says where declared JSON breaks, as line and column', () => {
    const decoded = decodeConfiguration(utf8('{\n  "a": 1,\n  "b": x\n}'), 'application/json');
    expect(decoded.kind).toBe('text');
    expect(decoded.error).toMatch(/^Invalid JSON at line 3, column 8: /);
    expect(decoded.error).not.toMatch(/position/);
  });

  it('parses YAML and reports invalid YAML', () => {
    expect(
      decodeConfiguration(utf8('limits:\n  rps: 5\nname: x\n'), 'application/x-yaml'),
    ).toMatchObject({
      kind: 'yaml',
      value: { limits: { rps: 5 }, name: 'x' },
    });
    const bad = decodeConfiguration(utf8('a: [1, 2\n'), 'text/yaml');
    expect(bad.kind).toBe('text');
    expect(bad.error).toMatch(/^Invalid YAML: /);
  });

  it('reports YAML alias bombs instead of expanding them', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 6; i++)
      levels.push(
        `${'abcdef'[i]}: &${'abcdef'[i]} [${Array(10)
          .fill(`*${'abcdef'[i - 1]}`)
          .join(', ')}]`,
      );
    const decoded = decodeConfiguration(utf8(levels.join('\n')), 'application/yaml');
    expect(decoded.kind).toBe('text');
    expect(decoded.error).toMatch(/^Invalid YAML: .*alias/i);
  });

  it('keeps text/* as text', () => {
    expect(decodeConfiguration(utf8('MAX=5\r\n'), 'text/plain')).toEqual({
      kind: 'text',
      text: 'MAX=5\r\n',
      size: 7,
    });
  });

  it('recognises undeclared JSON and text, and dumps undeclared binary', () => {
    expect(decodeConfiguration(utf8(' [1,2]')).kind).toBe('json');
    expect(decodeConfiguration(utf8('{not json'), 'application/octet-stream')).toEqual({
      kind: 'text',
      text: '{not json',
      size: 9,
    });
    const binary = decodeConfiguration(
      new Uint8Array([0x08, 0x96, 0x01]),
      'application/x-protobuf',
    );
    expect(binary.kind).toBe('binary');
    expect(binary.error).toBeUndefined();
    const control = decodeConfiguration(new Uint8Array([0x41, 0x00, 0x42]));
    expect(control.text.split('\n')[0]).toBe(
      '00000000  41 00 42                                          |A.B|',
    );
  });

  it('treats undecodable UTF-8 as binary even when declared as text', () => {
    const decoded = decodeConfiguration(
      new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]),
      'application/json',
    );
    expect(decoded.kind).toBe('binary');
    expect(decoded.error).toBe(
      'Declared application/json but the bytes are not valid UTF-8 (first bad byte at offset 1)',
    );
    expect(decoded.text).toContain('(4 bytes)');
  });

  it('marks content over LARGE_CONTENT_BYTES as large and smaller content not', () => {
    const big = new Uint8Array(LARGE_CONTENT_BYTES + 1).fill(0x61);
    expect(decodeConfiguration(big, 'text/plain')).toMatchObject({ kind: 'text', large: true });
    expect(decodeConfiguration(big.subarray(1), 'text/plain').large).toBeUndefined();
  });

  it('strips a UTF-8 byte order mark before parsing', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]);
    expect(decodeConfiguration(bytes, 'application/json')).toMatchObject({
      kind: 'json',
      value: { a: 1 },
      size: 10,
    });
  });

  it('rejects a non-byte input with a precise error', () => {
    expect(() => decodeConfiguration('{}' as unknown as Uint8Array)).toThrow(
      'configuration must be a Uint8Array',
    );
  });
});

describe('normalise', () => {
  it('returns the raw text when off', () => {
    const decoded = decodeConfiguration(utf8('{"b":1,  "a":2}'), 'application/json');
    expect(normalise(decoded, false)).toBe('{"b":1,  "a":2}');
  });

  it('pretty-prints JSON with sorted keys at every depth', () => {
    const decoded = decodeConfiguration(
      utf8('{"b":{"y":1,"x":[{"d":1,"c":2}]},"a":true}'),
      'application/json',
    );
    expect(normalise(decoded, true)).toBe(
      '{\n  "a": true,\n  "b": {\n    "x": [\n      {\n        "c": 2,\n        "d": 1\n      }\n    ],\n    "y": 1\n  }\n}\n',
    );
  });

  it('makes formatting-only JSON changes compare equal', () => {
    const a = decodeConfiguration(utf8('{"flag":{"enabled":true,"limit":3}}'), 'application/json');
    const b = decodeConfiguration(
      utf8('{\n  "flag": { "limit": 3, "enabled": true }\n}\n'),
      'application/json',
    );
    expect(normalise(a, true)).toBe(normalise(b, true));
  });

  it('keeps a "__proto__" key as data', () => {
    const decoded = decodeConfiguration(
      utf8('{"z":1,"__proto__":{"polluted":true}}'),
      'application/json',
    );
    expect(normalise(decoded, true)).toBe(
      '{\n  "__proto__": {\n    "polluted": true\n  },\n  "z": 1\n}\n',
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('re-dumps YAML with sorted keys', () => {
    const decoded = decodeConfiguration(
      utf8('zeta: 1\nalpha:\n  b: 2\n  a: [3, 1]\n'),
      'application/yaml',
    );
    expect(normalise(decoded, true)).toBe('alpha:\n  a:\n    - 3\n    - 1\n  b: 2\nzeta: 1\n');
  });

  it('normalises text line endings and leaves binary dumps alone', () => {
    expect(normalise(decodeConfiguration(utf8('a\r\nb\rc'), 'text/plain'), true)).toBe('a\nb\nc');
    const binary = decodeConfiguration(new Uint8Array([0xff]));
    expect(normalise(binary, true)).toBe(binary.text);
  });
});
