/** PUSH_PROMISE frames (RFC 9113 §6.6). */
import { ErrorCode, connectionError } from '../errors';
import { unpad, writePadded } from './padding';
import { Flag, type PushPromiseFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, checkRange, readU32, span, writeU32 } from './wire';

/** Decodes a PUSH_PROMISE payload: optional padding, the promised stream id, a field block fragment (§6.6). */
export function decodePushPromise(ctx: PayloadContext): PushPromiseFrame {
  const { header, raw } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'PUSH_PROMISE on stream 0');
  const body = unpad(ctx, 4);
  span(ctx, 'promised-stream', body.start, body.start + 4);
  span(ctx, 'header-block', body.start + 4, body.end);
  return {
    type: 'PUSH_PROMISE',
    streamId: header.streamId,
    promisedStreamId: readU32(raw, body.start) % 0x80000000,
    endHeaders: (header.flags & Flag.END_HEADERS) !== 0,
    headerBlock: raw.subarray(body.start + 4, body.end),
    ...(body.padLength === undefined ? {} : { padLength: body.padLength }),
  };
}

/** Writes a PUSH_PROMISE payload; returns its flags. */
export function encodePushPromise(w: ByteWriter, f: PushPromiseFrame): number {
  checkRange(f.promisedStreamId, 0, MAX_31, 'promised stream id');
  const padded = writePadded(w, f.padLength, () => {
    writeU32(w, f.promisedStreamId);
    w.bytes(f.headerBlock);
  });
  return padded | (f.endHeaders ? Flag.END_HEADERS : 0);
}
