import { describe, expect, it } from 'vitest';
import { checkAuthored } from './authoredDocument.js';
import { checkFeatureFlags } from './flagSchema.js';

const valid = {
  version: '1',
  flags: {
    checkout: {
      name: 'Checkout',
      attributes: {
        limit: { constraints: { type: 'number', minimum: 1, maximum: 10, required: true } },
        color: { constraints: { type: 'string', enum: ['red', 'blue'] } },
        tags: { constraints: { type: 'array', elements: { type: 'string', pattern: '^[a-z]+$' } } },
      },
    },
  },
  values: { checkout: { enabled: true, limit: 5, color: 'red', tags: ['a', 'b'] } },
};

describe('checkFeatureFlags', () => {
  it('accepts a document that follows the schema', () => {
    expect(checkFeatureFlags(valid)).toEqual([]);
    expect(checkFeatureFlags({ version: '1' })).toEqual([]);
  });

  it('names each schema and constraint problem with its path', () => {
    const bad = {
      version: 1,
      extra: true,
      flags: {
        Checkout: { name: 'x' },
        ok: { name: 'a\nb', attributes: { n: { constraints: { type: 'date' } } } },
      },
      values: {
        ok: { enabled: 'yes' },
        ghost: { enabled: true },
      },
    };
    expect(checkFeatureFlags(bad)).toEqual([
      { path: ['extra'], reason: expect.stringContaining('"extra" is not allowed') },
      { path: ['version'], reason: 'version must be the string "1".' },
      { path: ['flags', 'Checkout'], reason: expect.stringContaining('must match') },
      {
        path: ['flags', 'ok', 'name'],
        reason: 'name must be 1–64 characters without a line break.',
      },
      {
        path: ['flags', 'ok', 'attributes', 'n', 'constraints', 'type'],
        reason: expect.stringContaining('one of string, number'),
      },
      { path: ['values', 'ok', 'enabled'], reason: 'enabled must be true or false, not string.' },
      { path: ['values', 'ghost'], reason: '"ghost" has a value but no definition under flags.' },
    ]);
  });

  it('checks attribute values against their constraints, and required ones on enabled flags', () => {
    const doc = structuredClone(valid);
    doc.values.checkout = { enabled: true, color: 'green', tags: ['A'] } as never;
    expect(checkFeatureFlags(doc).map((p) => [p.path.join('.'), p.reason])).toEqual([
      ['values.checkout.color', '"green" is not one of red, blue.'],
      ['values.checkout.tags.0', '"A" does not match the pattern ^[a-z]+$.'],
      ['values.checkout.limit', 'attribute "limit" is required when the flag is enabled.'],
    ]);
  });
});

describe('checkAuthored', () => {
  it('gives the line and column of a JSON syntax error', () => {
    expect(checkAuthored('{\n  "a": 1,\n}', 'json', false)).toMatchObject({ line: 3, column: 1 });
  });

  it("finds the line and column when the engine's message names no position (a missing value)", () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n  "c": \n}';
    expect(checkAuthored(text, 'json', false)).toMatchObject({ line: 5, column: 1 });
    expect(checkAuthored('{\n  "a": }', 'json', false)).toMatchObject({ line: 2, column: 8 });
  });

  it('gives the line of a YAML syntax error', () => {
    expect(checkAuthored('a: 1\nb: [1\nc: 2', 'yaml', false)).toMatchObject({ line: 3 });
  });

  it('points a flag-schema problem at the offending value in JSON and YAML', () => {
    const json =
      '{\n "version": "1",\n "flags": {"dark": {}},\n "values": {"dark": {"enabled": "yes"}}\n}';
    expect(checkAuthored(json, 'json', true)).toEqual({
      line: 4,
      column: 33,
      reason: 'values.dark.enabled: enabled must be true or false, not string.',
    });
    const yaml = 'version: "1"\nflags:\n  dark: {}\nvalues:\n  dark:\n    enabled: 3\n';
    expect(checkAuthored(yaml, 'yaml', true)).toMatchObject({ line: 6, column: 14 });
  });

  it('accepts valid documents and any text, and skips the flag schema for freeform profiles', () => {
    expect(checkAuthored(JSON.stringify(valid), 'json', true)).toBeUndefined();
    expect(checkAuthored('{"anything": 1}', 'json', false)).toBeUndefined();
    // JSON allows a repeated key (the last one wins); only YAML forbids it.
    expect(checkAuthored('{"a": 1, "a": 2}', 'json', false)).toBeUndefined();
    expect(checkAuthored('a: 1\na: 2', 'yaml', false)).toMatchObject({ line: 2 });
    expect(checkAuthored('{ not json', 'text', true)).toBeUndefined();
  });
});
