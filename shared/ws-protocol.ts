/**
 * The web host's WebSocket protocol: the FramescopeApi as JSON messages on `ws://HOST:PORT/api`.
 *
 * Renderer to host: a call. Host to renderer: the call's reply, or a pushed EngineMessage. The session file
 * of the current session downloads from `GET /api/session/current` (see SESSION_DOWNLOAD_PATH).
 */
import type { ApiMethod, EngineMessage } from './api';
import type { ApiErrorData } from './errors';

/** The WebSocket path on the web host. */
export const WS_PATH = '/api';

/** Where the web host serves the current session as a `.framescope` download. */
export const SESSION_DOWNLOAD_PATH = '/api/session/current';

/** Where the web host serves the current session's TLS key log (SSLKEYLOGFILE form) as a download. */
export const KEYLOG_DOWNLOAD_PATH = '/api/keylog';

/** A call from the renderer. `id` pairs it with its reply. */
export interface WsCall {
  readonly id: number;
  readonly method: ApiMethod;
  readonly args: readonly unknown[];
}

/** A message from the host: a reply to a call, or an engine message pushed to every subscriber. */
export type WsReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: ApiErrorData }
  | { readonly push: EngineMessage };
