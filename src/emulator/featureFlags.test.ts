// Feature flags: the retrieval-time form served by GetLatestConfiguration (docs/protocol.md §5.1) and the
// create-time validation of authored documents.
import { describe, expect, it } from 'vitest';
import { servedContent } from './featureFlags.js';
import { validateFlagDocument } from './controlPlane/flagValidation.js';
import type { ConfigurationProfile, HostedVersion } from './store.js';

const profile = (Type: ConfigurationProfile['Type']): ConfigurationProfile => ({
  ApplicationId: 'app1234',
  Id: 'prof123',
  Name: 'p',
  LocationUri: 'hosted',
  Type,
});
const version = (content: string | Buffer, ContentType = 'application/json'): HostedVersion => ({
  ApplicationId: 'app1234',
  ConfigurationProfileId: 'prof123',
  VersionNumber: 1,
  ContentType,
  Content: Buffer.from(content),
  CreatedAt: new Date(0),
});
const problems = (doc: unknown) =>
  validateFlagDocument(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)));

describe('servedContent', () => {
  it('flattens flags: attributes only when enabled, never _-prefixed keys, application/json', () => {
    const authored = {
      version: '1',
      flags: {
        beta: {
          name: 'Beta',
          _createdAt: '2024-01-01T00:00:00Z',
          attributes: {
            color: { constraints: { type: 'string' } },
            limit: { constraints: { type: 'number' } },
          },
        },
        off: { name: 'Off', attributes: { color: { constraints: { type: 'string' } } } },
        unset: { name: 'Unset' },
      },
      values: {
        beta: {
          enabled: true,
          color: 'red',
          limit: 3,
          _createdAt: '2024-01-01T00:00:00Z',
          _updatedAt: 'x',
        },
        off: { enabled: false, color: 'blue' },
      },
    };
    const out = servedContent(
      profile('AWS.AppConfig.FeatureFlags'),
      version(JSON.stringify(authored), 'application/json; charset=utf-8'),
    );
    expect(out.contentType).toBe('application/json');
    expect(JSON.parse(out.body.toString())).toEqual({
      beta: { enabled: true, color: 'red', limit: 3 },
      off: { enabled: false },
      unset: { enabled: false },
    });
  });

  it('serves freeform bytes and the stored content type unchanged', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const out = servedContent(profile('AWS.Freeform'), version(bytes, 'application/octet-stream'));
    expect(out.body.equals(bytes)).toBe(true);
    expect(out.contentType).toBe('application/octet-stream');
  });
});

