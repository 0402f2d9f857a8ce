/**
 * The main window's settings, kept apart from Electron's objects so they can be checked in unit tests:
 * context isolation, the sandbox, no Node in the renderer.
 */

/** BrowserWindow options of the main window (webPreferences locked down). */
export function mainWindowOptions(preloadPath: string): {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  webPreferences: { preload: string; contextIsolation: true; sandbox: true; nodeIntegration: false; webSecurity: true; spellcheck: false };
} {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Framescope',
    show: false,
    webPreferences: { preload: preloadPath, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  };
}

/** True for URLs the window may load: only the app's own renderer file. Everything else is denied. */
export function isAllowedNavigation(url: string, rendererIndexUrl: string): boolean {
  return url === rendererIndexUrl;
}
