import { describe, expect, it } from 'vitest';
import { H2ClientConnection } from './connection';
import type { H2CoreEvent, H2Trace } from './core-events';
import { H2FrameObserver } from './observer';
import { exchange, TestServer } from './test-peer';

function frames(events: H2CoreEvent[]): Array<Extract<H2Trace, { name: 'h2:frame' }>> {
  return events.filter((e): e is Extract<H2Trace, { name: 'h2:frame' }> => e.kind === 'trace' && e.name === 'h2:frame');
}

/** Records both directions of a client/test-server conversation. */
function conversation(): { c2s: Uint8Array; s2c: Uint8Array } {
  const client = new H2ClientConnection();
  const server = new TestServer();
  const c2s: Uint8Array[] = [];
  const s2c: Uint8Array[] = [];
  const tap = {
    pollTransmit: () => {
      const b = client.pollTransmit();
      if (b) c2s.push(b);
      return b;
    },
    receive: (b: Uint8Array, now: number) => {
      s2c.push(b);
      client.receive(b, now);
    },
  };
  client.start();
  server.start([{ id: 1, value: 8192 }]);
  exchange(tap, server);
  client.request([
    [':method', 'GET'],
    [':scheme', 'http'],
    [':authority', 'x'],
    [':path', '/'],
    ['x-long', 'y'.repeat(300)],
  ]);
  exchange(tap, server);
  server.sendHeaders(1, [[':status', '200'], ['server', 'test'], ['x-pad', 'z'.repeat(200)]], false, 16);
  server.send({ type: 'DATA', streamId: 1, endStream: true, data: new Uint8Array(10), padLength: 4 });
  exchange(tap, server);
  const join = (parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  return { c2s: join(c2s), s2c: join(s2c) };
}

describe('H2FrameObserver', () => {
  it('sees the same frames as the client, both directions, preface included, for every split', () => {
    const { c2s, s2c } = conversation();
    const whole = (bytes: Uint8Array, dir: 'sent' | 'received', preface: boolean) => {
      const o = new H2FrameObserver({ dir, expectPreface: preface });
      o.push(bytes);
      return o.drainEvents();
    };
    const c2sEvents = whole(c2s, 'received', true);
    expect(c2sEvents[0]).toMatchObject({ kind: 'preface' });
    expect(frames(c2sEvents).map((f) => f.data.type)).toEqual(['SETTINGS', 'SETTINGS', 'HEADERS']);
    const s2cEvents = whole(s2c, 'sent', false);
    const types = frames(s2cEvents).map((f) => f.data.type);
    expect(types.slice(0, 3)).toEqual(['SETTINGS', 'SETTINGS', 'HEADERS']);
    expect(types.at(-1)).toBe('DATA');
    expect(types.slice(3, -1).every((t) => t === 'CONTINUATION')).toBe(true);
    expect(types.length).toBeGreaterThan(6);
    const last = frames(s2cEvents).filter((f) => f.data.type === 'CONTINUATION').at(-1)!;
    expect(last.data.headers).toEqual([[':status', '200'], ['server', 'test'], ['x-pad', 'z'.repeat(200)]]);
    expect(s2cEvents.some((e) => e.kind === 'trace' && e.name === 'hpack:table_updated')).toBe(true);
    expect(s2cEvents.some((e) => e.kind === 'trace' && e.name === 'h2:error')).toBe(false);

    const expected = JSON.stringify(frames(c2sEvents).map((f) => f.data));
    for (let cut = 0; cut <= c2s.length; cut += 3) {
      const o = new H2FrameObserver({ dir: 'received', expectPreface: true });
      o.push(c2s.subarray(0, cut));
      o.push(c2s.subarray(cut));
      expect(JSON.stringify(frames(o.drainEvents()).map((f) => f.data))).toBe(expected);
    }
  });

  it('reports a missing preface and stops', () => {
    const o = new H2FrameObserver({ dir: 'received', expectPreface: true });
    o.push(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    const ev = o.drainEvents();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'trace', name: 'h2:error', data: { code: 'PROTOCOL_ERROR' } });
    expect(o.stopped).toBe(true);
  });

  it('keeps going after a stream-level malformed frame, stops after a connection-level one', () => {
    const o = new H2FrameObserver({ dir: 'sent', expectPreface: false });
    o.push(new Uint8Array([0, 0, 4, 2, 0, 0, 0, 0, 1, 0, 0, 0, 3])); // PRIORITY of length 4: stream FRAME_SIZE_ERROR
    o.push(new Uint8Array([0, 0, 0, 4, 1, 0, 0, 0, 0])); // SETTINGS ACK
    o.push(new Uint8Array([0, 0, 1, 0, 0, 0, 0, 0, 0, 9])); // DATA on stream 0
    o.push(new Uint8Array([0, 0, 0, 4, 1, 0, 0, 0, 0]));
    const names = o.drainEvents().map((e) => (e.kind === 'trace' ? `${e.name}${e.name === 'h2:frame' ? `:${e.data.type}` : ''}` : e.kind));
    expect(names).toEqual(['h2:frame:PRIORITY', 'h2:error', 'h2:frame:SETTINGS', 'h2:frame:DATA', 'h2:error']);
    expect(o.stopped).toBe(true);
  });

  it('follows SETTINGS_HEADER_TABLE_SIZE across a pair', () => {
    const c2s = new H2FrameObserver({ dir: 'received', expectPreface: false });
    const s2c = new H2FrameObserver({ dir: 'sent', expectPreface: false });
    H2FrameObserver.pair(c2s, s2c);
    // the client asks for a larger table; the server acknowledges, then uses a size update to 8192
    c2s.push(new Uint8Array([0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0x20, 0]));
    s2c.push(new Uint8Array([0, 0, 0, 4, 1, 0, 0, 0, 0]));
    s2c.push(new Uint8Array([0, 0, 4, 1, 5, 0, 0, 0, 1, 0x3f, 0xe1, 0x3f, 0x88])); // size update 8192, :status 200
    const ev = s2c.drainEvents();
    expect(ev.some((e) => e.kind === 'trace' && e.name === 'h2:error')).toBe(false);
    const headers = frames(ev).find((f) => f.data.type === 'HEADERS')!;
    expect(headers.data.headers).toEqual([[':status', '200']]);
  });
});
