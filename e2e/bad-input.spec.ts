/**
 * Bad input from the person: a file that is not a session, a truncated session. A clear message, and nothing
 * else changes (or the whole part loads, with a warning).
 */
import { expect, fixture, openSessionFile, test } from './app';

test('a file that is not a session gives a clear error and leaves the current session alone', async ({ app: page }) => {
  await openSessionFile(page, fixture('chunked-response.framescope'));
  await expect(page.getByTestId('event-row')).toHaveCount(24);
  await openSessionFile(page, fixture('not-a-session.framescope'));
  await expect(page.getByTestId('notice')).toContainText(/not a Framescope session|not gzip|corrupt/i);
  await expect(page.getByTestId('event-row')).toHaveCount(24);
  await expect(page.getByTestId('session-source')).toContainText('chunked-response.framescope');
});

test('a truncated session loads its whole part and says so', async ({ app: page }) => {
  await openSessionFile(page, fixture('truncated.framescope'));
  await expect(page.getByTestId('session-warning')).toContainText(/ends early/i);
  // the truncated fixture (60% of the gzip) holds 10 whole events; the warning says so
  await expect(page.getByTestId('event-row')).toHaveCount(10);
  await expect(page.getByTestId('session-warning')).toContainText('loaded 10 events');
});

test('a bad option value is refused with a message, and the app keeps working', async ({ app: page }) => {
  await page.getByTestId('lesson-keep-alive').click();
  await page.getByTestId('target-input').fill('ftp://example');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('notice')).toContainText(/http:\/\/ or https:\/\//);
  await page.getByTestId('target-input').fill('');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-state')).toContainText(/ok/i, { timeout: 20_000 });
});
