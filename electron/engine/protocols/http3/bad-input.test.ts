import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../shared/events';
import { H3Connection } from './connection';
import type { H3AppEvent, H3Trace } from './core-events';
import { H3ErrorCode, h3ErrorName } from './errors';
import { encodeFrameDecoded, reservedCode, type H3Frame } from './frames';
import { QpackEncoder } from './qpack';
import { concat } from './test-pair';
import type { H3Command } from './transport';

const E = H3ErrorCode;
const SETTINGS: H3Frame = { type: 'SETTINGS', settings: [] };
const REQUEST: HeaderField[] = [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/']];

function section(headers: readonly HeaderField[]): Uint8Array {
  return new QpackEncoder({ maxTableCapacity: 0, maxBlockedStreams: 0 }).encode(0, headers).fieldSection;
}
function frames(...fs: H3Frame[]): Uint8Array {
  return concat(fs.map((f) => encodeFrameDecoded(f).raw));
}
function uni(type: number, ...fs: H3Frame[]): Uint8Array {
  return concat([new Uint8Array([type]), frames(...fs)]);
}
const headers = (h: readonly HeaderField[]): H3Frame => ({ type: 'HEADERS', fieldSection: section(h) });
const data = (text: string): H3Frame => ({ type: 'DATA', data: new TextEncoder().encode(text) });

/** One core fed raw stream bytes by a scripted peer. */
function feed(role: 'client' | 'server', inputs: [id: number, bytes: Uint8Array, fin?: boolean][], options: ConstructorParameters<typeof H3Connection>[0] extends infer O ? Partial<O> : never = {}) {
  const conn = new H3Connection({ role, grease: false, ...options });
  conn.start();
  for (const [id, bytes, fin] of inputs) {
    // Split each input into 1-byte reads: errors must not depend on how bytes arrive.
    if (bytes.length === 0) conn.streamData(id, bytes, fin ?? false);
    for (let i = 0; i < bytes.length; i++) conn.streamData(id, bytes.subarray(i, i + 1), (fin ?? false) && i === bytes.length - 1);
  }
  const events = conn.drainEvents();
  const commands = conn.pollCommands();
  return { conn, events, commands, errors: events.filter((e): e is Extract<H3Trace, { name: 'http3:error' }> => e.kind === 'trace' && e.name === 'http3:error'), app: events.filter((e): e is H3AppEvent => e.kind !== 'trace') };
}

/** Client control stream id 2, server control stream 3; client request streams 0, 4, ... */
const CLIENT_CONTROL = 2;
const SERVER_CONTROL = 3;

function expectClose(r: ReturnType<typeof feed>, code: number, reason?: RegExp): void {
  const close = r.commands.find((c): c is Extract<H3Command, { op: 'close' }> => c.op === 'close');
  expect(close, `expected CONNECTION_CLOSE ${h3ErrorName(code)}`).toBeDefined();
  expect(h3ErrorName(close!.code)).toBe(h3ErrorName(code));
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.data).toMatchObject({ code: h3ErrorName(code), codeNumber: code, scope: 'connection', initiator: 'remote' });
  if (reason) expect(r.errors[0]!.data.reason).toMatch(reason);
  expect(r.conn.status).toBe('closed');
  expect(r.app.at(-1)).toMatchObject({ kind: 'closed', error: { code } });
}

function expectStreamError(r: ReturnType<typeof feed>, streamId: number, code: number, reason?: RegExp): void {
  expect(r.commands.filter((c) => (c.op === 'stop_sending' || c.op === 'reset') && c.streamId === streamId && c.code === code).length).toBeGreaterThan(0);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.data).toMatchObject({ code: h3ErrorName(code), scope: 'stream', streamId });
  if (reason) expect(r.errors[0]!.data.reason).toMatch(reason);
  expect(r.commands.some((c) => c.op === 'close')).toBe(false);
  expect(r.conn.status).toBe('open');
}

