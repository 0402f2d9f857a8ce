/**
 * One place where hosts turn a call from the renderer into an engine call: the method name is checked against
 * the API, every argument is validated (shared/validate.ts), and failures come back as typed ApiErrors. The
 * Electron main process (ipcMain.handle) and the web host (WebSocket) both use it; file dialogs and downloads
 * are what each host supplies.
 */
import type { ApiMethod, SaveResult, SessionInfo, SessionUpload } from '../../shared/api';
import { API_METHODS } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { validateEventRef, validateServerSettings, validateUpload } from '../../shared/validate';
import type { Engine } from './engine';

/** What a host does for the calls that need its own UI or file system. */
export interface HostFileHooks {
  /** Saves the current session where the person chooses (dialog) or where the host keeps files. */
  saveSession(): Promise<SaveResult>;
  /** Opens a session: from the upload when given, else by asking the person (dialog). */
  openSession(upload: SessionUpload | undefined): Promise<SessionInfo>;
  /** Saves the key log where the person chooses (dialog) or where the host keeps files. */
  saveKeylog(): Promise<SaveResult>;
}

/** True when `name` is an API method a renderer may call. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** Performs one API call for a renderer. Resolves with a plain-data result; rejects with an ApiError. */
export async function dispatchCall(engine: Engine, hooks: HostFileHooks, method: unknown, args: readonly unknown[]): Promise<unknown> {
  if (!isApiMethod(method)) throw new ApiError('bad_argument', `no API method "${String(method)}"`);
  if (!Array.isArray(args)) throw new ApiError('bad_argument', 'arguments must be a list');
  switch (method) {
    case 'listScenarios':
      return engine.listScenarios();
    case 'run': {
      const { finished: _finished, ...info } = await engine.run(args[0]);
      return info;
    }
    case 'stop':
      return engine.stop();
    case 'sendRaw':
      return engine.sendRaw(args[0]);
    case 'serverStatus':
      return engine.serverStatus();
    case 'runState':
      return engine.runState();
    case 'saveSession':
      return hooks.saveSession();
    case 'openSession':
      return hooks.openSession(validateUpload(args[0]));
    case 'saveKeylog':
      return hooks.saveKeylog();
    case 'eventDetail': {
      const ref = validateEventRef(args[0], args[1]);
      return engine.eventDetail(ref.sessionId, ref.seq);
    }
    case 'setServerSettings':
      return engine.setServerSettings(validateServerSettings(args[0]));
  }
}
