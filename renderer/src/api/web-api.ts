/**
 * The FramescopeApi over the web host's WebSocket (shared/ws-protocol.ts), for the renderer in a browser.
 */
import type {
  EventDetail,
  FramescopeApi,
  RunRequest,
  RunState,
  SaveResult,
  ServerStatus,
  SessionInfo,
  SessionUpload,
} from '../../../shared/api';
import type { ScenarioInfo } from '../../../shared/scenario-types';
import { KEYLOG_DOWNLOAD_PATH, SESSION_DOWNLOAD_PATH, WS_PATH } from '../../../shared/ws-protocol';
import { downloadKeylog, downloadSession, pickSessionFile } from './session-files';
import { WsClient } from './ws-client';

/** The API's WebSocket URL on the page's own origin. */
export function apiUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}`;
}

/** Builds a FramescopeApi that talks to the web host through `client`. */
export function createWebApi(client: WsClient): FramescopeApi {
  const call = <T>(method: Parameters<WsClient['call']>[0], ...args: unknown[]) => client.call(method, args) as Promise<T>;
  return {
    listScenarios: () => call<readonly ScenarioInfo[]>('listScenarios'),
    run: (request: RunRequest) => call<SessionInfo>('run', request),
    stop: () => call<void>('stop'),
    sendRaw: (text: string) => call<void>('sendRaw', text),
    serverStatus: () => call<ServerStatus>('serverStatus'),
    runState: () => call<RunState>('runState'),
    subscribe: (listener) => client.onPush(listener),
    saveSession: (): Promise<SaveResult> => downloadSession(SESSION_DOWNLOAD_PATH),
    saveKeylog: (): Promise<SaveResult> => downloadKeylog(KEYLOG_DOWNLOAD_PATH),
    setServerSettings: (settings) => call<ServerStatus>('setServerSettings', settings),
    eventDetail: (sessionId, seq) => call<EventDetail>('eventDetail', sessionId, seq),
    openSession: async (upload?: SessionUpload): Promise<SessionInfo> => {
      const file = upload ?? (await pickSessionFile());
      return call<SessionInfo>('openSession', file);
    },
  };
}