describe('control stream rules (RFC 9114 §6.2.1, §7.2)', () => {
  it('wants SETTINGS first: H3_MISSING_SETTINGS', () => {
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, { type: 'GOAWAY', id: 0 })]]), E.H3_MISSING_SETTINGS, /not SETTINGS/);
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, { type: 'UNKNOWN', typeCode: 0x21, kind: 'reserved', payload: new Uint8Array(0) })]]), E.H3_MISSING_SETTINGS);
  });

  it('refuses a second SETTINGS and request frames on the control stream: H3_FRAME_UNEXPECTED', () => {
    const cases: H3Frame[] = [SETTINGS, data('x'), headers(REQUEST), { type: 'PUSH_PROMISE', pushId: 0, fieldSection: section(REQUEST) }];
    for (const f of cases) expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS, f)]]), E.H3_FRAME_UNEXPECTED);
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, data('x'))]]), E.H3_FRAME_UNEXPECTED, /control stream/);
  });

  it('refuses HTTP/2 frame types everywhere: H3_FRAME_UNEXPECTED (§7.2.8)', () => {
    for (const t of [0x02, 0x06, 0x08, 0x09]) {
      const h2: H3Frame = { type: 'UNKNOWN', typeCode: t, kind: 'http2', payload: new Uint8Array(4) };
      expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS, h2)]]), E.H3_FRAME_UNEXPECTED, /HTTP\/2/);
      expectClose(feed('server', [[0, frames(headers(REQUEST), h2)]]), E.H3_FRAME_UNEXPECTED);
    }
  });

  it('refuses client-only frames at a client: MAX_PUSH_ID, PRIORITY_UPDATE', () => {
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, { type: 'MAX_PUSH_ID', pushId: 3 })]]), E.H3_FRAME_UNEXPECTED);
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, { type: 'PRIORITY_UPDATE', element: 'request', elementId: 0, priorityFieldValue: 'u=1' })]]), E.H3_FRAME_UNEXPECTED);
  });

  it('checks SETTINGS: duplicates and HTTP/2 settings are H3_SETTINGS_ERROR, grease is ignored', () => {
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, { type: 'SETTINGS', settings: [{ id: 1, value: 0 }, { id: 1, value: 10 }] })]]), E.H3_SETTINGS_ERROR, /more than once/);
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, { type: 'SETTINGS', settings: [{ id: 4, value: 65535 }] })]]), E.H3_SETTINGS_ERROR, /HTTP\/2/);
    const ok = feed('server', [[CLIENT_CONTROL, uni(0, { type: 'SETTINGS', settings: [{ id: reservedCode(5), value: 1 }, { id: 0x1234, value: 9 }] })]]);
    expect(ok.errors).toEqual([]);
    expect(ok.app).toContainEqual(expect.objectContaining({ kind: 'settings' }));
  });

  it('checks ids: GOAWAY and MAX_PUSH_ID must not go the wrong way, push ids must be allowed (H3_ID_ERROR)', () => {
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, { type: 'GOAWAY', id: 8 }, { type: 'GOAWAY', id: 12 })]]), E.H3_ID_ERROR, /went up/);
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, { type: 'GOAWAY', id: 2 })]]), E.H3_ID_ERROR, /bidirectional/);
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS, { type: 'MAX_PUSH_ID', pushId: 5 }, { type: 'MAX_PUSH_ID', pushId: 4 })]]), E.H3_ID_ERROR, /went down/);
    expectClose(feed('client', [[SERVER_CONTROL, uni(0, SETTINGS, { type: 'CANCEL_PUSH', pushId: 0 })]]), E.H3_ID_ERROR, /MAX_PUSH_ID/);
    expectClose(feed('client', [[0, new Uint8Array(0)], [SERVER_CONTROL, uni(0, SETTINGS)], [3 + 4, concat([new Uint8Array([0x01, 0x05])])]], { maxPushId: 4 }), E.H3_ID_ERROR);
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS, { type: 'PRIORITY_UPDATE', element: 'request', elementId: 2, priorityFieldValue: '' })]]), E.H3_ID_ERROR);
  });
});

