/**
 * PRIORITY frames (RFC 9113 §6.3) and the stream dependency fields they share with HEADERS (§6.2). The
 * RFC 7540 priority scheme is deprecated (§5.3.2) but the frames still parse, and are shown.
 */
import { ErrorCode, connectionError, streamError } from '../errors';
import type { PriorityFields, PriorityFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, PAYLOAD, checkRange, readU32, span, writeU32 } from './wire';

/**
 * Reads E + Stream Dependency (32 bits) + Weight (8 bits) at `off`. With `checkSelf`, a self-dependency is a
 * stream error (§5.3.1); HEADERS leave that check to the connection, which must decode the field block first
 * to keep HPACK in step (§4.3).
 */
export function readPriorityFields(ctx: PayloadContext, off: number, checkSelf: boolean): PriorityFields {
  const { raw, header } = ctx;
  const word = readU32(raw, off);
  const dependency = word % 0x80000000;
  span(ctx, 'priority.dependency', off, off + 4);
  span(ctx, 'priority.weight', off + 4, off + 5);
  if (checkSelf && dependency === header.streamId) {
    throw streamError(ErrorCode.PROTOCOL_ERROR, header.streamId, `stream ${dependency} depends on itself`);
  }
  return { exclusive: word >= 0x80000000, dependency, weight: raw[off + 4]! + 1 };
}

/** Writes the stream dependency fields. */
export function writePriorityFields(w: ByteWriter, p: PriorityFields): void {
  checkRange(p.dependency, 0, MAX_31, 'priority dependency');
  checkRange(p.weight, 1, 256, 'priority weight');
  writeU32(w, p.dependency + (p.exclusive ? 0x80000000 : 0));
  w.u8(p.weight - 1);
}

/** Decodes a PRIORITY payload: stream 0 is a connection error, a length other than 5 a stream error (§6.3). */
export function decodePriority(ctx: PayloadContext): PriorityFrame {
  const { header } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'PRIORITY on stream 0');
  if (header.length !== 5) throw streamError(ErrorCode.FRAME_SIZE_ERROR, header.streamId, `PRIORITY payload of ${header.length} octets (must be 5)`);
  return { type: 'PRIORITY', streamId: header.streamId, ...readPriorityFields(ctx, PAYLOAD, true) };
}

/** Writes a PRIORITY payload; no flags. */
export function encodePriority(w: ByteWriter, f: PriorityFrame): number {
  writePriorityFields(w, f);
  return 0;
}
