/**
 * Interop: H2ClientConnection over a real TCP socket against Node's http2 server (nghttp2, h2c) and, when it is
 * installed, nghttpd. The core is driven by a small loop here: socket bytes in, pollTransmit out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { H2ClientConnection } from './connection';
import type { H2AppEvent, H2CoreEvent, H2Trace } from './core-events';
import { H2FrameObserver } from './observer';

const SIZES = [0, 1, 1000, 16384, 70000, 300000];

/** Deterministic body of `n` octets for path index `i`. */
function body(i: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k++) b[k] = (k * 31 + i * 7) & 0xff;
  return b;
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface RunResult {
  readonly events: H2CoreEvent[];
  readonly bodies: Map<string, Uint8Array>;
  readonly statuses: Map<string, string>;
  readonly observed: H2CoreEvent[];
}

/** Runs GETs for `paths` concurrently on one connection to host:port; resolves when every stream has ended. */
function run(port: number, paths: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const client = new H2ClientConnection({ windowUpdatePolicy: 'half' });
    const c2s = new H2FrameObserver({ dir: 'received', expectPreface: true });
    const s2c = new H2FrameObserver({ dir: 'sent', expectPreface: false });
    H2FrameObserver.pair(c2s, s2c);
    const events: H2CoreEvent[] = [];
    const chunks = new Map<number, Uint8Array[]>();
    const pathOf = new Map<number, string>();
    const statuses = new Map<string, string>();
    const bodies = new Map<string, Uint8Array>();
    const t0 = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => fail(new Error('timed out')), 10_000);
    let done = false;
    const fail = (e: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const flush = (): void => {
      for (let b = client.pollTransmit(); b; b = client.pollTransmit()) {
        c2s.push(b);
        socket.write(b);
      }
      for (const e of client.drainEvents()) {
        events.push(e);
        handle(e);
      }
    };
    const handle = (e: H2CoreEvent): void => {
      if (e.kind === 'trace') return;
      const ev = e as H2AppEvent;
      if (ev.kind === 'headers') {
        const status = ev.headers.find(([n]) => n === ':status')?.[1];
        if (status) statuses.set(pathOf.get(ev.streamId)!, status);
        if (ev.endStream) finish(ev.streamId);
      } else if (ev.kind === 'data') {
        chunks.get(ev.streamId)!.push(ev.data);
        if (ev.endStream) finish(ev.streamId);
      } else if (ev.kind === 'closed' || ev.kind === 'stream_reset' || ev.kind === 'stream_failed') {
        fail(new Error(`unexpected ${JSON.stringify(ev)}`));
      }
    };
    const finish = (id: number): void => {
      const parts = chunks.get(id)!;
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      bodies.set(pathOf.get(id)!, all);
      if (bodies.size === paths.length && !done) {
        done = true;
        clearTimeout(timer);
        client.goaway();
        flush();
        socket.end();
        resolve({ events, bodies, statuses, observed: [...c2s.drainEvents(), ...s2c.drainEvents()] });
      }
    };
    socket.on('error', fail);
    socket.on('connect', () => {
      client.start(performance.now() - t0);
      for (const path of paths) {
        const id = client.request([
          [':method', 'GET'],
          [':scheme', 'http'],
          [':authority', `127.0.0.1:${port}`],
          [':path', path],
          ['user-agent', 'framescope-test/1'],
          ['accept', '*/*'],
        ]);
        pathOf.set(id, path);
        chunks.set(id, []);
      }
      flush();
    });
    socket.on('data', (data: Buffer) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
      s2c.push(bytes);
      client.receive(bytes, performance.now() - t0);
      flush();
    });
  });
}

function frames(events: H2CoreEvent[]): Array<Extract<H2Trace, { name: 'h2:frame' }>> {
  return events.filter((e): e is Extract<H2Trace, { name: 'h2:frame' }> => e.kind === 'trace' && e.name === 'h2:frame');
}

function checkRun(r: RunResult, paths: readonly string[]): void {
  paths.forEach((p, i) => {
    expect(r.statuses.get(p)).toBe('200');
    expect(r.bodies.get(p)!.length).toBe(SIZES[i]);
    expect(Buffer.from(r.bodies.get(p)!).equals(Buffer.from(body(i, SIZES[i]!)))).toBe(true);
  });
  const all = frames(r.events);
  // multiplexed: DATA of different streams interleave on the wire
  const dataStreams = all.filter((f) => f.dir === 'received' && f.data.type === 'DATA').map((f) => f.data.streamId);
  const switches = dataStreams.filter((s, i) => i > 0 && s !== dataStreams[i - 1]).length;
  expect(switches).toBeGreaterThan(new Set(dataStreams).size - 1);
  // HPACK dynamic table used both ways
  const usesDynamic = (dir: 'sent' | 'received'): boolean =>
    all.some((f) => f.dir === dir && (f.data.hpack ?? []).some((h) => h.representation === 'indexed' && h.table === 'dynamic'));
  expect(usesDynamic('sent')).toBe(true);
  expect(usesDynamic('received')).toBe(true);
  // we had to reopen the windows for the large bodies
  expect(all.some((f) => f.dir === 'sent' && f.data.type === 'WINDOW_UPDATE')).toBe(true);
  expect(r.events.some((e) => e.kind === 'trace' && e.name === 'h2:error')).toBe(false);
  // the passive observers decoded the same bytes without complaint
  expect(r.observed.some((e) => e.kind === 'trace' && e.name === 'h2:error')).toBe(false);
  expect(frames(r.observed).length).toBe(all.length);
}

describe('interop', () => {
  it("runs 6 concurrent GETs against Node's http2 server (h2c)", async () => {
    const server = http2.createServer();
    server.on('stream', (stream, headers) => {
      const i = Number(String(headers[':path']).slice(1));
      stream.respond({ ':status': 200, 'content-type': 'application/octet-stream', 'x-index': String(i) });
      stream.end(Buffer.from(body(i, SIZES[i]!)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as net.AddressInfo).port;
    const paths = SIZES.map((_, i) => `/${i}`);
    checkRun(await run(port, paths), paths);
  });

  const nghttpd = ['/usr/sbin/nghttpd', '/usr/bin/nghttpd', '/usr/local/bin/nghttpd'].find((p) => existsSync(p));
  it.skipIf(!nghttpd)('runs 6 concurrent GETs against nghttpd --no-tls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'framescope-nghttpd-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    SIZES.forEach((n, i) => writeFileSync(join(dir, String(i)), body(i, n)));
    const port = await freePort();
    const child: ChildProcess = spawn(nghttpd!, ['--no-tls', '-d', dir, String(port)], { stdio: 'ignore' });
    cleanups.push(() => stop(child));
    await waitForPort(port, child);
    const paths = SIZES.map((_, i) => `/${i}`);
    checkRun(await run(port, paths), paths);
  });
});

/** A port that was free a moment ago (nghttpd takes a port number, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Retries a TCP connect until the port accepts (no fixed sleep), for up to 5 s. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nghttpd exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nghttpd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 20)); // retry interval, not a wait for readiness
  }
}

/** Stops the child by its PID and waits for it to exit. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGTERM');
  });
}
