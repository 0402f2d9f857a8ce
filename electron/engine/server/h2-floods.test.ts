/**
 * Peers that flood or send garbage over HTTP/2 to the embedded server: the server (nghttp2) defends itself,
 * our tap decoder takes every byte without throwing and reports what was wrong, and the server goes on serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/seeded-random';
import type { Engine } from '../engine';
import { encodeFrameBytes, type Frame } from '../protocols/http2';
import { HpackEncoder } from '../protocols/http2/hpack';
import { startTestEngine, waitForEvent } from '../test-support/engine-fixture';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const frame = (f: Frame): Buffer => Buffer.from(encodeFrameBytes(f));

describe('HTTP/2 floods and garbage against the embedded server', () => {
  let engine: Engine;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engine, cleanup } = await startTestEngine());
  });
  afterAll(async () => cleanup());

  /** Writes `bytes` on a new h2c connection and resolves when the server closes it (or after `waitMs`). */
  function blast(bytes: Buffer, waitMs = 3000): Promise<number> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: engine.serverStatus().clearPort }, () => socket.write(bytes));
      let received = 0;
      const timer = setTimeout(() => socket.destroy(), waitMs);
      socket.on('data', (d) => (received += d.length));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
    });
  }

  async function stillServes(): Promise<void> {
    const result = await (await engine.run({ scenario: 'h2c', options: { path: '/status/200' } })).finished;
    expect(result).toEqual({ ok: true });
  }

  it('garbage after the preface: GOAWAY from the server, an h2:error from our tap, no exception', async () => {
    const random = seededRandom(7);
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(random() * 256);
    // a DATA frame on stream 0 (a connection error, RFC 9113 §6.1), then 64 KiB of random bytes
    const bad = frame({ type: 'DATA', streamId: 0, endStream: false, data: new Uint8Array(garbage.subarray(0, 100)) });
    await blast(Buffer.concat([PREFACE, frame({ type: 'SETTINGS', ack: false, settings: [] }), bad, garbage]));
    await waitForEvent(engine, (e) => e.name === 'h2:frame' && e.vantage === 'server' && e.dir === 'sent' && (e.data as { type: string }).type === 'GOAWAY');
    const events = engine.currentEvents();
    expect(events.some((e) => e.name === 'h2:error' && e.vantage === 'server' && /stream 0/.test(JSON.stringify(e.data)))).toBe(true);
    await stillServes();
  });

  it('random garbage in place of frames: the tap never throws and the server stays up', async () => {
    const random = seededRandom(11);
    for (let round = 0; round < 5; round++) {
      const garbage = Buffer.alloc(4096);
      for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(random() * 256);
      await blast(Buffer.concat([PREFACE, garbage]), 500);
    }
    await stillServes();
  });

  it('an endless CONTINUATION: nghttp2 cuts it short and says why; our tap decodes every frame until then', async () => {
    const block = new HpackEncoder().encode([[':method', 'GET'], [':scheme', 'http'], [':authority', 'x'], [':path', '/']]);
    const parts = [PREFACE, frame({ type: 'SETTINGS', ack: false, settings: [] }), frame({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: false, headerBlock: block })];
    const filler = new Uint8Array(16_384).fill(0x40);
    for (let i = 0; i < 100; i++) parts.push(frame({ type: 'CONTINUATION', streamId: 1, endHeaders: false, headerBlock: filler }));
    await blast(Buffer.concat(parts));
    await waitForEvent(engine, (e) => e.name === 'app:error' && /CONTINUATION/.test((e.data as { message: string }).message));
    const events = engine.currentEvents();
    expect(events.filter((e) => e.name === 'h2:frame' && e.vantage === 'server' && (e.data as { type: string }).type === 'CONTINUATION').length).toBeGreaterThan(5);
    expect(events.some((e) => e.name === 'app:error' && /CONTINUATION/.test((e.data as { message: string }).message))).toBe(true);
    await stillServes();
  });

  it('a PING flood and a rapid-reset flood: the server stays up', async () => {
    const pings = Array.from({ length: 5000 }, (_, i) => frame({ type: 'PING', ack: false, opaque: new Uint8Array(8).fill(i & 0xff) }));
    await blast(Buffer.concat([PREFACE, frame({ type: 'SETTINGS', ack: false, settings: [] }), ...pings]), 2000);
    const encoder = new HpackEncoder();
    const resets: Buffer[] = [];
    for (let id = 1; id < 4000; id += 2) {
      resets.push(frame({ type: 'HEADERS', streamId: id, endStream: true, endHeaders: true, headerBlock: encoder.encode([[':method', 'GET'], [':scheme', 'http'], [':authority', 'x'], [':path', '/slow?ms=1000']]) }));
      resets.push(frame({ type: 'RST_STREAM', streamId: id, errorCode: 8 }));
    }
    await blast(Buffer.concat([PREFACE, frame({ type: 'SETTINGS', ack: false, settings: [] }), ...resets]), 2000);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1.5 * 1024 ** 3);
    await stillServes();
  });
});
