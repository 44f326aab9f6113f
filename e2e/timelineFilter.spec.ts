// End to end in Chromium against the real `serve` stack: the timeline's filter bar (TimelineFilter.tsx).
// Misuse is caused for real (polling before the required minimum, so AWS refuses it and the inspector flags
// it), then the flag chip narrows the grid rows and the lanes to the flagged polls, the search box finds
// polls by error name, `/` focuses the search and "Clear filters" restores every poll.
import { expect, test, type Page } from '@playwright/test';
import { row, rows, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const seqsOf = (page: Page, selector: string, attribute: string) =>
  page
    .locator(selector)
    .evaluateAll(
      (els, name) => els.map((el) => Number(el.getAttribute(name))).sort((a, b) => a - b),
      attribute,
    );

/** Seqs of the grid rows on screen (the few polls of this test all fit). */
const rowSeqs = (page: Page) => seqsOf(page, '[role="row"][data-seq]', 'data-seq');

/**
 * The lanes' marks: each `[data-lane-seq]` group stands for the polls data-lane-first..data-lane-last
 * (indices into the polls the lanes draw; marks closer than a pixel share a group), so `polls` is how many
 * polls the lanes show and `seqs` the polls that represent them.
 */
const laneMarks = (page: Page) =>
  page.locator('[data-lane-seq]').evaluateAll((els) => ({
    seqs: els.map((el) => Number(el.getAttribute('data-lane-seq'))).sort((a, b) => a - b),
    polls: els.reduce((sum, el) => {
      const first = el.getAttribute('data-lane-first');
      const last = el.getAttribute('data-lane-last');
      return sum + (first === null || last === null ? 1 : Number(last) - Number(first) + 1);
    }, 0),
  }));

test('filter by a flag narrows rows and lanes, search finds an error by name, / focuses search, Clear restores all', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  // A required minimum of 15 s: polling now is refused by AWS (BadRequestException) and flagged.
  await startSession(page, 'app-config', 15);
  await expect(row(page, 1)).toContainText('New content');
  const pollNow = page.getByRole('button', { name: 'Poll now (ignore interval)' });
  await pollNow.click();
  await expect(row(page, 2)).toContainText('BadRequestException');
  await expect(pollNow).toBeEnabled();
  await pollNow.click();
  await expect(row(page, 3)).toContainText('BadRequestException');
  // Paused, no scheduled poll can change the ledger while the filter is checked.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();

  const bar = page.getByRole('search', { name: 'Filter polls' });
  const total = await rows(page).count();
  await expect(bar.getByRole('status')).toHaveText(`${total} of ${total} polls`);
  await expect.poll(async () => (await laneMarks(page)).polls).toBe(total);

  // The polls the inspector flagged Polled too early, read from the rows themselves.
  const flagged = await page
    .locator('[role="row"][data-seq]', {
      has: page.locator('.flag-chip', { hasText: 'Polled too early' }),
    })
    .evaluateAll((els) =>
      els.map((el) => Number(el.getAttribute('data-seq'))).sort((a, b) => a - b),
    );
  expect(flagged.length).toBeGreaterThanOrEqual(2);
  expect(flagged.length).toBeLessThan(total);
  const errors = await page
    .locator('[role="row"][data-seq]', { hasText: 'BadRequestException' })
    .evaluateAll((els) =>
      els.map((el) => Number(el.getAttribute('data-seq'))).sort((a, b) => a - b),
    );
  expect(errors.length).toBeGreaterThanOrEqual(2);
  expect(errors.length).toBeLessThan(total);

  const chip = bar.getByRole('button', { name: `Polled too early (${flagged.length})` });
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(bar.getByRole('status')).toHaveText(`${flagged.length} of ${total} polls`);
  await expect.poll(() => rowSeqs(page)).toEqual(flagged);
  await expect.poll(async () => (await laneMarks(page)).polls).toBe(flagged.length);
  const lanes = await laneMarks(page);
  expect(lanes.seqs.every((seq) => flagged.includes(seq))).toBe(true);
  await page.screenshot({ path: info.outputPath('filtered-by-flag.png'), fullPage: true });
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'false');

  // `/` from outside any text field jumps to the search box, and typing there searches.
  const search = bar.getByRole('searchbox', { name: 'Search polls' });
  await page.getByRole('grid').focus();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('badrequestexception');
  await expect(search).toHaveValue('badrequestexception');
  await expect.poll(() => rowSeqs(page)).toEqual(errors);
  await expect(bar.getByRole('status')).toHaveText(`${errors.length} of ${total} polls`);

  await bar.getByRole('button', { name: 'Clear filters' }).click();
  await expect(search).toHaveValue('');
  await expect(rows(page)).toHaveCount(total);
  await expect(bar.getByRole('status')).toHaveText(`${total} of ${total} polls`);
  await expect.poll(async () => (await laneMarks(page)).polls).toBe(total);
});

