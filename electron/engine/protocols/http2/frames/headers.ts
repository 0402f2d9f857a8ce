/** HEADERS frames (RFC 9113 §6.2). */
import { ErrorCode, connectionError } from '../errors';
import { unpad, writePadded } from './padding';
import { readPriorityFields, writePriorityFields } from './priority';
import { Flag, type HeadersFrame } from './types';
import { type ByteWriter, type PayloadContext, span } from './wire';

/**
 * Decodes a HEADERS payload: optional padding and priority fields, then a field block fragment (§6.2). A stream
 * depending on itself (§5.3.1) is decoded: the connection rejects it after decoding the block.
 */
export function decodeHeaders(ctx: PayloadContext): HeadersFrame {
  const { header, raw } = ctx;
  if (header.streamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'HEADERS on stream 0');
  const hasPriority = (header.flags & Flag.PRIORITY) !== 0;
  const body = unpad(ctx, hasPriority ? 5 : 0);
  const priority = hasPriority ? readPriorityFields(ctx, body.start, false) : undefined;
  const blockStart = body.start + (hasPriority ? 5 : 0);
  span(ctx, 'header-block', blockStart, body.end);
  return {
    type: 'HEADERS',
    streamId: header.streamId,
    endStream: (header.flags & Flag.END_STREAM) !== 0,
    endHeaders: (header.flags & Flag.END_HEADERS) !== 0,
    ...(priority ? { priority } : {}),
    headerBlock: raw.subarray(blockStart, body.end),
    ...(body.padLength === undefined ? {} : { padLength: body.padLength }),
  };
}

/** Writes a HEADERS payload; returns its flags. */
export function encodeHeaders(w: ByteWriter, f: HeadersFrame): number {
  const padded = writePadded(w, f.padLength, () => {
    if (f.priority) writePriorityFields(w, f.priority);
    w.bytes(f.headerBlock);
  });
  return padded | (f.endStream ? Flag.END_STREAM : 0) | (f.endHeaders ? Flag.END_HEADERS : 0) | (f.priority ? Flag.PRIORITY : 0);
}
