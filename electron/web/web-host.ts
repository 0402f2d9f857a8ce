/**
 * The web host: the built renderer and the engine's API over a WebSocket, on loopback. Browsers (a classroom
 * projector, a headless Linux box, the e2e tests) get the same app as the Electron window.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineMessage } from '../../shared/api';
import { ApiError, toApiError } from '../../shared/errors';
import { KEYLOG_DOWNLOAD_PATH, SESSION_DOWNLOAD_PATH, WS_PATH, type WsCall, type WsReply } from '../../shared/ws-protocol';
import type { Engine } from '../engine/engine';
import { pushJson } from '../engine/core/message-json';
import { dispatchCall, type HostFileHooks } from '../engine/host-api';
import { serveStatic } from './static-files';

/** Options of the web host. */
export interface WebHostOptions {
  readonly engine: Engine;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where `saveSession` over the socket writes files. */
  readonly sessionsDir: string;
}

/** A running web host. */
export interface WebHost {
  readonly url: string;
  readonly port: number;
  /** Counts of what the host pushed, for tests that prove nothing was dropped. */
  readonly stats: { pushedEvents: number };
  close(): Promise<void>;
}

function sameOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (tests, CLI tools)
  try {
    const u = new URL(origin);
    return (u.hostname === '127.0.0.1' || u.hostname === 'localhost') && Number(u.port) === port;
  } catch {
    return false;
  }
}

/** Starts the web host: static renderer, `/api` WebSocket, and the session download. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine } = options;
  const host = options.host ?? '127.0.0.1';
  const stats = { pushedEvents: 0 };
  let port = options.port;
  const hooks: HostFileHooks = {
    saveSession: async () => {
      await mkdir(options.sessionsDir, { recursive: true });
      return engine.saveSessionTo(join(options.sessionsDir, engine.suggestedFileName()));
    },
    openSession: async (upload) => {
      if (!upload) throw new ApiError('bad_argument', 'the web host opens sessions from an upload: { fileName, base64 }');
      return engine.openUpload(upload);
    },
    saveKeylog: async () => {
      await mkdir(options.sessionsDir, { recursive: true });
      return engine.saveKeylogTo(join(options.sessionsDir, engine.suggestedFileName().replace(/\.framescope$/, '.keys.log')));
    },
  };

  const http: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === SESSION_DOWNLOAD_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, {
        'content-type': 'application/gzip',
        'content-disposition': `attachment; filename="${engine.suggestedFileName()}"`,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      engine.saveSessionTo(res).catch(() => res.destroy());
      return;
    }
    if (path === KEYLOG_DOWNLOAD_PATH && req.method === 'GET') {
      const text = engine.keylogText();
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${engine.suggestedFileName().replace(/\.framescope$/, '.keys.log')}"`,
        'cache-control': 'no-store',
      });
      res.end(text);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(options.rendererDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== WS_PATH || !sameOrigin(req, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const push = (message: EngineMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (message.kind === 'batch') stats.pushedEvents += message.events.length;
      ws.send(pushJson(message));
    };
    const unsubscribe = engine.subscribe(push);
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
    ws.on('message', (data) => {
      let call: WsCall;
      try {
        call = JSON.parse(String(data)) as WsCall;
        if (typeof call !== 'object' || call === null || typeof call.id !== 'number') throw new Error('bad call');
      } catch {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'bad_argument', message: 'a call is JSON { id, method, args }' } } satisfies WsReply));
        return;
      }
      dispatchCall(engine, hooks, call.method, Array.isArray(call.args) ? call.args : []).then(
        (result) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ id: call.id, ok: true, result: result ?? null } satisfies WsReply)),
        (err: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ id: call.id, ok: false, error: toApiError(err).toData() } satisfies WsReply)),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    stats,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
