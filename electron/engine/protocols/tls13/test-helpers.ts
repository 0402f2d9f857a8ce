/** Test helpers for tls13/ and quic/ (hex in, hex out). Not used by production code. */
import { fromHex, toHex } from '../../../../shared/bytes';

/** Bytes of hex text (whitespace ignored); throws on bad hex so a typo in a vector fails loudly. */
export function hex(text: string): Uint8Array {
  const b = fromHex(text);
  if (!b) throw new Error(`bad hex: ${text.slice(0, 40)}`);
  return b;
}

/** Lower-case hex of bytes. */
export function toHexString(bytes: Uint8Array): string {
  return toHex(bytes);
}

/** A small seeded PRNG (mulberry32) so fuzz tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
