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

/** The shared seeded PRNG (mulberry32), so fuzz tests are reproducible. */
export { seededRandom } from '../../../../shared/seeded-random';
