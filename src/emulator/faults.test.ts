// The fault grammar and the seeded draw, without HTTP: every effect parses to what the docs say, every
// malformed spec is refused naming the part that is wrong, and hit patterns are a function of the seed.
import { describe, expect, it } from 'vitest';
import { FaultTable, parseFaultSpec } from './faults.js';

describe('parseFaultSpec', () => {
  it('reads every effect, with rate, count and seed', () => {
    expect(parseFaultSpec('GetLatestConfiguration:503')).toEqual({
      operation: 'GetLatestConfiguration',
      effect: {
        kind: 'error',
        status: 503,
        errorType: 'ServiceUnavailable',
        message: expect.any(String),
      },
      effectText: '503',
      rate: 1,
      count: null,
      seed: 0,
    });
    expect(parseFaultSpec('*:500').effect).toMatchObject({ errorType: 'InternalServerException' });
    expect(parseFaultSpec('*:429').effect).toMatchObject({ errorType: 'ThrottlingException' });
    expect(parseFaultSpec('*:ThrottlingException').effect).toMatchObject({ status: 429 });
    expect(parseFaultSpec('*:latency=250').effect).toEqual({ kind: 'latency', ms: 250 });
    expect(parseFaultSpec('*:reset').effect).toEqual({ kind: 'reset' });
    expect(parseFaultSpec('*:truncate').effect).toEqual({ kind: 'truncate' });
    const slow = parseFaultSpec('StartConfigurationSession:slow-body');
    expect(slow.effect).toEqual({ kind: 'slow-body', ms: 1000 });
    expect(slow.effectText).toBe('slow-body=1000');
    expect(parseFaultSpec(' ListApplications:503@0.25,count=3,seed=42 ')).toMatchObject({
      operation: 'ListApplications',
      rate: 0.25,
      count: 3,
      seed: 42,
    });
    expect(parseFaultSpec('*:reset@.5').rate).toBe(0.5);
    expect(parseFaultSpec('*:reset@1.0').rate).toBe(1);
  });

  it.each([
    ['GetLatestConfiguration', '"GetLatestConfiguration" has no ":"'],
    [':503', 'it names no operation'],
    ['getlatestconfiguration:503', 'did you mean GetLatestConfiguration?'],
    ['GetConfiguration:503', '"GetConfiguration" is not an emulated operation; use * or one of'],
    ['*:404', 'unknown effect "404"'],
    ['*:', 'unknown effect ""'],
    ['*:latency', 'latency needs a delay'],
    ['*:latency=fast', 'latency takes milliseconds from 0 to 60000, got "fast"'],
    ['*:latency=60001', 'got "60001"'],
    ['*:slow-body=-1', 'slow-body takes milliseconds'],
    ['*:reset=1', 'effect reset takes no value'],
    ['*:503=2', 'effect 503 takes no value'],
    ['*:503@1.5', 'rate must be a probability from 0 to 1, got "1.5"'],
    ['*:503@', 'rate must be a probability from 0 to 1, got ""'],
    ['*:503@50%', 'got "50%"'],
    ['*:503,count=0', 'count must be a whole number from 1 to 1000000000, got "0"'],
    ['*:503,count=2.5', 'got "2.5"'],
    ['*:503,seed=4294967296', 'seed must be a whole number from 0 to 4294967295'],
    ['*:503,count=1,count=2', 'option count is given twice'],
    ['*:503,limit=2', 'unknown option "limit"'],
    ['*:503,count', 'option "count" is not KEY=VALUE'],
    ['*:503,', 'option "" is not KEY=VALUE'],
  ])('refuses %j naming what is wrong', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

/** Which of `n` requests of `operation` the table hits, as a 0/1 string. */
function pattern(table: FaultTable, operation: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += table.draw(operation) ? '1' : '0';
  return out;
}

describe('FaultTable', () => {
  it('hits at the given rate, reproducibly for a seed, differently for another', () => {
    const draws = (spec: string) => {
      const table = new FaultTable();
      table.add(spec);
      return pattern(table, 'GetLatestConfiguration', 200);
    };
    const a = draws('GetLatestConfiguration:503@0.3,seed=7');
    expect(draws('GetLatestConfiguration:503@0.3,seed=7')).toBe(a);
    expect(draws('GetLatestConfiguration:503@0.3,seed=8')).not.toBe(a);
    const hits = [...a].filter((c) => c === '1').length;
    // 200 draws at p = 0.3: mean 60, sd ≈ 6.5; the seed is fixed, so this is a check of the rate, not luck.
    expect(hits).toBeGreaterThan(35);
    expect(hits).toBeLessThan(85);
  });

  it('stops after count hits and says so; other operations are not consulted', () => {
    const table = new FaultTable();
    const added = table.add('GetLatestConfiguration:reset,count=2');
    expect(pattern(table, 'StartConfigurationSession', 3)).toBe('000');
    expect(pattern(table, 'GetLatestConfiguration', 4)).toBe('1100');
    expect(table.list()).toEqual([{ ...added, matched: 2, hits: 2, exhausted: true }]);
  });

  it('tries faults in the order added; the first that fires wins and later ones keep their streams', () => {
    const table = new FaultTable();
    table.add('*:500,count=1');
    table.add('GetLatestConfiguration:429');
    expect(table.draw('GetLatestConfiguration')?.id).toBe(1);
    expect(table.draw('GetLatestConfiguration')?.id).toBe(2);
    expect(table.draw('ListApplications')).toBeUndefined();
    expect(table.list().map((f) => [f.id, f.matched, f.hits])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
    ]);
  });

  it('lists canonical specs that parse back to the same fault; remove and clear', () => {
    const table = new FaultTable();
    const a = table.add('GetLatestConfiguration:slow-body@0.5,count=3');
    expect(a.spec).toBe('GetLatestConfiguration:slow-body=1000@0.5,count=3,seed=0');
    expect(parseFaultSpec(a.spec)).toEqual(
      parseFaultSpec('GetLatestConfiguration:slow-body@0.5,count=3'),
    );
    table.add('*:reset');
    expect(table.remove(a.id)?.id).toBe(a.id);
    expect(table.remove(a.id)).toBeUndefined();
    expect(table.list().map((f) => f.spec)).toEqual(['*:reset,seed=0']);
    expect(table.clear()).toBe(1);
    expect(table.size).toBe(0);
    // Ids are never reused, so a stale DELETE cannot remove a newer fault.
    expect(table.add('*:503').id).toBe(3);
  });
});
