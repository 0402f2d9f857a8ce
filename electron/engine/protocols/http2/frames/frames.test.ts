import { describe, expect, it } from 'vitest';
import { ErrorCode, H2Error, NeedMore } from '../errors';
import { decodeFrame, encodeFrameBytes, MalformedFrame } from './codec';
import { FrameBuffer } from './frame-buffer';
import { CLIENT_PREFACE, matchPreface } from './preface';
import { formatPriorityField, parsePriorityField } from './priority-update';
import { SAMPLE_FRAMES } from './samples';
import { flagNames, FrameType, type DecodedFrame, type Frame } from './types';
import { FrameReader } from './wire';

const MAX = 16384;

function decodeOne(bytes: Uint8Array, max = MAX): DecodedFrame {
  const r = decodeFrame(new FrameReader(bytes), max);
  if (r instanceof NeedMore || r instanceof MalformedFrame) throw new Error(`expected a frame, got ${r instanceof MalformedFrame ? r.error.message : 'NeedMore'}`);
  return r;
}

function malformed(bytes: Uint8Array, max = MAX): H2Error {
  const r = decodeFrame(new FrameReader(bytes), max);
  if (!(r instanceof MalformedFrame)) throw new Error('expected a malformed frame');
  return r.error;
}

/** A frame built by hand: 24-bit length, type, flags, stream, payload (RFC 9113 §4.1). */
function raw(type: number, flags: number, streamId: number, payload: number[] | Uint8Array = []): Uint8Array {
  const p = payload instanceof Uint8Array ? payload : new Uint8Array(payload);
  const out = new Uint8Array(9 + p.length);
  out.set([p.length >>> 16, (p.length >>> 8) & 0xff, p.length & 0xff, type, flags, streamId >>> 24, (streamId >>> 16) & 0xff, (streamId >>> 8) & 0xff, streamId & 0xff]);
  out.set(p, 9);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('frame codecs (RFC 9113 §4.1, §6)', () => {
  it('round-trips every sample frame, with spans inside the frame', () => {
    for (const frame of SAMPLE_FRAMES) {
      const bytes = encodeFrameBytes(frame);
      const d = decodeOne(bytes);
      expect(d.frame).toEqual(frame);
      expect(d.raw).toEqual(bytes);
      expect(d.header.length).toBe(bytes.length - 9);
      for (const s of d.spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(bytes.length);
        expect(s.start).toBeLessThanOrEqual(s.end);
      }
      expect(d.spans.map((s) => s.path).slice(0, 4)).toEqual(['length', 'type', 'flags', 'stream']);
      expect(encodeFrameBytes(d.frame)).toEqual(bytes);
    }
  });

  it('says NeedMore for every truncated prefix, leaving the reader where it was', () => {
    for (const frame of SAMPLE_FRAMES) {
      const bytes = encodeFrameBytes(frame);
      for (let n = 0; n < bytes.length; n++) {
        const reader = new FrameReader(bytes.subarray(0, n));
        const r = decodeFrame(reader, MAX);
        expect(r, `${frame.type} cut at ${n}`).toBeInstanceOf(NeedMore);
        expect((r as NeedMore).needed).toBeGreaterThan(0);
        expect(reader.pos).toBe(0);
      }
    }
  });

  it('decodes the same frames from every split of a multi-frame input into two reads', () => {
    const all = concat(SAMPLE_FRAMES.map(encodeFrameBytes));
    for (let cut = 0; cut <= all.length; cut++) {
      const buf = new FrameBuffer();
      const got: Frame[] = [];
      for (const part of [all.subarray(0, cut), all.subarray(cut)]) {
        buf.push(part);
        for (;;) {
          const r = buf.next(MAX);
          if (r instanceof NeedMore) break;
          if (r instanceof MalformedFrame) throw r.error;
          got.push(r.frame);
        }
      }
      expect(got).toEqual(SAMPLE_FRAMES);
      expect(buf.buffered).toBe(0);
    }
  });

  it('names flags by frame type', () => {
    expect(flagNames(FrameType.HEADERS, 0x2d)).toEqual(['END_STREAM', 'END_HEADERS', 'PADDED', 'PRIORITY']);
    expect(flagNames(FrameType.SETTINGS, 0x1)).toEqual(['ACK']);
    expect(flagNames(FrameType.DATA, 0x41)).toEqual(['END_STREAM', '0x40']);
    expect(flagNames(0x2a, 0x3)).toEqual(['0x1', '0x2']);
  });

  it('ignores the reserved bit of the stream id (§4.1)', () => {
    const bytes = raw(FrameType.RST_STREAM, 0, 0x80000003, [0, 0, 0, 8]);
    expect(decodeOne(bytes).frame).toEqual({ type: 'RST_STREAM', streamId: 3, errorCode: 8 });
  });

  it('reports spans of fields', () => {
    const d = decodeOne(encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: false, data: new Uint8Array(3), padLength: 2 }));
    expect(d.spans).toEqual(
      expect.arrayContaining([
        { path: 'pad-length', start: 9, end: 10 },
        { path: 'data', start: 10, end: 13 },
        { path: 'padding', start: 13, end: 15 },
      ]),
    );
    const s = decodeOne(encodeFrameBytes({ type: 'SETTINGS', ack: false, settings: [{ id: 3, value: 1 }, { id: 4, value: 2 }] }));
    expect(s.spans).toEqual(expect.arrayContaining([{ path: 'setting.0', start: 9, end: 15 }, { path: 'setting.1', start: 15, end: 21 }]));
  });
});

