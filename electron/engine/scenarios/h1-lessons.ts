/**
 * Runners of the HTTP/1.1 lessons (ids and texts in shared/scenarios.ts).
 */
import { expect, num, type ScenarioRunner } from './context';

/** GET /chunk?n=&ms=: the server sends n chunks, ms apart. */
export const chunkedResponse: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'chunks');
  const ms = num(ctx, 'intervalMs');
  const conn = await ctx.connectH1();
  ctx.note(`GET /chunk?n=${n}&ms=${ms}: expect ${n} chunks, ${ms} ms apart`);
  const response = await conn.request({ method: 'GET', path: `/chunk?n=${n}&ms=${ms}` });
  expect(response.status === 200, `expected 200, got ${response.status}`);
  ctx.note(`response complete: ${response.chunks} chunks, ${response.body.length} body bytes`);
  await conn.close();
};

/** POST /upload with a chunked body whose chunks go out on a schedule. */
export const chunkedUpload: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'chunks');
  const ms = num(ctx, 'intervalMs');
  const size = num(ctx, 'chunkBytes');
  const conn = await ctx.connectH1();
  const upload = conn.streamRequest('POST', '/upload', [['Content-Type', 'text/plain']]);
  for (let i = 1; i <= n; i++) {
    const text = `part ${i} `.padEnd(size, '.').slice(0, size);
    ctx.note(`chunk ${i} of ${n} leaves now`);
    upload.writeChunk(text);
    if (i < n) await ctx.sleep(ms);
  }
  upload.end();
  const response = await upload.response;
  expect(response.status === 200, `expected 200, got ${response.status}`);
  const report = JSON.parse(Buffer.from(response.body).toString('utf8')) as { bytes: number };
  expect(report.bytes === n * size, `server received ${report.bytes} bytes, expected ${n * size}`);
  ctx.note(`the server read ${report.bytes} bytes`);
  await conn.close();
};

/** POST /echo: each chunk's echo must arrive before the next chunk leaves. */
export const interactiveEcho: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'chunks');
  const ms = num(ctx, 'intervalMs');
  const conn = await ctx.connectH1();
  const echo = conn.streamRequest('POST', '/echo', [['Content-Type', 'text/plain']]);
  let echoed = '';
  let waiter: (() => void) | undefined;
  echo.onBody((bytes) => {
    echoed += Buffer.from(bytes).toString('utf8');
    waiter?.();
  });
  for (let i = 1; i <= n; i++) {
    const text = `message ${i}\n`;
    const expected = echoed.length + text.length;
    ctx.note(`chunk ${i} leaves now`);
    echo.writeChunk(text);
    const deadline = Date.now() + ms;
    while (echoed.length < expected && Date.now() < deadline) {
      await Promise.race([new Promise<void>((r) => (waiter = r)), ctx.sleep(Math.max(1, deadline - Date.now()))]);
    }
    expect(echoed.length >= expected, `the echo of chunk ${i} did not arrive within ${ms} ms`);
    ctx.note(`echo of chunk ${i} arrived before the next chunk`);
    const left = deadline - Date.now();
    if (i < n && left > 0) await ctx.sleep(left);
  }
  echo.end();
  const response = await echo.response;
  expect(Buffer.from(response.body).toString('utf8') === Array.from({ length: n }, (_, i) => `message ${i + 1}\n`).join(''), 'the echo differs from what was sent');
  await conn.close();
};

/** Several requests on one keep-alive connection, one after another or pipelined. */
export const keepAlive: ScenarioRunner = async (ctx) => {
  const n = num(ctx, 'requests');
  const pipeline = ctx.options['pipeline'] === true;
  const paths = ['/', '/bytes?n=2048', '/status/204', '/slow?ms=200', '/bytes?n=100'];
  const conn = await ctx.connectH1();
  const pathOf = (i: number): string => paths[i % paths.length]!;
  if (pipeline) {
    ctx.note(`sending ${n} requests back to back (pipelining): responses must come back in order`);
    const responses = await Promise.all(Array.from({ length: n }, (_, i) => conn.request({ method: 'GET', path: pathOf(i) })));
    ctx.note(`statuses in order: ${responses.map((r) => r.status).join(', ')}`);
  } else {
    for (let i = 0; i < n; i++) {
      ctx.note(`request ${i + 1} of ${n} on the same connection`);
      const response = await conn.request({ method: 'GET', path: pathOf(i) });
      expect(response.status < 400, `${pathOf(i)} answered ${response.status}`);
    }
  }
  expect(!conn.isClosed, 'the server closed the keep-alive connection');
  await conn.close();
};

/** Sends the typed bytes and shows what comes back; `sendRaw` adds more until the connection closes or idles. */
export const rawRequest: ScenarioRunner = async (ctx) => {
  const text = String(ctx.options['request']).replace(/\r?\n/g, '\r\n');
  const idleMs = num(ctx, 'idleMs');
  const conn = await ctx.connectH1();
  ctx.setRawConnection(conn);
  try {
    if (text.length > 0) conn.write(Buffer.from(text, 'latin1'));
    let lastActivity = Date.now();
    const bump = (): void => {
      lastActivity = Date.now();
    };
    conn.onActivity = bump;
    while (!conn.isClosed) {
      const idleLeft = lastActivity + idleMs - Date.now();
      if (idleLeft <= 0) {
        ctx.note(`idle for ${idleMs} ms: closing`);
        await conn.close();
        break;
      }
      await Promise.race([conn.whenClosed(), ctx.sleep(Math.min(idleLeft, 250))]);
    }
  } finally {
    ctx.setRawConnection(undefined);
  }
};
