/**
 * Frame dispatch (RFC 9113 §4.1, §6): `decodeFrame(reader, maxFrameSize)` and `encodeFrame(writer, frame)`.
 *
 * decodeFrame never throws on input: it returns the decoded frame (reader moved past it), NeedMore (reader
 * unchanged) when the bytes end inside the frame, or MalformedFrame with a typed H2Error (stream or connection
 * scope, the right code, blamed on the peer). A frame longer than maxFrameSize is reported as soon as its header
 * is in, without its payload (§4.2); every other malformed frame is consumed whole.
 */
import type { FieldSpan } from '../../../../../shared/events';
import { ErrorCode, H2Error, H2UsageError, NeedMore, connectionError } from '../errors';
import { decodeContinuation, encodeContinuation } from './continuation';
import { decodeData, encodeData } from './data';
import { decodeGoaway, encodeGoaway } from './goaway';
import { decodeHeaders, encodeHeaders } from './headers';
import { decodePing, encodePing } from './ping';
import { decodePriority, encodePriority } from './priority';
import { decodePriorityUpdate, encodePriorityUpdate } from './priority-update';
import { decodePushPromise, encodePushPromise } from './push-promise';
import { decodeRstStream, encodeRstStream } from './rst-stream';
import { MAX_MAX_FRAME_SIZE, decodeSettings, encodeSettings } from './settings';
import { FRAME_HEADER_LENGTH, FrameType, frameStreamId, frameTypeCode, type DecodedFrame, type Frame, type FrameHeader } from './types';
import { ByteWriter, FrameReader, MAX_31, PAYLOAD, checkRange, readU24, readU32, type PayloadContext } from './wire';
import { decodeWindowUpdate, encodeWindowUpdate } from './window-update';

/** A frame that could not be decoded: the error, its header, and its bytes when they were consumed. */
export class MalformedFrame {
  /** @param error what is wrong  @param header the frame header  @param raw the whole frame, or null when not consumed */
  constructor(
    readonly error: H2Error,
    readonly header: FrameHeader,
    readonly raw: Uint8Array | null,
  ) {}
}

/** What decodeFrame returns. */
export type DecodeResult = DecodedFrame | NeedMore | MalformedFrame;

/** Reads the 9-octet frame header at `off` (§4.1); the reserved bit of the stream id is ignored. */
export function readFrameHeader(bytes: Uint8Array, off: number): FrameHeader {
  return { length: readU24(bytes, off), type: bytes[off + 3]!, flags: bytes[off + 4]!, streamId: readU32(bytes, off + 5) % 0x80000000 };
}

const HEADER_SPANS: readonly FieldSpan[] = [
  { path: 'length', start: 0, end: 3 },
  { path: 'type', start: 3, end: 4 },
  { path: 'flags', start: 4, end: 5 },
  { path: 'stream', start: 5, end: 9 },
];

/**
 * Decodes one frame at the reader's position. `maxFrameSize` is the SETTINGS_MAX_FRAME_SIZE this side
 * advertised (§4.2, §6.5.2); a longer frame is a FRAME_SIZE_ERROR connection error.
 */
export function decodeFrame(reader: FrameReader, maxFrameSize: number): DecodeResult {
  if (reader.remaining < FRAME_HEADER_LENGTH) return new NeedMore(FRAME_HEADER_LENGTH - reader.remaining);
  const header = readFrameHeader(reader.bytes, reader.pos);
  if (header.length > maxFrameSize) {
    // §4.2: checked before the payload arrives; a connection error (we cannot tell what the frame would alter).
    const error = connectionError(ErrorCode.FRAME_SIZE_ERROR, `frame of ${header.length} octets is over the maximum of ${maxFrameSize}`, header.type);
    return new MalformedFrame(error, header, null);
  }
  const total = FRAME_HEADER_LENGTH + header.length;
  if (reader.remaining < total) return new NeedMore(total - reader.remaining);
  const raw = reader.bytes.slice(reader.pos, reader.pos + total);
  reader.pos += total;
  const spans: FieldSpan[] = [...HEADER_SPANS];
  if (header.length > 0) spans.push({ path: 'payload', start: PAYLOAD, end: total });
  const ctx: PayloadContext = { header, raw, spans };
  try {
    return { frame: decodePayload(ctx), header, raw, spans };
  } catch (e) {
    const error = e instanceof H2Error ? e : connectionError(ErrorCode.INTERNAL_ERROR, `decoder failure: ${e instanceof Error ? e.message : String(e)}`);
    return new MalformedFrame(error.withFrameType(header.type), header, raw);
  }
}

