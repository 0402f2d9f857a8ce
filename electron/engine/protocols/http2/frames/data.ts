/** DATA frames (RFC 9113 §6.1). */
import { ErrorCode, connectionError } from '../errors';
import { unpad, writePadded } from './padding';
import { Flag, type DataFrame } from './types';
import { type ByteWriter, type PayloadContext, span } from './wire';

/** Decodes a DATA payload. Stream 0 is PROTOCOL_ERROR (§6.1); bad padding per unpad. */
export function decodeData(ctx: PayloadContext): DataFrame {
  const { header, raw } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'DATA on stream 0');
  const body = unpad(ctx, 0);
  span(ctx, 'data', body.start, body.end);
  const frame = { type: 'DATA', streamId: header.streamId, endStream: (header.flags & Flag.END_STREAM) !== 0, data: raw.subarray(body.start, body.end) } as const;
  return body.padLength === undefined ? frame : { ...frame, padLength: body.padLength };
}

/** Writes a DATA payload; returns its flags. */
export function encodeData(w: ByteWriter, f: DataFrame): number {
  return writePadded(w, f.padLength, () => w.bytes(f.data)) | (f.endStream ? Flag.END_STREAM : 0);
}
