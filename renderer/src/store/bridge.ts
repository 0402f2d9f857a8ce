/**
 * Wires the engine to the renderer: subscribes to engine messages, feeds the event log and the store, keeps
 * `window.__framescopeStats` current, and loads the lessons and statuses (again after each reconnect).
 */
import type { EngineMessage, FramescopeApi } from '../../../shared/api';
import { toApiError } from '../../../shared/errors';
import { onTransportState } from '../api';
import { eventLog } from './event-log';
import { useStore } from './index';
import { LOG_SYNC_MS, throttleSync } from './throttle';

/** Writes the counters tests read; called on every batch (cheap, no render). */
function publishStats(): void {
  const { received, sent } = eventLog.counts;
  window.__framescopeStats = { received, sent, dropped: sent - received, sessionId: eventLog.sessionId };
}

/** Handles one engine message. */
export function handleMessage(message: EngineMessage): void {
  const store = useStore.getState();
  switch (message.kind) {
    case 'session':
      eventLog.reset(message.session.id);
      store.setSession(message.session);
      publishStats();
      break;
    case 'batch':
      if (eventLog.append(message.sessionId, message.connections ?? [], message.events ?? [], message.sent)) publishStats();
      break;
    case 'run':
      store.setRun(message.state);
      break;
    case 'server':
      store.setServer(message.status);
      break;
    default:
      console.warn('framescope: unknown engine message', message);
  }
}

/** Reports a failed call in the notice line (a closed dialog is not a failure). */
export function reportError(action: string, error: unknown): void {
  const e = toApiError(error);
  if (e.code === 'cancelled') return;
  useStore.getState().notify({ kind: 'error', text: `${action}: ${e.message}` });
}

/** Loads what the UI shows at start (and after a reconnect). */
async function refresh(api: FramescopeApi): Promise<void> {
  const store = useStore.getState();
  await Promise.all([
    api.listScenarios().then(store.setScenarios, (e: unknown) => reportError('Could not load the lessons', e)),
    api.serverStatus().then(store.setServer, (e: unknown) => reportError('Could not read the server status', e)),
    api.runState().then(store.setRun, (e: unknown) => reportError('Could not read the run state', e)),
  ]);
}

/** Starts the bridge once; returns a function that stops it. */
export function startBridge(api: FramescopeApi): () => void {
  publishStats();
  const stopLog = eventLog.listen(
    throttleSync(() => useStore.getState().syncLog(eventLog.version, eventLog.events.length, eventLog.connections.size), LOG_SYNC_MS),
  );
  const unsubscribe = api.subscribe(handleMessage);
  let first = true;
  const stopTransport = onTransportState((state) => {
    const store = useStore.getState();
    store.setTransport(state);
    if (state !== 'open') return;
    const text = store.notice?.text ?? '';
    if (!first && (text.includes('connection to Framescope') || text.includes('Not connected to Framescope'))) store.notify(null);
    first = false;
    void refresh(api);
  });
  return () => {
    stopTransport();
    unsubscribe();
    stopLog();
  };
}
