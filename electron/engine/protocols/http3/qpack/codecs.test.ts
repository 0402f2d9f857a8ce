/**
 * The instruction and field line codecs (RFC 9204 §4.3-§4.5), Required Insert Count and Base (§4.5.1), and the
 * instruction stream reader: round trips, every truncated prefix ("need more" on streams, malformed in field
 * sections) and every split of a stream into two reads.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../../shared/bytes';
import { QpackReader, QpackWriter } from './cursor';
import { decodeDecoderInstruction, encodeDecoderInstruction } from './decoder-instructions';
import { decodeEncoderInstruction, encodeEncoderInstruction } from './encoder-instructions';
import { QpackError, QpackNeedMore } from './errors';
import { decodeFieldLine, decodeFieldSectionPrefix, encodeFieldLine, encodeFieldSectionPrefix } from './field-lines';
import { InstructionStream } from './instruction-stream';
import { decodeBase, decodeRequiredInsertCount, encodeRequiredInsertCount, fieldSectionPrefix, maxEntries } from './required-insert-count';
import type { DecoderInstruction, EncoderInstruction, FieldLineRepresentation } from './types';

const ENCODER_INSTRUCTIONS: EncoderInstruction[] = [
  { type: 'set-dynamic-table-capacity', capacity: 0 },
  { type: 'set-dynamic-table-capacity', capacity: 220 },
  { type: 'insert-with-name-reference', table: 'static', nameIndex: 0, value: 'www.example.com', valueHuffman: false },
  { type: 'insert-with-name-reference', table: 'static', nameIndex: 98, value: 'sameorigin', valueHuffman: true },
  { type: 'insert-with-name-reference', table: 'dynamic', nameIndex: 70, value: '', valueHuffman: false },
  { type: 'insert-with-literal-name', name: 'custom-key', nameHuffman: false, value: 'custom-value', valueHuffman: true },
  { type: 'insert-with-literal-name', name: 'x'.repeat(40), nameHuffman: true, value: 'y'.repeat(200), valueHuffman: false },
  { type: 'duplicate', index: 0 },
  { type: 'duplicate', index: 1000 },
];

const DECODER_INSTRUCTIONS: DecoderInstruction[] = [
  { type: 'section-acknowledgment', streamId: 4 },
  { type: 'section-acknowledgment', streamId: 2 ** 40 },
  { type: 'stream-cancellation', streamId: 8 },
  { type: 'stream-cancellation', streamId: 63 },
  { type: 'insert-count-increment', increment: 1 },
  { type: 'insert-count-increment', increment: 300 },
];

const FIELD_LINES: FieldLineRepresentation[] = [
  { kind: 'indexed', table: 'static', index: 17 },
  { kind: 'indexed', table: 'dynamic', index: 100 },
  { kind: 'indexed-post-base', index: 0 },
  { kind: 'indexed-post-base', index: 15 },
  { kind: 'literal-with-name-reference', neverIndex: false, table: 'static', nameIndex: 1, value: '/index.html', valueHuffman: false },
  { kind: 'literal-with-name-reference', neverIndex: true, table: 'dynamic', nameIndex: 20, value: 'secret', valueHuffman: true },
  { kind: 'literal-with-post-base-name-reference', neverIndex: true, nameIndex: 9, value: 'v', valueHuffman: false },
  { kind: 'literal-with-post-base-name-reference', neverIndex: false, nameIndex: 2, value: 'value', valueHuffman: true },
  { kind: 'literal-with-literal-name', neverIndex: false, name: 'custom-key', nameHuffman: true, value: 'custom-value', valueHuffman: false },
  { kind: 'literal-with-literal-name', neverIndex: true, name: 'k'.repeat(10), nameHuffman: false, value: '', valueHuffman: true },
];

function bytesOf<T>(encode: (w: QpackWriter, x: T) => void, x: T): Uint8Array {
  const w = new QpackWriter();
  encode(w, x);
  return w.finish();
}

/** Round trip, and every strict prefix is "need more" on a stream and malformed as a whole section. */
function checkCodec<T>(items: T[], encode: (w: QpackWriter, x: T) => void, decode: (r: QpackReader) => T, code: 0x200 | 0x201 | 0x202): void {
  for (const item of items) {
    const bytes = bytesOf(encode, item);
    const reader = new QpackReader(bytes, code, false);
    expect(decode(reader)).toEqual(item);
    expect(reader.remaining).toBe(0);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => decode(new QpackReader(bytes.subarray(0, cut), code, false)), `${JSON.stringify(item)} cut at ${cut}`).toThrow(QpackNeedMore);
      expect(() => decode(new QpackReader(bytes.subarray(0, cut), code, true))).toThrow(QpackError);
    }
  }
}

