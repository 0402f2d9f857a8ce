/**
 * HTTP/2 frames (RFC 9113 §4, §6; RFC 9218 §7.1) as readonly discriminated unions on `type`. Byte fields are
 * views into the frame's raw bytes when decoded. `padLength` is present only on frames sent with the PADDED flag.
 */
import type { FieldSpan } from '../../../../../shared/events';

/** Frame type codes (RFC 9113 §6, RFC 9218 §7.1). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
  PRIORITY_UPDATE: 0x10,
} as const;

/** The name of a known frame type. */
export type FrameTypeName = keyof typeof FrameType;

const TYPE_NAMES = new Map<number, FrameTypeName>(Object.entries(FrameType).map(([k, v]) => [v, k as FrameTypeName]));

/** "HEADERS" for 1, "UNKNOWN(0x2a)" for a type this version does not know. */
export function frameTypeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `UNKNOWN(0x${type.toString(16)})`;
}

/** The known frame type of a code, or undefined. */
export function knownFrameType(type: number): FrameTypeName | undefined {
  return TYPE_NAMES.get(type);
}

/** Flag bits (RFC 9113 §6). The same bit means different things per type. */
export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** Which flags each known type defines (§6); other bits are unused and ignored on receipt (§4.1). */
const FLAGS_OF: Readonly<Record<FrameTypeName, ReadonlyArray<readonly [string, number]>>> = {
  DATA: [['END_STREAM', 0x1], ['PADDED', 0x8]],
  HEADERS: [['END_STREAM', 0x1], ['END_HEADERS', 0x4], ['PADDED', 0x8], ['PRIORITY', 0x20]],
  PRIORITY: [],
  RST_STREAM: [],
  SETTINGS: [['ACK', 0x1]],
  PUSH_PROMISE: [['END_HEADERS', 0x4], ['PADDED', 0x8]],
  PING: [['ACK', 0x1]],
  GOAWAY: [],
  WINDOW_UPDATE: [],
  CONTINUATION: [['END_HEADERS', 0x4]],
  PRIORITY_UPDATE: [],
};

/** Flag names set in `flags` for a frame type; undefined bits show as "0x40". */
export function flagNames(type: number, flags: number): string[] {
  const known = knownFrameType(type);
  const defs = known ? FLAGS_OF[known] : [];
  const out: string[] = [];
  let rest = flags;
  for (const [name, bit] of defs) {
    if (flags & bit) {
      out.push(name);
      rest &= ~bit;
    }
  }
  for (let bit = 1; bit < 0x100; bit <<= 1) if (rest & bit) out.push(`0x${bit.toString(16)}`);
  return out;
}

/** The 9-octet frame header (RFC 9113 §4.1). */
export interface FrameHeader {
  /** Payload length, 24 bits. */
  readonly length: number;
  readonly type: number;
  readonly flags: number;
  /** 31-bit stream identifier; the reserved bit is dropped (§4.1). */
  readonly streamId: number;
}

/** Size of the frame header in octets (§4.1). */
export const FRAME_HEADER_LENGTH = 9;

/** Stream dependency fields of HEADERS (PRIORITY flag) and PRIORITY frames (RFC 9113 §6.2, §6.3; deprecated §5.3.2). */
export interface PriorityFields {
  readonly exclusive: boolean;
  readonly dependency: number;
  /** 1..256 (the wire carries weight - 1). */
  readonly weight: number;
}

/** DATA (§6.1). */
export interface DataFrame {
  readonly type: 'DATA';
  readonly streamId: number;
  readonly endStream: boolean;
  readonly data: Uint8Array;
  readonly padLength?: number;
}

/** HEADERS (§6.2), with the deprecated priority fields when the PRIORITY flag is set. */
export interface HeadersFrame {
  readonly type: 'HEADERS';
  readonly streamId: number;
  readonly endStream: boolean;
  readonly endHeaders: boolean;
  readonly priority?: PriorityFields;
  /** The field block fragment (§4.3). */
  readonly headerBlock: Uint8Array;
  readonly padLength?: number;
}

