/**
 * Every lesson runs in the app, as a person would start it: pick it in the list, press Run, and it ends well,
 * with events from both ends. (raw-request waits for typing; its spec is in the other files.)
 */
import { SCENARIOS } from '../shared/scenarios';
import { expect, test } from './app';

const LESSONS = SCENARIOS.filter((s) => s.id !== 'raw-request');

test('every lesson runs from the lesson list and ends well, seen from both ends', async ({ app: page }) => {
  test.setTimeout(120_000);
  for (const lesson of LESSONS) {
    await page.getByTestId(`lesson-${lesson.id}`).click();
    await page.getByTestId('run-button').click();
    // each run is a new session whose last event says how it ended
    await expect(page.getByTestId('event-row').filter({ hasText: `${lesson.id} ok in` }), lesson.id).toHaveCount(1, { timeout: 20_000 });
    await expect(page.getByTestId('run-state'), lesson.id).toHaveAttribute('data-state', 'ok');
    await expect(page.getByTestId('event-row').filter({ hasText: 'server' }).first(), lesson.id).toBeVisible();
    const stats = await page.evaluate(() => (globalThis as unknown as { __framescopeStats: { received: number; dropped: number } }).__framescopeStats);
    expect(stats.dropped, lesson.id).toBe(0);
    expect(stats.received, lesson.id).toBeGreaterThan(10);
  }
});
