import { describe, expect, it } from 'vitest';
import { H2ClientConnection, type H2ClientOptions } from './connection';
import type { H2AppEvent, H2CoreEvent, H2Trace } from './core-events';
import { ErrorCode } from './errors';
import { decodeFrame, MalformedFrame } from './frames/codec';
import { CLIENT_PREFACE } from './frames/preface';
import { SettingId } from './frames/settings';
import type { DecodedFrame, Frame } from './frames/types';
import { FrameReader } from './frames/wire';
import { StreamState } from './stream-state';
import { exchange, TestServer } from './test-peer';

const GET: ReadonlyArray<readonly [string, string]> = [
  [':method', 'GET'],
  [':scheme', 'http'],
  [':authority', 'example.test'],
  [':path', '/'],
];

/** A client and a test server after the SETTINGS exchange, with an event log. */
function setup(options: H2ClientOptions = {}, serverSettings: Array<{ id: number; value: number }> = []) {
  const client = new H2ClientConnection(options);
  const server = new TestServer();
  const log: H2CoreEvent[] = [];
  const pump = (now = 0): void => {
    exchange(client, server, now);
    log.push(...client.drainEvents());
  };
  client.start(0);
  server.start(serverSettings);
  pump();
  const app = <K extends H2AppEvent['kind']>(kind: K): Array<Extract<H2AppEvent, { kind: K }>> =>
    log.filter((e): e is Extract<H2AppEvent, { kind: K }> => e.kind === kind);
  const traces = <N extends H2Trace['name']>(name: N): Array<Extract<H2Trace, { name: N }>> =>
    log.filter((e): e is Extract<H2Trace, { name: N }> => e.kind === 'trace' && e.name === name);
  const sent = (): Frame[] => traces('h2:frame').filter((t) => t.dir === 'sent' && t.frame).map((t) => t.frame!);
  return { client, server, log, pump, app, traces, sent };
}

const bytes = (n: number, fill = 0x61): Uint8Array => new Uint8Array(n).fill(fill);

describe('H2ClientConnection: setup', () => {
  it('sends the preface and SETTINGS, acknowledges the server, applies settings both ways', () => {
    const { server, traces, app } = setup({ settings: { initialWindowSize: 100000, maxConcurrentStreams: 50 } }, [{ id: SettingId.MAX_CONCURRENT_STREAMS, value: 7 }]);
    expect(server.prefaceOk).toBe(true);
    expect(server.frames[0]).toEqual({ type: 'SETTINGS', ack: false, settings: [{ id: 2, value: 0 }, { id: 3, value: 50 }, { id: 4, value: 100000 }] });
    expect(server.frames[1]).toEqual({ type: 'SETTINGS', ack: true, settings: [] });
    const applied = traces('h2:settings_applied');
    expect(applied.map((a) => a.data.side).sort()).toEqual(['local', 'remote']);
    expect(applied.find((a) => a.data.side === 'remote')!.data.settings).toEqual([{ id: 3, name: 'MAX_CONCURRENT_STREAMS', value: 7 }]);
    expect(app('settings_acked')).toHaveLength(1);
    expect(app('preface')[0]!.raw).toEqual(CLIENT_PREFACE);
  });

  it('gives every frame event its exact wire bytes and field spans', () => {
    const { client, server, pump, traces } = setup();
    client.request(GET);
    pump();
    server.sendHeaders(1, [[':status', '200'], ['content-type', 'text/plain']], false);
    server.send({ type: 'DATA', streamId: 1, endStream: true, data: bytes(5), padLength: 3 });
    pump();
    for (const t of traces('h2:frame')) {
      const d = decodeFrame(new FrameReader(t.raw!), 1 << 24) as DecodedFrame;
      expect(d).not.toBeInstanceOf(MalformedFrame);
      expect(d.frame).toEqual(t.frame);
      expect(t.data.length).toBe(t.raw!.length - 9);
    }
    const headersIn = traces('h2:frame').find((t) => t.dir === 'received' && t.data.type === 'HEADERS')!;
    expect(headersIn.data.headers).toEqual([[':status', '200'], ['content-type', 'text/plain']]);
    expect(headersIn.data.hpack!.map((h) => h.representation)).toEqual(['indexed', 'literal-incremental']);
    expect(headersIn.fields!.some((f) => f.path === 'header.1')).toBe(true);
    expect(headersIn.block!.inserted).toHaveLength(1);
    const dataIn = traces('h2:frame').find((t) => t.dir === 'received' && t.data.type === 'DATA')!;
    expect(dataIn.data).toMatchObject({ flags: ['END_STREAM', 'PADDED'], padLength: 3, dataLength: 5, streamId: 1, length: 9 });
    const table = traces('hpack:table_updated');
    expect(table.map((t) => t.dir)).toEqual(['sent', 'received']);
    expect(table[1]!.data.entries[0]).toMatchObject({ index: 62, name: 'content-type', value: 'text/plain' });
  });
});