describe('stream rules (RFC 9114 §6)', () => {
  it('allows one control, encoder and decoder stream per peer: H3_STREAM_CREATION_ERROR', () => {
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS)], [6, uni(0, SETTINGS)]]), E.H3_STREAM_CREATION_ERROR, /second control/);
    expectClose(feed('server', [[6, new Uint8Array([2])], [10, new Uint8Array([2])]]), E.H3_STREAM_CREATION_ERROR, /second qpack_encode/);
    expectClose(feed('server', [[6, new Uint8Array([3])], [10, new Uint8Array([3])]]), E.H3_STREAM_CREATION_ERROR);
  });

  it('refuses push streams from clients and bidirectional streams from servers', () => {
    expectClose(feed('server', [[6, new Uint8Array([1, 0])]]), E.H3_STREAM_CREATION_ERROR, /only servers push/);
    expectClose(feed('client', [[1, frames(headers([[':status', '200']]))]]), E.H3_STREAM_CREATION_ERROR, /bidirectional/);
  });

  it('ignores reserved stream types and refuses unknown ones with STOP_SENDING', () => {
    const r = feed('server', [[6, concat([new Uint8Array([0x40, 0x21]), new Uint8Array(10)])], [10, new Uint8Array([0x3f, 1, 2, 3])]]);
    expect(r.errors).toEqual([]);
    expect(r.commands).toContainEqual({ op: 'stop_sending', streamId: 10, code: E.H3_STREAM_CREATION_ERROR });
    expect(r.commands.filter((c) => c.op === 'stop_sending')).toHaveLength(1);
    const types = r.events.filter((e): e is Extract<H3Trace, { name: 'http3:stream_type_set' }> => e.kind === 'trace' && e.name === 'http3:stream_type_set' && e.data.owner === 'remote');
    expect(types.map((t) => [t.data.stream_type, t.data.outcome])).toEqual([
      ['reserved', 'ignored (reserved type, §6.2.3)'],
      ['unknown', 'STOP_SENDING H3_STREAM_CREATION_ERROR (§6.2)'],
    ]);
  });

  it('treats a closed critical stream as H3_CLOSED_CRITICAL_STREAM', () => {
    expectClose(feed('server', [[CLIENT_CONTROL, uni(0, SETTINGS), true]]), E.H3_CLOSED_CRITICAL_STREAM, /closed its control/);
    expectClose(feed('server', [[6, new Uint8Array([2]), true]]), E.H3_CLOSED_CRITICAL_STREAM);
    const reset = feed('server', [[6, new Uint8Array([3])]]);
    reset.conn.streamReset(6, 0x100);
    expect(reset.conn.pollCommands()).toContainEqual({ op: 'close', code: E.H3_CLOSED_CRITICAL_STREAM, reason: expect.stringContaining('reset its qpack_decode') });
    const stop = feed('server', []);
    stop.conn.stopSending(stop.conn.localStreams.control!, 0x100);
    expect(stop.conn.pollCommands()).toContainEqual(expect.objectContaining({ op: 'close', code: E.H3_CLOSED_CRITICAL_STREAM }));
    // A stream reset before its type arrived is fine (§6.2).
    const early = feed('server', [[6, new Uint8Array(0), true]]);
    expect(early.errors).toEqual([]);
  });
});

