/**
 * The one way the renderer reaches the engine: `getApi()`. In Electron the preload exposes the API as
 * `window.framescope`; in a browser the renderer talks to the web host over a WebSocket on its own origin.
 * Nothing else in the renderer knows which host it runs in.
 */
import type { FramescopeApi } from '../../../shared/api';
import { apiUrl, createWebApi } from './web-api';
import { WsClient, type TransportState } from './ws-client';

export type { TransportState } from './ws-client';

let api: FramescopeApi | null = null;
let client: WsClient | null = null;

/** The API of the host the renderer runs in (created on first use). */
export function getApi(): FramescopeApi {
  if (api) return api;
  if (window.framescope) {
    api = window.framescope;
  } else {
    client = new WsClient(apiUrl());
    api = createWebApi(client);
  }
  return api;
}

/**
 * Listens to the state of the link to the engine: a WebSocket's in the web host, always 'open' in Electron.
 * Returns an unsubscribe function.
 */
export function onTransportState(listener: (state: TransportState) => void): () => void {
  getApi();
  if (!client) {
    listener('open');
    return () => undefined;
  }
  return client.onState(listener);
}
