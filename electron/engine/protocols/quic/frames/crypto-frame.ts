/** CRYPTO (RFC 9000 §19.6): Offset (i), Length (i), Crypto Data. */
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { FrameType, type CryptoFrame } from './types';

/**
 * Decodes CRYPTO. (§19.6 bounds offset + length by 2^62-1; the reader already rejects offsets
 * above 2^53-1, so that sum cannot overflow here.)
 */
export function decodeCryptoFrame(r: Reader): CryptoFrame {
  const offset = r.varint('Offset');
  const length = r.varint('Length');
  return { type: 'crypto', offset, data: r.bytesCopy(length, 'Crypto Data') };
}

/** Encodes CRYPTO. */
export function encodeCryptoFrame(w: Writer, f: CryptoFrame): void {
  w.u8(FrameType.CRYPTO).varint(f.offset).varint(f.data.length).bytes(f.data);
}
