// The timeline lanes as a time view, in Chromium against the real `serve` stack: a labelled time axis, wheel
// zoom to finer ticks, drag to pan, "Fit" back to the view that follows the grid, a hover card with a poll's
// exact send time, and the selected poll highlighted in the lanes (from the grid and from a click on a mark).
import { expect, test, type Page } from '@playwright/test';
import type { PollEvent } from '../src/core/ledger.js';
import type { SessionSummary } from '../src/protocol/messages.js';
import { formatClock } from '../src/ui/components/views/format.js';
import { row, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

// The card's times are formatted in the page's zone and the expected ones here: make them the same zone.
process.env.TZ = 'UTC';
test.use({ timezoneId: 'UTC' });

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const lanes = (page: Page) => page.locator('.timeline-lanes svg');
const tickStep = async (page: Page) =>
  Number(await page.locator('.lane-axis').getAttribute('data-tick-step'));
const tickLabels = (page: Page) => page.locator('.lane-tick-label').allTextContents();

/** A protocol request as the page makes it, authorised with the launch token. */
async function api<T>(method: string, params: unknown): Promise<T> {
  const res = await fetch(`${stack!.baseUrl}/api/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${new URL(stack!.pageUrl).searchParams.get('token')}`,
    },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { result: T };
  return body.result;
}

/** x of the tick for instant `at`, in page pixels. */
async function tickX(page: Page, at: string): Promise<number> {
  const box = await page.locator(`.lane-tick[data-at="${at}"] line`).boundingBox();
  return box!.x;
}

test('the lanes have a time axis that zooms, pans and fits, with hover times and the selection', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  // An hour's minimum interval: only "Poll now" adds polls, so the view does not move under the test.
  await startSession(page, 'app-config', 3600);
  await expect(row(page, 1)).toContainText('New content');
  for (const seq of [2, 3, 4]) {
    await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
    await expect(row(page, seq)).toBeVisible();
  }
  await expect(page.locator('g[data-lane-seq="4"]')).toBeAttached();

  // A labelled axis over the polls the grid shows.
  await expect(page.locator('.lane-tick-label').first()).toBeVisible();
  const fittedStep = await tickStep(page);
  const fittedLabels = await tickLabels(page);
  expect(fittedStep).toBeGreaterThan(0);
  expect(fittedLabels.length).toBeGreaterThan(1);
  for (const label of fittedLabels) expect(label).toMatch(/^\d\d:\d\d(:\d\d(\.\d{3})?)?$/);

  // The wheel over the lanes zooms in around the pointer: finer steps, other labels.
  const box = (await lanes(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => tickStep(page)).toBeLessThan(fittedStep);
  await expect.poll(() => tickLabels(page)).not.toEqual(fittedLabels);
  await expect(page.locator('.lane-mode')).toContainText('Own window');

  // Dragging right by 150 px moves a tick right by 150 px (the time under the pointer follows it).
  const zoomedLabels = await tickLabels(page);
  const at = (await page.locator('.lane-tick').first().getAttribute('data-at'))!;
  const before = await tickX(page, at);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 50, box.y + box.height - 12);
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height - 12);
  await page.mouse.up();
  await expect.poll(() => tickX(page, at)).toBeCloseTo(before + 150, 0);
  expect(await tickLabels(page)).not.toEqual(zoomedLabels);

  // Fit goes back to the view that follows the grid.
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => tickLabels(page)).toEqual(fittedLabels);
  expect(await tickStep(page)).toBe(fittedStep);
  await expect(page.locator('.lane-mode')).toContainText('Following the polls in the grid');

  // Hovering a mark shows its exact send time.
  const [session] = await api<SessionSummary[]>('listSessions', {});
  const { events } = await api<{ events: PollEvent[] }>('getSession', {
    sessionId: session!.id,
  });
  const third = events.find((e) => e.seq === 3)!;
  await page.locator('g[data-lane-seq="3"] .lane-hit').hover();
  const card = page.getByRole('tooltip');
  await expect(card).toContainText(`#3 poll`);
  await expect(card).toContainText(`sent ${formatClock(third.sentAt)}`);
  await expect(card).toContainText(`answered ${formatClock(third.answeredAt)}`);

  // A row selected in the grid is highlighted in the lanes, over its own mark.
  await row(page, 2).click();
  const highlight = page.locator('.lane-selected');
  await expect(highlight).toHaveAttribute('data-lane-selected', '2');
  const band = (await highlight.boundingBox())!;
  // The mark's hit area spans its send to its answer, 3 px more each side; the band 5 px more.
  const mark = (await page.locator('g[data-lane-seq="2"] .lane-hit').boundingBox())!;
  expect(band.x).toBeLessThanOrEqual(mark.x);
  expect(band.x + band.width).toBeGreaterThanOrEqual(mark.x + mark.width);

  // Clicking a mark selects its poll in the grid too.
  await page.mouse.move(0, 0);
  await page.locator('g[data-lane-seq="4"] .lane-hit').click();
  await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
  await expect(highlight).toHaveAttribute('data-lane-selected', '4');
});