describe('codecs', () => {
  it('encoder instructions (§4.3) round-trip; every truncation needs more', () => {
    checkCodec(ENCODER_INSTRUCTIONS, encodeEncoderInstruction, (r) => decodeEncoderInstruction(r), 0x201);
    expect(toHex(bytesOf(encodeEncoderInstruction, ENCODER_INSTRUCTIONS[1]!))).toBe('3fbd01');
  });

  it('decoder instructions (§4.4) round-trip; every truncation needs more', () => {
    checkCodec(DECODER_INSTRUCTIONS, encodeDecoderInstruction, decodeDecoderInstruction, 0x202);
    expect(DECODER_INSTRUCTIONS.slice(0, 1).concat(DECODER_INSTRUCTIONS[2]!).map((i) => toHex(bytesOf(encodeDecoderInstruction, i)))).toEqual(['84', '48']);
  });

  it('field lines (§4.5.2-§4.5.6) round-trip, N bit included; every truncation needs more', () => {
    checkCodec(FIELD_LINES, encodeFieldLine, (r) => decodeFieldLine(r), 0x200);
    expect(toHex(bytesOf(encodeFieldLine, FIELD_LINES[0]!))).toBe('d1');
    expect(bytesOf(encodeFieldLine, FIELD_LINES[5]!)[0]! & 0x20).toBe(0x20); // N
    expect(bytesOf(encodeFieldLine, FIELD_LINES[6]!)[0]! & 0x08).toBe(0x08); // N
    expect(bytesOf(encodeFieldLine, FIELD_LINES[9]!)[0]! & 0x10).toBe(0x10); // N
  });

  it('encoder instruction limits reject a bad index or an oversized string as soon as it is read', () => {
    const limits = { maxEntryOctets: 100, dynamicEntries: 2 };
    const fail = (ins: EncoderInstruction, cut?: number): void => {
      const bytes = bytesOf(encodeEncoderInstruction, ins);
      const reader = new QpackReader(bytes.subarray(0, cut ?? bytes.length), 0x201, false);
      expect(() => decodeEncoderInstruction(reader, limits)).toThrow(QpackError);
    };
    fail({ type: 'insert-with-name-reference', table: 'static', nameIndex: 99, value: 'v', valueHuffman: false }, 2);
    fail({ type: 'insert-with-name-reference', table: 'dynamic', nameIndex: 2, value: 'v', valueHuffman: false }, 1);
    fail({ type: 'duplicate', index: 2 });
    // 5000 octets announced; only the length has arrived.
    fail({ type: 'insert-with-literal-name', name: 'n', nameHuffman: false, value: 'v'.repeat(5000), valueHuffman: false }, 5);
    fail({ type: 'insert-with-literal-name', name: 'n'.repeat(60), nameHuffman: false, value: 'v'.repeat(41), valueHuffman: false });
    const ok = bytesOf(encodeEncoderInstruction, { type: 'insert-with-literal-name', name: 'n'.repeat(60), nameHuffman: true, value: 'v'.repeat(40), valueHuffman: true });
    expect(() => decodeEncoderInstruction(new QpackReader(ok, 0x201, false), limits)).not.toThrow();
  });

  it('the instruction stream gives the same instructions and offsets for every split into two reads', () => {
    const all = ENCODER_INSTRUCTIONS.map((i) => bytesOf(encodeEncoderInstruction, i));
    const whole = new Uint8Array(all.reduce((n, b) => n + b.length, 0));
    let at = 0;
    const offsets: Array<[number, number]> = [];
    for (const b of all) {
      whole.set(b, at);
      offsets.push([at, at + b.length]);
      at += b.length;
    }
    for (let cut = 0; cut <= whole.length; cut++) {
      const stream = new InstructionStream(0x201, (r) => decodeEncoderInstruction(r));
      const got: Array<[EncoderInstruction, number, number]> = [];
      for (const piece of [whole.subarray(0, cut), whole.subarray(cut)]) {
        stream.push(piece);
        for (let item = stream.next(); item; item = stream.next()) got.push([item.value, item.start, item.end]);
      }
      expect(got).toEqual(ENCODER_INSTRUCTIONS.map((ins, i) => [ins, ...offsets[i]!]));
      expect(stream.buffered).toBe(0);
    }
  });
});

describe('Required Insert Count and Base (§4.5.1)', () => {
  it('decodes the example of §4.5.1.1: 100-byte table, 10 inserts, encoded 4 is 9', () => {
    expect(maxEntries(100)).toBe(3);
    expect(decodeRequiredInsertCount(4, 3, 10)).toBe(9);
  });

  it('round-trips every Required Insert Count the decoder can be asked for, across wraps', () => {
    for (const capacity of [32, 100, 220, 4096]) {
      const entries = maxEntries(capacity);
      for (let inserts = 0; inserts < 5 * entries + 3; inserts++) {
        // A conformant encoder references at most MaxEntries entries back and never beyond what it inserted;
        // the decoder has received `inserts`, the encoder may have sent up to MaxEntries more.
        for (let ric = Math.max(1, inserts - entries + 1); ric <= inserts + entries; ric++) {
          expect(decodeRequiredInsertCount(encodeRequiredInsertCount(ric, entries), entries, inserts)).toBe(ric);
        }
      }
    }
  });

  it('rejects encodings no conformant encoder produces', () => {
    expect(decodeRequiredInsertCount(1, 0, 0)).toBeNull(); // no dynamic table at all
    expect(decodeRequiredInsertCount(7, 3, 0)).toBeNull(); // > 2 * MaxEntries
    expect(decodeRequiredInsertCount(1, 3, 0)).toBeNull(); // would be 0 (or 6 > MaxValue 3)
  });

  it('computes Base with the sign bit, and refuses a negative Base', () => {
    expect(decodeBase({ encodedInsertCount: 0, sign: false, deltaBase: 3 }, 9)).toBe(12);
    expect(decodeBase({ encodedInsertCount: 0, sign: true, deltaBase: 2 }, 9)).toBe(6); // the §4.5.1.2 example
    expect(decodeBase({ encodedInsertCount: 0, sign: true, deltaBase: 9 }, 9)).toBeNull();
    expect(decodeBase({ encodedInsertCount: 0, sign: true, deltaBase: 0 }, 0)).toBeNull();
    for (const [ric, base] of [[2, 0], [4, 4], [5, 9], [0, 7]] as const) {
      const prefix = fieldSectionPrefix(ric, base, 6);
      const bytes = bytesOf(encodeFieldSectionPrefix, prefix);
      const decoded = decodeFieldSectionPrefix(new QpackReader(bytes, 0x200, true));
      expect(decodeBase(decoded, ric)).toBe(ric === 0 ? 0 : base);
    }
  });
});
