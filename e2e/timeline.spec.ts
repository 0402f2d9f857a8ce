/**
 * The timeline over the recorded chunked-response session: clicking a mark selects its event (the inspector
 * shows it), exports, screenshots of the lanes and sequence layouts, and a session of odd shapes that must draw
 * without errors. Baselines: `npx playwright test e2e/timeline.spec.ts --update-snapshots` after a renderer
 * build; look at every PNG before committing it.
 */
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, fixture, openSessionFile, rows, test } from './app';

/** The test hooks the renderer puts on window (see renderer/src/global.d.ts). */
interface TimelineWindow {
  __framescopeTimeline?: { pointOf(seq: number): { x: number; y: number } | null; drawNow(): { ms: number; visited: number; marks: number; frames: number } };
  __framescopeStats?: { received: number };
}

/** Whole-window screenshot options: the live server status masked in a neutral grey. */
function stable(page: Page) {
  return { mask: [page.getByTestId('server-status')], maskColor: '#d9dde3' };
}

/** Where the timeline draws event `seq`, in page coordinates. */
async function pagePointOf(page: Page, seq: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((s) => (globalThis as unknown as TimelineWindow).__framescopeTimeline?.pointOf(s) ?? null, seq);
  expect(point, `the timeline draws event ${seq}`).not.toBeNull();
  const box = await page.getByTestId('timeline-canvas').boundingBox();
  expect(box).not.toBeNull();
  return { x: box!.x + point!.x, y: box!.y + point!.y };
}

/** The seq of the first list row that contains all the parts. */
async function seqOf(page: Page, ...parts: string[]): Promise<number> {
  return Number(await rows(page, ...parts).first().getAttribute('data-seq'));
}

test.describe('over the chunked-response fixture', () => {
  test.beforeEach(async ({ app: page }) => {
    await openSessionFile(page, fixture('chunked-response.framescope'));
    await expect(page.getByTestId('event-row')).toHaveCount(24);
    await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  });

  test('clicking a chunk mark selects that event: the inspector shows it, the list row is selected', async ({ app: page }) => {
    const seq = await seqOf(page, 'client', 'h1:chunk', 'chunk #2');
    const p = await pagePointOf(page, seq);
    await page.mouse.move(p.x, p.y);
    await expect(page.getByTestId('timeline-tooltip')).toContainText('h1:chunk');
    await expect(page.getByTestId('timeline-tooltip')).toContainText('chunk #2');
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', String(seq));
    await expect(page.getByTestId('inspector-title')).toContainText(/chunk/i);
    await expect(page.locator(`[data-testid="event-row"][data-seq="${seq}"]`)).toHaveAttribute('aria-selected', 'true');

    // and the other way round: the list selects, the timeline's mark is the one a click finds
    const server = await seqOf(page, 'server', 'h1:chunk', 'chunk #3');
    await page.locator(`[data-testid="event-row"][data-seq="${server}"]`).click();
    const q = await pagePointOf(page, server);
    await page.mouse.click(q.x, q.y);
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', String(server));
  });

  test('zoom, Follow and Fit; the sequence layout selects by its arrows too', async ({ app: page }) => {
    const seq = await seqOf(page, 'client', 'h1:chunk', 'chunk #1');
    const p = await pagePointOf(page, seq);
    await page.mouse.move(p.x, p.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -600);
    await page.keyboard.up('Control');
    await expect(page.getByTestId('timeline-follow')).toBeVisible();
    // zoomed around the pointer: the chunk is still under it (within a few px)
    const after = await pagePointOf(page, seq);
    expect(Math.abs(after.x - p.x)).toBeLessThan(4);
    await page.getByTestId('timeline-fit').click();
    await expect(page.getByTestId('timeline-follow')).toHaveCount(0);

    await page.getByTestId('timeline-layout-sequence').click();
    await expect(page.getByTestId('timeline')).toHaveAttribute('data-layout', 'sequence');
    const received = await seqOf(page, 'client', '← received', 'chunk #2');
    const r = await pagePointOf(page, received);
    await page.mouse.click(r.x + 3, r.y);
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', String(received));
  });

  test('two fingers on a touchscreen pinch-zoom around their midpoint', async ({ app: page }) => {
    const seq = await seqOf(page, 'client', 'h1:chunk', 'chunk #1');
    const p = await pagePointOf(page, seq);
    const before = await pagePointOf(page, await seqOf(page, 'client', 'h1:chunk', 'chunk #3'));
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: p.x - spread, y: p.y, id: 1 }, { x: p.x + spread, y: p.y, id: 2 }],
      });
    await touch('touchStart', 20);
    for (const spread of [30, 45, 60, 80]) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    await expect(page.getByTestId('timeline-follow')).toBeVisible();
    // zoomed 4× around the midpoint: the chunk under it stays, a later chunk moves away from it
    const after = await pagePointOf(page, seq);
    expect(Math.abs(after.x - p.x)).toBeLessThan(4);
    const later = await pagePointOf(page, await seqOf(page, 'client', 'h1:chunk', 'chunk #3'));
    expect(later.x - p.x).toBeGreaterThan((before.x - p.x) * 3);
  });

  test('exports the view as PNG and as SVG', async ({ app: page }) => {
    const png = page.waitForEvent('download');
    await page.getByTestId('timeline-export-png').click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toBe('framescope-lanes.png');
    const bytes = readFileSync(await pngFile.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    const svg = page.waitForEvent('download');
    await page.getByTestId('timeline-export-svg').click();
    const svgFile = await svg;
    expect(svgFile.suggestedFilename()).toBe('framescope-lanes.svg');
    const text = readFileSync(await svgFile.path(), 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('chunk 13 B');
    expect(text).toContain('exchange 1');
  });

  test('screenshot: lanes, a chunk selected from the timeline', async ({ app: page }) => {
    const seq = await seqOf(page, 'client', 'h1:chunk', 'chunk #2');
    const p = await pagePointOf(page, seq);
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('inspector')).toHaveAttribute('data-seq', String(seq));
    await page.mouse.move(2, 890);
    await expect(page.getByTestId('timeline-tooltip')).toHaveCount(0);
    await expect(page).toHaveScreenshot('timeline-lanes.png', stable(page));
  });

  test('screenshot: sequence diagram, client on the left, server on the right', async ({ app: page }) => {
    await page.getByTestId('timeline-layout-sequence').click();
    const seq = await seqOf(page, 'client', '← received', 'chunk #2');
    await page.locator(`[data-testid="event-row"][data-seq="${seq}"]`).click();
    await page.mouse.move(2, 890);
    await expect(page).toHaveScreenshot('timeline-sequence.png', stable(page));
  });
});

