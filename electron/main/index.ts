/**
 * Electron main: lifecycle, the window, menus, dialogs, and the IPC wiring of engine <-> renderer.
 * Thin on purpose: the engine, argument checks (host-api.ts) and window settings live outside and are tested.
 */
import { join, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { API_METHODS, type EngineMessage } from '../../shared/api';
import { ApiError, toApiError } from '../../shared/errors';
import { IPC_MESSAGE_CHANNEL, IPC_SUBSCRIBE_CHANNEL, ipcChannel } from '../../shared/ipc';
import { Engine } from '../engine/engine';
import { pushJson } from '../engine/core/message-json';
import { dispatchCall, type HostFileHooks } from '../engine/host-api';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { isAllowedNavigation, mainWindowOptions } from './window-options';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let engine: Engine | undefined;
let window: BrowserWindow | undefined;

function hooks(): HostFileHooks {
  return {
    saveSession: async () => {
      if (!engine || !window) throw new ApiError('not_running', 'no window');
      const choice = await dialog.showSaveDialog(window, { defaultPath: engine.suggestedFileName(), filters: [{ name: 'Framescope session', extensions: ['framescope'] }] });
      if (choice.canceled || !choice.filePath) throw new ApiError('cancelled', 'save cancelled');
      return engine.saveSessionTo(choice.filePath);
    },
    openSession: async (upload) => {
      if (!engine || !window) throw new ApiError('not_running', 'no window');
      if (upload) return engine.openUpload(upload);
      const choice = await dialog.showOpenDialog(window, { properties: ['openFile'], filters: [{ name: 'Framescope session', extensions: ['framescope'] }] });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) throw new ApiError('cancelled', 'open cancelled');
      return engine.openSessionFrom(path, basename(path));
    },
    saveKeylog: async () => {
      if (!engine || !window) throw new ApiError('not_running', 'no window');
      const choice = await dialog.showSaveDialog(window, { defaultPath: engine.suggestedFileName().replace(/\.framescope$/, '.keys.log'), filters: [{ name: 'SSLKEYLOGFILE', extensions: ['log', 'txt'] }] });
      if (choice.canceled || !choice.filePath) throw new ApiError('cancelled', 'save cancelled');
      return engine.saveKeylogTo(choice.filePath);
    },
  };
}

function wireIpc(e: Engine): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (_event, ...args: unknown[]) => {
      try {
        return { ok: true, result: (await dispatchCall(e, hooks(), method, args)) ?? null };
      } catch (err) {
        return { ok: false, error: toApiError(err).toData() };
      }
    });
  }
  ipcMain.on(IPC_SUBSCRIBE_CHANNEL, (event) => {
    const contents = event.sender;
    const unsubscribe = e.subscribe((message: EngineMessage) => {
      if (!contents.isDestroyed()) contents.send(IPC_MESSAGE_CHANNEL, pushJson(message));
    });
    contents.once('destroyed', unsubscribe);
  });
}

function createWindow(): void {
  window = new BrowserWindow(mainWindowOptions(join(here, '..', 'preload', 'index.cjs')));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://www.rfc-editor.org/')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window?.show());
  void window.loadFile(rendererIndex);
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  engine = new Engine({ dataDir: app.getPath('userData') });
  try {
    await engine.start();
  } catch (err) {
    dialog.showErrorBox('Framescope', `The embedded server could not start: ${(err as Error).message}`);
  }
  wireIpc(engine);
  buildMenu();
  createWindow();
}).catch((err: unknown) => {
  console.error(err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  void engine?.dispose().finally(() => app.quit());
});
