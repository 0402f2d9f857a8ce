/**
 * Our encoder's output decodes with our decoder back to every qifs header list, for table capacities 0, 256 and
 * 4096 and blocked-stream limits 0 and 100, with the encoder stream delivered in order or late and in random
 * pieces (field sections overtaking it, acknowledgments lagging), as QUIC streams may be delivered.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/seeded-random';
import { QpackDecoder } from './decoder';
import { QpackEncoder } from './encoder';
import { parseQif } from './offline-interop';
import type { HeaderField } from './types';

const QIFS = join(__dirname, '../../../../../test-vectors/qpack/qifs');
const QIF_FILES = readdirSync(QIFS).filter((f) => f.endsWith('.qif')).sort();

interface RunStats {
  sectionBytes: number;
  encoderBytes: number;
  blockedSections: number;
  inserts: number;
}

/** Sends every list through an encoder/decoder pair and checks what comes out. */
function run(lists: HeaderField[][], capacity: number, maxBlocked: number, seed: number | null): RunStats {
  const encoder = new QpackEncoder({ maxTableCapacity: capacity, maxBlockedStreams: maxBlocked });
  const decoder = new QpackDecoder({ maxTableCapacity: capacity, maxBlockedStreams: maxBlocked });
  const rnd = seed === null ? null : seededRandom(seed);
  let toDecoder: Uint8Array = new Uint8Array(0); // encoder stream in flight
  let toEncoder: Uint8Array = new Uint8Array(0); // decoder stream in flight
  const decoded = new Map<number, HeaderField[]>();
  const stats: RunStats = { sectionBytes: 0, encoderBytes: 0, blockedSections: 0, inserts: 0 };
  const append = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const deliverEncoderStream = (n: number): void => {
    // In random pieces: every split must give the same instructions.
    while (n > 0) {
      const piece = rnd ? Math.min(n, 1 + Math.floor(rnd() * 7)) : n;
      const r = decoder.receiveEncoderStream(toDecoder.subarray(0, piece));
      toDecoder = toDecoder.subarray(piece);
      n -= piece;
      for (const s of r.unblocked) decoded.set(s.streamId, s.headers);
      toEncoder = append(toEncoder, r.decoderStreamBytes);
    }
  };
  const deliverDecoderStream = (n: number): void => {
    encoder.receiveDecoderStream(toEncoder.subarray(0, n));
    toEncoder = toEncoder.subarray(n);
  };

  lists.forEach((list, i) => {
    const streamId = 4 * i;
    const enc = encoder.encode(streamId, list);
    stats.sectionBytes += enc.fieldSection.length;
    stats.encoderBytes += enc.encoderStreamBytes.length;
    stats.inserts += enc.encoderInstructions.filter((x) => x.inserted).length;
    if (capacity === 0) expect(enc.encoderStreamBytes.length).toBe(0);
    if (maxBlocked === 0) expect(enc.mayBlock).toBe(false);
    toDecoder = append(toDecoder, enc.encoderStreamBytes);
    if (!rnd) deliverEncoderStream(toDecoder.length);
    else if (rnd() < 0.5) deliverEncoderStream(Math.floor(rnd() * (toDecoder.length + 1)));
    const result = decoder.decodeFieldSection(streamId, enc.fieldSection);
    if (result === 'blocked') {
      stats.blockedSections++;
      expect(maxBlocked).toBeGreaterThan(0);
      expect(enc.mayBlock).toBe(true);
    } else {
      decoded.set(streamId, result.headers);
      toEncoder = append(toEncoder, result.decoderStreamBytes);
    }
    if (rnd) {
      if (rnd() < 0.5) deliverEncoderStream(Math.floor(rnd() * (toDecoder.length + 1)));
      deliverDecoderStream(Math.floor(rnd() * (toEncoder.length + 1)));
    } else deliverDecoderStream(toEncoder.length);
  });
  deliverEncoderStream(toDecoder.length);
  deliverDecoderStream(toEncoder.length);

  expect(decoder.blockedStreams()).toEqual([]);
  expect(decoded.size).toBe(lists.length);
  lists.forEach((list, i) => expect(decoded.get(4 * i), `list ${i}`).toEqual(list));
  // Every insert was acknowledged in the end, and no reference is outstanding.
  const table = encoder.snapshot();
  expect(table.knownReceivedCount).toBe(table.insertCount);
  expect(table.entries.every((e) => e.references === 0)).toBe(true);
  expect(decoder.snapshot().entries).toEqual(table.entries.map(({ references: _, ...e }) => e));
  return stats;
}

describe('QPACK round trip: our encoder -> our decoder, every qif', () => {
  for (const file of QIF_FILES) {
    const lists = parseQif(readFileSync(join(QIFS, file), 'latin1')).map((l) => l.headers);
    for (const capacity of [0, 256, 4096]) {
      for (const maxBlocked of [0, 100]) {
        it(`${file}, capacity ${capacity}, blocked streams ${maxBlocked}: in order and out of order`, () => {
          const inOrder = run(lists, capacity, maxBlocked, null);
          expect(inOrder.blockedSections).toBe(0);
          const late = run(lists, capacity, maxBlocked, 0x9204 + capacity + maxBlocked);
          if (capacity === 0) expect(late.inserts).toBe(0);
        });
      }
    }
  }

  it('the dynamic table pays off: fb-req.qif at 4096 is much smaller than with static + literals only', () => {
    const lists = parseQif(readFileSync(join(QIFS, 'fb-req.qif'), 'latin1')).map((l) => l.headers);
    const literal = run(lists, 0, 0, null);
    const dynamic = run(lists, 4096, 100, null);
    const blockedLate = run(lists, 4096, 100, 7);
    expect(dynamic.sectionBytes + dynamic.encoderBytes).toBeLessThan(0.6 * literal.sectionBytes);
    expect(blockedLate.blockedSections).toBeGreaterThan(0); // out-of-order delivery really blocked streams
  });
});
