import { describe, expect, it } from 'vitest';
import { NeedMore, Reader } from '../../quic';
import { H3Error, H3ErrorCode } from '../errors';
import { FrameReader } from '../frame-reader';
import { decodeFrame, encodeFrameDecoded, frameNotAllowed, reservedCode, type H3Frame } from './index';

const SAMPLES: H3Frame[] = [
  { type: 'DATA', data: new Uint8Array([1, 2, 3]) },
  { type: 'DATA', data: new Uint8Array(0) },
  { type: 'HEADERS', fieldSection: new Uint8Array([0, 0, 0xd1, 0xd7]) },
  { type: 'CANCEL_PUSH', pushId: 7 },
  { type: 'SETTINGS', settings: [{ id: 1, value: 4096 }, { id: 6, value: 16384 }, { id: 7, value: 100 }, { id: reservedCode(3), value: 77 }] },
  { type: 'SETTINGS', settings: [] },
  { type: 'PUSH_PROMISE', pushId: 300, fieldSection: new Uint8Array([0, 0, 0xd1]) },
  { type: 'GOAWAY', id: 1_000_000 },
  { type: 'MAX_PUSH_ID', pushId: 2 ** 40 },
  { type: 'PRIORITY_UPDATE', element: 'request', elementId: 4, priorityFieldValue: 'u=1, i' },
  { type: 'PRIORITY_UPDATE', element: 'push', elementId: 9, priorityFieldValue: '' },
  { type: 'UNKNOWN', typeCode: reservedCode(1000), kind: 'reserved', payload: new Uint8Array([9, 9]) },
  { type: 'UNKNOWN', typeCode: 0x06, kind: 'http2', payload: new Uint8Array(8) },
  { type: 'UNKNOWN', typeCode: 0xabcd, kind: 'unknown', payload: new Uint8Array([1]) },
];

function decodeAll(bytes: Uint8Array) {
  return decodeFrame(new Reader(bytes));
}

