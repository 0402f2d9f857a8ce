/**
 * Runners of the HTTP/2 lessons (ids and texts in shared/scenarios-h2.ts).
 */
import type { H2ClientSession } from '../client/h2-client';
import { parseFrameScript } from '../client/frame-script';
import { ErrorCode } from '../protocols/http2';
import { expect, num, type ScenarioContext, type ScenarioRunner } from './context';

function tlsOf(ctx: ScenarioContext): boolean {
  return ctx.options['tls'] !== false;
}

/** One GET over h2: preface, SETTINGS both ways, HEADERS, DATA, END_STREAM. */
export const h2Basics: ScenarioRunner = async (ctx) => {
  const h2 = await ctx.connectH2();
  const path = String(ctx.options['path'] ?? '/');
  ctx.note(`GET ${path} on stream 1`);
  const r = await h2.request({ path });
  ctx.note(`response ${r.status}: ${r.body.length} bytes in ${r.dataFrames} DATA frame(s)`);
  await h2.close();
};

/** Several GETs of different sizes at once on one connection. */
export const multiplexing: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const h2 = await ctx.connectH2({ h2: { windowUpdatePolicy: 'half', connectionWindow: 1 << 20 } });
  const sizes = Array.from({ length: n }, (_, i) => [48_000, 4_000, 96_000, 16_000, 64_000, 1_000][i % 6]! + i * 512);
  ctx.note(`${n} requests at once: ${sizes.map((s) => `${Math.round(s / 1000)} kB`).join(', ')}`);
  const responses = await Promise.all(sizes.map((size) => h2.request({ path: `/bytes?n=${size}` })));
  responses.forEach((r, i) => expect(r.body.length === sizes[i], `stream ${r.streamId}: ${r.body.length} of ${sizes[i]} bytes`));
  ctx.note(`all ${n} responses complete on one connection`);
  await h2.close();
};

/** The same requests over h1 (one connection, then six) and over h2 (one connection). */
export const h1VsH2: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const delay = num(ctx, 'delayMs');
  const path = (i: number): string => `/slow?ms=${delay}&i=${i + 1}`;
  const t = (): number => ctx.sink.now();

  ctx.note(`HTTP/1.1, one keep-alive connection: ${n} requests, one after another`);
  let start = t();
  const one = await ctx.connectH1();
  for (let i = 0; i < n; i++) expect((await one.request({ method: 'GET', path: path(i) })).status === 200, 'h1 request failed');
  await one.close();
  const h1Serial = t() - start;

  ctx.note(`HTTP/1.1, ${n} connections: one request each, in parallel`);
  start = t();
  const many = await Promise.all(Array.from({ length: n }, () => ctx.connectH1()));
  await Promise.all(many.map((c, i) => c.request({ method: 'GET', path: path(i) })));
  await Promise.all(many.map((c) => c.close()));
  const h1Parallel = t() - start;

  ctx.note(`HTTP/2, one connection: ${n} streams at once`);
  start = t();
  const h2 = await ctx.connectH2();
  await Promise.all(Array.from({ length: n }, (_, i) => h2.request({ path: path(i) })));
  await h2.close();
  const h2Time = t() - start;
  ctx.note(`done: h1 on 1 connection ${h1Serial.toFixed(0)} ms, h1 on ${n} connections ${h1Parallel.toFixed(0)} ms, h2 on 1 connection ${h2Time.toFixed(0)} ms`);
};

/** A browser-like request set: a page, then resources of mixed sizes and one slow call. */
function requestSet(n: number): string[] {
  const kinds = ['/bytes?n=30000', '/bytes?n=2000', '/bytes?n=120000', '/slow?ms=300', '/bytes?n=8000', '/bytes?n=60000'];
  return ['/', ...Array.from({ length: n - 1 }, (_, i) => `${kinds[i % kinds.length]!}&i=${i + 1}`)];
}

/**
 * The same request set over HTTP/1.1 (k connections, as browsers do), HTTP/2 (one connection) and HTTP/3 (one
 * QUIC connection to the UDP port of the TLS port's number), all started together.
 */
