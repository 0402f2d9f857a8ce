/**
 * Fuzz: 50,000 random and mutated inputs through QpackDecoder.decodeFieldSection, QpackDecoder.receiveEncoderStream
 * and QpackEncoder.receiveDecoderStream, split into random reads. Nothing but QpackError may come out (or the
 * documented stream-level QpackFieldSectionTooLargeError), and a decoder that accepted its encoder stream keeps
 * its table within capacity. Seeded, so a failure reproduces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../../../shared/bytes';
import { seededRandom } from '../../../../../shared/seeded-random';
import { QpackDecoder } from './decoder';
import { QpackEncoder } from './encoder';
import { QpackError, QpackFieldSectionTooLargeError } from './errors';
import { parseQif } from './offline-interop';
import type { HeaderField } from './types';

const QIFS = join(__dirname, '../../../../../test-vectors/qpack/qifs');
const rnd = seededRandom(0x9204_f022);
const int = (n: number): number => Math.floor(rnd() * n);

/** A short exchange made by our encoder: the encoder stream, the field sections, the decoder's answers. */
interface Story {
  readonly lists: HeaderField[][];
  readonly encoderStream: Uint8Array;
  readonly sections: Uint8Array[];
  readonly decoderStream: Uint8Array;
  readonly capacity: number;
}

function makeStory(file: string, from: number, capacity: number): Story {
  const lists = parseQif(readFileSync(join(QIFS, file), 'latin1'))
    .map((l) => l.headers)
    .slice(from, from + 8);
  const encoder = new QpackEncoder({ maxTableCapacity: capacity, maxBlockedStreams: 8, huffman: from % 2 ? 'always' : 'auto' });
  const decoder = new QpackDecoder({ maxTableCapacity: capacity, maxBlockedStreams: 8 });
  const enc: number[] = [];
  const dec: number[] = [];
  const sections = lists.map((list, i) => {
    const r = encoder.encode(4 * i, list);
    enc.push(...r.encoderStreamBytes);
    dec.push(...decoder.receiveEncoderStream(r.encoderStreamBytes).decoderStreamBytes);
    const d = decoder.decodeFieldSection(4 * i, r.fieldSection);
    if (d !== 'blocked') dec.push(...d.decoderStreamBytes);
    return r.fieldSection;
  });
  return { lists, encoderStream: Uint8Array.from(enc), sections, decoderStream: Uint8Array.from(dec), capacity };
}

function mutate(src: Uint8Array): Uint8Array {
  if (int(20) === 0) return Uint8Array.from({ length: int(40) }, () => int(256)); // fresh random bytes
  const b = Array.from(src);
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(b.length + 1);
    switch (int(8)) {
      case 0:
        if (b.length) b[at % b.length] = b[at % b.length]! ^ (1 << int(8));
        break;
      case 1:
        if (b.length) b[at % b.length] = int(256);
        break;
      case 2:
        b.splice(at, 0, int(256));
        break;
      case 3:
        b.splice(at, 1 + int(3));
        break;
      case 4:
        b.length = Math.min(b.length, at);
        break;
      case 5: // an integer's prefix all ones, then a long continuation
        b.splice(at, 0, 0xff, ...Array.from({ length: int(12) }, () => 0x80 | int(128)), int(128));
        break;
      case 6: // a huge string length
        b.splice(at, 0, 0x7f, 0xff, 0xff, 0xff, 0x0f);
        break;
      default:
        if (b.length > 1) b.splice(at, 0, ...b.slice(int(b.length), int(b.length) + 1 + int(8)));
    }
  }
  return Uint8Array.from(b);
}

/** Random reads of a stream. */
function splits(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + int(int(2) ? 4 : 64);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('QPACK fuzz', () => {
  it('50,000 inputs: only QpackError (or the stream-level size error) comes out', () => {
    const stories = [
      makeStory('fb-req.qif', 0, 4096),
      makeStory('fb-resp.qif', 3, 4096),
      makeStory('netbsd.qif', 0, 256),
      makeStory('fb-req-hq.qif', 100, 512),
      makeStory('netbsd-hq.qif', 1, 0),
    ];
    const counts = { inputs: 0, accepted: 0, qpackErrors: 0, tooLarge: 0 };
    const codes = new Set<number>();
    const attempt = (input: Uint8Array, op: () => void): void => {
      counts.inputs++;
      try {
        op();
        counts.accepted++;
      } catch (e) {
        if (e instanceof QpackError) {
          counts.qpackErrors++;
          codes.add(e.code);
        } else if (e instanceof QpackFieldSectionTooLargeError) counts.tooLarge++;
        else throw new Error(`input ${toHex(input)} threw ${String(e)}`, { cause: e });
      }
    };
    const newDecoder = (s: Story): QpackDecoder =>
      new QpackDecoder({ maxTableCapacity: s.capacity, maxBlockedStreams: int(3), maxFieldSectionSize: int(2) ? 4096 : 1 << 20 });

    for (let i = 0; i < 20_000; i++) {
      // A mutated field section against a good table (or an empty one, to exercise blocking).
      const s = stories[i % stories.length]!;
      const input = mutate(s.sections[int(s.sections.length)]!);
      attempt(input, () => {
        const decoder = newDecoder(s);
        if (int(4)) decoder.receiveEncoderStream(s.encoderStream);
        decoder.decodeFieldSection(int(64), input);
        if (int(2)) decoder.receiveEncoderStream(s.encoderStream.subarray(0, int(s.encoderStream.length + 1)));
      });
    }
    for (let i = 0; i < 15_000; i++) {
      // A mutated encoder stream in random reads, then the sections it should serve.
      const s = stories[i % stories.length]!;
      const input = mutate(s.encoderStream);
      attempt(input, () => {
        const decoder = newDecoder(s);
        for (const piece of splits(input)) {
          const r = decoder.receiveEncoderStream(piece);
          if (r.table.size > r.table.capacity || r.table.capacity > s.capacity) throw new Error('table over capacity');
        }
        for (const [k, section] of s.sections.entries()) decoder.decodeFieldSection(4 * k, section);
      });
    }
    for (let i = 0; i < 15_000; i++) {
      // A mutated decoder stream in random reads, against an encoder that sent the story.
      const s = stories[i % stories.length]!;
      const input = mutate(s.decoderStream);
      attempt(input, () => {
        const encoder = new QpackEncoder({ maxTableCapacity: s.capacity, maxBlockedStreams: 8, huffman: i % 2 ? 'always' : 'auto' });
        const n = 1 + int(4);
        for (let k = 0; k < n; k++) encoder.encode(4 * k, s.lists[k]!);
        for (const piece of splits(input)) encoder.receiveDecoderStream(piece);
        encoder.encode(1000, s.lists[0]!);
      });
    }
    expect(counts.inputs).toBe(50_000);
    expect(counts.qpackErrors).toBeGreaterThan(10_000);
    expect(counts.accepted).toBeGreaterThan(1_000);
    expect([...codes].sort()).toEqual([0x200, 0x201, 0x202]);
  });
});
