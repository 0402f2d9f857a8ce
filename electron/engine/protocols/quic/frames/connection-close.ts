/**
 * CONNECTION_CLOSE (RFC 9000 §19.19): type 0x1c (transport) has Error Code (i), Frame Type (i),
 * Reason Phrase Length (i), Reason Phrase; type 0x1d (application) has no Frame Type.
 */
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { FrameType, type ApplicationCloseFrame, type ConnectionCloseFrame } from './types';

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const utf8Encoder = new TextEncoder();

/** Decodes CONNECTION_CLOSE 0x1c or 0x1d. */
export function decodeConnectionCloseFrame(r: Reader, frameType: number): ConnectionCloseFrame | ApplicationCloseFrame {
  const errorCode = r.varintBig('Error Code');
  const triggering = frameType === FrameType.CONNECTION_CLOSE ? r.varintBig('Frame Type') : 0n;
  const length = r.varint('Reason Phrase Length');
  const reason = utf8Decoder.decode(r.bytesView(length, 'Reason Phrase'));
  return frameType === FrameType.CONNECTION_CLOSE
    ? { type: 'connection_close', errorCode, frameType: triggering, reason }
    : { type: 'application_close', errorCode, reason };
}

/** Encodes CONNECTION_CLOSE 0x1c or 0x1d (the reason as UTF-8). */
export function encodeConnectionCloseFrame(w: Writer, f: ConnectionCloseFrame | ApplicationCloseFrame): void {
  const reason = utf8Encoder.encode(f.reason);
  if (f.type === 'connection_close') w.u8(FrameType.CONNECTION_CLOSE).varint(f.errorCode).varint(f.frameType);
  else w.u8(FrameType.CONNECTION_CLOSE_APPLICATION).varint(f.errorCode);
  w.varint(reason.length).bytes(reason);
}
