/**
 * HTTP/2 in the app over recorded fixture sessions (recorded with `framescope run <lesson> --out`): replay,
 * filters, the HPACK / flow-window / stream-state panels, the inspector's HPACK view and the server settings
 * form, with screenshots of multiplexing, h1 vs h2, a flow-control stall, the HPACK table and a replay mid-way.
 * Baselines: `npx playwright test e2e/h2.spec.ts --update-snapshots` after a renderer build; look at each PNG.
 */
import type { Page } from '@playwright/test';
import { expect, fixture, openSessionFile, rows, test } from './app';

interface ReplayWindow {
  __framescopeReplay?: { seek(ms: number): number | null; step(dir: 1 | -1): void; exit(): void; state(): { now: number | null; start: number; end: number } };
}

/**
 * Whole-window screenshot options: the live server status masked in a neutral grey, and the run state too (the
 * web host is shared by the spec files of a worker, so a lesson another file ran may have ended meanwhile).
 */
function stable(page: Page) {
  return { mask: [page.getByTestId('server-status'), page.getByTestId('run-state')], maskColor: '#d9dde3' };
}

/** Opens a fixture and dismisses the "Opened" notice. */
async function open(page: Page, name: string, events: number): Promise<void> {
  await openSessionFile(page, fixture(name));
  await expect(page.getByTestId('event-count')).toContainText(`${events} events`);
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
}

/** Moves the replay cursor through the test hook (no timers); returns where it landed. */
async function seek(page: Page, ms: number | 'middle'): Promise<number> {
  return page.evaluate((target) => {
    const hook = (globalThis as unknown as ReplayWindow).__framescopeReplay!;
    const { start, end } = hook.state();
    return hook.seek(target === 'middle' ? (start + end) / 2 : target) ?? NaN;
  }, ms);
}

/** Selects the first event row matching a search, then clears the search (the selection stays). */
async function selectBySearch(page: Page, text: string, which: 'first' | 'last' = 'first'): Promise<string> {
  await page.getByTestId('filter-text').fill(text);
  const row = which === 'first' ? page.getByTestId('event-row').first() : page.getByTestId('event-row').last();
  const seq = (await row.getAttribute('data-seq'))!;
  await row.click();
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', seq);
  return seq;
}

