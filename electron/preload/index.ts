/**
 * The preload script (CommonJS, sandboxed): exposes exactly the FramescopeApi of shared/api.ts as
 * `window.framescope`, one typed function per method — no generic invoke.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EngineMessage, FramescopeApi, RunRequest, SessionUpload } from '../../shared/api';
import { toApiError, toTransportableError } from '../../shared/errors';
import { IPC_MESSAGE_CHANNEL, IPC_SUBSCRIBE_CHANNEL, ipcChannel } from '../../shared/ipc';

async function call<T>(method: Parameters<typeof ipcChannel>[0], ...args: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(ipcChannel(method), ...args)) as { ok: true; result: T } | { ok: false; error: unknown };
  if (reply.ok) return reply.result;
  // contextBridge keeps only an error's message: carry the code in it (the renderer's toApiError reads it back)
  throw toTransportableError(toApiError(reply.error).toData());
}

const listeners = new Set<(message: EngineMessage) => void>();
let subscribed = false;
// main sends each message as the JSON text `{ push: message }` (see engine/core/message-json.ts)
ipcRenderer.on(IPC_MESSAGE_CHANNEL, (_event: IpcRendererEvent, text: string) => {
  const { push } = JSON.parse(text) as { push: EngineMessage };
  for (const l of listeners) l(push);
});

const api: FramescopeApi = {
  listScenarios: () => call('listScenarios'),
  run: (request: RunRequest) => call('run', request),
  stop: () => call('stop'),
  sendRaw: (text: string) => call('sendRaw', text),
  serverStatus: () => call('serverStatus'),
  runState: () => call('runState'),
  saveSession: () => call('saveSession'),
  openSession: (upload?: SessionUpload) => call('openSession', upload),
  saveKeylog: () => call('saveKeylog'),
  setServerSettings: (settings) => call('setServerSettings', settings),
  eventDetail: (sessionId, seq) => call('eventDetail', sessionId, seq),
  subscribe(listener) {
    listeners.add(listener);
    if (!subscribed) {
      subscribed = true;
      ipcRenderer.send(IPC_SUBSCRIBE_CHANNEL);
    }
    return () => listeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('framescope', api);