/** PRIORITY (§6.3). */
export interface PriorityFrame extends PriorityFields {
  readonly type: 'PRIORITY';
  readonly streamId: number;
}

/** RST_STREAM (§6.4). */
export interface RstStreamFrame {
  readonly type: 'RST_STREAM';
  readonly streamId: number;
  readonly errorCode: number;
}

/** One setting of a SETTINGS frame (§6.5.1). */
export interface Setting {
  readonly id: number;
  readonly value: number;
}

/** SETTINGS (§6.5), always on stream 0. */
export interface SettingsFrame {
  readonly type: 'SETTINGS';
  readonly ack: boolean;
  readonly settings: readonly Setting[];
}

/** PUSH_PROMISE (§6.6). */
export interface PushPromiseFrame {
  readonly type: 'PUSH_PROMISE';
  readonly streamId: number;
  readonly promisedStreamId: number;
  readonly endHeaders: boolean;
  readonly headerBlock: Uint8Array;
  readonly padLength?: number;
}

/** PING (§6.7), on stream 0, 8 opaque octets. */
export interface PingFrame {
  readonly type: 'PING';
  readonly ack: boolean;
  readonly opaque: Uint8Array;
}

/** GOAWAY (§6.8), on stream 0. */
export interface GoawayFrame {
  readonly type: 'GOAWAY';
  readonly lastStreamId: number;
  readonly errorCode: number;
  readonly debugData: Uint8Array;
}

/** WINDOW_UPDATE (§6.9); stream 0 is the connection window. */
export interface WindowUpdateFrame {
  readonly type: 'WINDOW_UPDATE';
  readonly streamId: number;
  readonly increment: number;
}

/** CONTINUATION (§6.10). */
export interface ContinuationFrame {
  readonly type: 'CONTINUATION';
  readonly streamId: number;
  readonly endHeaders: boolean;
  readonly headerBlock: Uint8Array;
}

/** PRIORITY_UPDATE (RFC 9218 §7.1), on stream 0: a Priority Field Value (§4) for another stream. */
export interface PriorityUpdateFrame {
  readonly type: 'PRIORITY_UPDATE';
  readonly prioritizedStreamId: number;
  /** ASCII text of a Structured Fields Dictionary, e.g. "u=1, i". */
  readonly priorityFieldValue: string;
}

/**
 * A frame of a type this version does not know (§4.1: ignored on receipt). Encoding one writes the header and
 * payload exactly as given, which also lets frame scripts send any bytes as any type, malformed on purpose.
 */
export interface UnknownFrame {
  readonly type: 'unknown';
  readonly frameType: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Uint8Array;
}

/** Any HTTP/2 frame. */
export type Frame =
  | DataFrame
  | HeadersFrame
  | PriorityFrame
  | RstStreamFrame
  | SettingsFrame
  | PushPromiseFrame
  | PingFrame
  | GoawayFrame
  | WindowUpdateFrame
  | ContinuationFrame
  | PriorityUpdateFrame
  | UnknownFrame;

/** A decoded frame with its header, its exact bytes on the wire and the byte range of each field in them. */
export interface DecodedFrame {
  readonly frame: Frame;
  readonly header: FrameHeader;
  /** The whole frame, header included, as it was on the wire (a copy, safe to keep). */
  readonly raw: Uint8Array;
  /** Field byte ranges within `raw`: 'length', 'type', 'flags', 'stream', 'payload', 'pad-length', ... */
  readonly spans: readonly FieldSpan[];
}

/** The stream a frame belongs to (0 for connection-level frames). */
export function frameStreamId(frame: Frame): number {
  switch (frame.type) {
    case 'SETTINGS':
    case 'PING':
    case 'GOAWAY':
    case 'PRIORITY_UPDATE':
      return 0;
    default:
      return frame.streamId;
  }
}

/** The type code of a frame. */
export function frameTypeCode(frame: Frame): number {
  return frame.type === 'unknown' ? frame.frameType : FrameType[frame.type];
}
