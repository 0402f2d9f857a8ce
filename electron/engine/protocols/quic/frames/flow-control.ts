/**
 * The flow-control family: MAX_DATA (RFC 9000 §19.9), MAX_STREAM_DATA (§19.10), MAX_STREAMS (§19.11),
 * DATA_BLOCKED (§19.12), STREAM_DATA_BLOCKED (§19.13), STREAMS_BLOCKED (§19.14).
 */
import { UsageError } from '../wire/errors';
import type { Reader } from '../wire/reader';
import type { Writer } from '../wire/writer';
import { frameEncodingError } from './frame-error';
import {
  FrameType,
  type DataBlockedFrame,
  type MaxDataFrame,
  type MaxStreamDataFrame,
  type MaxStreamsFrame,
  type StreamDataBlockedFrame,
  type StreamsBlockedFrame,
} from './types';

/** Stream counts cannot exceed 2^60: a stream ID is a 62-bit number (§19.11). */
export const MAX_STREAM_COUNT = 1n << 60n;

/** Decodes MAX_DATA: Maximum Data (i). */
export function decodeMaxDataFrame(r: Reader): MaxDataFrame {
  return { type: 'max_data', maximumData: r.varintBig('Maximum Data') };
}

/** Encodes MAX_DATA. */
export function encodeMaxDataFrame(w: Writer, f: MaxDataFrame): void {
  w.u8(FrameType.MAX_DATA).varint(f.maximumData);
}

/** Decodes MAX_STREAM_DATA: Stream ID (i), Maximum Stream Data (i). */
export function decodeMaxStreamDataFrame(r: Reader): MaxStreamDataFrame {
  const streamId = r.varint('Stream ID');
  return { type: 'max_stream_data', streamId, maximumStreamData: r.varintBig('Maximum Stream Data') };
}

/** Encodes MAX_STREAM_DATA. */
export function encodeMaxStreamDataFrame(w: Writer, f: MaxStreamDataFrame): void {
  w.u8(FrameType.MAX_STREAM_DATA).varint(f.streamId).varint(f.maximumStreamData);
}

function streamCount(r: Reader, frameType: number, what: string): bigint {
  const n = r.varintBig(what);
  // §19.11 / §19.14: a count above 2^60 is FRAME_ENCODING_ERROR
  if (n > MAX_STREAM_COUNT) throw frameEncodingError(frameType, `${what} ${n} exceeds 2^60`);
  return n;
}

/** Decodes MAX_STREAMS (0x12 bidi, 0x13 uni): Maximum Streams (i). */
export function decodeMaxStreamsFrame(r: Reader, frameType: number): MaxStreamsFrame {
  return { type: 'max_streams', bidirectional: frameType === FrameType.MAX_STREAMS_BIDI, maximumStreams: streamCount(r, frameType, 'Maximum Streams') };
}

/** Encodes MAX_STREAMS. */
export function encodeMaxStreamsFrame(w: Writer, f: MaxStreamsFrame): void {
  if (f.maximumStreams > MAX_STREAM_COUNT) throw new UsageError('MAX_STREAMS above 2^60');
  w.u8(f.bidirectional ? FrameType.MAX_STREAMS_BIDI : FrameType.MAX_STREAMS_UNI).varint(f.maximumStreams);
}

/** Decodes DATA_BLOCKED: Maximum Data (i). */
export function decodeDataBlockedFrame(r: Reader): DataBlockedFrame {
  return { type: 'data_blocked', maximumData: r.varintBig('Maximum Data') };
}

/** Encodes DATA_BLOCKED. */
export function encodeDataBlockedFrame(w: Writer, f: DataBlockedFrame): void {
  w.u8(FrameType.DATA_BLOCKED).varint(f.maximumData);
}

/** Decodes STREAM_DATA_BLOCKED: Stream ID (i), Maximum Stream Data (i). */
export function decodeStreamDataBlockedFrame(r: Reader): StreamDataBlockedFrame {
  const streamId = r.varint('Stream ID');
  return { type: 'stream_data_blocked', streamId, maximumStreamData: r.varintBig('Maximum Stream Data') };
}

/** Encodes STREAM_DATA_BLOCKED. */
export function encodeStreamDataBlockedFrame(w: Writer, f: StreamDataBlockedFrame): void {
  w.u8(FrameType.STREAM_DATA_BLOCKED).varint(f.streamId).varint(f.maximumStreamData);
}

/** Decodes STREAMS_BLOCKED (0x16 bidi, 0x17 uni): Maximum Streams (i). */
export function decodeStreamsBlockedFrame(r: Reader, frameType: number): StreamsBlockedFrame {
  return { type: 'streams_blocked', bidirectional: frameType === FrameType.STREAMS_BLOCKED_BIDI, maximumStreams: streamCount(r, frameType, 'Maximum Streams') };
}

/** Encodes STREAMS_BLOCKED. */
export function encodeStreamsBlockedFrame(w: Writer, f: StreamsBlockedFrame): void {
  if (f.maximumStreams > MAX_STREAM_COUNT) throw new UsageError('STREAMS_BLOCKED above 2^60');
  w.u8(f.bidirectional ? FrameType.STREAMS_BLOCKED_BIDI : FrameType.STREAMS_BLOCKED_UNI).varint(f.maximumStreams);
}