test('in a 500 px panel the filter bar wraps its controls onto more lines instead of overflowing', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.setViewportSize({ width: 500, height: 900 });
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  const bar = page.getByRole('search', { name: 'Filter polls' });
  await expect(bar.getByRole('button', { name: 'Clear filters' })).toBeVisible();
  const fit = await bar.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const controls = Array.from(el.querySelectorAll('input, button, output'));
    return {
      overflow: el.scrollWidth - el.clientWidth,
      outside: controls.filter((c) => {
        const r = c.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5;
      }).length,
      lines: new Set(controls.map((c) => Math.round(c.getBoundingClientRect().top))).size,
    };
  });
  expect(fit.overflow).toBeLessThanOrEqual(0);
  expect(fit.outside).toBe(0);
  expect(fit.lines).toBeGreaterThan(1);
  await bar.screenshot({ path: info.outputPath('filter-500px.png') });
});

test('the chosen chips survive a reload (the search text does not), a corrupt stored filter reads as none, and Clear filters is offered while one is active', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2).locator('.flag-chip')).toHaveText('Polled too early');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();

  const bar = page.getByRole('search', { name: 'Filter polls' });
  const clear = bar.getByRole('button', { name: 'Clear filters' });
  const search = bar.getByRole('searchbox', { name: 'Search polls' });
  const early = bar.getByRole('button', { name: /^Polled too early \(\d+\)$/ });
  await expect(clear).toBeDisabled();
  await early.click();
  await search.fill('no-such-poll');
  await expect(bar.getByRole('status')).toHaveText('0 of 3 polls');
  await expect(clear).toBeEnabled();

  await page.reload();
  await expect(early).toHaveAttribute('aria-pressed', 'true');
  await expect(search).toHaveValue('');
  await expect.poll(() => rowSeqs(page)).toEqual([2]);
  await expect(bar.getByRole('status')).toHaveText('1 of 3 polls');
  await expect(clear).toBeEnabled();

  await clear.click();
  await expect(early).toHaveAttribute('aria-pressed', 'false');
  await expect(clear).toBeDisabled();
  await page.reload();
  await expect(bar.getByRole('status')).toHaveText('3 of 3 polls');
  await expect(early).toHaveAttribute('aria-pressed', 'false');

  // What an older build or a hand edit might leave in the store: not a filter, so no filter at all.
  await page.evaluate(() => {
    const key = 'appconfig-inspector.ui';
    const state = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
    const preferences = (state.preferences ?? {}) as Record<string, unknown>;
    state.preferences = {
      ...preferences,
      'timeline.filter': { outcomes: ['error', 'teapot'], flags: 'Polled too early', calls: [] },
    };
    localStorage.setItem(key, JSON.stringify(state));
  });
  await page.reload();
  await expect(bar.getByRole('status')).toHaveText('3 of 3 polls');
  await expect(bar.getByRole('button', { name: /^Error \(/ })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(clear).toBeDisabled();
});
