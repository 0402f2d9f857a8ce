/** GOAWAY frames (RFC 9113 §6.8). */
import { ErrorCode, connectionError } from '../errors';
import type { GoawayFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, PAYLOAD, checkRange, readU32, span, writeU32 } from './wire';

/** Decodes a GOAWAY payload: last stream id, error code, debug data; stream 0 only, at least 8 octets (§6.8). */
export function decodeGoaway(ctx: PayloadContext): GoawayFrame {
  const { header, raw } = ctx;
  if (header.streamId !== 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, `GOAWAY on stream ${header.streamId}`);
  if (header.length < 8) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `GOAWAY payload of ${header.length} octets (needs at least 8)`);
  const end = PAYLOAD + header.length;
  span(ctx, 'last-stream', PAYLOAD, PAYLOAD + 4);
  span(ctx, 'error-code', PAYLOAD + 4, PAYLOAD + 8);
  if (end > PAYLOAD + 8) span(ctx, 'debug-data', PAYLOAD + 8, end);
  return {
    type: 'GOAWAY',
    lastStreamId: readU32(raw, PAYLOAD) % 0x80000000,
    errorCode: readU32(raw, PAYLOAD + 4),
    debugData: raw.subarray(PAYLOAD + 8, end),
  };
}

/** Writes a GOAWAY payload; no flags. */
export function encodeGoaway(w: ByteWriter, f: GoawayFrame): number {
  checkRange(f.lastStreamId, 0, MAX_31, 'last stream id');
  checkRange(f.errorCode, 0, 0xffffffff, 'error code');
  writeU32(w, f.lastStreamId);
  writeU32(w, f.errorCode);
  w.bytes(f.debugData);
  return 0;
}
