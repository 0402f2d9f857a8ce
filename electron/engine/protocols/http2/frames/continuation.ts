/** CONTINUATION frames (RFC 9113 §6.10). */
import { ErrorCode, connectionError } from '../errors';
import { Flag, type ContinuationFrame } from './types';
import { type ByteWriter, type PayloadContext, PAYLOAD, span } from './wire';

/** Decodes a CONTINUATION payload: a field block fragment; stream 0 is PROTOCOL_ERROR (§6.10). */
export function decodeContinuation(ctx: PayloadContext): ContinuationFrame {
  const { header, raw } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'CONTINUATION on stream 0');
  span(ctx, 'header-block', PAYLOAD, PAYLOAD + header.length);
  return {
    type: 'CONTINUATION',
    streamId: header.streamId,
    endHeaders: (header.flags & Flag.END_HEADERS) !== 0,
    headerBlock: raw.subarray(PAYLOAD, PAYLOAD + header.length),
  };
}

/** Writes a CONTINUATION payload; returns its flags. */
export function encodeContinuation(w: ByteWriter, f: ContinuationFrame): number {
  w.bytes(f.headerBlock);
  return f.endHeaders ? Flag.END_HEADERS : 0;
}