export const compare: ScenarioRunner = async (ctx) => {
  const paths = requestSet(num(ctx, 'requests'));
  const k = num(ctx, 'connections');
  const h3Target = ctx.targetFor(true);
  const withH3 = ctx.options['h3'] !== false && h3Target.scheme === 'https';
  if (ctx.options['h3'] !== false && !withH3) ctx.note('HTTP/3 left out: it needs an https:// target (QUIC always runs TLS)');
  ctx.note(`${paths.length} requests over HTTP/1.1 on ${k} connections, over HTTP/2 on one${withH3 ? ' and over HTTP/3 on one' : ''}, started together`);
  const overH1 = async (): Promise<number> => {
    const start = ctx.sink.now();
    const queue = [...paths];
    const conns = await Promise.all(Array.from({ length: k }, () => ctx.connectH1()));
    await Promise.all(
      conns.map(async (c) => {
        for (let p = queue.shift(); p !== undefined; p = queue.shift()) await c.request({ method: 'GET', path: p });
        await c.close();
      }),
    );
    return ctx.sink.now() - start;
  };
  const overH2 = async (): Promise<number> => {
    const start = ctx.sink.now();
    const h2 = await ctx.connectH2({ h2: { windowUpdatePolicy: 'half', connectionWindow: 1 << 20 } });
    await Promise.all(paths.map((path) => h2.request({ path })));
    await h2.close();
    return ctx.sink.now() - start;
  };
  const overH3 = async (): Promise<number> => {
    const start = ctx.sink.now();
    const h3 = await ctx.connectH3({}, h3Target);
    await Promise.all(paths.map((path) => h3.request({ path })));
    const took = ctx.sink.now() - start;
    await h3.close();
    return took;
  };
  const [h1, h2, h3] = await Promise.all([overH1(), overH2(), withH3 ? overH3() : Promise.resolve(null)]);
  ctx.note(`HTTP/1.1 on ${k} connections: ${h1.toFixed(0)} ms · HTTP/2 on 1 connection: ${h2.toFixed(0)} ms${h3 !== null ? ` · HTTP/3 on 1 connection: ${h3.toFixed(0)} ms` : ''}`);
};

/** GET /push with push accepted (or refused): PUSH_PROMISE, then pushed responses on even streams. */
export const serverPush: ScenarioRunner = async (ctx) => {
  const accept = ctx.options['accept'] !== false;
  const h2 = await ctx.connectH2({ h2: { pushPolicy: accept ? 'accept' : 'refuse' } });
  const promised = new Set<number>();
  const ended = new Set<number>();
  let allPushed: (() => void) | undefined;
  h2.onAppEvent = (e) => {
    if (e.kind === 'push_promise' && e.accepted) promised.add(e.promisedStreamId);
    if ((e.kind === 'data' || e.kind === 'headers') && e.endStream && e.streamId % 2 === 0) ended.add(e.streamId);
    if (promised.size > 0 && [...promised].every((id) => ended.has(id))) allPushed?.();
  };
  const page = await h2.request({ path: '/push' });
  expect(page.status === 200, `GET /push answered ${page.status}`);
  if (accept) {
    if (![...promised].every((id) => ended.has(id))) {
      await Promise.race([new Promise<void>((r) => (allPushed = r)), ctx.sleep(5000)]);
    }
    expect(promised.size > 0, 'the server promised nothing');
    ctx.note(`${promised.size} pushed responses arrived on streams ${[...promised].join(', ')}`);
  } else ctx.note('pushes refused: SETTINGS_ENABLE_PUSH=0, so the server sent none');
  await h2.close();
};

/** A tiny stream window and no automatic WINDOW_UPDATE: the server stalls until the client opens it. */
export const flowControl: ScenarioRunner = async (ctx) => {
  const window = num(ctx, 'windowBytes');
  const size = num(ctx, 'bodyBytes');
  const stall = num(ctx, 'stallMs');
  const h2 = await ctx.connectH2({ h2: { settings: { initialWindowSize: window }, windowUpdatePolicy: 'manual', connectionWindow: Math.max(65535, size) } });
  let received = 0;
  let allowed = window;
  let wake: (() => void) | undefined;
  h2.onAppEvent = (e) => {
    if (e.kind === 'data') {
      received += e.data.length;
      wake?.();
    }
  };
  ctx.note(`stream window ${window} bytes: the server may send only that much, then must wait`);
  const response = h2.request({ path: `/bytes?n=${size}` });
  let done = false;
  void response.then(() => (done = true), () => (done = true));
  while (!done) {
    const before = received;
    while (!done && received < allowed) {
      await Promise.race([new Promise<void>((r) => (wake = r)), ctx.sleep(3000)]);
      if (received === before && !done) break;
    }
    if (done) break;
    ctx.note(
      received >= size
        ? `all ${size} bytes arrived, but the stream has not ended: the server waits for window to send END_STREAM`
        : `${received} of ${size} bytes: the window is empty, the server is blocked`,
    );
    await ctx.sleep(stall);
    if (done) break;
    ctx.note(`WINDOW_UPDATE +${window}`);
    h2.windowUpdate(1, window);
    allowed += window;
  }
  const r = await response;
  expect(r.body.length === size, `got ${r.body.length} of ${size} bytes`);
  await h2.close();
};

