// The runtime fault API over HTTP (add, list, remove, clear, precise refusals), and that a seeded rate hits
// the same requests on every run.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { addFault, faultApi } from './test/faults.js';

const running: TestEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
});

async function emulator(faults: string[] = []): Promise<TestEmulator> {
  const t = await startTestEmulator({ faults });
  running.push(t);
  return t;
}

describe('/__emulator/faults', () => {
  it('adds, lists with hit counts, removes one and clears all', async () => {
    const { emulator: e } = await emulator(['StartConfigurationSession:429,count=5']);
    expect((await faultApi(e.url, 'GET')).json).toEqual({
      faults: [
        {
          id: 1,
          spec: 'StartConfigurationSession:429,count=5,seed=0',
          operation: 'StartConfigurationSession',
          effect: '429',
          rate: 1,
          count: 5,
          seed: 0,
          matched: 0,
          hits: 0,
          exhausted: false,
        },
      ],
    });
    const added = await faultApi(e.url, 'POST', '', { spec: 'GetLatestConfiguration:reset@0.5' });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ id: 2, spec: 'GetLatestConfiguration:reset@0.5,seed=0' });

    // An invalid start still counts: the fault answers before the handler would have validated it.
    const start = await fetch(`${e.url}/configurationsessions`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(5_000),
    });
    expect(start.status).toBe(429);
    const listed = (await faultApi(e.url, 'GET')).json.faults as { id: number; hits: number }[];
    expect(listed.map((f) => [f.id, f.hits])).toEqual([
      [1, 1],
      [2, 0],
    ]);

    expect(await faultApi(e.url, 'DELETE', '/1')).toMatchObject({ status: 200, json: { id: 1 } });
    expect(await faultApi(e.url, 'DELETE', '/1')).toMatchObject({
      status: 404,
      errorType: 'ResourceNotFoundException',
      json: { Message: 'No fault has id 1.' },
    });
    await addFault(e.url, '*:503');
    expect(await faultApi(e.url, 'DELETE')).toMatchObject({ status: 200, json: { removed: 2 } });
    expect((await faultApi(e.url, 'GET')).json).toEqual({ faults: [] });
  });

  it.each([
    [
      { spec: 'GetLatestConfiguration:418' },
      'Fault spec "GetLatestConfiguration:418": unknown effect "418"',
    ],
    [{ spec: 'Poll:503' }, 'Fault spec "Poll:503": "Poll" is not an emulated operation'],
    [{ spec: '*:503,count=-1' }, 'count must be a whole number from 1 to 1000000000, got "-1"'],
    [{}, 'Member spec must be a string: OPERATION:EFFECT[@RATE][,count=N][,seed=S]'],
    [{ spec: 503 }, 'Member spec must be a string'],
    [{ spec: '*:503', rate: 1 }, 'Unknown member rate; the body is {"spec":'],
    ['not json', 'Request body is not valid JSON'],
  ])('refuses %j with a 400 naming what is wrong', async (body, message) => {
    const { emulator: e } = await emulator();
    const out = await faultApi(e.url, 'POST', '', body);
    expect(out.status).toBe(400);
    expect(out.errorType).toBe('BadRequestException');
    expect(out.json.Message).toContain(message);
    expect((await faultApi(e.url, 'GET')).json).toEqual({ faults: [] });
  });

  it('refuses a malformed id', async () => {
    const { emulator: e } = await emulator();
    expect(await faultApi(e.url, 'DELETE', '/one')).toMatchObject({
      status: 400,
      json: { Message: 'Fault ids are whole numbers from 1, got "one".' },
    });
  });

  it('refuses a bad start-up spec before listening', async () => {
    await expect(startTestEmulator({ faults: ['*:latency=soon'] })).rejects.toThrow(
      'latency takes milliseconds from 0 to 60000, got "soon"',
    );
  });
});

describe('seeded rates', () => {
  /** Status of each of `n` polls, as the fault (503) or the handler (400, the token is garbage) answered. */
  async function statuses(spec: string, n: number): Promise<string> {
    const { emulator: e } = await emulator([spec]);
    let out = '';
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${e.url}/configuration?configuration_token=garbage`, {
        signal: AbortSignal.timeout(5_000),
      });
      await res.arrayBuffer();
      out += res.status === 503 ? 'F' : res.status === 400 ? '.' : `(${res.status})`;
    }
    return out;
  }

  it('hit the same requests on every run with the same seed, other ones with another', async () => {
    const first = await statuses('GetLatestConfiguration:503@0.5,seed=11', 24);
    expect(first).toMatch(/^[F.]{24}$/);
    expect(first).toContain('F');
    expect(first).toContain('.');
    expect(await statuses('GetLatestConfiguration:503@0.5,seed=11', 24)).toBe(first);
    expect(await statuses('GetLatestConfiguration:503@0.5,seed=12', 24)).not.toBe(first);
  });
});
