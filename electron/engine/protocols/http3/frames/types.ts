/**
 * HTTP/3 frames (RFC 9114 §7.2, RFC 9218 §7.2) as readonly discriminated unions. Every frame is a type varint, a
 * length varint and a payload (§7.1). Reserved (grease) types 0x1f*N+0x21 (§7.2.8) and types this code does not
 * know are kept with their payload so they can be shown; HTTP/2's types with no HTTP/3 meaning (0x02 PRIORITY,
 * 0x06 PING, 0x08 WINDOW_UPDATE, 0x09 CONTINUATION) are marked so the connection can reject them (§7.2.8).
 */

/** Frame type codes (§7.2, §11.2.1; RFC 9218 §7.2). */
export const H3FrameType = {
  DATA: 0x00,
  HEADERS: 0x01,
  CANCEL_PUSH: 0x03,
  SETTINGS: 0x04,
  PUSH_PROMISE: 0x05,
  GOAWAY: 0x07,
  MAX_PUSH_ID: 0x0d,
  /** RFC 9218 §7.2: PRIORITY_UPDATE for a request stream. */
  PRIORITY_UPDATE_REQUEST: 0xf0700,
  /** RFC 9218 §7.2: PRIORITY_UPDATE for a push. */
  PRIORITY_UPDATE_PUSH: 0xf0701,
} as const;

/** HTTP/2 frame types reserved in HTTP/3 (§7.2.8, §11.2.1): receiving one is H3_FRAME_UNEXPECTED. */
export const HTTP2_RESERVED_FRAME_TYPES: ReadonlyMap<number, string> = new Map([
  [0x02, 'PRIORITY'],
  [0x06, 'PING'],
  [0x08, 'WINDOW_UPDATE'],
  [0x09, 'CONTINUATION'],
]);

/** Whether a type code is of the reserved form 0x1f*N+0x21 (§7.2.8 frames, §6.2.3 streams, §7.2.4.1 settings, §8.1 codes). */
export function isReservedCode(code: number | bigint): boolean {
  const big = typeof code === 'bigint' ? code : Number.isSafeInteger(code) && code >= 0 ? BigInt(code) : -1n;
  return big >= 0x21n && (big - 0x21n) % 0x1fn === 0n;
}

/** The N-th reserved code 0x1f*N+0x21. */
export function reservedCode(n: number): number {
  return 0x1f * n + 0x21;
}

/** One setting (§7.2.4): an identifier and a value, both varints. */
export interface H3Setting {
  readonly id: number;
  readonly value: number;
}

/** DATA (§7.2.1): content bytes. */
export interface DataFrame {
  readonly type: 'DATA';
  readonly data: Uint8Array;
}

/** HEADERS (§7.2.2): a QPACK-encoded field section. */
export interface HeadersFrame {
  readonly type: 'HEADERS';
  readonly fieldSection: Uint8Array;
}

/** CANCEL_PUSH (§7.2.3): a push id. */
export interface CancelPushFrame {
  readonly type: 'CANCEL_PUSH';
  readonly pushId: number;
}

/** SETTINGS (§7.2.4): identifier/value pairs, in order (duplicates kept so the connection can reject them). */
export interface SettingsFrame {
  readonly type: 'SETTINGS';
  readonly settings: readonly H3Setting[];
}

/** PUSH_PROMISE (§7.2.5): a push id and the promised request's encoded field section. */
export interface PushPromiseFrame {
  readonly type: 'PUSH_PROMISE';
  readonly pushId: number;
  readonly fieldSection: Uint8Array;
}

/** GOAWAY (§7.2.6): a client-initiated bidirectional stream id (from a server) or a push id (from a client). */
export interface GoawayFrame {
  readonly type: 'GOAWAY';
  readonly id: number;
}

/** MAX_PUSH_ID (§7.2.7): the largest push id the client accepts. */
export interface MaxPushIdFrame {
  readonly type: 'MAX_PUSH_ID';
  readonly pushId: number;
}

/** PRIORITY_UPDATE (RFC 9218 §7.2): a request stream id or push id, and a Priority Field Value such as "u=1, i". */
export interface PriorityUpdateFrame {
  readonly type: 'PRIORITY_UPDATE';
  readonly element: 'request' | 'push';
  readonly elementId: number;
  readonly priorityFieldValue: string;
}

/** Why a frame type is unknown here: a reserved grease type, an HTTP/2-only type, or simply unknown. */
export type UnknownFrameKind = 'reserved' | 'http2' | 'unknown';

/** A frame of a reserved, HTTP/2-only or unknown type (§7.2.8, §9): kept as bytes to be shown. */
export interface UnknownFrame {
  readonly type: 'UNKNOWN';
  /** The type code on the wire (inexact above 2^53). */
  readonly typeCode: number;
  readonly kind: UnknownFrameKind;
  readonly payload: Uint8Array;
}

/** Any HTTP/3 frame. */
export type H3Frame =
  | DataFrame
  | HeadersFrame
  | CancelPushFrame
  | SettingsFrame
  | PushPromiseFrame
  | GoawayFrame
  | MaxPushIdFrame
  | PriorityUpdateFrame
  | UnknownFrame;

/** The name of a frame's type. */
export type H3FrameTypeName = H3Frame['type'];

/** The type code of a frame. */
export function frameTypeCode(frame: H3Frame): number {
  switch (frame.type) {
    case 'DATA':
      return H3FrameType.DATA;
    case 'HEADERS':
      return H3FrameType.HEADERS;
    case 'CANCEL_PUSH':
      return H3FrameType.CANCEL_PUSH;
    case 'SETTINGS':
      return H3FrameType.SETTINGS;
    case 'PUSH_PROMISE':
      return H3FrameType.PUSH_PROMISE;
    case 'GOAWAY':
      return H3FrameType.GOAWAY;
    case 'MAX_PUSH_ID':
      return H3FrameType.MAX_PUSH_ID;
    case 'PRIORITY_UPDATE':
      return frame.element === 'request' ? H3FrameType.PRIORITY_UPDATE_REQUEST : H3FrameType.PRIORITY_UPDATE_PUSH;
    case 'UNKNOWN':
      return frame.typeCode;
  }
}

/** A readable name for a type code: "HEADERS", "PRIORITY_UPDATE(push)", "reserved(0x21)", "http2 PING(0x6)", "0xab". */
export function frameTypeName(code: number): string {
  for (const [name, value] of Object.entries(H3FrameType)) {
    if (value === code) return name.startsWith('PRIORITY_UPDATE') ? `PRIORITY_UPDATE(${name.endsWith('PUSH') ? 'push' : 'request'})` : name;
  }
  const h2 = HTTP2_RESERVED_FRAME_TYPES.get(code);
  if (h2) return `http2 ${h2}(0x${code.toString(16)})`;
  if (isReservedCode(code)) return `reserved(0x${code.toString(16)})`;
  return `0x${code.toString(16)}`;
}

/** A byte range [start, end) of a decoded field within a frame's bytes; `path` names the field, e.g. "push_id". */
export interface FrameSpan {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** A whole decoded frame with where its parts sat in `raw`. */
export interface DecodedFrame {
  readonly frame: H3Frame;
  /** The type code on the wire (inexact above 2^53). */
  readonly typeCode: number;
  /** The frame's bytes exactly as on the wire (type, length, payload). */
  readonly raw: Uint8Array;
  /** Bytes of the type and length varints: the payload starts here in raw. */
  readonly headerLength: number;
  /** Field spans within raw. */
  readonly spans: readonly FrameSpan[];
}
