/**
 * Required Insert Count and Base in the encoded field section prefix (RFC 9204 §4.5.1.1, §4.5.1.2).
 * The Required Insert Count travels modulo 2 * MaxEntries, so the prefix stays short on long connections.
 */
import type { FieldSectionPrefix } from './types';

/** MaxEntries = floor(MaxTableCapacity / 32) (RFC 9204 §4.5.1.1); MaxTableCapacity is the decoder's setting. */
export function maxEntries(maxTableCapacity: number): number {
  return Math.floor(maxTableCapacity / 32);
}

/** Encodes a Required Insert Count (RFC 9204 §4.5.1.1). */
export function encodeRequiredInsertCount(requiredInsertCount: number, entries: number): number {
  return requiredInsertCount === 0 ? 0 : (requiredInsertCount % (2 * entries)) + 1;
}

/**
 * Reconstructs the Required Insert Count from its encoding and the decoder's insert count (RFC 9204 §4.5.1.1).
 * Returns null for a value a conformant encoder could not have produced.
 */
export function decodeRequiredInsertCount(encoded: number, entries: number, totalInserts: number): number | null {
  if (encoded === 0) return 0;
  const fullRange = 2 * entries;
  if (encoded > fullRange) return null;
  const maxValue = totalInserts + entries;
  // MaxWrapped: the largest possible Required Insert Count that is 0 modulo 2 * MaxEntries.
  const maxWrapped = Math.floor(maxValue / fullRange) * fullRange;
  let ric = maxWrapped + encoded - 1;
  // Above MaxValue, the encoder's value must have wrapped one fewer time.
  if (ric > maxValue) {
    if (ric <= fullRange) return null;
    ric -= fullRange;
  }
  return ric === 0 ? null : ric;
}

/**
 * Base from the prefix and the Required Insert Count (RFC 9204 §4.5.1.2), or null when the sign bit is set and
 * Required Insert Count <= Delta Base (a negative Base, which the decoder MUST treat as invalid).
 */
export function decodeBase(prefix: FieldSectionPrefix, requiredInsertCount: number): number | null {
  if (!prefix.sign) return requiredInsertCount + prefix.deltaBase;
  if (requiredInsertCount <= prefix.deltaBase) return null;
  return requiredInsertCount - prefix.deltaBase - 1;
}

/** The prefix for a Required Insert Count and Base (RFC 9204 §4.5.1); with no dynamic references both are 0. */
export function fieldSectionPrefix(requiredInsertCount: number, base: number, entries: number): FieldSectionPrefix {
  const encodedInsertCount = encodeRequiredInsertCount(requiredInsertCount, entries);
  if (requiredInsertCount === 0) return { encodedInsertCount, sign: false, deltaBase: 0 };
  if (base >= requiredInsertCount) return { encodedInsertCount, sign: false, deltaBase: base - requiredInsertCount };
  return { encodedInsertCount, sign: true, deltaBase: requiredInsertCount - base - 1 };
}
