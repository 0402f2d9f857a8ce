/**
 * Screenshot specs over a recorded fixture session (e2e/fixtures/chunked-response.framescope), so they are
 * deterministic. The server status (ports, certificate pin) differs on every run and is masked.
 * Update baselines with `npm run baselines`, and look at every new PNG before committing it.
 */
import { expect, fixture, openSessionFile, rows, test } from './app';

test.beforeEach(async ({ app: page }) => {
  await openSessionFile(page, fixture('chunked-response.framescope'));
  await expect(page.getByTestId('event-row')).toHaveCount(24);
});

test('replayed chunked-response: event list with both vantages', async ({ app: page }) => {
  await rows(page, 'client', 'h1:chunk').first().click();
  await expect(page).toHaveScreenshot('chunked-response-list.png', { mask: [page.getByTestId('server-status')] });
});

test('inspector: request head with a header field highlighted in the hex', async ({ app: page }) => {
  await rows(page, 'server', '← received', 'h1:head').first().click();
  await page.getByTestId('field-span').filter({ hasText: 'headers.1' }).first().hover();
  await expect(page.getByTestId('inspector')).toHaveScreenshot('inspector-request-head.png');
});

test('raw-request lesson: the telnet console', async ({ app: page }) => {
  await page.getByTestId('lesson-raw-request').click();
  await expect(page.getByTestId('lessons-panel')).toHaveScreenshot('raw-request-lesson.png');
});
