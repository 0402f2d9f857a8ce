/**
 * Prefixed integers (RFC 9204 §4.1.1, the format of RFC 7541 §5.1 unmodified, with prefixes of 3 to 8 bits).
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
 *
 * RFC 9204 §4.1.1: implementations MUST decode integers of up to 62 bits. Values above 2^53 lose precision in a
 * JavaScript number but keep their magnitude, which is all their uses need: such an index, length or capacity is
 * out of range anyway, and such a stream id matches no stream.
 */
import type { QpackReader, QpackWriter } from './cursor';

/** The largest integer accepted: 2^62 - 1 (RFC 9204 §4.1.1). */
export const MAX_QPACK_INTEGER = 2 ** 62 - 1;

/** At most this many continuation octets: 62 bits need 9; one more allows a redundant zero octet. */
const MAX_CONTINUATION_OCTETS = 10;

/**
 * Decodes an integer whose first octet is at the reader's position, using its low `prefixBits` bits (the high
 * bits belong to the instruction and are read by the caller). `what` names the field for error messages.
 */
export function decodeInteger(reader: QpackReader, prefixBits: number, what: string): number {
  const start = reader.pos;
  const max = (1 << prefixBits) - 1;
  let value = reader.u8(what) & max;
  if (value < max) return value;
  let factor = 1;
  for (let i = 0; i < MAX_CONTINUATION_OCTETS; i++) {
    const b = reader.u8(what);
    value += (b & 0x7f) * factor;
    factor *= 128;
    if (value > MAX_QPACK_INTEGER) reader.fail(`${what} exceeds 2^62 - 1`, start);
    if ((b & 0x80) === 0) return value;
  }
  return reader.fail(`${what} is encoded in too many octets`, start);
}

/**
 * Encodes `value` (a non-negative integer up to 2^53) with a `prefixBits`-bit prefix; `flags` are the high bits
 * of the first octet, which must not overlap the prefix (RFC 7541 §5.1, the encoder's pseudocode).
 */
export function encodeInteger(writer: QpackWriter, value: number, prefixBits: number, flags: number): void {
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

/** Number of octets encodeInteger writes. */
export function integerLength(value: number, prefixBits: number): number {
  const max = (1 << prefixBits) - 1;
  if (value < max) return 1;
  let n = 2;
  for (let rest = value - max; rest >= 128; rest = Math.floor(rest / 128)) n++;
  return n;
}
