/**
 * QUIC variable-length integers (RFC 9000 §16): the two high bits of the first byte give the length
 * (1, 2, 4 or 8 bytes), the rest is the value, big-endian, up to 2^62-1.
 *
 * Values are `number` where they are counts, ids, offsets and lengths (this implementation caps those at
 * 2^53-1, Number.MAX_SAFE_INTEGER) and `bigint` where peers legitimately use the whole 62-bit range
 * (flow-control limits, error codes, transport parameter ids and values).
 */
import { UsageError } from './errors';

/** The largest value a varint can hold: 2^62-1. */
export const MAX_VARINT = (1n << 62n) - 1n;

/** The largest varint this implementation handles as a `number`. */
export const MAX_SAFE_VARINT = Number.MAX_SAFE_INTEGER;

/** The encoded length of a varint from its first byte (RFC 9000 §16, Table 4). */
export function varintLengthFromFirstByte(first: number): 1 | 2 | 4 | 8 {
  return (1 << (first >> 6)) as 1 | 2 | 4 | 8;
}

/** The minimal encoded length of a value (RFC 9000 §16). Throws UsageError outside 0..2^62-1. */
export function varintLength(value: number | bigint): 1 | 2 | 4 | 8 {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_SAFE_VARINT) throw new UsageError(`varint ${value} out of range`);
    return value < 0x40 ? 1 : value < 0x4000 ? 2 : value < 0x40000000 ? 4 : 8;
  }
  if (value < 0n || value > MAX_VARINT) throw new UsageError(`varint ${value} out of range`);
  return value < 0x40n ? 1 : value < 0x4000n ? 2 : value < 0x40000000n ? 4 : 8;
}
