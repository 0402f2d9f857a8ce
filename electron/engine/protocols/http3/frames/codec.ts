/**
 * The HTTP/3 frame codec (RFC 9114 §7.1): type varint, length varint, payload. `decodeFrame` reads one whole frame
 * from a cursor (NeedMore when the bytes end inside it, H3_FRAME_ERROR when its payload does not hold exactly its
 * fields, H3_EXCESSIVE_LOAD over a size limit); `encodeFrame` writes one. Whether a frame is allowed on a stream
 * is the connection's business (see frame-rules.ts).
 */
import { NeedMore, Reader, UsageError, Writer } from '../../quic';
import { connectionError, H3ErrorCode } from '../errors';
import { decodeCancelPushPayload, encodeCancelPushPayload } from './cancel-push';
import { decodeDataPayload, encodeDataPayload } from './data';
import { decodeGoawayPayload, encodeGoawayPayload } from './goaway';
import { decodeHeadersPayload, encodeHeadersPayload } from './headers';
import { decodeMaxPushIdPayload, encodeMaxPushIdPayload } from './max-push-id';
import { PayloadCursor } from './payload';
import { decodePriorityUpdatePayload, encodePriorityUpdatePayload } from './priority-update';
import { decodePushPromisePayload, encodePushPromisePayload } from './push-promise';
import { decodeSettingsPayload, encodeSettingsPayload } from './settings';
import { frameTypeCode, frameTypeName, H3FrameType, type DecodedFrame, type H3Frame } from './types';
import { decodeUnknownPayload, encodeUnknownPayload } from './unknown';

/** The type and length of a frame (§7.1). */
export interface FrameHeader {
  /** The type code (exact as bigint in `typeBig`; `typeCode` is inexact above 2^53). */
  readonly typeCode: number;
  readonly typeBig: bigint;
  readonly length: number;
  /** Bytes of the two varints. */
  readonly headerLength: number;
}

/** Limits on what a frame may be. */
export interface FrameLimits {
  /** The largest payload accepted for a frame of this type code; default 1 MiB for everything. */
  readonly maxPayload?: (typeCode: number) => number;
}

const DEFAULT_MAX_PAYLOAD = 1 << 20;

/** Reads a frame's type and length from `bytes[start..]`: null when they are not all there yet. */
export function peekFrameHeader(bytes: Uint8Array, start = 0, end = bytes.length): FrameHeader | null {
  const r = new Reader(bytes, start, end);
  try {
    const typeBig = r.varintBig('frame type');
    const lengthBig = r.varintBig('frame length');
    const length = lengthBig > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(lengthBig);
    return { typeCode: Number(typeBig), typeBig, length, headerLength: r.offset - start };
  } catch (e) {
    if (e instanceof NeedMore) return null;
    throw e;
  }
}

/**
 * Decodes one whole frame at the reader's position and moves past it. Throws NeedMore (the reader is left where it
 * was) when the frame is not all there, H3Error when it is malformed or over `limits`.
 */
export function decodeFrame(reader: Reader, limits: FrameLimits = {}): DecodedFrame {
  const start = reader.offset;
  const header = peekFrameHeader(reader.bytes, start, reader.end);
  if (!header) throw new NeedMore(1, 'frame header');
  checkLength(header, limits);
  const total = header.headerLength + header.length;
  if (reader.remaining < total) throw new NeedMore(total - reader.remaining, `${frameTypeName(header.typeCode)} frame`);
  const raw = reader.bytesCopy(total, 'frame');
  return decodeFrameBytes(raw, header);
}

/** Throws H3_EXCESSIVE_LOAD when a frame's declared length is over the limit for its type. */
export function checkLength(header: FrameHeader, limits: FrameLimits): void {
  const max = limits.maxPayload ? limits.maxPayload(header.typeCode) : DEFAULT_MAX_PAYLOAD;
  if (header.length > max) {
    throw connectionError(
      H3ErrorCode.H3_EXCESSIVE_LOAD,
      `${frameTypeName(header.typeCode)} frame of ${header.length} bytes is over the limit of ${max}`,
      header.typeCode,
    );
  }
}