function frameError(bytes: Uint8Array): H3Error {
  try {
    decodeAll(bytes);
  } catch (e) {
    if (e instanceof H3Error) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('HTTP/3 frame codec (RFC 9114 §7)', () => {
  it('round-trips every frame type, with field spans', () => {
    for (const frame of SAMPLES) {
      const d = encodeFrameDecoded(frame);
      const back = decodeAll(d.raw);
      expect(back.frame).toEqual(frame);
      expect(back.spans.map((s) => s.path).slice(0, 2)).toEqual(['type', 'length']);
      for (const s of back.spans) expect(s.end).toBeLessThanOrEqual(d.raw.length);
    }
    const settings = encodeFrameDecoded(SAMPLES[4]!);
    expect(settings.spans.map((s) => s.path)).toContain('settings.3.value');
    expect(encodeFrameDecoded(SAMPLES[9]!).raw.subarray(0, 4)).toEqual(new Uint8Array([0x80, 0x0f, 0x07, 0x00]));
  });

  it('reports every truncated prefix of every frame as NeedMore, leaving the reader in place', () => {
    for (const frame of SAMPLES) {
      const raw = encodeFrameDecoded(frame).raw;
      for (let n = 0; n < raw.length; n++) {
        const r = new Reader(raw.subarray(0, n));
        expect(() => decodeFrame(r), `${frame.type} cut at ${n}`).toThrow(NeedMore);
        expect(r.offset).toBe(0);
      }
    }
  });

  it('reads the same frames from every split of a stream', () => {
    const stream = new Uint8Array(SAMPLES.flatMap((f) => [...encodeFrameDecoded(f).raw]));
    for (let cut = 0; cut <= stream.length; cut += 3) {
      const reader = new FrameReader();
      const out: H3Frame[] = [];
      for (const part of [stream.subarray(0, cut), stream.subarray(cut)]) {
        reader.push(part);
        for (let item = reader.next(); item; item = reader.next()) if (item.kind === 'frame') out.push(item.decoded.frame);
      }
      expect(out).toEqual(SAMPLES);
      expect(reader.atBoundary).toBe(true);
    }
  });

  it('streams large DATA frames instead of buffering them', () => {
    const reader = new FrameReader({ streamAbove: 100 });
    const raw = encodeFrameDecoded({ type: 'DATA', data: new Uint8Array(1000).fill(5) }).raw;
    reader.push(raw.subarray(0, 400));
    const first = reader.next()!;
    expect(first.kind).toBe('frame-start');
    let got = 0;
    for (let item = reader.next(); item; item = reader.next()) if (item.kind === 'frame-chunk') got += item.bytes.length;
    expect(reader.atBoundary).toBe(false);
    reader.push(raw.subarray(400));
    for (let item = reader.next(); item; item = reader.next()) if (item.kind === 'frame-chunk') got += item.bytes.length;
    expect(got).toBe(1000);
    expect(reader.atBoundary).toBe(true);
  });

  it('rejects payloads that do not hold exactly their fields (H3_FRAME_ERROR)', () => {
    expect(frameError(new Uint8Array([0x03, 0x02, 0x01, 0x00])).code).toBe(H3ErrorCode.H3_FRAME_ERROR); // CANCEL_PUSH + extra byte
    expect(frameError(new Uint8Array([0x07, 0x00])).code).toBe(H3ErrorCode.H3_FRAME_ERROR); // empty GOAWAY
    expect(frameError(new Uint8Array([0x04, 0x01, 0x01])).code).toBe(H3ErrorCode.H3_FRAME_ERROR); // SETTINGS id without value
    expect(frameError(new Uint8Array([0x0d, 0x01, 0x40])).code).toBe(H3ErrorCode.H3_FRAME_ERROR); // varint cut by the length
    expect(frameError(new Uint8Array([0x05, 0x00])).code).toBe(H3ErrorCode.H3_FRAME_ERROR); // PUSH_PROMISE without push id
  });

  it('rejects frames over the size limit (H3_EXCESSIVE_LOAD) before their payload arrives', () => {
    const r = new Reader(new Uint8Array([0x04, 0x80, 0x01, 0x00, 0x00]));
    expect(() => decodeFrame(r, { maxPayload: () => 1000 })).toThrow(expect.objectContaining({ code: H3ErrorCode.H3_EXCESSIVE_LOAD }));
  });

  it('keeps reserved, HTTP/2 and unknown types apart', () => {
    expect(decodeAll(new Uint8Array([0x21, 0x00])).frame).toMatchObject({ type: 'UNKNOWN', kind: 'reserved', typeCode: 0x21 });
    expect(decodeAll(new Uint8Array([0x08, 0x00])).frame).toMatchObject({ type: 'UNKNOWN', kind: 'http2' });
    expect(decodeAll(new Uint8Array([0x22, 0x00])).frame).toMatchObject({ type: 'UNKNOWN', kind: 'unknown' });
    // A reserved type beyond 2^53 is still recognised from its exact value.
    const big = (1n << 62n) - 1n - ((((1n << 62n) - 1n - 0x21n) % 0x1fn));
    const bytes = new Uint8Array(10);
    new DataView(bytes.buffer).setBigUint64(0, big | (3n << 62n));
    bytes[8] = 1;
    bytes[9] = 0xaa;
    expect(decodeAll(bytes).frame).toMatchObject({ type: 'UNKNOWN', kind: 'reserved' });
  });
});

describe('frames on the wrong stream (RFC 9114 §7.2, RFC 9218 §7.2)', () => {
  const unexpected = (frame: H3Frame, kind: 'control' | 'request' | 'push', role: 'client' | 'server') => frameNotAllowed(frame, kind, role, 0)?.code;
  const U = H3ErrorCode.H3_FRAME_UNEXPECTED;
  const byType = Object.fromEntries(SAMPLES.map((f) => [f.type === 'UNKNOWN' ? `UNKNOWN-${f.kind}` : f.type, f]));

  it('follows Table 1', () => {
    const table: [string, control: boolean, request: boolean, push: boolean][] = [
      ['DATA', false, true, true],
      ['HEADERS', false, true, true],
      ['CANCEL_PUSH', true, false, false],
      ['SETTINGS', true, false, false],
      ['GOAWAY', true, false, false],
      ['UNKNOWN-reserved', true, true, true],
      ['UNKNOWN-unknown', true, true, true],
      ['UNKNOWN-http2', false, false, false],
    ];
    for (const [type, control, request, push] of table) {
      for (const role of ['client', 'server'] as const) {
        expect(unexpected(byType[type]!, 'control', role), `${type} on control`).toBe(control ? undefined : U);
        expect(unexpected(byType[type]!, 'request', role), `${type} on request`).toBe(request ? undefined : U);
        expect(unexpected(byType[type]!, 'push', role), `${type} on push`).toBe(push ? undefined : U);
      }
    }
  });

  it('allows client-only and server-only frames one way only', () => {
    expect(unexpected(byType.MAX_PUSH_ID!, 'control', 'server')).toBeUndefined();
    expect(unexpected(byType.MAX_PUSH_ID!, 'control', 'client')).toBe(U);
    expect(unexpected(byType.MAX_PUSH_ID!, 'request', 'server')).toBe(U);
    expect(unexpected(byType.PRIORITY_UPDATE!, 'control', 'server')).toBeUndefined();
    expect(unexpected(byType.PRIORITY_UPDATE!, 'control', 'client')).toBe(U);
    expect(unexpected(byType.PRIORITY_UPDATE!, 'request', 'server')).toBe(U);
    expect(unexpected(byType.PUSH_PROMISE!, 'request', 'client')).toBeUndefined();
    expect(unexpected(byType.PUSH_PROMISE!, 'request', 'server')).toBe(U);
    expect(unexpected(byType.PUSH_PROMISE!, 'push', 'client')).toBe(U);
    expect(unexpected(byType.PUSH_PROMISE!, 'control', 'client')).toBe(U);
  });
});
