/**
 * The "done when", as a person would do it: run `chunked-response` against the embedded server, see the
 * three chunks arrive a second apart from both ends with their bytes in the inspector, save, reopen, see the same.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, openSessionFile, rows, test } from './app';

function timeOf(text: string): number {
  return Number(/^\s*([\d.]+)/.exec(text)?.[1]);
}

test('chunked-response live: three chunks a second apart from both ends, then save and reopen', async ({ app: page }, testInfo) => {
  await page.getByTestId('lesson-chunked-response').click();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-state')).toContainText(/ok/i, { timeout: 20_000 });

  const clientChunks = rows(page, 'client', 'h1:chunk');
  const serverChunks = rows(page, 'server', 'h1:chunk');
  await expect(clientChunks).toHaveCount(3);
  await expect(serverChunks).toHaveCount(3);
  const times = await clientChunks.allInnerTexts();
  const t = times.map(timeOf);
  expect(t[1]! - t[0]!).toBeGreaterThan(900);
  expect(t[2]! - t[1]!).toBeGreaterThan(900);
  expect(t[1]! - t[0]!).toBeLessThan(1500);

  // the inspector shows the chunk's bytes: size line, data, CRLF
  await clientChunks.nth(1).click();
  await expect(page.getByTestId('inspector-title')).toContainText(/chunk/i);
  await expect(page.getByTestId('hex-dump')).toContainText('chunk 2 of 3');
  await expect(page.getByTestId('connection-facts')).toContainText('http/1.1');

  const stats = await page.evaluate(() => (globalThis as unknown as { __framescopeStats: { received: number; sent: number; dropped: number } }).__framescopeStats);
  expect(stats.dropped).toBe(0);
  const total = await page.getByTestId('event-row').count();
  expect(total).toBe(stats.received);

  // save: a real .framescope download
  const download = page.waitForEvent('download');
  await page.getByTestId('save-session').click();
  const file = await (await download).path();
  const path = testInfo.outputPath('saved.framescope');
  const { copyFileSync } = await import('node:fs');
  copyFileSync(file, path);
  const lines = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'framescope-session', scenario: 'chunked-response' });

  // reopen: the same events, marked as from a file
  await openSessionFile(page, path);
  await expect(page.getByTestId('session-source')).toContainText('saved.framescope');
  await expect(page.getByTestId('event-row')).toHaveCount(total);
  await expect(rows(page, 'client', 'h1:chunk')).toHaveCount(3);
  expect((await rows(page, 'client', 'h1:chunk').allInnerTexts()).map(timeOf)).toEqual(t);
});

test('interactive-echo live: each echo arrives before the next chunk leaves', async ({ app: page }) => {
  await page.getByTestId('lesson-interactive-echo').click();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-state')).toContainText(/ok/i, { timeout: 20_000 });
  await expect(rows(page, 'client', '← received', 'h1:chunk')).toHaveCount(4);
});
