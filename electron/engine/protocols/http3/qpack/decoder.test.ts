/**
 * QpackDecoder: blocked streams (RFC 9204 §2.1.2, §2.2.1), the decoder stream it writes (§4.4), invalid input
 * (§2.2.3, §3.2.2, §4.3.1) and the limits against decompression bombs (§7.3, RFC 9114 §4.2.2).
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../../shared/bytes';
import { QpackWriter } from './cursor';
import { QpackDecoder, type DecodedFieldSection } from './decoder';
import { encodeEncoderInstruction } from './encoder-instructions';
import { QpackError, QpackFieldSectionTooLargeError } from './errors';
import { encodeFieldLine, encodeFieldSectionPrefix } from './field-lines';
import { fieldSectionPrefix, maxEntries } from './required-insert-count';
import type { EncoderInstruction, FieldLineRepresentation } from './types';

const MAX = 4096;

function encoderStream(...instructions: EncoderInstruction[]): Uint8Array {
  const w = new QpackWriter();
  for (const i of instructions) encodeEncoderInstruction(w, i);
  return w.finish();
}

function section(ric: number, base: number, ...lines: FieldLineRepresentation[]): Uint8Array {
  const w = new QpackWriter();
  encodeFieldSectionPrefix(w, fieldSectionPrefix(ric, base, maxEntries(MAX)));
  for (const l of lines) encodeFieldLine(w, l);
  return w.finish();
}

const capacity = (c: number): EncoderInstruction => ({ type: 'set-dynamic-table-capacity', capacity: c });
const insert = (name: string, value: string): EncoderInstruction => ({ type: 'insert-with-literal-name', name, nameHuffman: false, value, valueHuffman: false });
const postBase = (index: number): FieldLineRepresentation => ({ kind: 'indexed-post-base', index });
const dynamic = (index: number): FieldLineRepresentation => ({ kind: 'indexed', table: 'dynamic', index });

function codeOf(op: () => unknown): number | string {
  try {
    op();
  } catch (e) {
    if (e instanceof QpackError) return e.code;
    return String(e);
  }
  return 'no error';
}

describe('QpackDecoder', () => {
  it('blocks up to SETTINGS_QPACK_BLOCKED_STREAMS streams, then fails with QPACK_DECOMPRESSION_FAILED', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 1 });
    expect(d.decodeFieldSection(4, section(1, 0, postBase(0)))).toBe('blocked');
    expect(d.decodeFieldSection(4, section(2, 0, postBase(1)))).toBe('blocked'); // same stream: still one blocked stream
    expect(d.blockedStreams()).toEqual([4]);
    expect(codeOf(() => d.decodeFieldSection(8, section(1, 0, postBase(0))))).toBe(0x200);
  });

  it('unblocks sections in order as the inserts arrive, acknowledges them, and sends Insert Count Increment for the rest', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 2 });
    expect(d.decodeFieldSection(4, section(2, 0, postBase(1), postBase(0)))).toBe('blocked');
    expect(d.decodeFieldSection(8, section(1, 0, postBase(0)))).toBe('blocked');
    const first = d.receiveEncoderStream(encoderStream(capacity(MAX), insert('a', '1')));
    expect(first.unblocked.map((s) => [s.streamId, s.headers, s.wasBlocked])).toEqual([[8, [['a', '1']], true]]);
    expect(toHex(first.decoderStreamBytes)).toBe('88'); // Section Acknowledgment(8); KRC 1 = inserts: no increment
    const second = d.receiveEncoderStream(encoderStream(insert('b', '2'), insert('c', '3')));
    expect(second.unblocked.map((s) => [s.streamId, s.headers])).toEqual([[4, [['b', '2'], ['a', '1']]]]);
    expect(toHex(second.decoderStreamBytes)).toBe('8401'); // Section Acknowledgment(4), Insert Count Increment(1)
    expect(second.decoderInstructions.map((i) => [i.instruction.type, i.start, i.end])).toEqual([
      ['section-acknowledgment', 1, 2],
      ['insert-count-increment', 2, 3],
    ]);
    expect(second.instructions.map((i) => [i.start, i.end, i.inserted?.absoluteIndex])).toEqual([
      [7, 11, 1],
      [11, 15, 2],
    ]);
    expect(second.table.entries.map((e) => e.absoluteIndex)).toEqual([2, 1, 0]); // newest first
    expect(d.blockedStreams()).toEqual([]);
  });

  it('sends Stream Cancellation for an abandoned stream and forgets its blocked sections (none at capacity 0)', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 1 });
    expect(d.decodeFieldSection(8, section(1, 0, postBase(0)))).toBe('blocked');
    expect(toHex(d.cancelStream(8).decoderStreamBytes)).toBe('48');
    expect(d.receiveEncoderStream(encoderStream(capacity(100), insert('a', '1'))).unblocked).toEqual([]);
    expect(new QpackDecoder({ maxTableCapacity: 0, maxBlockedStreams: 0 }).cancelStream(8).decoderStreamBytes).toHaveLength(0);
  });

  it('rejects bad encoder instructions with QPACK_ENCODER_STREAM_ERROR, and then refuses everything', () => {
    const over = new QpackDecoder({ maxTableCapacity: 100, maxBlockedStreams: 0 });
    expect(codeOf(() => over.receiveEncoderStream(encoderStream(capacity(101))))).toBe(0x201); // §4.3.1
    expect(codeOf(() => over.decodeFieldSection(0, section(0, 0)))).toBe(0x201); // poisoned: same error
    const big = new QpackDecoder({ maxTableCapacity: 100, maxBlockedStreams: 0 });
    expect(codeOf(() => big.receiveEncoderStream(encoderStream(capacity(60), insert('n', 'v'.repeat(30)))))).toBe(0x201); // §3.2.2
    const dup = new QpackDecoder({ maxTableCapacity: 100, maxBlockedStreams: 0 });
    expect(codeOf(() => dup.receiveEncoderStream(encoderStream(capacity(100), { type: 'duplicate', index: 0 })))).toBe(0x201); // §2.2.3
  });

  it('rejects a huge literal on the encoder stream as soon as its length arrives, without buffering it', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 0 });
    d.receiveEncoderStream(encoderStream(capacity(MAX)));
    const w = new QpackWriter();
    encodeEncoderInstruction(w, insert('n', 'v'.repeat(1 << 20)));
    const head = w.finish().subarray(0, 6); // name + the value's length, none of its octets
    let caught: unknown;
    try {
      d.receiveEncoderStream(head);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QpackError);
    expect((caught as QpackError).code).toBe(0x201);
    expect((caught as QpackError).offset).toBe(5); // the value's length: after the 3-byte capacity and the name
  });

  it('rejects invalid references in field sections with QPACK_DECOMPRESSION_FAILED (§2.2.3, §3.1, §4.5.1)', () => {
    const setup = (): QpackDecoder => {
      const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 4 });
      d.receiveEncoderStream(encoderStream(capacity(60), insert('a', '1'), insert('b', '2'))); // 34 + 34 > 60: 'a' is evicted
      return d;
    };
    expect(codeOf(() => setup().decodeFieldSection(0, section(2, 2, dynamic(1))))).toBe(0x200); // evicted
    expect(codeOf(() => setup().decodeFieldSection(0, section(1, 1, postBase(0))))).toBe(0x200); // >= Required Insert Count
    expect(codeOf(() => setup().decodeFieldSection(0, section(2, 2, dynamic(2))))).toBe(0x200); // below 0
    expect(codeOf(() => setup().decodeFieldSection(0, section(0, 0, { kind: 'indexed', table: 'static', index: 99 })))).toBe(0x200);
    expect(codeOf(() => setup().decodeFieldSection(0, Uint8Array.of(0xff, 0x7f, 0x00)))).toBe(0x200); // Required Insert Count > 2 * MaxEntries
    expect((setup().decodeFieldSection(0, section(2, 2, dynamic(0))) as DecodedFieldSection).headers).toEqual([['b', '2']]);
  });

  it('rejects a huge literal length in a field section before allocating anything', () => {
    const d = new QpackDecoder({ maxTableCapacity: 0, maxBlockedStreams: 0 });
    // Literal with literal name; name length 2^40 announced, three bytes follow.
    const bytes = Uint8Array.of(0x00, 0x00, 0x27, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f, 0x61, 0x62, 0x63);
    expect(codeOf(() => d.decodeFieldSection(0, bytes))).toBe(0x200);
  });

  it('stops a decompression bomb at maxFieldSectionSize with a stream-level error, and goes on working', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 4, maxFieldSectionSize: 64 * 1024 });
    d.receiveEncoderStream(encoderStream(capacity(MAX), insert('x', 'y'.repeat(4000))));
    // 500 one-byte references to a 4 KB entry: 2 MB from a 502-byte section.
    const bomb = section(1, 1, ...Array.from({ length: 500 }, () => dynamic(0)));
    expect(() => d.decodeFieldSection(4, bomb)).toThrow(QpackFieldSectionTooLargeError);
    expect(toHex(d.cancelStream(4).decoderStreamBytes)).toBe('44');
    expect((d.decodeFieldSection(8, section(1, 1, dynamic(0))) as DecodedFieldSection).headers[0]![1]).toHaveLength(4000);
    // A blocked bomb is reported by receiveEncoderStream, which still applies its instructions.
    expect(d.decodeFieldSection(12, section(2, 1, ...Array.from({ length: 500 }, () => postBase(0))))).toBe('blocked');
    const r = d.receiveEncoderStream(encoderStream(insert('z', 'w'.repeat(3000))));
    expect(r.tooLarge.map((e) => e.streamId)).toEqual([12]);
    expect(r.instructions).toHaveLength(1);
  });

  it('reports each field line with its representation, offsets and absolute index', () => {
    const d = new QpackDecoder({ maxTableCapacity: MAX, maxBlockedStreams: 0 });
    d.receiveEncoderStream(encoderStream(capacity(MAX), insert('custom', 'v')));
    const s = d.decodeFieldSection(0, section(1, 1, { kind: 'indexed', table: 'static', index: 17 }, dynamic(0))) as DecodedFieldSection;
    expect(s.headers).toEqual([[':method', 'GET'], ['custom', 'v']]);
    expect(s.fields.map((f) => [f.representation.kind, f.start, f.end, f.absoluteIndex])).toEqual([
      ['indexed', 2, 3, null],
      ['indexed', 3, 4, 0],
    ]);
    expect([s.requiredInsertCount, s.base, s.size]).toEqual([1, 1, 7 + 3 + 32 + 6 + 1 + 32]);
  });
});