function decodePayload(ctx: PayloadContext): Frame {
  const { header, raw } = ctx;
  switch (header.type) {
    case FrameType.DATA:
      return decodeData(ctx);
    case FrameType.HEADERS:
      return decodeHeaders(ctx);
    case FrameType.PRIORITY:
      return decodePriority(ctx);
    case FrameType.RST_STREAM:
      return decodeRstStream(ctx);
    case FrameType.SETTINGS:
      return decodeSettings(ctx);
    case FrameType.PUSH_PROMISE:
      return decodePushPromise(ctx);
    case FrameType.PING:
      return decodePing(ctx);
    case FrameType.GOAWAY:
      return decodeGoaway(ctx);
    case FrameType.WINDOW_UPDATE:
      return decodeWindowUpdate(ctx);
    case FrameType.CONTINUATION:
      return decodeContinuation(ctx);
    case FrameType.PRIORITY_UPDATE:
      return decodePriorityUpdate(ctx);
    default:
      // §4.1, §5.5: unknown types are ignored (shown, not acted on)
      return { type: 'unknown', frameType: header.type, flags: header.flags, streamId: header.streamId, payload: raw.subarray(PAYLOAD) };
  }
}

/**
 * Encodes one frame, header included. Values are not checked against protocol rules (frame scripts send
 * illegal frames on purpose); only what cannot be represented (a payload over 2^24-1, a field out of its bit
 * width) throws H2UsageError.
 */
export function encodeFrame(w: ByteWriter, frame: Frame): void {
  const start = w.length;
  for (let i = 0; i < FRAME_HEADER_LENGTH; i++) w.u8(0);
  const flags = encodePayload(w, frame);
  const length = w.length - start - FRAME_HEADER_LENGTH;
  if (length > MAX_MAX_FRAME_SIZE) throw new H2UsageError(`frame payload of ${length} octets is over 2^24-1`);
  const streamId = frameStreamId(frame);
  checkRange(streamId, 0, MAX_31, 'stream id');
  const b = w.raw;
  b[start] = length >>> 16;
  b[start + 1] = (length >>> 8) & 0xff;
  b[start + 2] = length & 0xff;
  b[start + 3] = frameTypeCode(frame);
  b[start + 4] = flags;
  b[start + 5] = streamId >>> 24;
  b[start + 6] = (streamId >>> 16) & 0xff;
  b[start + 7] = (streamId >>> 8) & 0xff;
  b[start + 8] = streamId & 0xff;
}

function encodePayload(w: ByteWriter, f: Frame): number {
  switch (f.type) {
    case 'DATA':
      return encodeData(w, f);
    case 'HEADERS':
      return encodeHeaders(w, f);
    case 'PRIORITY':
      return encodePriority(w, f);
    case 'RST_STREAM':
      return encodeRstStream(w, f);
    case 'SETTINGS':
      return encodeSettings(w, f);
    case 'PUSH_PROMISE':
      return encodePushPromise(w, f);
    case 'PING':
      return encodePing(w, f);
    case 'GOAWAY':
      return encodeGoaway(w, f);
    case 'WINDOW_UPDATE':
      return encodeWindowUpdate(w, f);
    case 'CONTINUATION':
      return encodeContinuation(w, f);
    case 'PRIORITY_UPDATE':
      return encodePriorityUpdate(w, f);
    case 'unknown':
      checkRange(f.frameType, 0, 0xff, 'frame type');
      checkRange(f.flags, 0, 0xff, 'flags');
      w.bytes(f.payload);
      return f.flags;
    default:
      return assertNever(f);
  }
}

function assertNever(f: never): never {
  throw new H2UsageError(`unknown frame ${JSON.stringify(f)}`);
}

/** Encodes one frame to a fresh byte array. */
export function encodeFrameBytes(frame: Frame): Uint8Array {
  const w = new ByteWriter(FRAME_HEADER_LENGTH + 64);
  encodeFrame(w, frame);
  return w.finish();
}

/**
 * Decodes the bytes of exactly one whole frame (e.g. one we just encoded) for its spans, whatever its size:
 * a DecodedFrame, or MalformedFrame for an illegal one (then only the header spans are known).
 */
export function inspectFrame(raw: Uint8Array): DecodedFrame | MalformedFrame {
  const r = decodeFrame(new FrameReader(raw), MAX_MAX_FRAME_SIZE);
  if (r instanceof NeedMore) throw new H2UsageError('inspectFrame needs one whole frame');
  return r;
}

/** The header spans of any frame (length, type, flags, stream) and its payload span. */
export function headerSpans(length: number): FieldSpan[] {
  return length > 0 ? [...HEADER_SPANS, { path: 'payload', start: PAYLOAD, end: PAYLOAD + length }] : [...HEADER_SPANS];
}