/** Decodes a frame whose bytes (header and the whole payload) are exactly `raw`. */
export function decodeFrameBytes(raw: Uint8Array, header: FrameHeader): DecodedFrame {
  const { headerLength, typeCode } = header;
  const name = frameTypeName(typeCode);
  const c = new PayloadCursor(raw, headerLength, raw.length, name, typeCode);
  const frame = decodePayload(c, header);
  const typeLength = lengthOfVarintAt(raw, 0);
  const spans = [
    { path: 'type', start: 0, end: typeLength },
    { path: 'length', start: typeLength, end: headerLength },
    ...c.spans,
  ];
  return { frame, typeCode, raw, headerLength, spans };
}

function decodePayload(c: PayloadCursor, header: FrameHeader): H3Frame {
  const big = header.typeBig;
  if (big > 0xffffffffn) return decodeUnknownPayload(c, big);
  switch (header.typeCode) {
    case H3FrameType.DATA:
      return decodeDataPayload(c);
    case H3FrameType.HEADERS:
      return decodeHeadersPayload(c);
    case H3FrameType.CANCEL_PUSH:
      return decodeCancelPushPayload(c);
    case H3FrameType.SETTINGS:
      return decodeSettingsPayload(c);
    case H3FrameType.PUSH_PROMISE:
      return decodePushPromisePayload(c);
    case H3FrameType.GOAWAY:
      return decodeGoawayPayload(c);
    case H3FrameType.MAX_PUSH_ID:
      return decodeMaxPushIdPayload(c);
    case H3FrameType.PRIORITY_UPDATE_REQUEST:
      return decodePriorityUpdatePayload(c, 'request');
    case H3FrameType.PRIORITY_UPDATE_PUSH:
      return decodePriorityUpdatePayload(c, 'push');
    default:
      return decodeUnknownPayload(c, big);
  }
}

function lengthOfVarintAt(bytes: Uint8Array, at: number): number {
  return 1 << (bytes[at]! >> 6);
}

/** Writes a frame: type, length, payload (§7.1). Throws UsageError for values a varint cannot hold. */
export function encodeFrame(w: Writer, frame: H3Frame): void {
  const payload = new Writer(frame.type === 'DATA' ? frame.data.length + 8 : 64);
  switch (frame.type) {
    case 'DATA':
      encodeDataPayload(payload, frame);
      break;
    case 'HEADERS':
      encodeHeadersPayload(payload, frame);
      break;
    case 'CANCEL_PUSH':
      encodeCancelPushPayload(payload, frame);
      break;
    case 'SETTINGS':
      encodeSettingsPayload(payload, frame);
      break;
    case 'PUSH_PROMISE':
      encodePushPromisePayload(payload, frame);
      break;
    case 'GOAWAY':
      encodeGoawayPayload(payload, frame);
      break;
    case 'MAX_PUSH_ID':
      encodeMaxPushIdPayload(payload, frame);
      break;
    case 'PRIORITY_UPDATE':
      encodePriorityUpdatePayload(payload, frame);
      break;
    case 'UNKNOWN':
      encodeUnknownPayload(payload, frame);
      break;
  }
  const typeCode = frameTypeCode(frame);
  if (!Number.isSafeInteger(typeCode) || typeCode < 0) throw new UsageError(`frame type ${typeCode} cannot be encoded`);
  w.varint(typeCode).varint(payload.length).bytes(payload.finish());
}

/** Encodes one frame to bytes, with its decoded form and spans (for frame_created events). */
export function encodeFrameDecoded(frame: H3Frame): DecodedFrame {
  const w = new Writer(frame.type === 'DATA' ? frame.data.length + 16 : 64);
  encodeFrame(w, frame);
  const raw = w.finish();
  const header = peekFrameHeader(raw)!;
  return decodeFrameBytes(raw, header);
}