describe('validateFlagDocument', () => {
  it('accepts documented shapes: version only, attributes of every constraint type, deprecation, variants', () => {
    expect(problems({ version: '1' })).toEqual([]);
    expect(
      problems({
        version: '1',
        flags: {
          'ui_refresh-2': {
            name: 'UI refresh',
            description: 'd',
            _deprecation: { status: 'planned', date: '2030-01-01' },
            attributes: {
              n: { constraints: { type: 'number', minimum: 0, maximum: 9, required: true } },
              s: { constraints: { type: 'string', pattern: '^[a-z]+$' } },
              e: { constraints: { type: 'string', enum: ['a', 1] } },
              a: { constraints: { type: 'array', elements: { type: 'number', minimum: 1 } } },
              b: { constraints: { type: 'boolean' } },
            },
          },
        },
        values: {
          'ui_refresh-2': {
            enabled: true,
            n: 9,
            s: 'abc',
            e: 'a',
            a: [1, 2],
            b: false,
            _variants: [{ name: 'QA', enabled: true, rule: '(eq $x 1)' }],
          },
        },
      }),
    ).toEqual([]);
  });

  it.each([
    ['not JSON', '{', '$', /^Content is not valid UTF-8 JSON/],
    ['a non-object', '[1]', '$', /must be an object, not array/],
    ['a wrong version', { version: 1 }, '$.version', /must be the string "1"; got 1/],
    ['a missing version', { flags: {} }, '$.version', /got nothing/],
    ['an extra top-level key', { version: '1', meta: {} }, '$.meta', /Unknown key 'meta'/],
    ['a bad flag key', { version: '1', flags: { Beta: {} } }, '$.flags.Beta', /must match/],
    [
      'a multi-line name',
      { version: '1', flags: { a: { name: 'x\ny' } } },
      '$.flags.a.name',
      /without newlines/,
    ],
    [
      'an unknown flag member',
      { version: '1', flags: { a: { enabled: true } } },
      '$.flags.a.enabled',
      /Unknown key/,
    ],
    [
      'values for an undefined flag',
      { version: '1', values: { ghost: { enabled: true } } },
      '$.values.ghost',
      /no flag 'ghost' is defined/,
    ],
    [
      'a non-boolean enabled',
      { version: '1', flags: { a: {} }, values: { a: { enabled: 'yes' } } },
      '$.values.a.enabled',
      /must be a boolean/,
    ],
    [
      'an undefined attribute',
      { version: '1', flags: { a: {} }, values: { a: { enabled: true, x: 1 } } },
      '$.values.a.x',
      /not defined/,
    ],
    [
      'too many attributes',
      {
        version: '1',
        flags: {
          a: {
            attributes: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, {}])),
          },
        },
      },
      '$.flags.a.attributes',
      /at most 25/,
    ],
    [
      'pattern and enum together',
      {
        version: '1',
        flags: {
          a: { attributes: { s: { constraints: { type: 'string', pattern: 'x', enum: ['x'] } } } },
        },
      },
      '$.flags.a.attributes.s.constraints',
      /not both/,
    ],
    [
      'an invalid regex',
      {
        version: '1',
        flags: { a: { attributes: { s: { constraints: { type: 'string', pattern: '(' } } } } },
      },
      '$.flags.a.attributes.s.constraints.pattern',
      /not a valid regular expression/,
    ],
    [
      'a value of the wrong type',
      {
        version: '1',
        flags: { a: { attributes: { n: { constraints: { type: 'number' } } } } },
        values: { a: { enabled: true, n: '1' } },
      },
      '$.values.a.n',
      /must be a number/,
    ],
    [
      'a value outside the enum',
      {
        version: '1',
        flags: { a: { attributes: { s: { constraints: { type: 'string', enum: ['x'] } } } } },
        values: { a: { enabled: true, s: 'y' } },
      },
      '$.values.a.s',
      /not one of x/,
    ],
    [
      'an array element out of range',
      {
        version: '1',
        flags: {
          a: {
            attributes: {
              l: { constraints: { type: 'array', elements: { type: 'number', maximum: 2 } } },
            },
          },
        },
        values: { a: { enabled: true, l: [1, 3] } },
      },
      '$.values.a.l[1]',
      /above the maximum 2/,
    ],
    [
      'a mixed array',
      {
        version: '1',
        flags: { a: { attributes: { l: {} } } },
        values: { a: { enabled: true, l: [1, 'x'] } },
      },
      '$.values.a.l',
      /only strings .* or only numbers/,
    ],
    [
      'a missing required attribute',
      {
        version: '1',
        flags: { a: { attributes: { r: { constraints: { type: 'boolean', required: true } } } } },
        values: { a: { enabled: true } },
      },
      '$.values.a.r',
      /required when the flag is enabled/,
    ],
  ])('reports %s at its location', (_, doc, location, reason) => {
    const found = problems(doc);
    expect(found.map((p) => p.Location)).toContain(location);
    expect(found.find((p) => p.Location === location)?.Reason).toMatch(reason);
  });

  it('does not require attributes of a disabled flag, and reports every problem at once', () => {
    const doc = {
      version: '1',
      flags: { a: { attributes: { r: { constraints: { type: 'boolean', required: true } } } } },
      values: { a: { enabled: false } },
    };
    expect(problems(doc)).toEqual([]);
    expect(
      problems({ version: '2', flags: { B: {} }, extra: true }).map((p) => p.Location),
    ).toEqual(['$.extra', '$.version', '$.flags.B']);
  });
});
