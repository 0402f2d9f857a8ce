/**
 * HPACK integer representation with an N-bit prefix (RFC 7541 §5.1).
 *
 *     0   1   2   3   4   5   6   7
 *   +---+---+---+---+---+---+---+---+
 *   | ? | ? | ? | 1   1   1   1   1 |   prefix all ones: more follows
 *   +---+---+---+-------------------+
 *   | 1 |    Value-(2^N-1) LSB      |
 *   +---+---------------------------+
 *                  ...
 *   +---+---------------------------+
 *   | 0 |    Value-(2^N-1) MSB      |
 *   +---+---------------------------+
 */
import type { ByteReader, ByteWriter } from './cursor';
import { HpackError } from './errors';

/**
 * The largest integer the decoder accepts (RFC 7541 §5.1: "Integer encodings that exceed implementation
 * limits ... MUST be treated as decoding errors"). 2^32 - 1 covers every length and table size HTTP/2 allows.
 */
export const MAX_HPACK_INTEGER = 0xffff_ffff;

/** At most this many continuation octets (5 x 7 bits > 32 bits); more is an over-long encoding. */
const MAX_CONTINUATION_OCTETS = 5;

/**
 * Decodes an integer whose first octet is at the reader's position, using its low `prefixBits` bits
 * (the high bits belong to the representation and are ignored here). RFC 7541 §5.1.
 */
export function decodeInteger(reader: ByteReader, prefixBits: number): number {
  const start = reader.pos;
  const max = (1 << prefixBits) - 1;
  let value = reader.u8('an integer') & max;
  if (value < max) return value;
  let factor = 1;
  for (let i = 0; i < MAX_CONTINUATION_OCTETS; i++) {
    const b = reader.u8('an integer');
    value += (b & 0x7f) * factor;
    factor *= 128;
    if (value > MAX_HPACK_INTEGER) throw new HpackError(`integer exceeds ${MAX_HPACK_INTEGER}`, start);
    if ((b & 0x80) === 0) return value;
  }
  throw new HpackError('integer encoding is too long', start);
}

/**
 * Encodes `value` with a `prefixBits`-bit prefix; `flags` are the representation's high bits of the first
 * octet (they must not overlap the prefix). RFC 7541 §5.1, pseudocode of the encoder.
 */
export function encodeInteger(writer: ByteWriter, value: number, prefixBits: number, flags = 0): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    writer.u8(flags | value);
    return;
  }
  writer.u8(flags | max);
  let rest = value - max;
  while (rest >= 128) {
    writer.u8((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  writer.u8(rest);
}
