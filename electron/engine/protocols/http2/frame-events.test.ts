import { describe, expect, it } from 'vitest';
import { H2UsageError } from './errors';
import { frameEventData } from './frame-events';
import { encodeFrameBytes, inspectFrame, MalformedFrame } from './frames/codec';
import { SAMPLE_FRAMES } from './frames/samples';
import type { DecodedFrame } from './frames/types';
import { HpackDecoder, HpackEncoder } from './hpack';

describe('h2:frame event data', () => {
  it('is plain JSON for every sample frame', () => {
    for (const f of SAMPLE_FRAMES) {
      const d = inspectFrame(encodeFrameBytes(f)) as DecodedFrame;
      const data = frameEventData(d.header, d.frame);
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect(data.length).toBe(d.header.length);
    }
  });

  it('decodes per-type fields', () => {
    const data = (f: (typeof SAMPLE_FRAMES)[number]) => {
      const d = inspectFrame(encodeFrameBytes(f)) as DecodedFrame;
      return frameEventData(d.header, d.frame);
    };
    expect(data({ type: 'GOAWAY', lastStreamId: 7, errorCode: 11, debugData: new TextEncoder().encode('calm') })).toMatchObject({
      type: 'GOAWAY',
      lastStreamId: 7,
      errorCode: 11,
      errorName: 'ENHANCE_YOUR_CALM',
      debugData: 'calm',
    });
    expect(data({ type: 'SETTINGS', ack: false, settings: [{ id: 4, value: 1 }] }).settings).toEqual([{ id: 4, name: 'INITIAL_WINDOW_SIZE', value: 1 }]);
    expect(data({ type: 'PING', ack: true, opaque: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 255]) })).toMatchObject({ flags: ['ACK'], opaque: '01020304050607ff' });
    expect(data({ type: 'unknown', frameType: 0xbb, flags: 0x3, streamId: 1, payload: new Uint8Array(2) })).toMatchObject({ type: 'UNKNOWN', frameType: 0xbb, flags: ['0x1', '0x2'] });
  });

  it('lists each header field representation of a block', () => {
    const enc = new HpackEncoder({ huffman: 'always' });
    const block = enc.encode([
      [':status', '200'],
      ['x-a', 'b'],
      ['authorization', 'secret'],
    ]);
    const f = inspectFrame(encodeFrameBytes({ type: 'HEADERS', streamId: 1, endStream: true, endHeaders: true, headerBlock: block })) as DecodedFrame;
    const decoded = new HpackDecoder().decode(block);
    const data = frameEventData(f.header, f.frame, decoded);
    expect(data.headers).toEqual([
      [':status', '200'],
      ['x-a', 'b'],
      ['authorization', 'secret'],
    ]);
    expect(data.hpack).toEqual([
      { representation: 'indexed', name: ':status', value: '200', index: 8, table: 'static', start: 0, end: 1 },
      expect.objectContaining({ representation: 'literal-incremental', name: 'x-a', nameHuffman: true, valueHuffman: true }),
      expect.objectContaining({ representation: 'literal-never-indexed', name: 'authorization', index: 23, table: 'static' }),
    ]);
  });

  it('shows malformed frames by their header', () => {
    const raw = new Uint8Array([0, 0, 1, 0, 0, 0, 0, 0, 0, 7]);
    const r = inspectFrame(raw);
    expect(r).toBeInstanceOf(MalformedFrame);
    const m = r as MalformedFrame;
    expect(frameEventData(m.header, null, undefined, m.error.reason)).toEqual({ type: 'DATA', frameType: 0, flags: [], length: 1, streamId: 0, malformed: 'DATA on stream 0' });
  });

  it('refuses to encode what cannot be represented', () => {
    expect(() => encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: false, data: new Uint8Array(1), padLength: 256 })).toThrow(H2UsageError);
    expect(() => encodeFrameBytes({ type: 'PING', ack: false, opaque: new Uint8Array(7) })).toThrow(H2UsageError);
    expect(() => encodeFrameBytes({ type: 'RST_STREAM', streamId: 2 ** 31, errorCode: 0 })).toThrow(H2UsageError);
    expect(() => encodeFrameBytes({ type: 'DATA', streamId: 1, endStream: false, data: new Uint8Array(1 << 24) })).toThrow(H2UsageError);
  });
});
