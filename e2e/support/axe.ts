// axe-core over the live page for the accessibility spec (e2e/a11y.spec.ts). Fails (softly, so one run
// measures every view) on any "serious" or "critical" violation with a readable list: rule, impact, the
// offending nodes and axe's reason. Lesser ones are recorded as test annotations, so a report can name them.
// No rule or element is excluded: nothing on these views needed it, Monaco included.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { Result } from 'axe-core';

const describe = (v: Result) =>
  `${v.id} (${v.impact}): ${v.help}\n` +
  v.nodes
    .slice(0, 5)
    .map((n) => `  ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n/g, '\n    ')}`)
    .join('\n');

export async function expectNoSeriousViolations(
  page: Page,
  view: string,
  info: TestInfo,
): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const lesser = results.violations.filter((v) => !serious.includes(v));
  info.annotations.push({
    type: 'axe',
    description: `${view}: ${results.passes.length} rules passed, ${lesser.length} lesser violations`,
  });
  for (const v of lesser)
    info.annotations.push({ type: `axe ${v.impact}`, description: `${view}: ${describe(v)}` });
  expect.soft(serious.map(describe), `serious or critical axe violations on ${view}`).toEqual([]);
}

/**
 * How many text nodes inside `selector` axe's color-contrast rule could measure (passed or failed, not left
 * "incomplete"): proof that a view's text (Monaco's tokens, say) was really checked, not skipped.
 */
export async function contrastMeasuredWithin(page: Page, selector: string): Promise<number> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withRules(['color-contrast'])
    .analyze();
  return [...results.passes, ...results.violations]
    .filter((r) => r.id === 'color-contrast')
    .reduce((n, r) => n + r.nodes.length, 0);
}
