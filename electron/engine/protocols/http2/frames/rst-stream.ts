/** RST_STREAM frames (RFC 9113 §6.4). */
import { ErrorCode, connectionError } from '../errors';
import type { RstStreamFrame } from './types';
import { type ByteWriter, type PayloadContext, PAYLOAD, checkRange, readU32, span, writeU32 } from './wire';

/** Decodes a RST_STREAM payload: stream 0 is PROTOCOL_ERROR, a length other than 4 FRAME_SIZE_ERROR (§6.4). */
export function decodeRstStream(ctx: PayloadContext): RstStreamFrame {
  const { header, raw } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'RST_STREAM on stream 0');
  if (header.length !== 4) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `RST_STREAM payload of ${header.length} octets (must be 4)`);
  span(ctx, 'error-code', PAYLOAD, PAYLOAD + 4);
  return { type: 'RST_STREAM', streamId: header.streamId, errorCode: readU32(raw, PAYLOAD) };
}

/** Writes a RST_STREAM payload; no flags. */
export function encodeRstStream(w: ByteWriter, f: RstStreamFrame): number {
  checkRange(f.errorCode, 0, 0xffffffff, 'error code');
  writeU32(w, f.errorCode);
  return 0;
}
