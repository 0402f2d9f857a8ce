/**
 * Screenshot specs over a recorded fixture session (e2e/fixtures/chunked-response.framescope), so they are
 * deterministic. The server status (ports, certificate pin) differs on every run and is masked.
 * Update baselines with `npm run baselines`, and look at every new PNG before committing it.
 */
import type { Page } from '@playwright/test';
import { expect, fixture, openSessionFile, rows, test } from './app';

/** Whole-window screenshot options: the live server status masked in a neutral grey. */
function stable(page: Page) {
  return { mask: [page.getByTestId('server-status')], maskColor: '#d9dde3' };
}

test.beforeEach(async ({ app: page }) => {
  await openSessionFile(page, fixture('chunked-response.framescope'));
  await expect(page.getByTestId('event-row')).toHaveCount(24);
  // the "Opened …" notice goes by itself after a few seconds: dismiss it so no screenshot races it
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('replayed chunked-response: event list with both vantages, a chunk in the inspector', async ({ app: page }) => {
  await rows(page, 'client', 'h1:chunk').first().click();
  await expect(page).toHaveScreenshot('chunked-response-list.png', stable(page));
});

test('inspector: request head as the server read it, one header field highlighted in text and hex', async ({ app: page }) => {
  await rows(page, 'server', '← received', 'h1:head').first().click();
  const span = page.getByTestId('field-span').and(page.locator('[data-path="headers.1"]'));
  await span.scrollIntoViewIfNeeded();
  await span.hover();
  await expect(page).toHaveScreenshot('inspector-request-head.png', stable(page));
});

test('raw-request lesson: the telnet console with typed bytes', async ({ app: page }) => {
  await page.getByTestId('lesson-raw-request').click();
  const console_ = page.getByTestId('raw-input');
  await console_.scrollIntoViewIfNeeded();
  await console_.fill('GET /status/418 HTTP/1.1\nHost: localhost\n');
  await expect(page).toHaveScreenshot('raw-request-lesson.png', stable(page));
});