/** HTTP/2 on the cleartext port: with prior knowledge, or by HTTP/1.1 `Upgrade: h2c`. */
export const h2c: ScenarioRunner = async (ctx) => {
  const path = String(ctx.options['path']);
  if (ctx.options['upgrade'] === true) {
    ctx.note('GET with Upgrade: h2c and HTTP2-Settings over HTTP/1.1');
    const outcome = await ctx.upgradeH2c(ctx.targetFor(false), path);
    if (outcome.kind === 'declined') {
      ctx.note(`the server declined the upgrade and answered over HTTP/1.1: ${outcome.status}, ${outcome.body.length} bytes (a server may ignore Upgrade, RFC 9110 §7.8)`);
      return;
    }
    const r = await outcome.response;
    ctx.note(`101 Switching Protocols: the response came on HTTP/2 stream 1: ${r.status}, ${r.body.length} bytes`);
    await outcome.session.close();
    return;
  }
  const h2 = await ctx.connectH2({}, ctx.targetFor(false));
  const r = await h2.request({ path });
  ctx.note(`h2c: ${r.status}, ${r.body.length} bytes`);
  await h2.close();
};

/** Offer h2 and http/1.1 (the server picks h2), then http/1.1 only (it picks http/1.1). */
export const alpn: ScenarioRunner = async (ctx) => {
  const target = ctx.targetFor(true);
  expect(target.scheme === 'https', 'ALPN needs a TLS target (https://)');
  ctx.note('ClientHello offers h2, http/1.1');
  const h2 = await ctx.connectH2({ alpn: ['h2', 'http/1.1'] }, target);
  await h2.request({ path: '/' });
  await h2.close();
  ctx.note('ClientHello offers http/1.1 only');
  const h1 = await ctx.connectH1(target);
  await h1.request({ method: 'GET', path: '/' });
  await h1.close();
};

/** The same header fields again and again on one connection: HEADERS frames shrink as the table fills. */
export const hpack: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const h2 = await ctx.connectH2();
  const headers = [
    ['accept', 'text/html,application/xhtml+xml'],
    ['accept-language', 'en-GB,en;q=0.9,fr;q=0.8'],
    ['cookie', 'session=3f9a2c7d1e5b4a60; theme=dark; lesson=hpack'],
    ['x-framescope-lesson', 'hpack: watch this header shrink to one byte'],
  ] as const;
  for (let i = 1; i <= n; i++) {
    await h2.request({ path: i === 1 ? '/' : `/?page=${i}`, headers });
  }
  ctx.note('compare the HEADERS frames: the first carries literals, the later ones mostly table indexes');
  await h2.close();
};

/** RST_STREAM (CANCEL) on a slow request, another request on the same connection, then GOAWAY. */
export const resetGoaway: ScenarioRunner = async (ctx) => {
  const h2 = await ctx.connectH2();
  const slow = h2.request({ path: '/slow?ms=5000' });
  const cancelled = slow.then(() => false, () => true);
  await ctx.sleep(300);
  ctx.note('the client no longer wants /slow: RST_STREAM CANCEL on stream 1');
  h2.resetStream(1, ErrorCode.CANCEL);
  expect(await cancelled, 'the slow request was not cancelled');
  ctx.note('the connection carries on: a new request on stream 3');
  const r = await h2.request({ path: '/status/200' });
  expect(r.status === 200, `expected 200, got ${r.status}`);
  ctx.note('GOAWAY NO_ERROR: no new streams on this connection');
  h2.goaway(ErrorCode.NO_ERROR, 'lesson over');
  await ctx.sleep(200);
  await h2.close();
};

/** Sends the person's frames one by one, then watches the server's reaction for a while. */
export const frameScript: ScenarioRunner = async (ctx) => {
  const steps = parseFrameScript(String(ctx.options['script']));
  const h2: H2ClientSession = await ctx.connectH2();
  for (const step of steps) {
    if (h2.isClosed) {
      ctx.note(`the connection closed before line ${step.line}`);
      break;
    }
    if (step.kind === 'wait') {
      await ctx.sleep(step.ms);
      continue;
    }
    ctx.note(`line ${step.line}: ${step.text}`);
    const f = step.frame;
    const frame = step.headers && (f.type === 'HEADERS' || f.type === 'CONTINUATION') ? { ...f, headerBlock: h2.encodeHeaders(step.headers) } : f;
    h2.sendFrame(frame);
  }
  const watch = num(ctx, 'waitMs');
  if (!h2.isClosed && watch > 0) await Promise.race([h2.whenClosed(), ctx.sleep(watch)]);
  if (!h2.isClosed) await h2.close();
};