describe('H2ClientConnection: requests and streams', () => {
  it('runs a GET through the §5.1 states', () => {
    const { client, server, pump, app, traces } = setup();
    const id = client.request(GET);
    expect(id).toBe(1);
    pump();
    expect(server.requests.get(1)!.headers).toEqual(GET);
    server.sendHeaders(1, [[':status', '200']], false);
    server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(3) });
    server.sendHeaders(1, [['grpc-status', '0']], true);
    pump();
    expect(app('headers').map((h) => h.role)).toEqual(['response', 'trailers']);
    expect(app('data')[0]!.data).toEqual(bytes(3));
    expect(traces('h2:stream_state').map((t) => `${t.data.from}->${t.data.to}`)).toEqual(['idle->open', 'open->half_closed_local', 'half_closed_local->closed']);
    expect(client.streamState(1)).toBe(StreamState.Closed);
  });

  it('uses the HPACK dynamic table across requests', () => {
    const { client, server, pump, sent } = setup();
    const headers = [...GET, ['user-agent', 'framescope-test']] as const;
    client.request(headers);
    client.request(headers);
    pump();
    const blocks = sent().filter((f): f is Extract<Frame, { type: 'HEADERS' }> => f.type === 'HEADERS');
    expect(blocks[1]!.headerBlock.length).toBeLessThan(blocks[0]!.headerBlock.length);
    expect(server.requests.get(3)!.headers).toEqual(headers);
  });

  it('queues requests beyond SETTINGS_MAX_CONCURRENT_STREAMS (§5.1.2)', () => {
    const { client, server, pump } = setup({}, [{ id: SettingId.MAX_CONCURRENT_STREAMS, value: 1 }]);
    client.request(GET);
    client.request(GET);
    pump();
    expect([...server.requests.keys()]).toEqual([1]);
    server.sendHeaders(1, [[':status', '204']], true);
    pump();
    expect([...server.requests.keys()]).toEqual([1, 3]);
  });

  it('sends RFC 9218 priority in the request and by PRIORITY_UPDATE', () => {
    const { client, server, pump } = setup();
    const id = client.request(GET, { priority: { urgency: 1, incremental: true } });
    client.updatePriority(id, 5, false);
    pump();
    expect(server.requests.get(id)!.headers).toContainEqual(['priority', 'u=1, i']);
    expect(server.frames.at(-1)).toEqual({ type: 'PRIORITY_UPDATE', prioritizedStreamId: 1, priorityFieldValue: 'u=5' });
  });

  it('splits a large header block into HEADERS + CONTINUATION and reassembles one', () => {
    const { client, server, pump, app } = setup({ hpack: { huffman: 'never' } });
    client.request([...GET, ['x-big', 'v'.repeat(40000)]]);
    pump();
    const types = server.frames.filter((f) => f.type === 'HEADERS' || f.type === 'CONTINUATION').map((f) => f.type);
    expect(types).toEqual(['HEADERS', 'CONTINUATION', 'CONTINUATION']);
    expect(server.requests.get(1)!.headers.at(-1)![1]).toHaveLength(40000);
    server.sendHeaders(1, [[':status', '200'], ['x-a', 'a'.repeat(100)], ['x-b', 'b'.repeat(100)]], true, 20);
    pump();
    expect(app('headers')[0]!.headers).toHaveLength(3);
  });
});

