/**
 * The embedded server's route table: the demo endpoints every protocol serves (h1 now; h2, h2c and h3 later).
 * Handlers use the request/response API that Node's http and http2 compat layers share.
 */
import { landingPage } from './landing-page';

/** The part of a request that Node's http and http2 compat layers share and the routes use. */
export interface AnyRequest {
  readonly url?: string | undefined;
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of a response that Node's http and http2 compat layers share and the routes use. */
export interface AnyResponse {
  writeHead(status: number, headers?: Record<string, string>): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'drain', listener: () => void): unknown;
  destroy(): unknown;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  readonly headersSent: boolean;
  /** HTTP/1.1 only: sends the head now, before any body (h2's writeHead already does). */
  flushHeaders?: () => void;
  /** HTTP/2 only: promises a pushed response (PUSH_PROMISE, RFC 9113 §8.4). */
  createPushResponse?: (headers: Record<string, string>, callback: (err: Error | null, res: AnyResponse) => void) => void;
  /** HTTP/2 only: the stream, to ask whether the peer allows pushes. */
  readonly stream?: { readonly pushAllowed?: boolean };
}

/** Limits that keep a route from being turned against the machine it runs on. */
export const ROUTE_LIMITS = {
  maxChunks: 1000,
  maxChunkIntervalMs: 60_000,
  maxSlowMs: 120_000,
  maxBytes: 1 << 30,
} as const;

/** Timers a route started, so the server can cancel them when it stops. */
export interface RouteTimers {
  add(timer: NodeJS.Timeout): void;
  remove(timer: NodeJS.Timeout): void;
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}

function send(res: AnyResponse, status: number, type: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { 'content-type': type, 'content-length': String(bytes.length) });
  res.end(bytes);
}

function later(timers: RouteTimers, ms: number, fn: () => void): void {
  const timer = setTimeout(() => {
    timers.remove(timer);
    fn();
  }, ms);
  timers.add(timer);
}

/** GET /chunk?n=&ms=: n chunks, ms apart (RFC 9112 §7.1 chunked transfer coding on h1; DATA frames on h2). */
function chunk(url: URL, res: AnyResponse, timers: RouteTimers): void {
  const n = intParam(url, 'n', 3, 1, ROUTE_LIMITS.maxChunks);
  const ms = intParam(url, 'ms', 1000, 0, ROUTE_LIMITS.maxChunkIntervalMs);
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  let sent = 0;
  const next = (): void => {
    if (res.destroyed || res.writableEnded) return;
    sent++;
    res.write(`chunk ${sent} of ${n}\n`);
    if (sent >= n) res.end();
    else later(timers, ms, next);
  };
  next();
}

/** POST /echo: full duplex — each request chunk goes back as it arrives, before the request ends. */
function echo(req: AnyRequest, res: AnyResponse): void {
  const type = req.headers['content-type'];
  res.writeHead(200, { 'content-type': typeof type === 'string' ? type : 'application/octet-stream', 'cache-control': 'no-store' });
  res.flushHeaders?.();
  req.on('data', (data: Buffer) => {
    if (!res.destroyed) res.write(data);
  });
  req.on('end', () => res.end());
  req.on('error', () => res.destroy());
}

/** POST /upload: reads the whole body, then answers how many bytes and pieces arrived and over how long. */
function upload(req: AnyRequest, res: AnyResponse): void {
  const started = Date.now();
  let bytes = 0;
  let pieces = 0;
  req.on('data', (data: Buffer) => {
    bytes += data.length;
    pieces++;
  });
  req.on('end', () => send(res, 200, 'application/json', JSON.stringify({ bytes, pieces, ms: Date.now() - started }) + '\n'));
  req.on('error', () => res.destroy());
}