describe('malformed frames', () => {
  const cases: Array<[string, Uint8Array, number, 'connection' | 'stream', number?]> = [
    ['DATA on stream 0', raw(0x0, 0, 0, [1]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['DATA padding = payload length', raw(0x0, 0x8, 1, [3, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['DATA padded, empty payload', raw(0x0, 0x8, 1, []), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['HEADERS on stream 0', raw(0x1, 0x4, 0, [0x82]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['HEADERS padding too long', raw(0x1, 0x4 | 0x8, 1, [5, 0x82, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['HEADERS priority cut short', raw(0x1, 0x20, 1, [0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['PRIORITY on stream 0', raw(0x2, 0, 0, [0, 0, 0, 1, 1]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PRIORITY length 4', raw(0x2, 0, 1, [0, 0, 0, 3]), ErrorCode.FRAME_SIZE_ERROR, 'stream', 1],
    ['PRIORITY self-dependency', raw(0x2, 0, 5, [0, 0, 0, 5, 1]), ErrorCode.PROTOCOL_ERROR, 'stream', 5],
    ['RST_STREAM on stream 0', raw(0x3, 0, 0, [0, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['RST_STREAM length 3', raw(0x3, 0, 1, [0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['SETTINGS on stream 1', raw(0x4, 0, 1, []), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['SETTINGS length 5', raw(0x4, 0, 0, [0, 1, 0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['SETTINGS ACK with payload', raw(0x4, 1, 0, [0, 1, 0, 0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['ENABLE_PUSH = 2', raw(0x4, 0, 0, [0, 2, 0, 0, 0, 2]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['INITIAL_WINDOW_SIZE = 2^31', raw(0x4, 0, 0, [0, 4, 0x80, 0, 0, 0]), ErrorCode.FLOW_CONTROL_ERROR, 'connection'],
    ['MAX_FRAME_SIZE = 16383', raw(0x4, 0, 0, [0, 5, 0, 0, 0x3f, 0xff]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['MAX_FRAME_SIZE = 2^24', raw(0x4, 0, 0, [0, 5, 1, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PUSH_PROMISE on stream 0', raw(0x5, 4, 0, [0, 0, 0, 2]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PUSH_PROMISE length 3', raw(0x5, 4, 1, [0, 0, 2]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['PUSH_PROMISE padding too long', raw(0x5, 4 | 8, 1, [1, 0, 0, 0, 2]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PING length 7', raw(0x6, 0, 0, [0, 0, 0, 0, 0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['PING on stream 1', raw(0x6, 0, 1, [0, 0, 0, 0, 0, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['GOAWAY on stream 1', raw(0x7, 0, 1, [0, 0, 0, 0, 0, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['GOAWAY length 7', raw(0x7, 0, 0, [0, 0, 0, 0, 0, 0, 0]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['WINDOW_UPDATE length 5', raw(0x8, 0, 0, [0, 0, 0, 0, 1]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['WINDOW_UPDATE 0 on the connection', raw(0x8, 0, 0, [0, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['WINDOW_UPDATE 0 on a stream', raw(0x8, 0, 1, [0x80, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'stream', 1],
    ['CONTINUATION on stream 0', raw(0x9, 4, 0, [0x82]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PRIORITY_UPDATE on stream 1', raw(0x10, 0, 1, [0, 0, 0, 1]), ErrorCode.PROTOCOL_ERROR, 'connection'],
    ['PRIORITY_UPDATE length 3', raw(0x10, 0, 0, [0, 0, 1]), ErrorCode.FRAME_SIZE_ERROR, 'connection'],
    ['PRIORITY_UPDATE for stream 0', raw(0x10, 0, 0, [0, 0, 0, 0]), ErrorCode.PROTOCOL_ERROR, 'connection'],
  ];
  for (const [name, bytes, code, scope, streamId] of cases) {
    it(name, () => {
      const e = malformed(bytes);
      expect(e.codeName).toBe(new H2Error(code, scope, '').codeName);
      expect(e.scope).toBe(scope);
      expect(e.initiator).toBe('remote');
      expect(e.frameType).toBe(bytes[3]);
      if (streamId !== undefined) expect(e.streamId).toBe(streamId);
    });
  }

  it('decodes HEADERS that depend on themselves (the connection rejects them after HPACK, §4.3)', () => {
    const f = decodeOne(raw(0x1, 0x24, 3, [0, 0, 0, 3, 15, 0x88])).frame;
    expect(f).toMatchObject({ type: 'HEADERS', priority: { dependency: 3, weight: 16, exclusive: false } });
  });

  it('rejects a frame over the maximum frame size from its header alone (§4.2)', () => {
    const reader = new FrameReader(raw(0x0, 0, 1, new Uint8Array(16385)).subarray(0, 9));
    const r = decodeFrame(reader, MAX);
    expect(r).toBeInstanceOf(MalformedFrame);
    expect((r as MalformedFrame).error.codeName).toBe('FRAME_SIZE_ERROR');
    expect((r as MalformedFrame).raw).toBeNull();
    expect(decodeOne(raw(0x0, 0, 1, new Uint8Array(16385)), 16385).header.length).toBe(16385);
  });

  it('consumes a malformed frame so a stream error can be followed by more frames', () => {
    const bytes = concat([raw(0x2, 0, 1, [0, 0, 0, 3]), raw(0x6, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8])]);
    const reader = new FrameReader(bytes);
    expect(decodeFrame(reader, MAX)).toBeInstanceOf(MalformedFrame);
    expect((decodeFrame(reader, MAX) as DecodedFrame).frame.type).toBe('PING');
  });
});

describe('preface and priority field', () => {
  it('matches the client preface (§3.4)', () => {
    expect(CLIENT_PREFACE.length).toBe(24);
    expect(matchPreface(CLIENT_PREFACE.subarray(0, 10))).toBe('partial');
    expect(matchPreface(CLIENT_PREFACE)).toBe('match');
    expect(matchPreface(new Uint8Array([0x50, 0x52, 0x49, 0x20, 0x2a, 0x20, 0x48]))).toBe('partial');
    expect(matchPreface(new Uint8Array([0x47, 0x45, 0x54]))).toBe('mismatch');
  });

  it('reads and writes RFC 9218 priority parameters', () => {
    expect(parsePriorityField('u=1, i')).toEqual({ urgency: 1, incremental: true });
    expect(parsePriorityField('i=?0, u=9, x=1')).toEqual({ urgency: 3, incremental: false });
    expect(parsePriorityField('')).toEqual({ urgency: 3, incremental: false });
    expect(formatPriorityField({ urgency: 0, incremental: true })).toBe('u=0, i');
    expect(formatPriorityField({ urgency: 3, incremental: false })).toBe('');
  });
});