describe('H2ClientConnection: reads split anywhere', () => {
  it('gives the same events for every split of the server bytes into two reads', () => {
    const server = new TestServer();
    server.start([{ id: SettingId.MAX_FRAME_SIZE, value: 20000 }]);
    server.sendHeaders(1, [[':status', '200'], ['x-a', 'a'.repeat(60)], ['x-b', 'b'.repeat(60)]], false, 25);
    server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(40), padLength: 9 });
    server.send({ type: 'PING', ack: false, opaque: bytes(8, 1) });
    server.sendHeaders(1, [['x-trailer', 'done']], true);
    const wire = server.take()!;
    const run = (cut: number): string => {
      const client = new H2ClientConnection();
      client.start(0);
      client.request(GET);
      client.receive(wire.subarray(0, cut), 1);
      client.receive(wire.subarray(cut), 1);
      const events = client.drainEvents().map((e) => (e.kind === 'trace' ? { name: e.name, data: e.data, raw: e.raw && Array.from(e.raw) } : e));
      return JSON.stringify(events, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
    };
    const whole = run(wire.length);
    expect(whole).toContain('x-trailer');
    for (let cut = 0; cut < wire.length; cut++) expect(run(cut)).toBe(whole);
  });
});

describe('H2ClientConnection: flow control', () => {
  it('stalls DATA at a zero window until WINDOW_UPDATE', () => {
    const { client, server, pump, traces } = setup({}, [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 0 }]);
    const id = client.request([...GET.slice(1), [':method', 'POST']], { endStream: false });
    client.sendData(id, bytes(100), true);
    pump();
    expect(server.frames.some((f) => f.type === 'DATA')).toBe(false);
    expect(client.windows(id)).toEqual({ send: 0, receive: 65535 });
    server.send({ type: 'WINDOW_UPDATE', streamId: id, increment: 60 });
    pump();
    expect(server.requests.get(id)!.body.length).toBe(60);
    expect(server.requests.get(id)!.ended).toBe(false);
    server.send({ type: 'WINDOW_UPDATE', streamId: id, increment: 40 });
    pump();
    expect(server.requests.get(id)!.body.length).toBe(100);
    expect(server.requests.get(id)!.ended).toBe(true);
    const windows = traces('h2:flow_window').filter((t) => t.stream === id && t.data.side === 'send');
    expect(windows.map((w) => [w.data.window, w.data.delta])).toEqual([
      [60, 60],
      [0, -60],
      [40, 40],
      [0, -40],
    ]);
    expect(client.windows(0)!.send).toBe(65535 - 100);
  });

  it('respects the connection window and SETTINGS_MAX_FRAME_SIZE', () => {
    const { client, server, pump } = setup({}, [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 1 << 20 }]);
    const id = client.request(GET, { endStream: false });
    client.sendData(id, bytes(70000), true);
    pump();
    const sizes = server.frames.filter((f): f is Extract<Frame, { type: 'DATA' }> => f.type === 'DATA').map((f) => f.data.length);
    expect(sizes).toEqual([16384, 16384, 16384, 16383]);
    server.send({ type: 'WINDOW_UPDATE', streamId: 0, increment: 10000 });
    pump();
    expect(server.requests.get(id)!.body.length).toBe(70000);
    expect(server.requests.get(id)!.ended).toBe(true);
  });

  it('opens a larger connection window at start and follows its own INITIAL_WINDOW_SIZE changes', () => {
    const { client, server, pump } = setup({ connectionWindow: 1 << 20 });
    expect(server.frames[1]).toEqual({ type: 'WINDOW_UPDATE', streamId: 0, increment: (1 << 20) - 65535 });
    expect(client.windows(0)!.receive).toBe(1 << 20);
    const id = client.request(GET);
    client.updateSettings({ initialWindowSize: 1000 });
    pump();
    expect(client.windows(id)!.receive).toBe(1000);
    expect(client.localSettings.initialWindowSize).toBe(1000);
  });

  it('lets a SETTINGS change make a send window negative (§6.9.2)', () => {
    const { client, server, pump } = setup();
    const id = client.request(GET, { endStream: false });
    client.sendData(id, bytes(60000));
    pump();
    server.send({ type: 'SETTINGS', ack: false, settings: [{ id: SettingId.INITIAL_WINDOW_SIZE, value: 10000 }] });
    pump();
    expect(client.windows(id)!.send).toBe(10000 - 60000);
    client.sendData(id, bytes(10), true);
    server.send({ type: 'WINDOW_UPDATE', streamId: id, increment: 50005 });
    pump();
    expect(server.requests.get(id)!.body.length).toBe(60005);
  });

  it.each([
    ['immediate', 2],
    ['half', 0],
    ['manual', 0],
  ] as const)('WINDOW_UPDATE policy %s', (policy, updates) => {
    const { client, server, pump } = setup({ windowUpdatePolicy: policy });
    client.request(GET);
    pump();
    server.sendHeaders(1, [[':status', '200']], false);
    server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(1000) });
    pump();
    expect(server.frames.filter((f) => f.type === 'WINDOW_UPDATE')).toHaveLength(updates);
  });

  it('half policy reopens a window once half is used; manual waits for windowUpdate()', () => {
    const half = setup({ windowUpdatePolicy: 'half' });
    half.client.request(GET);
    half.pump();
    half.server.sendHeaders(1, [[':status', '200']], false);
    half.server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(16384) });
    half.server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(16384) });
    half.pump();
    expect(half.server.frames.filter((f) => f.type === 'WINDOW_UPDATE')).toEqual([
      { type: 'WINDOW_UPDATE', streamId: 0, increment: 32768 },
      { type: 'WINDOW_UPDATE', streamId: 1, increment: 32768 },
    ]);
    const manual = setup({ windowUpdatePolicy: 'manual' });
    manual.client.request(GET);
    manual.client.windowUpdate(1, 500);
    manual.pump();
    expect(manual.client.windows(1)!.receive).toBe(65535 + 500);
  });

  it('fails a stream whose peer overruns its window, and the connection for the connection window', () => {
    const s = setup({ settings: { initialWindowSize: 10 }, windowUpdatePolicy: 'manual' });
    s.client.request(GET);
    s.pump();
    s.server.sendHeaders(1, [[':status', '200']], false);
    s.server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(11) });
    s.pump();
    expect(s.server.frames.at(-1)).toEqual({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.FLOW_CONTROL_ERROR });
    expect(s.traces('h2:error')[0]!.data).toMatchObject({ code: 'FLOW_CONTROL_ERROR', scope: 'stream', initiator: 'remote' });

    const c = setup({ windowUpdatePolicy: 'manual', settings: { initialWindowSize: 1 << 20 } });
    c.client.request(GET);
    c.pump();
    c.server.sendHeaders(1, [[':status', '200']], false);
    for (let i = 0; i < 5; i++) c.server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(16000) });
    c.pump();
    const goaway = c.server.frames.at(-1)!;
    expect(goaway).toMatchObject({ type: 'GOAWAY', errorCode: ErrorCode.FLOW_CONTROL_ERROR });
    expect(c.app('closed')).toHaveLength(1);
  });
});

