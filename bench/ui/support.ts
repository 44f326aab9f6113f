// What the UI bench's parts share: the Chromium they launch, the page-side API call with the launch token, the
// rows they add to the results table, and percentiles. Imported by bench/ui/*.ts only.
import type { Stack } from '../../e2e/support/stack.js';
import type { Row } from '../lib/report.js';

export const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

/** One row of the UI part; figures without a target leave target and verdict empty. */
export function uiRow(
  figure: string,
  value: string,
  baseline: string,
  ratio: string,
  target = '',
  verdict: Row['verdict'] = '',
): Row {
  return { part: 'ui', figure, value, baseline, ratio, target, verdict };
}

/** A protocol request as the page makes it (POST /api/<method>), authorised with the launch token. */
export async function api(stack: Stack, method: string, params: unknown): Promise<unknown> {
  const res = await fetch(`${stack.baseUrl}/api/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${new URL(stack.pageUrl).searchParams.get('token')}`,
    },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.result;
}
