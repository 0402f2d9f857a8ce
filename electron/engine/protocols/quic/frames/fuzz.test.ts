import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../tls13/test-helpers';
import { NeedMore, QuicError } from '../wire/errors';
import { Reader } from '../wire/reader';
import { decodeFrame, decodeFrames, encodeFrames } from './codec';
import { SAMPLE_FRAMES } from './test-samples';

/** Random payloads: half pure noise, half mutated encodings of valid frames (seeded, reproducible). */
function* fuzzPayloads(seed: number, count: number, valid: Uint8Array): Generator<Uint8Array> {
  const rnd = seededRandom(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const b = new Uint8Array(int(48));
      for (let j = 0; j < b.length; j++) b[j] = rnd() < 0.3 ? int(0x1f) : int(256);
      yield b;
    } else {
      const start = int(valid.length);
      const b = valid.slice(start, start + 1 + int(80));
      for (let k = int(4); k >= 0; k--) if (b.length) b[int(b.length)] = int(256);
      yield b;
    }
  }
}

describe('frame decoding fuzz', () => {
  it('50,000 random payloads through decodeFrames throw only QuicError', () => {
    const valid = encodeFrames(SAMPLE_FRAMES.filter((f) => f.type !== 'stream' || f.hasLength));
    let decoded = 0;
    let rejected = 0;
    for (const payload of fuzzPayloads(0x5eed, 50_000, valid)) {
      try {
        decodeFrames(payload);
        decoded++;
      } catch (e) {
        if (!(e instanceof QuicError)) throw e;
        expect(e.initiator).toBe('remote');
        rejected++;
      }
      // the streaming form may also say NeedMore, and nothing else
      try {
        const r = new Reader(payload);
        while (!r.atEnd) decodeFrame(r);
      } catch (e) {
        if (!(e instanceof QuicError) && !(e instanceof NeedMore)) throw e;
      }
    }
    expect(decoded + rejected).toBe(50_000);
    expect(decoded).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });
});