describe('H2ClientConnection: errors, resets, GOAWAY, PING, push', () => {
  it('handles RST_STREAM both ways and ignores frames after its own RST', () => {
    const { client, server, pump, app } = setup();
    client.request(GET);
    client.request(GET);
    pump();
    server.send({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.REFUSED_STREAM });
    pump();
    expect(app('stream_reset')[0]).toEqual({ kind: 'stream_reset', streamId: 1, errorCode: ErrorCode.REFUSED_STREAM, initiator: 'remote', retryable: true });
    client.resetStream(3, ErrorCode.CANCEL);
    pump();
    expect(server.frames.at(-1)).toEqual({ type: 'RST_STREAM', streamId: 3, errorCode: ErrorCode.CANCEL });
    server.sendHeaders(3, [[':status', '200']], false);
    server.send({ type: 'DATA', streamId: 3, endStream: true, data: bytes(100) });
    pump();
    expect(app('headers')).toHaveLength(0);
    expect(client.windows(0)!.receive).toBe(65535 - 100);
    expect(client.connectionStatus).toBe('open');
  });

  it('answers DATA on a half-closed (remote) stream with STREAM_CLOSED', () => {
    const { client, server, pump } = setup();
    client.request(GET, { endStream: false });
    pump();
    server.sendHeaders(1, [[':status', '200']], true);
    server.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(1) });
    pump();
    expect(client.streamState(1)).toBe(StreamState.Closed);
    expect(server.frames.at(-1)).toEqual({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.STREAM_CLOSED });
  });

  it('fails streams above GOAWAY last-stream-id as retryable and finishes the rest', () => {
    const { client, server, pump, app } = setup();
    for (let i = 0; i < 3; i++) client.request(GET);
    pump();
    server.send({ type: 'GOAWAY', lastStreamId: 1, errorCode: 0, debugData: new Uint8Array(0) });
    pump();
    expect(app('stream_failed').map((f) => [f.streamId, f.retryable])).toEqual([
      [3, true],
      [5, true],
    ]);
    expect(() => client.request(GET)).toThrow(/GOAWAY/);
    expect(client.connectionStatus).toBe('closing');
    server.sendHeaders(1, [[':status', '200']], true);
    pump();
    expect(client.connectionStatus).toBe('closed');
    expect(app('closed')).toEqual([{ kind: 'closed' }]);
  });

  it('fails requests still waiting for a slot on GOAWAY, even below last-stream-id', () => {
    const { client, server, pump, app } = setup({}, [{ id: SettingId.MAX_CONCURRENT_STREAMS, value: 1 }]);
    for (let i = 0; i < 3; i++) client.request(GET);
    pump();
    server.send({ type: 'GOAWAY', lastStreamId: 0x7fffffff, errorCode: 0, debugData: new Uint8Array(0) });
    server.sendHeaders(1, [[':status', '200']], true);
    pump();
    expect(app('stream_failed').map((f) => [f.streamId, f.retryable])).toEqual([
      [3, true],
      [5, true],
    ]);
    expect([...server.requests.keys()]).toEqual([1]);
    expect(client.connectionStatus).toBe('closed');
  });

  it('sends GOAWAY on a connection error and stops', () => {
    const { client, server, pump, app, traces } = setup();
    client.request(GET);
    pump();
    server.send({ type: 'DATA', streamId: 0, endStream: false, data: bytes(1) } as Frame);
    server.send({ type: 'PING', ack: false, opaque: bytes(8) });
    pump();
    expect(server.frames.at(-1)).toMatchObject({ type: 'GOAWAY', lastStreamId: 0, errorCode: ErrorCode.PROTOCOL_ERROR });
    expect(traces('h2:error')[0]!.data).toMatchObject({ code: 'PROTOCOL_ERROR', scope: 'connection', initiator: 'remote', frameType: 'DATA' });
    expect(app('stream_failed').map((f) => f.streamId)).toEqual([1]);
    expect(client.nextDeadline()).toBeNull();
  });

  it.each([
    ['CONTINUATION on another stream', (s: TestServer) => {
      s.send({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: false, headerBlock: new Uint8Array([0x88]) });
      s.send({ type: 'CONTINUATION', streamId: 3, endHeaders: true, headerBlock: new Uint8Array(0) });
    }, ErrorCode.PROTOCOL_ERROR],
    ['a PING inside a field block', (s: TestServer) => {
      s.send({ type: 'HEADERS', streamId: 1, endStream: false, endHeaders: false, headerBlock: new Uint8Array([0x88]) });
      s.send({ type: 'PING', ack: false, opaque: bytes(8) });
    }, ErrorCode.PROTOCOL_ERROR],
    ['a CONTINUATION out of nowhere', (s: TestServer) => s.send({ type: 'CONTINUATION', streamId: 1, endHeaders: true, headerBlock: new Uint8Array([0x88]) }), ErrorCode.PROTOCOL_ERROR],
    ['a broken HPACK block', (s: TestServer) => s.send({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: new Uint8Array([0xff, 0xff]) }), ErrorCode.COMPRESSION_ERROR],
    ['HEADERS on an idle stream', (s: TestServer) => s.sendHeaders(7, [[':status', '200']], true), ErrorCode.PROTOCOL_ERROR],
    ['SETTINGS_ENABLE_PUSH = 1 from a server', (s: TestServer) => s.send({ type: 'SETTINGS', ack: false, settings: [{ id: 2, value: 1 }] }), ErrorCode.PROTOCOL_ERROR],
    ['PRIORITY_UPDATE from a server', (s: TestServer) => s.send({ type: 'PRIORITY_UPDATE', prioritizedStreamId: 1, priorityFieldValue: 'u=1' }), ErrorCode.PROTOCOL_ERROR],
    ['a WINDOW_UPDATE overflowing the connection window', (s: TestServer) => s.send({ type: 'WINDOW_UPDATE', streamId: 0, increment: 0x7fffffff }), ErrorCode.FLOW_CONTROL_ERROR],
    ['a frame over our MAX_FRAME_SIZE', (s: TestServer) => s.send({ type: 'DATA', streamId: 1, endStream: false, data: bytes(16385) }), ErrorCode.FRAME_SIZE_ERROR],
  ])('GOAWAY for %s', (_name, script, code) => {
    const { client, server, pump } = setup();
    client.request(GET);
    pump();
    script(server);
    pump();
    expect(server.frames.at(-1)).toMatchObject({ type: 'GOAWAY', errorCode: code });
    expect(client.connectionStatus).toBe('closed');
  });

  it('requires SETTINGS as the server first frame (§3.4)', () => {
    const client = new H2ClientConnection();
    client.start();
    const server = new TestServer();
    server.send({ type: 'PING', ack: false, opaque: bytes(8) });
    exchange(client, server);
    expect(server.frames.at(-1)).toMatchObject({ type: 'GOAWAY', errorCode: ErrorCode.PROTOCOL_ERROR });
  });

  it('PINGs: answers the server, measures round trips, times out', () => {
    const { client, server, pump, app } = setup({ pingTimeout: 500 });
    server.send({ type: 'PING', ack: false, opaque: bytes(8, 7) });
    pump(10);
    expect(server.frames.at(-1)).toEqual({ type: 'PING', ack: true, opaque: bytes(8, 7) });
    client.ping(100);
    pump(130);
    expect(app('ping_ack')[0]!.rtt).toBe(30);
    server.autoPong = false;
    client.ping(1000);
    pump(1000);
    expect(client.nextDeadline()).toBe(1500);
    client.onTimeout(1500);
    expect(client.drainEvents().some((e) => e.kind === 'ping_timeout')).toBe(true);
  });

  it('times out SETTINGS that are never acknowledged (§6.5.3)', () => {
    const client = new H2ClientConnection({ settingsTimeout: 1000 });
    const server = new TestServer();
    server.autoAck = false;
    client.start(5);
    server.start();
    exchange(client, server, 5);
    expect(client.nextDeadline()).toBe(1005);
    client.onTimeout(1005);
    exchange(client, server, 1005);
    expect(server.frames.at(-1)).toMatchObject({ type: 'GOAWAY', errorCode: ErrorCode.SETTINGS_TIMEOUT });
  });

  it('refuses pushes: PROTOCOL_ERROR with ENABLE_PUSH = 0, RST_STREAM REFUSED_STREAM with policy refuse', () => {
    const promise = (s: TestServer): void => {
      s.send({ type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true, headerBlock: s.encoder.encode([...GET.slice(0, 3), [':path', '/style.css']]) });
    };
    const off = setup();
    off.client.request(GET);
    off.pump();
    promise(off.server);
    off.pump();
    expect(off.server.frames.at(-1)).toMatchObject({ type: 'GOAWAY', errorCode: ErrorCode.PROTOCOL_ERROR });

    const refuse = setup({ settings: { enablePush: true }, pushPolicy: 'refuse' });
    refuse.client.request(GET);
    refuse.pump();
    promise(refuse.server);
    refuse.pump();
    expect(refuse.server.frames.at(-1)).toEqual({ type: 'RST_STREAM', streamId: 2, errorCode: ErrorCode.REFUSED_STREAM });
    expect(refuse.app('push_promise')[0]).toMatchObject({ promisedStreamId: 2, accepted: false });
    expect(refuse.client.connectionStatus).toBe('open');
  });

  it('accepts pushes: reserved (remote), then the pushed response', () => {
    const { client, server, pump, app, traces } = setup({ pushPolicy: 'accept' });
    expect(server.frames[0]).toMatchObject({ type: 'SETTINGS', settings: [{ id: 2, value: 1 }] });
    client.request(GET);
    pump();
    server.send({ type: 'PUSH_PROMISE', streamId: 1, promisedStreamId: 2, endHeaders: true, headerBlock: server.encoder.encode([...GET.slice(0, 3), [':path', '/a.css']]) });
    server.sendHeaders(1, [[':status', '200']], true);
    server.sendHeaders(2, [[':status', '200']], false);
    server.send({ type: 'DATA', streamId: 2, endStream: true, data: bytes(4) });
    pump();
    expect(app('push_promise')[0]).toMatchObject({ streamId: 1, promisedStreamId: 2, accepted: true });
    expect(app('headers').map((h) => [h.streamId, h.role])).toEqual([
      [1, 'response'],
      [2, 'push-response'],
    ]);
    expect(traces('h2:stream_state').filter((t) => t.stream === 2).map((t) => t.data.to)).toEqual(['reserved_remote', 'half_closed_local', 'closed']);
  });

  it('resets a stream whose HEADERS depend on itself, keeping HPACK in step (§5.3.1, §4.3)', () => {
    const { client, server, pump, app } = setup();
    client.request(GET);
    client.request(GET);
    pump();
    const block = server.encoder.encode([[':status', '200'], ['x-new', 'indexed-now']]);
    server.send({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, priority: { exclusive: false, dependency: 1, weight: 16 }, headerBlock: block });
    server.sendHeaders(3, [[':status', '200'], ['x-new', 'indexed-now']], true);
    pump();
    expect(server.frames.find((f) => f.type === 'RST_STREAM')).toEqual({ type: 'RST_STREAM', streamId: 1, errorCode: ErrorCode.PROTOCOL_ERROR });
    expect(app('headers').map((h) => [h.streamId, h.headers])).toEqual([[3, [[':status', '200'], ['x-new', 'indexed-now']]]]);
    expect(client.connectionStatus).toBe('open');
  });

  it('sends illegal frames on purpose with sendRaw', () => {
    const { client, server, pump } = setup();
    client.sendRaw({ type: 'unknown', frameType: 0x0, flags: 0x8, streamId: 1, payload: new Uint8Array([5, 1]) });
    client.sendRaw({ type: 'WINDOW_UPDATE', streamId: 0, increment: 0 });
    pump();
    expect(server.errors.length).toBe(2);
  });
});
