/**
 * STREAM (RFC 9000 §19.8), types 0x08..0x0f: Stream ID (i), [Offset (i)] if OFF (0x04),
 * [Length (i)] if LEN (0x02), Stream Data; FIN (0x01) marks the end of the stream.
 */
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { frameTypeCode, type StreamFrame } from './types';

/** Decodes a STREAM body; without LEN the data runs to the end of the reader (the packet). */
export function decodeStreamFrame(r: Reader, frameType: number): StreamFrame {
  const streamId = r.varint('Stream ID');
  const offset = frameType & 0x04 ? r.varint('Offset') : 0;
  const hasLength = (frameType & 0x02) !== 0;
  const length = hasLength ? r.varint('Length') : r.remaining;
  return { type: 'stream', streamId, offset, data: r.bytesCopy(length, 'Stream Data'), fin: (frameType & 0x01) !== 0, hasLength };
}

/** Encodes STREAM (OFF set when offset ≠ 0). A frame with hasLength false must be the last in its packet. */
export function encodeStreamFrame(w: Writer, f: StreamFrame): void {
  w.u8(frameTypeCode(f)).varint(f.streamId);
  if (f.offset !== 0) w.varint(f.offset);
  if (f.hasLength) w.varint(f.data.length);
  w.bytes(f.data);
}
