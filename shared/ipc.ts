/**
 * Electron IPC channel names: one invoke channel per API method (so no generic invoke reaches the renderer),
 * and one channel on which main sends engine messages.
 */
import type { ApiMethod } from './api';

/** The invoke channel of an API method. */
export function ipcChannel(method: ApiMethod): string {
  return `framescope:${method}`;
}

/** The channel on which main sends EngineMessages to the window. */
export const IPC_MESSAGE_CHANNEL = 'framescope:message';

/** The channel the preload uses to ask main to start sending messages (after its listener is in place). */
export const IPC_SUBSCRIBE_CHANNEL = 'framescope:subscribe';