describe('request streams (RFC 9114 §4.1)', () => {
  it('refuses control frames on request streams and PUSH_PROMISE from clients: H3_FRAME_UNEXPECTED', () => {
    const cases: H3Frame[] = [SETTINGS, { type: 'GOAWAY', id: 0 }, { type: 'CANCEL_PUSH', pushId: 0 }, { type: 'MAX_PUSH_ID', pushId: 0 }, { type: 'PRIORITY_UPDATE', element: 'request', elementId: 0, priorityFieldValue: '' }, { type: 'PUSH_PROMISE', pushId: 0, fieldSection: section(REQUEST) }];
    for (const f of cases) expectClose(feed('server', [[0, frames(headers(REQUEST), f)]]), E.H3_FRAME_UNEXPECTED);
  });

  it('refuses bad frame sequences: DATA first, anything after trailers (H3_FRAME_UNEXPECTED)', () => {
    expectClose(feed('server', [[0, frames(data('early'))]]), E.H3_FRAME_UNEXPECTED, /DATA before the HEADERS/);
    expectClose(feed('server', [[0, frames(headers(REQUEST), headers([['x', '1']]), headers([['y', '2']]))]]), E.H3_FRAME_UNEXPECTED, /after the trailing/);
    expectClose(feed('server', [[0, frames(headers(REQUEST), headers([['x', '1']]), data('late'))]]), E.H3_FRAME_UNEXPECTED, /after the trailing/);
  });

  it('refuses PUSH_PROMISE on a push stream', () => {
    const r = feed('client', [[3, concat([new Uint8Array([1, 0]), frames(headers([[':status', '200']]), { type: 'PUSH_PROMISE', pushId: 0, fieldSection: section(REQUEST) })])]], { maxPushId: 3 });
    expectClose(r, E.H3_FRAME_UNEXPECTED);
  });

  it('treats a frame cut by the end of the stream as H3_FRAME_ERROR', () => {
    const raw = frames(headers(REQUEST), data('hello'));
    expectClose(feed('server', [[0, raw.subarray(0, raw.length - 2), true]]), E.H3_FRAME_ERROR, /ended inside/);
  });

  it('resets a request that ends before its headers with H3_REQUEST_INCOMPLETE', () => {
    expectStreamError(feed('server', [[0, new Uint8Array(0), true]]), 0, E.H3_REQUEST_INCOMPLETE);
  });

  const malformed: [string, HeaderField[], RegExp][] = [
    ['no :method', REQUEST.slice(1), /no :method/],
    ['no :scheme', REQUEST.filter(([n]) => n !== ':scheme'), /no :scheme/],
    ['no :path', REQUEST.filter(([n]) => n !== ':path'), /no :path/],
    ['no :authority nor host', REQUEST.filter(([n]) => n !== ':authority'), /neither :authority nor host/],
    ['an uppercase name', [...REQUEST, ['X-Upper', '1']], /uppercase/],
    ['a connection-specific field', [...REQUEST, ['connection', 'keep-alive']], /connection-specific/],
    ['transfer-encoding', [...REQUEST, ['transfer-encoding', 'chunked']], /connection-specific/],
    ['te other than trailers', [...REQUEST, ['te', 'gzip']], /TE/],
    ['a pseudo-header after a regular field', [[':method', 'GET'], ['accept', '*/*'], [':scheme', 'https'], [':authority', 'a'], [':path', '/']], /after a regular/],
    ['an unknown pseudo-header', [...REQUEST.slice(0, 1), [':foo', 'x'], ...REQUEST.slice(1)], /not allowed/],
    ['a response pseudo-header', [[':status', '200'], ...REQUEST], /not allowed/],
    ['a duplicated :method', [REQUEST[0]!, ...REQUEST], /twice/],
    ['a value with CR LF', [...REQUEST, ['x-bad', 'a\r\nb']], /CR/],
    ['a bad content-length', [...REQUEST, ['content-length', 'ten']], /content-length/],
  ];
  for (const [what, h, reason] of malformed) {
    it(`resets a request with ${what}: H3_MESSAGE_ERROR (§4.1.2)`, () => {
      const r = feed('server', [[0, frames(headers(h))]]);
      expectStreamError(r, 0, E.H3_MESSAGE_ERROR, reason);
      expect(r.commands).toContainEqual({ op: 'reset', streamId: 0, code: E.H3_MESSAGE_ERROR });
      expect(r.commands).toContainEqual({ op: 'stop_sending', streamId: 0, code: E.H3_MESSAGE_ERROR });
      expect(r.app).toContainEqual(expect.objectContaining({ kind: 'stream_reset', streamId: 0, code: E.H3_MESSAGE_ERROR, initiator: 'local' }));
      expect(r.app.some((e) => e.kind === 'headers')).toBe(false);
      // The frame itself is still shown, with its decoded headers.
      expect(r.events.some((e) => e.kind === 'trace' && e.name === 'http3:frame_parsed' && e.data.headers !== undefined)).toBe(true);
    });
  }

  it('resets responses without :status, trailers with pseudo-headers and content-length mismatches', () => {
    const conn = new H3Connection({ role: 'client', grease: false });
    conn.start();
    const id = conn.request(REQUEST);
    conn.streamData(id, frames(headers([['content-type', 'text/plain']])));
    expect(conn.drainEvents().find((e) => e.kind === 'trace' && e.name === 'http3:error')).toMatchObject({ data: { code: 'H3_MESSAGE_ERROR', reason: expect.stringMatching(/no :status/) } });
    const id2 = conn.request(REQUEST);
    conn.streamData(id2, frames(headers([[':status', '200']]), data('x'), headers([[':path', '/']])));
    expect(conn.drainEvents().find((e) => e.kind === 'trace' && e.name === 'http3:error')).toMatchObject({ data: { code: 'H3_MESSAGE_ERROR', reason: expect.stringMatching(/trailers/) } });
    const id3 = conn.request(REQUEST);
    conn.streamData(id3, frames(headers([[':status', '200'], ['content-length', '10']]), data('short')), true);
    expect(conn.drainEvents().find((e) => e.kind === 'trace' && e.name === 'http3:error')).toMatchObject({ data: { code: 'H3_MESSAGE_ERROR', reason: expect.stringMatching(/content-length 10/) } });
    expect(conn.status).toBe('open');
  });
});