/** GET /bytes?n=: a body of n bytes (a repeating alphabet, so it compresses and reads well in hex). */
function bytes(url: URL, res: AnyResponse): void {
  const n = intParam(url, 'n', 65536, 0, ROUTE_LIMITS.maxBytes);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(n) });
  const block = Buffer.alloc(Math.min(n, 65536));
  for (let i = 0; i < block.length; i++) block[i] = 97 + (i % 26);
  let left = n;
  const pump = (): void => {
    while (left > 0) {
      const piece = block.subarray(0, Math.min(left, block.length));
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

/** GET /many?n=: a page listing n small resources (the h2 multiplexing lessons fetch them). */
function many(url: URL, res: AnyResponse): void {
  const n = intParam(url, 'n', 6, 1, 100);
  const items = Array.from({ length: n }, (_, i) => `<li><a href="/bytes?n=${(i + 1) * 1024}">resource ${i + 1}</a></li>`);
  send(res, 200, 'text/html; charset=utf-8', `<!doctype html><title>many</title><ul>${items.join('')}</ul>\n`);
}

const PUSHED = [
  { path: '/push/style.css', type: 'text/css', body: 'body { font-family: sans-serif; }\n' },
  { path: '/push/app.js', type: 'text/javascript', body: 'console.log("pushed");\n' },
  { path: '/push/data.json', type: 'application/json', body: '{"pushed":true}\n' },
];

/**
 * GET /push: a page whose resources come by server push over HTTP/2 when the client allows it (PUSH_PROMISE
 * before the page's own DATA, RFC 9113 §8.4); over HTTP/1.1, or with push disabled, just the page.
 */
function push(res: AnyResponse): void {
  const page = `<!doctype html><title>push</title>${PUSHED.map((p) => `<link rel="preload" href="${p.path}">`).join('')}<p>pushed resources\n`;
  if (res.createPushResponse && res.stream?.pushAllowed) {
    for (const p of PUSHED) {
      res.createPushResponse({ ':path': p.path }, (err, pushed) => {
        if (err) return;
        send(pushed, 200, p.type, p.body);
      });
    }
  }
  send(res, 200, 'text/html; charset=utf-8', page);
}

/** The resources /push pushes, served directly too (a client that refused the push asks for them). */
function pushedResource(path: string): (typeof PUSHED)[number] | undefined {
  return PUSHED.find((p) => p.path === path);
}

/**
 * Serves one request from the route table: `/`, `/chunk`, `/echo`, `/upload`, `/slow`, `/bytes`, `/status/NNN`,
 * `/many`, `/push` (and what it pushes). Unknown paths get 404; wrong methods 405.
 */
export function handleRoute(req: AnyRequest, res: AnyResponse, timers: RouteTimers): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (path === '/') return send(res, 200, 'text/html; charset=utf-8', landingPage());
  if (path === '/chunk') return chunk(url, res, timers);
  if (path === '/bytes') return bytes(url, res);
  if (path === '/many') return many(url, res);
  if (path === '/push') return push(res);
  const pushed = pushedResource(path);
  if (pushed) return send(res, 200, pushed.type, pushed.body);
  if (path === '/slow') {
    const ms = intParam(url, 'ms', 2000, 0, ROUTE_LIMITS.maxSlowMs);
    return later(timers, ms, () => {
      if (!res.destroyed) send(res, 200, 'text/plain; charset=utf-8', `slept ${ms} ms\n`);
    });
  }
  if (path === '/echo' || path === '/upload') {
    if (method !== 'POST' && method !== 'PUT') {
      res.writeHead(405, { allow: 'POST, PUT', 'content-length': '0' });
      res.end();
      return;
    }
    return path === '/echo' ? echo(req, res) : upload(req, res);
  }
  if (status) {
    const code = Number(status[1]);
    if (code < 200 || code > 599) return send(res, 400, 'text/plain; charset=utf-8', 'status must be 200 to 599\n');
    if (code === 204 || code === 304) {
      res.writeHead(code);
      res.end();
      return;
    }
    return send(res, code, 'text/plain; charset=utf-8', `status ${code}\n`);
  }
  send(res, 404, 'text/plain; charset=utf-8', `no route for ${path}\n`);
}