/** Gives the timeline `fraction` of the centre column by dragging its splitter. */
async function timelineShare(page: Page, fraction: number): Promise<void> {
  const handle = page.getByTestId('timeline-splitter');
  const box = (await handle.boundingBox())!;
  const column = (await page.locator('section.center').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, column.y + column.height * fraction, { steps: 4 });
  await page.mouse.up();
  // the list keeps following its end; settle its scroll position after the resize
  await page.getByTestId('event-scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

/** Parks the pointer where it hovers nothing. */
async function park(page: Page): Promise<void> {
  await page.mouse.move(2, 890);
  await expect(page.getByTestId('timeline-tooltip')).toHaveCount(0);
}

test('replay: seek shows only what had happened, steps move event by event, the inspector follows', async ({ app: page }) => {
  await open(page, 'chunked-response.framescope', 24);
  const all = await page.getByTestId('event-row').count();
  const at = await seek(page, 'middle');
  await expect(page.getByTestId('replay-bar')).toHaveAttribute('data-now', String(at));
  const shown = await page.getByTestId('event-row').count();
  expect(shown).toBeLessThan(all);
  expect(shown).toBeGreaterThan(0);
  // the selected event is the last one shown, at or before the cursor
  const last = page.getByTestId('event-row').last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', (await last.getAttribute('data-seq'))!);
  // next event: one more row, and it is selected
  await page.getByTestId('replay-next').click();
  await expect(page.getByTestId('event-row')).toHaveCount(shown + 1);
  await expect(page.getByTestId('event-row').last()).toHaveAttribute('aria-selected', 'true');
  // keys: "," steps back
  await page.getByTestId('timeline-canvas').focus();
  await page.keyboard.press(',');
  await expect(page.getByTestId('event-row')).toHaveCount(shown);
  await page.getByTestId('replay-exit').click();
  await expect(page.getByTestId('event-row')).toHaveCount(all);
  await expect(page.getByTestId('replay-bar')).toHaveAttribute('data-now', '');
});

test('replay plays on animation frames and stops at the end', async ({ app: page }) => {
  await open(page, 'multiplexing.framescope', 191);
  await page.getByTestId('replay-speed').selectOption('10');
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-play')).toBeVisible({ timeout: 10_000 });
  const state = await page.evaluate(() => (globalThis as unknown as ReplayWindow).__framescopeReplay!.state());
  expect(state.now).toBe(state.end);
});

test('filters narrow the list and the timeline together', async ({ app: page }) => {
  await open(page, 'multiplexing.framescope', 191);
  await page.getByTestId('filter-type').selectOption('h2:frame DATA');
  await page.getByTestId('filter-vantage').selectOption('client');
  await expect(page.getByTestId('filter-count')).toHaveText('26 of 191');
  await expect(rows(page, 'server')).toHaveCount(0);
  await page.getByTestId('filter-stream').selectOption('5');
  const n = Number((await page.getByTestId('filter-count').textContent())!.split(' ')[0]);
  expect(n).toBeGreaterThan(1);
  expect(n).toBeLessThan(26);
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('filter-count')).toHaveCount(0);
});

test('inspector: a HEADERS frame field by field; pointing at one lights its bytes', async ({ app: page }) => {
  await open(page, 'hpack.framescope', 101);
  await selectBySearch(page, 'HEADERS stream 1 [END_STREAM');
  const fields = page.getByTestId('hpack-field');
  await expect(fields.first()).toHaveAttribute('data-representation', 'indexed');
  await expect(page.getByTestId('hpack-view')).toContainText('literal + add to table');
  await fields.nth(3).scrollIntoViewIfNeeded();
  await fields.nth(3).hover();
  await expect(page.locator('[data-testid="hex-byte"].on').first()).toBeVisible();
});

test('server settings: the form shows the current values and changes them; bad input is a notice', async ({ app: page }) => {
  await page.getByTestId('server-settings-button').click();
  await expect(page.getByTestId('server-setting-initialWindowSize')).toHaveText(/\d+/);
  await page.getByTestId('server-setting-input-initialWindowSize').fill('twelve');
  await page.getByTestId('server-settings-apply').click();
  await expect(page.getByTestId('notice')).toContainText('not a whole number');
  await page.getByTestId('server-setting-input-initialWindowSize').fill('32768');
  await page.getByTestId('server-setting-input-maxFrameSize').fill('100');
  await page.getByTestId('server-settings-apply').click();
  await expect(page.getByTestId('notice')).toContainText('Could not change the server settings');
  await page.getByTestId('server-setting-input-maxFrameSize').fill('');
  await page.getByTestId('server-settings-apply').click();
  await expect(page.getByTestId('server-settings-form')).toHaveCount(0);
  await page.getByTestId('server-settings-button').click();
  await expect(page.getByTestId('server-setting-initialWindowSize')).toHaveText('32768');
});

test('screenshot: multiplexing in lanes, six streams interleaving on one connection from both ends', async ({ app: page }) => {
  await open(page, 'multiplexing.framescope', 191);
  await timelineShare(page, 0.62);
  await selectBySearch(page, 'DATA stream 5', 'last');
  await page.getByTestId('side-tab-streams').click();
  await park(page);
  await expect(page).toHaveScreenshot('h2-multiplexing-lanes.png', stable(page));
});

test('screenshot: h1 vs h2 on one time axis, requests queuing on h1 against streams side by side on h2', async ({ app: page }) => {
  await open(page, 'h1-vs-h2.framescope', 281);
  await timelineShare(page, 0.8);
  await park(page);
  await expect(page).toHaveScreenshot('h2-h1-vs-h2.png', stable(page));
});

test('screenshot: flow-control stall, the stream window empty until WINDOW_UPDATE', async ({ app: page }) => {
  await open(page, 'flow-control.framescope', 73);
  await page.getByTestId('side-tab-windows').click();
  await seek(page, 1000);
  await park(page);
  await expect(page.getByTestId('flow-panel')).toHaveAttribute('data-series', '2');
  await expect(page).toHaveScreenshot('h2-flow-control-stall.png', stable(page));
});

test('screenshot: HPACK tables after the hpack lesson, the last request header block in the inspector', async ({ app: page }) => {
  await open(page, 'hpack.framescope', 101);
  await page.getByTestId('filter-type').selectOption('h2:frame HEADERS');
  await page.getByTestId('filter-vantage').selectOption('client');
  await page.getByTestId('filter-dir').selectOption('sent');
  const last = page.getByTestId('event-row').last();
  const seq = (await last.getAttribute('data-seq'))!;
  await last.click();
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', seq);
  await page.getByTestId('hpack-view').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('hpack-in-step').first()).toBeVisible();
  await park(page);
  await expect(page).toHaveScreenshot('h2-hpack-table.png', stable(page));
});

test('screenshot: replay paused mid-way through the chunked response', async ({ app: page }) => {
  await open(page, 'chunked-response.framescope', 24);
  await seek(page, 'middle');
  await park(page);
  await expect(page).toHaveScreenshot('h2-replay-midway.png', stable(page));
});
