/**
 * Playwright fixtures: a fresh web host process per test file, and helpers that act as a person would.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';

/** Test with a `host` (the web host child process, one per worker) and a page opened on it. */
export const test = base.extend<{ app: Page }, { host: WebHostProcess }>({
  host: [
    async ({}, use) => {
      const host = await startWebHostProcess();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, host }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(host.url);
    await expect(page.getByTestId('server-status')).toContainText('TLS');
    await use(page);
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };

/** A fixture file's path. */
export function fixture(name: string): string {
  return join(import.meta.dirname, 'fixtures', name);
}

/** Opens a session file through the Open button's file picker, as a person would. */
export async function openSessionFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-session').click();
  await (await chooser).setFiles(path);
}

/** The event rows whose text contains all the given parts. */
export function rows(page: Page, ...parts: string[]) {
  let locator = page.getByTestId('event-row');
  for (const p of parts) locator = locator.filter({ hasText: p });
  return locator;
}