test('the lanes are one tab stop: ←/→ walk the marks and select their poll, the focused mark reads its exact times and interval, Enter opens the detail, + / - / 0 zoom and fit', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page, 'app-config', 3600);
  await expect(row(page, 1)).toContainText('New content');
  for (const seq of [2, 3]) {
    await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
    await expect(row(page, seq)).toBeVisible();
  }
  const [session] = await api<SessionSummary[]>('listSessions', {});
  const { events } = await api<{ events: PollEvent[] }>('getSession', {
    sessionId: session!.id,
  });
  const bySeq = (seq: number) => events.find((e) => e.seq === seq)!;

  // Tab from the lanes' toolbar lands on the one focusable mark: the selected poll's.
  await row(page, 3).click();
  await page.getByRole('button', { name: 'Fit' }).focus();
  await page.keyboard.press('Tab');
  const focusable = page.locator('.timeline-lanes svg [tabindex]');
  await expect(focusable).toHaveCount(1);
  const mark = page.locator('.timeline-lanes [data-lane-active]');
  await expect(mark).toBeFocused();
  await expect(mark).toHaveAttribute('data-lane-seq', '3');
  await expect(mark).toHaveAttribute('aria-keyshortcuts', /ArrowLeft ArrowRight .*Enter \+ - 0/);
  // Its name is the hover card's text: exact send and answer times, and the interval asked and waited.
  const third = bySeq(3);
  await expect(mark).toHaveAccessibleName(new RegExp(`^#3 poll · `));
  await expect(mark).toHaveAccessibleName(
    new RegExp(`sent ${formatClock(third.sentAt)} · answered ${formatClock(third.answeredAt)}`),
  );
  await expect(mark).toHaveAccessibleName(/ · waited \d+ ms\. /);
  // The same card is shown beside the focused mark.
  await expect(page.getByRole('tooltip')).toContainText(`sent ${formatClock(third.sentAt)}`);

  // ← moves to the previous mark and selects its poll in the grid; focus stays on the lanes.
  await page.keyboard.press('ArrowLeft');
  await expect(row(page, 2)).toHaveAttribute('aria-selected', 'true');
  await expect(mark).toHaveAttribute('data-lane-seq', '2');
  await expect(mark).toBeFocused();
  await expect(mark).toHaveAccessibleName(new RegExp(`sent ${formatClock(bySeq(2).sentAt)}`));
  // Poll #2 went out long before the interval poll #1's answer asked for.
  expect(bySeq(1).intervalSeconds).toBeGreaterThan(0);
  await expect(mark).toHaveAccessibleName(
    new RegExp(`asked to wait ${bySeq(1).intervalSeconds} s · waited \\d+ ms \\(early\\)`),
  );
  await expect(page.locator('.lane-selected')).toHaveAttribute('data-lane-selected', '2');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(row(page, 0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(row(page, 1)).toHaveAttribute('aria-selected', 'true');
  await expect(mark).toHaveAttribute('data-lane-seq', '1');
  await expect(focusable).toHaveCount(1);
  // The first poll's due time, and how far from it it was sent.
  await expect(mark).toHaveAccessibleName(
    /\. due \d\d:\d\d:\d\d\.\d{3} · sent \d+ ms (late|early)\./,
  );

  // Enter opens the poll's detail; Esc closes it.
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Poll detail' });
  await expect(detail.getByRole('heading', { name: /Poll #1/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // + and - zoom the lanes around the selected poll, 0 fits them to the grid again.
  await page.getByRole('button', { name: 'Fit' }).focus();
  await page.keyboard.press('Tab');
  await expect(mark).toBeFocused();
  const fitted = await tickStep(page);
  await page.keyboard.press('+');
  await expect(page.locator('.lane-mode')).toContainText('Own window');
  await expect.poll(() => tickStep(page)).toBeLessThan(fitted);
  const zoomed = await tickStep(page);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(() => tickStep(page)).toBeGreaterThan(zoomed);
  await page.keyboard.press('0');
  await expect(page.locator('.lane-mode')).toContainText('Following the polls in the grid');
  expect(await tickStep(page)).toBe(fitted);
});