test('odd shapes draw without errors: unknown names, times out of order, one instant, 100,000 events on one stream', async ({ app: page }, testInfo) => {
  const lines: string[] = [
    JSON.stringify({ format: 'framescope-session', version: 1, appVersion: '0.1.0', scenario: 'odd', network: { delayMs: 0, lossPercent: 0, bandwidthKbps: 0 }, startedAt: '2026-01-01T00:00:00.000Z' }),
    JSON.stringify({ connection: { id: 1, vantages: ['client', 'server'], protocol: 'h2', transport: 'tcp', client: { address: '127.0.0.1', port: 1 }, server: { address: '127.0.0.1', port: 2 }, tls: false, openedAt: 0, label: 'odd' } }),
  ];
  let seq = 0;
  const add = (e: Record<string, unknown>) => lines.push(JSON.stringify({ seq: seq++, conn: 1, vantage: 'client', data: {}, ...e }));
  add({ name: 'x:from_a_newer_version', time: 5, stream: 7, dir: 'sent', raw: 'AAEC' });
  add({ name: 'x:from_a_newer_version', time: 3, stream: 7, vantage: 'server', dir: 'received' }); // out of order
  add({ name: 'app:note', time: 4, conn: 0, data: { text: 'same instant below' } });
  for (let i = 0; i < 5; i++) add({ name: 'tcp:bytes', time: 6, data: { length: 1, preview: 'x' }, dir: 'sent' }); // zero-length span
  for (let i = 0; i < 100_000; i++) add({ name: 'x:flood', time: 10 + i * 0.001, stream: 1, vantage: i % 2 ? 'server' : 'client', dir: i % 2 ? 'received' : 'sent' });
  const file = testInfo.outputPath('odd-shapes.framescope');
  writeFileSync(file, gzipSync(lines.join('\n') + '\n'));

  await openSessionFile(page, file);
  await expect(page.getByTestId('session-source')).toContainText('odd-shapes.framescope', { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as TimelineWindow).__framescopeStats?.received ?? 0), { timeout: 30_000 }).toBe(seq);
  const stats = await page.evaluate(() => (globalThis as unknown as TimelineWindow).__framescopeTimeline!.drawNow());
  expect(stats.visited).toBe(seq);
  expect(stats.marks).toBeLessThan(5000);
  const p = await pagePointOf(page, 0);
  await page.mouse.move(p.x, p.y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText('x:from_a_newer_version');
  await page.getByTestId('timeline-layout-sequence').click();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as TimelineWindow).__framescopeTimeline!.drawNow().marks)).toBeGreaterThan(0);
  await expect(page.getByTestId('panel-error')).toHaveCount(0);
});
