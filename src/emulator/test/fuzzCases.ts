// Test-only generator of malformed requests for fuzz.test.ts: every route family, seeded, so a failure
// names a seed and an index that reproduce it exactly.
import type { RawRequest } from './rawHttp.js';

/** mulberry32: tiny, fast, and the same sequence on every platform for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Known {
  appId: string;
  envId: string;
  profileId: string;
  flagsProfileId: string;
  /** A real, unspent token, so mutations of it reach the decryption code. */
  token: string;
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

export function fuzzCases(seed: number, count: number, known: Known): RawRequest[] {
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const chance = (p: number) => rnd() < p;
  const junk = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(rnd() * 94))).join('');

  const badSegments = [
    '%',
    '%zz',
    '%E0%A4%A',
    '%C0%AF',
    '%00',
    '..',
    '%2F',
    '__proto__',
    'constructor',
    'prototype',
    'x'.repeat(3000),
    '%F0%9F%98%80',
    'a b'.replace(' ', '%20'),
    '-1',
    '1e9',
    'NaN',
    '0x10',
  ];
  const id = (good: string) => (chance(0.4) ? good : pick(badSegments));
  const badQueryValues = [
    '%',
    '%zz',
    '%E0%A4%A',
    '',
    '-1',
    '0',
    '51',
    '1e3',
    'abc',
    '9'.repeat(40),
    '__proto__',
    b64url('null'),
    b64url('[]'),
    b64url('"x"'),
    b64url('{"o":-1}'),
    b64url('{"o":1e308}'),
    b64url('{"s":"applications","o":1.5}'),
    b64url('{"__proto__":{"o":1}}'),
    b64url(nested(5000)),
    'x'.repeat(3000),
  ];
  const token = () =>
    pick([
      known.token,
      known.token.slice(0, -2),
      `${known.token.slice(0, 40)}A${known.token.slice(41)}`,
      encodeURIComponent(known.token),
      'garbage',
      '',
      '%',
      '%E0%A4%A',
      'A'.repeat(8193),
      'A'.repeat(12_000),
      Buffer.from(junk(800)).toString('base64'),
    ]);
  const json = () =>
    pick([
      '{',
      '[1,',
      '"str"',
      'null',
      '123',
      '[]',
      '',
      '\u0000\u00ff',
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1]).toString('latin1'),
      '{"__proto__":{"polluted":true},"Name":"p"}',
      '{"constructor":{"prototype":{"polluted":true}},"Name":"c"}',
      `{"ApplicationIdentifier":${nested(Math.floor(100 + rnd() * 100_000))},"EnvironmentIdentifier":"Prod","ConfigurationProfileIdentifier":"Settings"}`,
      `{"Name":${nested(20_000)}}`,
      `{"Name":"n","Tags":{"__proto__":"x","k":${nested(3000)}}}`,
      '{"ApplicationIdentifier":1,"EnvironmentIdentifier":true,"ConfigurationProfileIdentifier":{}}',
      '{"ApplicationIdentifier":"MyMobileApp","EnvironmentIdentifier":"Prod","ConfigurationProfileIdentifier":"Settings","RequiredMinimumPollIntervalInSeconds":"15"}',
      '{"Name":"x","DeploymentDurationInMinutes":"1","GrowthFactor":{"a":1},"ReplicateTo":[]}',
      `{"DeploymentStrategyId":${nested(9000)},"ConfigurationProfileId":"prof123","ConfigurationVersion":1}`,
      `{"version":${nested(30_000)},"flags":{}}`,
      `{"version":"1","flags":{"constructor":{"name":"c"}},"values":{"constructor":{"enabled":true}}}`,
      JSON.stringify({ Name: junk(200), Description: junk(2000) }),
    ]);

  const families: (() => RawRequest)[] = [
    () => ({ method: 'POST', path: '/configurationsessions', body: json() }),
    () => ({
      method: pick(['GET', 'GET', 'POST', 'PUT']),
      path: `/configuration?configuration_token=${token()}${chance(0.1) ? `&configuration_token=${token()}` : ''}`,
    }),
    () => ({
      method: pick(['GET', 'POST', 'DELETE', 'PATCH']),
      path: chance(0.5)
        ? `/applications?max_results=${pick(badQueryValues)}&next_token=${pick(badQueryValues)}`
        : `/applications/${id(known.appId)}`,
      body: chance(0.5) ? json() : '',
    }),
    () => ({
      method: pick(['GET', 'POST']),
      path: `/applications/${id(known.appId)}/environments/${chance(0.5) ? id(known.envId) : ''}?next_token=${pick(badQueryValues)}`,
      body: json(),
    }),
    () => ({
      method: pick(['GET', 'POST', 'PATCH']),
      path: `/applications/${id(known.appId)}/configurationprofiles/${chance(0.5) ? id(known.profileId) : ''}`,
      body: json(),
    }),
    () => ({
      method: pick(['GET', 'POST', 'DELETE']),
      path:
        `/applications/${id(known.appId)}/configurationprofiles/${id(pick([known.profileId, known.flagsProfileId]))}` +
        `/hostedconfigurationversions${chance(0.5) ? `/${pick(['1', '0', '-1', '99999999999999999999', 'x', '%'])}` : ''}` +
        `?version_label=${pick(['%', '*', '', 'x'.repeat(100)])}`,
      headers: [
        ['Content-Type', pick(['application/json', 'text/plain', '', 'x'.repeat(300)])],
        ['Latest-Version-Number', pick(['1', 'abc', '-5', '1e3'])],
        ['VersionLabel', pick(['v', '', 'x'.repeat(100)])],
      ],
      body: json(),
    }),
    () => ({
      method: pick(['GET', 'POST']),
      path: `/deploymentstrategies/${chance(0.5) ? pick(['allnow1', ...badSegments]) : ''}`,
      body: json(),
    }),
    () => ({
      method: pick(['GET', 'POST', 'DELETE']),
      path:
        `/applications/${id(known.appId)}/environments/${id(known.envId)}/deployments` +
        `${chance(0.5) ? `/${pick(['1', '0', 'x', '%', '1.5', '9'.repeat(30)])}` : ''}?max_results=${pick(badQueryValues)}`,
      body: json(),
    }),
    () => ({
      method: 'GET',
      path: pick([
        `/__emulator/observations?after=${pick(badQueryValues)}&limit=${pick(['0', '1001', 'x', '%', '5'])}`,
        `/__emulator/contents/${pick(['x', '%', 'a'.repeat(64), 'A'.repeat(64), '0'.repeat(65)])}`,
        // Only refusals here: a stream request that is accepted never ends by design.
        `/__emulator/observations/stream?after=${pick(['-1', 'x', '%', '1.5', ''])}${chance(0.5) ? '&after=1' : 'x'}`,
        '/__emulator/health',
        '/__emulator/nothing',
      ]),
      headers: pick([
        [],
        [['X-Emulator-Secret', junk(40)]],
        [['Last-Event-ID', pick(['x', '-1', '1'.repeat(30)])]],
      ] as [string, string][][]),
    }),
  ];

  const cases: RawRequest[] = [];
  for (let i = 0; i < count; i++) {
    const c = pick(families)();
    c.headers = [...(c.headers ?? [])];
    if (chance(0.05))
      c.method = pick(['PROPFIND', 'FOO', 'get', 'HEAD', 'OPTIONS', 'TRACE', 'M-SEARCH']);
    if (chance(0.03)) c.headers.push(['X-Big', 'h'.repeat(20_000)]);
    if (chance(0.03)) c.body = Buffer.alloc(1_200_000 + Math.floor(rnd() * 1_200_000), 0x7b);
    if (chance(0.02)) c.headers.push(['Content-Length', 'abc']);
    if (chance(0.02)) c.headers.push(['Transfer-Encoding', 'chunked'], ['Content-Length', '3']);
    if (chance(0.05))
      c.headers.push(['amz-sdk-request', `attempt=${junk(5)}; max=${'9'.repeat(400)}`]);
    if (chance(0.03)) c.headers.push(['Origin', pick(['https://evil.example', 'null', junk(30)])]);
    if (chance(0.03))
      c.headers.unshift(['Host', pick(['evil.example:4567', '', junk(40), '[::1'])]);
    if (chance(0.02)) c.path = `/${junk(50)}`;
    if (chance(0.02)) c.path = `${c.path}${'%ZZ'.repeat(100)}`;
    cases.push(c);
  }
  return cases;
}
