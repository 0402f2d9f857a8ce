/**
 * Padding of DATA, HEADERS and PUSH_PROMISE (RFC 9113 §6.1, §6.2, §6.6): with the PADDED flag the payload starts
 * with an 8-bit Pad Length and ends with that many octets of padding.
 */
import { ErrorCode, connectionError } from '../errors';
import { Flag } from './types';
import { type ByteWriter, type PayloadContext, PAYLOAD, checkRange, span } from './wire';

/** Where the body (between the pad length plus `fixed` mandatory octets and the padding) lies in raw. */
export interface Unpadded {
  /** Offset in raw of the first octet after the pad length field. */
  readonly start: number;
  /** One past the last octet before the padding. */
  readonly end: number;
  /** Pad length, or undefined when the PADDED flag is clear. */
  readonly padLength?: number;
}

/**
 * Reads the pad length and checks it: a payload too short for the pad length and `fixed` octets is
 * FRAME_SIZE_ERROR; padding that leaves less than `fixed` octets is PROTOCOL_ERROR (§6.1, §6.2, §6.6).
 */
export function unpad(ctx: PayloadContext, fixed: number): Unpadded {
  const { header, raw } = ctx;
  const end = PAYLOAD + header.length;
  if (!(header.flags & Flag.PADDED)) {
    if (header.length < fixed) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `payload of ${header.length} octets is too short (needs ${fixed})`);
    return { start: PAYLOAD, end };
  }
  if (header.length < 1 + fixed) {
    throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `padded payload of ${header.length} octets is too short (needs ${1 + fixed})`);
  }
  const padLength = raw[PAYLOAD]!;
  span(ctx, 'pad-length', PAYLOAD, PAYLOAD + 1);
  if (padLength > header.length - 1 - fixed) {
    throw connectionError(ErrorCode.PROTOCOL_ERROR, `padding of ${padLength} octets is not shorter than the rest of the ${header.length}-octet payload`);
  }
  if (padLength > 0) span(ctx, 'padding', end - padLength, end);
  return { start: PAYLOAD + 1, end: end - padLength, padLength };
}

/** Writes the pad length (when padded), the body via `body`, then the padding as zeros; returns the PADDED bit. */
export function writePadded(w: ByteWriter, padLength: number | undefined, body: () => void): number {
  if (padLength === undefined) {
    body();
    return 0;
  }
  checkRange(padLength, 0, 255, 'padLength');
  w.u8(padLength);
  body();
  for (let i = 0; i < padLength; i++) w.u8(0);
  return Flag.PADDED;
}
