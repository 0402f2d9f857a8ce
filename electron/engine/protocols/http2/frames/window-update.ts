/** WINDOW_UPDATE frames (RFC 9113 §6.9). */
import { ErrorCode, connectionError, streamError } from '../errors';
import type { WindowUpdateFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, PAYLOAD, checkRange, readU32, span, writeU32 } from './wire';

/**
 * Decodes a WINDOW_UPDATE payload: exactly 4 octets (FRAME_SIZE_ERROR); an increment of 0 is PROTOCOL_ERROR,
 * a stream error on a stream and a connection error on stream 0 (§6.9).
 */
export function decodeWindowUpdate(ctx: PayloadContext): WindowUpdateFrame {
  const { header, raw } = ctx;
  if (header.length !== 4) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `WINDOW_UPDATE payload of ${header.length} octets (must be 4)`);
  span(ctx, 'increment', PAYLOAD, PAYLOAD + 4);
  const increment = readU32(raw, PAYLOAD) % 0x80000000;
  if (increment === 0) {
    const reason = 'WINDOW_UPDATE with an increment of 0';
    throw header.streamId === 0 ? connectionError(ErrorCode.PROTOCOL_ERROR, reason) : streamError(ErrorCode.PROTOCOL_ERROR, header.streamId, reason);
  }
  return { type: 'WINDOW_UPDATE', streamId: header.streamId, increment };
}

/** Writes a WINDOW_UPDATE payload (an increment of 0 is allowed here, for frame scripts); no flags. */
export function encodeWindowUpdate(w: ByteWriter, f: WindowUpdateFrame): number {
  checkRange(f.increment, 0, MAX_31, 'window increment');
  writeU32(w, f.increment);
  return 0;
}
