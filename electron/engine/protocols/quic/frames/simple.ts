/** The frames without fields: PADDING (RFC 9000 §19.1), PING (§19.2), HANDSHAKE_DONE (§19.20). */
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { FrameType, type HandshakeDoneFrame, type PaddingFrame, type PingFrame } from './types';
import { UsageError } from '../wire/errors';

/** Decodes PADDING after its first 0x00 byte: swallows every following 0x00 byte into one frame. */
export function decodePaddingFrame(r: Reader): PaddingFrame {
  let length = 1;
  while (!r.atEnd && r.peekU8() === 0) {
    r.u8();
    length++;
  }
  return { type: 'padding', length };
}

/** Encodes PADDING as `length` zero bytes. */
export function encodePaddingFrame(w: Writer, f: PaddingFrame): void {
  if (!Number.isInteger(f.length) || f.length < 1) throw new UsageError('PADDING length must be at least 1');
  w.zeros(f.length);
}

/** The PING frame. */
export const PING: PingFrame = { type: 'ping' };

/** The HANDSHAKE_DONE frame. */
export const HANDSHAKE_DONE: HandshakeDoneFrame = { type: 'handshake_done' };

/** Encodes PING. */
export function encodePingFrame(w: Writer): void {
  w.u8(FrameType.PING);
}

/** Encodes HANDSHAKE_DONE. */
export function encodeHandshakeDoneFrame(w: Writer): void {
  w.u8(FrameType.HANDSHAKE_DONE);
}
