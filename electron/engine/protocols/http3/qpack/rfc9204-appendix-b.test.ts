/**
 * RFC 9204 Appendix B (test-vectors/qpack/rfc9204-appendix-b.json): every instruction and field line decodes as
 * the RFC annotates it and encodes back to the same bytes; the encoder-side table (references, acknowledged line)
 * follows the decoder stream as drawn; our decoder emits the RFC's decoder stream bytes; and the qifs copy of the
 * example (examples.out.220.100.1) decodes to the same header lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../../shared/bytes';
import { QpackReader, QpackWriter } from './cursor';
import { QpackDecoder, type DecodedFieldSection } from './decoder';
import { decodeDecoderInstruction, encodeDecoderInstruction } from './decoder-instructions';
import { decodeEncoderInstruction, encodeEncoderInstruction } from './encoder-instructions';
import { EncoderTracking } from './encoder-tracking';
import { decodeFieldLine, decodeFieldSectionPrefix, encodeFieldLine, encodeFieldSectionPrefix } from './field-lines';
import { parseInteropFile } from './offline-interop';
import type { DecoderInstruction, EncoderInstruction, FieldLineRepresentation, HeaderField } from './types';

interface Step {
  section: string;
  stream: number | 'encoder' | 'decoder';
  hex: string;
  instructions?: string[];
  fields?: string[];
  headers?: HeaderField[];
  requiredInsertCount?: number;
  base?: number;
  table: { entries: Array<[number, number, string, string]>; size: number; knownReceivedCount: number };
}

const VECTORS = join(__dirname, '../../../../../test-vectors/qpack');
const DATA = JSON.parse(readFileSync(join(VECTORS, 'rfc9204-appendix-b.json'), 'utf8')) as { maxTableCapacity: number; steps: Step[] };
const bytesOf = (step: Step): Uint8Array => fromHex(step.hex)!;

function describeEncoder(i: EncoderInstruction): string {
  if (i.type === 'set-dynamic-table-capacity') return `${i.type} ${i.capacity}`;
  if (i.type === 'insert-with-name-reference') return `${i.type} ${i.table} ${i.nameIndex}`;
  if (i.type === 'duplicate') return `${i.type} ${i.index}`;
  return i.type;
}

function describeDecoder(i: DecoderInstruction): string {
  return `${i.type} ${i.type === 'insert-count-increment' ? i.increment : i.streamId}`;
}

function describeLine(l: FieldLineRepresentation): string {
  if (l.kind === 'indexed') return `${l.kind} ${l.table} ${l.index}`;
  if (l.kind === 'literal-with-name-reference') return `${l.kind} ${l.table} ${l.nameIndex}`;
  if (l.kind === 'indexed-post-base' || l.kind === 'literal-with-post-base-name-reference') return `${l.kind} ${'index' in l ? l.index : l.nameIndex}`;
  return l.kind;
}

describe('RFC 9204 Appendix B', () => {
  it('has the ten steps of B.1-B.5', () => {
    expect(DATA.steps.map((s) => s.section)).toEqual(['B.1', 'B.2', 'B.2', 'B.2', 'B.3', 'B.3', 'B.4', 'B.4', 'B.4', 'B.5']);
  });

  for (const [n, step] of DATA.steps.entries()) {
    it(`step ${n + 1} (${step.section}, stream ${step.stream}) decodes as annotated and re-encodes to the same bytes`, () => {
      const bytes = bytesOf(step);
      const out = new QpackWriter();
      if (step.stream === 'encoder' || step.stream === 'decoder') {
        const reader = new QpackReader(bytes, step.stream === 'encoder' ? 0x201 : 0x202, true);
        const seen: string[] = [];
        while (reader.remaining > 0) {
          if (step.stream === 'encoder') {
            const ins = decodeEncoderInstruction(reader);
            seen.push(describeEncoder(ins));
            encodeEncoderInstruction(out, ins);
          } else {
            const ins = decodeDecoderInstruction(reader);
            seen.push(describeDecoder(ins));
            encodeDecoderInstruction(out, ins);
          }
        }
        expect(seen).toEqual(step.instructions);
      } else {
        const reader = new QpackReader(bytes, 0x200, true);
        encodeFieldSectionPrefix(out, decodeFieldSectionPrefix(reader));
        const seen: string[] = [];
        while (reader.remaining > 0) {
          const line = decodeFieldLine(reader);
          seen.push(describeLine(line));
          encodeFieldLine(out, line);
        }
        expect(seen).toEqual(step.fields);
      }
      expect(toHex(out.finish())).toBe(toHex(bytes));
    });
  }

  it("the encoder's table follows the steps: references, acknowledged line, size (EncoderTracking)", () => {
    // The encoder's table mirrors the decoder's; the tracking adds references and the Known Received Count.
    const mirror = new QpackDecoder({ maxTableCapacity: DATA.maxTableCapacity, maxBlockedStreams: 100, insertCountIncrement: false });
    const tracking = new EncoderTracking();
    for (const step of DATA.steps) {
      const bytes = bytesOf(step);
      if (step.stream === 'encoder') mirror.receiveEncoderStream(bytes);
      else if (step.stream === 'decoder') {
        const reader = new QpackReader(bytes, 0x202, true);
        while (reader.remaining > 0) tracking.apply(decodeDecoderInstruction(reader), mirror.snapshot().insertCount, 0);
      } else {
        const section = mirror.decodeFieldSection(step.stream, bytes) as DecodedFieldSection;
        expect(section.headers).toEqual(step.headers);
        expect([section.requiredInsertCount, section.base]).toEqual([step.requiredInsertCount, step.base]);
        const refs = [...new Set(section.fields.flatMap((f) => (f.absoluteIndex === null ? [] : [f.absoluteIndex])))];
        if (section.requiredInsertCount > 0) tracking.add(step.stream, section.requiredInsertCount, refs);
      }
      const table = mirror.snapshot();
      const entries = [...table.entries].reverse().map((e) => [e.absoluteIndex, tracking.references(e.absoluteIndex), e.name, e.value]);
      expect({ entries, size: table.size, knownReceivedCount: tracking.knownReceivedCount }, `${step.section} ${step.stream}`).toEqual(step.table);
    }
  });

  it('our decoder sends the decoder stream of the RFC: 84 (B.2), 01 (B.3), 48 (B.4)', () => {
    const [b1, b2enc, b2sec, , b3enc, , b4enc, b4sec, , b5enc] = DATA.steps as [Step, Step, Step, Step, Step, Step, Step, Step, Step, Step];
    const decoder = new QpackDecoder({ maxTableCapacity: DATA.maxTableCapacity, maxBlockedStreams: 100 });
    const first = decoder.decodeFieldSection(0, bytesOf(b1)) as DecodedFieldSection;
    expect(first.headers).toEqual(b1.headers);
    expect(first.decoderStreamBytes).toHaveLength(0); // Required Insert Count 0: no acknowledgment (§4.4.1)
    // B.2 "potentially blocking": the section overtakes the encoder stream, blocks, and is acknowledged once it
    // can be decoded. The acknowledgment covers both inserts, so no Insert Count Increment is needed.
    expect(decoder.decodeFieldSection(4, bytesOf(b2sec))).toBe('blocked');
    const b2 = decoder.receiveEncoderStream(bytesOf(b2enc));
    expect(b2.unblocked.map((s) => [s.streamId, s.headers])).toEqual([[4, b2sec.headers]]);
    expect(toHex(b2.decoderStreamBytes)).toBe('84');
    // B.3: a speculative insert is acknowledged with Insert Count Increment (1).
    expect(toHex(decoder.receiveEncoderStream(bytesOf(b3enc)).decoderStreamBytes)).toBe('01');
    // B.4: the encoder stream packet is delayed; stream 8 blocks; the decoder cancels it.
    expect(decoder.decodeFieldSection(8, bytesOf(b4sec))).toBe('blocked');
    const cancel = decoder.cancelStream(8);
    expect(toHex(cancel.decoderStreamBytes)).toBe('48');
    expect(decoder.blockedStreams()).toEqual([]);
    const b4 = decoder.receiveEncoderStream(bytesOf(b4enc));
    expect(b4.unblocked).toEqual([]); // the cancelled section is gone
    // B.5: an insert that evicts the oldest entry.
    const b5 = decoder.receiveEncoderStream(bytesOf(b5enc));
    expect(b5.instructions[0]!.evicted.map((e) => e.absoluteIndex)).toEqual([0]);
    expect([...b5.table.entries].reverse().map((e) => [e.absoluteIndex, 0, e.name, e.value])).toEqual(b5enc.table.entries);
    expect(b5.table.size).toBe(215);
  });

  it('qifs examples.out.220.100.1 is the same exchange and decodes to the same header lists', () => {
    const file = readFileSync(join(VECTORS, 'encoded/qpack-05/examples/examples.out.220.100.1'));
    const decoder = new QpackDecoder({ maxTableCapacity: 220, maxBlockedStreams: 100 });
    const decoded = new Map<number, HeaderField[]>();
    for (const block of parseInteropFile(file)) {
      if (block.streamId === 0) for (const s of decoder.receiveEncoderStream(block.payload).unblocked) decoded.set(s.streamId, s.headers);
      else {
        const r = decoder.decodeFieldSection(block.streamId, block.payload);
        if (r !== 'blocked') decoded.set(block.streamId, r.headers);
      }
    }
    const lists = DATA.steps.filter((s) => typeof s.stream === 'number').map((s) => s.headers);
    expect([decoded.get(4), decoded.get(8), decoded.get(12)]).toEqual(lists);
  });
});
