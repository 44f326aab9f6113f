// The timeline grid's layout in Chromium against the real `serve` stack: nothing cut off at 1,280 and 1,440 px
// (at 1,280 also with the Poll detail pane open beside it),
// columns resized by drag and keyboard (persisted across a reload, reset by double-click), stacked cards in a
// 500 px viewport, and the "Absolute times" / "Relative times" switch of the Sent column.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { row, rows, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const grid = (page: Page) => page.getByRole('grid', { name: /^Polls of / });
const timeline = (page: Page) => page.getByRole('region', { name: 'Poll timeline' });

/** A session with three polls: the start, the first content, and an early poll flagged "Polled too early". */
async function sessionWithAFlag(page: Page): Promise<void> {
  await page.goto(stack!.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2).locator('.flag-chip')).toHaveText('Polled too early');
}

/** Every visible cell and header label of the grid whose content is wider than its box (text cut off). */
async function cutOffCells(gridLocator: Locator): Promise<string[]> {
  return gridLocator.evaluate((root) =>
    Array.from(root.querySelectorAll<HTMLElement>('[role="gridcell"], .column-label'))
      .filter((cell) => cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth)
      .map(
        (cell) =>
          `${cell.closest('[data-seq]')?.getAttribute('data-seq') ?? 'header'} ${cell.className || cell.textContent}: ` +
          `${cell.scrollWidth} > ${cell.clientWidth} (${cell.textContent})`,
      ),
  );
}

async function horizontalOverflow(gridLocator: Locator): Promise<number> {
  return gridLocator.evaluate((el) => el.scrollWidth - el.clientWidth);
}

const headerWidth = async (page: Page, column: string) =>
  (await page.locator(`[role="columnheader"][data-column="${column}"]`).boundingBox())!.width;

test('at 1,280 and 1,440 px no timeline cell is cut off and the grid does not scroll sideways', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  stack = await startStack();
  await sessionWithAFlag(page);
  await expect(rows(page)).toHaveCount(3);
  await expect(timeline(page)).toHaveAttribute('data-layout', 'grid');
  expect(await cutOffCells(grid(page))).toEqual([]);
  expect(await horizontalOverflow(grid(page))).toBe(0);
  await page.screenshot({ path: info.outputPath('timeline-1280.png') });

  await page.setViewportSize({ width: 1440, height: 800 });
  await expect(timeline(page)).toHaveAttribute('data-layout', 'grid');
  expect(await cutOffCells(grid(page))).toEqual([]);
  expect(await horizontalOverflow(grid(page))).toBe(0);

  // With the Poll detail pane open beside the grid at 1,280 px: still nothing cut off, in the grid, in the
  // pane, or sideways in the main area.
  await page.setViewportSize({ width: 1280, height: 800 });
  await grid(page).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Poll detail' });
  await expect(detail).toContainText('HTTP 200 OK');
  expect(await cutOffCells(grid(page))).toEqual([]);
  expect(await horizontalOverflow(grid(page))).toBe(0);
  expect(await horizontalOverflow(detail)).toBe(0);
  expect(await horizontalOverflow(page.locator('main.main'))).toBe(0);
  const box = (await detail.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: info.outputPath('timeline-1280-detail.png') });
});

test('a column resizes by dragging its edge and by ←/→, keeps its width after a reload, and double-click resets it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  stack = await startStack();
  await sessionWithAFlag(page);
  const initial = await headerWidth(page, 'call');
  const edge = page.getByRole('separator', { name: 'Resize the Call column' });
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => headerWidth(page, 'call')).toBeCloseTo(initial + 60, 0);
  // The rows follow the header: one template for both.
  expect((await row(page, 1).locator('.cell-call').boundingBox())!.width).toBeCloseTo(
    initial + 60,
    0,
  );
  await expect(edge).toHaveAttribute('aria-valuenow', String(Math.round(initial + 60)));

  await page.reload();
  await expect(row(page, 1)).toContainText('New content');
  await expect.poll(() => headerWidth(page, 'call')).toBeCloseTo(initial + 60, 0);

  await edge.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => headerWidth(page, 'call')).toBeCloseTo(initial + 68, 0);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => headerWidth(page, 'call')).toBeCloseTo(initial + 60, 0);

  await edge.dblclick();
  await expect.poll(() => headerWidth(page, 'call')).toBeCloseTo(initial, 0);
});

test('in a 500 px viewport the rows are stacked cards showing the outcome and the new version, without scrolling sideways', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 500, height: 900 });
  stack = await startStack();
  await sessionWithAFlag(page);
  await expect(timeline(page)).toHaveAttribute('data-layout', 'stacked');
  await expect(page.getByRole('columnheader')).toHaveCount(0);
  expect(await horizontalOverflow(grid(page))).toBe(0);
  await expect(row(page, 1).locator('.cell-outcome')).toBeVisible();
  await expect(row(page, 1).locator('.cell-version')).toBeVisible();
  await expect(row(page, 2).locator('.cell-outcome')).toBeVisible();
  await expect(row(page, 1).locator('.cell-outcome')).toHaveText('New content');
  await expect(row(page, 1).locator('.cell-version')).toHaveText('v1.1.0');
  await expect(row(page, 2).locator('.cell-outcome')).toHaveText('Unchanged');
  // Three lines each: taller than a grid row, and nothing in the card is cut off.
  expect((await row(page, 1).boundingBox())!.height).toBeGreaterThan(50);
  expect(await cutOffCells(grid(page))).toEqual([]);
  await grid(page).screenshot({ path: info.outputPath('timeline-500.png') });
});

test('at 1,100 px, where the default columns do not fit, the rows stack rather than scroll sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1100, height: 800 });
  stack = await startStack();
  await sessionWithAFlag(page);
  await expect(timeline(page)).toHaveAttribute('data-layout', 'stacked');
  expect(await horizontalOverflow(grid(page))).toBe(0);
  expect(await cutOffCells(grid(page))).toEqual([]);
  // Widening the window past the columns' width brings the grid back.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(timeline(page)).toHaveAttribute('data-layout', 'grid');
  expect(await horizontalOverflow(grid(page))).toBe(0);
});

test('the time switch shows Sent as a clock time or as the time since the session started, and is kept after a reload', async ({
  page,
}) => {
  stack = await startStack();
  await sessionWithAFlag(page);
  const sent = row(page, 1).locator('.cell-time');
  await expect(page.getByRole('button', { name: 'Absolute times' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(sent).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);

  await page.getByRole('button', { name: 'Relative times' }).click();
  await expect(page.getByRole('button', { name: 'Relative times' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The first content poll follows the start within seconds.
  await expect(sent).toHaveText(/^\+0:\d\d\.\d{3}$/);

  await page.reload();
  await expect(row(page, 1).locator('.cell-time')).toHaveText(/^\+0:\d\d\.\d{3}$/);
  await page.getByRole('button', { name: 'Absolute times' }).click();
  await expect(row(page, 1).locator('.cell-time')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
});
