/**
 * Packet number encoding and decoding (RFC 9000 §17.1, Appendix A.2 and A.3). Packet numbers are
 * 0..2^62-1 in full and 1..4 bytes truncated on the wire. Arithmetic here uses numbers, not 32-bit
 * bitwise operators, so it stays exact up to 2^53.
 */
import { UsageError } from './errors';

/**
 * How many bytes to encode `fullPn` with, given the largest packet number the peer acknowledged in
 * this space (undefined when none): enough to represent twice the unacknowledged range (Appendix A.2).
 */
export function packetNumberLength(fullPn: number, largestAcked: number | undefined): 1 | 2 | 3 | 4 {
  const numUnacked = largestAcked === undefined ? fullPn + 1 : fullPn - largestAcked;
  if (numUnacked <= 0) throw new UsageError(`packet number ${fullPn} is not above the largest acknowledged ${largestAcked}`);
  const minBits = Math.log2(numUnacked) + 1;
  const bytes = Math.ceil(minBits / 8);
  if (bytes > 4) throw new UsageError(`packet number ${fullPn} is too far ahead of the largest acknowledged ${largestAcked}`);
  return bytes as 1 | 2 | 3 | 4;
}

/** The low `length` bytes of a full packet number: what goes on the wire (§17.1). */
export function truncatePacketNumber(fullPn: number, length: 1 | 2 | 3 | 4): number {
  return fullPn % 2 ** (8 * length);
}

/**
 * Recovers a full packet number from its truncated form (Appendix A.3): the value closest to
 * largestPn + 1 whose low bits match. `largestPn` is the largest packet number successfully processed
 * in this space, or -1 when there is none.
 */
export function decodePacketNumber(largestPn: number, truncatedPn: number, pnNbits: number): number {
  const expectedPn = largestPn + 1;
  const pnWin = 2 ** pnNbits;
  const pnHwin = pnWin / 2;
  // (expected_pn & ~pn_mask) | truncated_pn, without 32-bit bitwise operators
  const candidatePn = expectedPn - (expectedPn % pnWin) + truncatedPn;
  if (candidatePn <= expectedPn - pnHwin && candidatePn < 2 ** 62 - pnWin) return candidatePn + pnWin;
  if (candidatePn > expectedPn + pnHwin && candidatePn >= pnWin) return candidatePn - pnWin;
  return candidatePn;
}
