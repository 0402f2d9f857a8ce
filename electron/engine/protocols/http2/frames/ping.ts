/** PING frames (RFC 9113 §6.7). */
import { ErrorCode, H2UsageError, connectionError } from '../errors';
import { Flag, type PingFrame } from './types';
import { type ByteWriter, type PayloadContext, PAYLOAD, span } from './wire';

/** Decodes a PING payload: exactly 8 octets (FRAME_SIZE_ERROR otherwise), stream 0 (PROTOCOL_ERROR otherwise). */
export function decodePing(ctx: PayloadContext): PingFrame {
  const { header, raw } = ctx;
  if (header.streamId !== 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, `PING on stream ${header.streamId}`);
  if (header.length !== 8) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `PING payload of ${header.length} octets (must be 8)`);
  span(ctx, 'opaque', PAYLOAD, PAYLOAD + 8);
  return { type: 'PING', ack: (header.flags & Flag.ACK) !== 0, opaque: raw.subarray(PAYLOAD, PAYLOAD + 8) };
}

/** Writes a PING payload; returns its flags. */
export function encodePing(w: ByteWriter, f: PingFrame): number {
  if (f.opaque.length !== 8) throw new H2UsageError(`PING opaque data must be 8 octets, got ${f.opaque.length}`);
  w.bytes(f.opaque);
  return f.ack ? Flag.ACK : 0;
}
