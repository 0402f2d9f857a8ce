/**
 * The real Electron app, where an Electron binary is installed (not on these CI machines: it cannot be
 * downloaded here, so this spec says so and skips). It checks the window is locked down and the preload API is
 * exactly the typed one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
const binary = existsSync(pathFile) ? join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const hasElectron = binary !== null && existsSync(binary) && existsSync(join(root, 'out', 'main', 'index.js'));

test('Electron window: sandboxed renderer with exactly the typed API', async () => {
  test.skip(!hasElectron, 'no Electron binary installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); run `npm install` with internet and `npm run build` to enable');
  const app = await electron.launch({ executablePath: binary!, args: [root] });
  try {
    const page = await app.firstWindow();
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { framescope: object }).framescope).sort());
    expect(keys).toEqual(['eventDetail', 'listScenarios', 'openSession', 'run', 'runState', 'saveKeylog', 'saveSession', 'sendRaw', 'serverStatus', 'setServerSettings', 'stop', 'subscribe']);
    expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    await expect(page.getByTestId('server-status')).toContainText('TLS');
  } finally {
    await app.close();
  }
});
