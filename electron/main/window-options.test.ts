import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, mainWindowOptions } from './window-options';

describe('main window options', () => {
  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    const o = mainWindowOptions('/app/out/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(o.webPreferences.preload).toMatch(/index\.cjs$/);
  });
  it('allows navigation only to the app itself', () => {
    const index = 'file:///app/out/renderer/index.html';
    expect(isAllowedNavigation(index, index)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', index)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', index)).toBe(false);
  });
});
