/**
 * Engine messages as JSON text, made once per message however many subscribers there are. Both hosts send text:
 * the web host over its WebSocket, Electron main over IPC (a string crosses Electron's structured clone far
 * faster than the same events as an object graph; the preload parses it).
 */
import type { EngineMessage } from '../../../shared/api';

const cache = new WeakMap<EngineMessage, string>();

/** The JSON text of `{ push: message }`, cached per message object. */
export function pushJson(message: EngineMessage): string {
  let text = cache.get(message);
  if (text === undefined) {
    text = JSON.stringify({ push: message });
    cache.set(message, text);
  }
  return text;
}