describe('QPACK errors (RFC 9204 §6)', () => {
  it('closes with QPACK_DECOMPRESSION_FAILED for a bad field section', () => {
    // Indexed field line, static index 100: there are 99 entries.
    const bad: H3Frame = { type: 'HEADERS', fieldSection: new Uint8Array([0x00, 0x00, 0xff, 0x25]) };
    expectClose(feed('server', [[0, frames(bad)]]), E.QPACK_DECOMPRESSION_FAILED);
    // A dynamic reference with no dynamic table allowed.
    expectClose(feed('server', [[0, frames({ type: 'HEADERS', fieldSection: new Uint8Array([0x02, 0x00, 0x80]) })]]), E.QPACK_DECOMPRESSION_FAILED);
  });

  it('closes with QPACK_DECOMPRESSION_FAILED when more streams block than allowed', () => {
    const opts = { settings: { qpackMaxTableCapacity: 4096, qpackBlockedStreams: 1 } };
    const blocked: H3Frame = { type: 'HEADERS', fieldSection: new Uint8Array([0x02, 0x00, 0x80]) }; // Required Insert Count 1, nothing inserted
    const one = feed('server', [[0, frames(blocked)]], opts);
    expect(one.errors).toEqual([]);
    expect(one.events.some((e) => e.kind === 'trace' && e.name === 'http3:frame_parsed' && e.data.blocked)).toBe(true);
    expectClose(feed('server', [[0, frames(blocked)], [4, frames(blocked)]], opts), E.QPACK_DECOMPRESSION_FAILED, /SETTINGS_QPACK_BLOCKED_STREAMS/);
  });

  it('closes with QPACK_ENCODER_STREAM_ERROR and QPACK_DECODER_STREAM_ERROR for bad instructions', () => {
    // Set Dynamic Table Capacity above our maximum (0).
    expectClose(feed('server', [[6, new Uint8Array([0x02, 0x3f, 0xe1, 0x1f])]]), E.QPACK_ENCODER_STREAM_ERROR);
    // Section Acknowledgment for a stream with nothing outstanding.
    expectClose(feed('server', [[6, new Uint8Array([0x03, 0x80])]]), E.QPACK_DECODER_STREAM_ERROR);
  });
});
