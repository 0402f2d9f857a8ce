/**
 * Data of the HTTP/2 and HPACK events (`h2:*`, `hpack:*`; RFC 9113, RFC 7541).
 */
import type { HeaderField } from '../events';

/** The HTTP/2 frame types by name (RFC 9113 §6, RFC 9218 §7.1); 'UNKNOWN' for extension types. */
export type H2FrameTypeName =
  | 'DATA'
  | 'HEADERS'
  | 'PRIORITY'
  | 'RST_STREAM'
  | 'SETTINGS'
  | 'PUSH_PROMISE'
  | 'PING'
  | 'GOAWAY'
  | 'WINDOW_UPDATE'
  | 'CONTINUATION'
  | 'PRIORITY_UPDATE'
  | 'UNKNOWN';

/** How one representation of an HPACK header block was encoded (RFC 7541 §6). */
export interface HpackFieldData {
  readonly representation: 'indexed' | 'literal-incremental' | 'literal-without-indexing' | 'literal-never-indexed' | 'size-update';
  /** The field (absent for size updates). */
  readonly name?: string;
  readonly value?: string;
  /** The table index: of the field for 'indexed', of the name for literals with an indexed name. */
  readonly index?: number;
  /** Which table `index` points into. */
  readonly table?: 'static' | 'dynamic';
  /** Whether a literal name / value was Huffman coded (absent where there is no literal). */
  readonly nameHuffman?: boolean;
  readonly valueHuffman?: boolean;
  /** The new maximum size, for a size update (RFC 7541 §6.3). */
  readonly maxSize?: number;
  /** Byte range [start, end) of the representation within the whole header block. */
  readonly start: number;
  readonly end: number;
}

/** One setting of a SETTINGS frame (RFC 9113 §6.5.1), e.g. { id: 4, name: 'INITIAL_WINDOW_SIZE', value: 65535 }. */
export interface H2SettingData {
  readonly id: number;
  readonly name: string;
  readonly value: number;
}

/** Data of `h2:preface`: the client connection preface, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" (RFC 9113 §3.4). */
export interface H2PrefaceData {
  readonly length: number;
}

/**
 * Data of `h2:frame`: one HTTP/2 frame sent or received (`dir`), decoded. Only the fields of its type are set.
 * For a header block (HEADERS / PUSH_PROMISE + CONTINUATION), `headers` and `hpack` are on the frame that ends it.
 */
export interface H2FrameData {
  readonly type: H2FrameTypeName;
  /** The type code on the wire (useful for UNKNOWN). */
  readonly frameType: number;
  /** Flag names set, e.g. ['END_STREAM', 'END_HEADERS']; undefined bits as '0x40'. */
  readonly flags: readonly string[];
  /** Payload length (RFC 9113 §4.1). */
  readonly length: number;
  readonly streamId: number;
  /** Pad Length, when the PADDED flag is set. */
  readonly padLength?: number;
  /** DATA: octets of data (without padding). */
  readonly dataLength?: number;
  /** HEADERS (PRIORITY flag) and PRIORITY: the deprecated stream dependency (RFC 9113 §5.3.2). */
  readonly priority?: { readonly exclusive: boolean; readonly dependency: number; readonly weight: number };
  /** SETTINGS. */
  readonly settings?: readonly H2SettingData[];
  /** RST_STREAM and GOAWAY: the error code, and its name (RFC 9113 §7). */
  readonly errorCode?: number;
  readonly errorName?: string;
  /** GOAWAY. */
  readonly lastStreamId?: number;
  /** GOAWAY debug data as text (Latin-1). */
  readonly debugData?: string;
  /** PING opaque data, hex. */
  readonly opaque?: string;
  /** WINDOW_UPDATE. */
  readonly increment?: number;
  /** PUSH_PROMISE. */
  readonly promisedStreamId?: number;
  /** PRIORITY_UPDATE (RFC 9218 §7.1). */
  readonly prioritizedStreamId?: number;
  readonly priorityFieldValue?: string;
  /** HEADERS / PUSH_PROMISE / CONTINUATION: octets of field block fragment in this frame. */
  readonly headerBlockLength?: number;
  /** The decoded header list, on the frame that completes the block. */
  readonly headers?: readonly HeaderField[];
  /** Each representation of the block, on the frame that completes it. */
  readonly hpack?: readonly HpackFieldData[];
  /** Why the frame could not be decoded, when it could not (the error follows as `h2:error`). */
  readonly malformed?: string;
}

/** An HPACK dynamic table entry as shown (RFC 7541 §2.3.2): its index at that moment, 62 the newest. */
export interface HpackEntryData {
  readonly index: number;
  readonly name: string;
  readonly value: string;
  readonly size: number;
}

/**
 * Data of `hpack:table_updated`: a dynamic table after a header block changed it. With `dir` 'sent' it is the
 * encoder's table (ours), with 'received' the decoder's (mirroring the peer's encoder).
 */
export interface HpackTableUpdatedData {
  readonly entries: readonly HpackEntryData[];
  /** Sum of entry sizes (RFC 7541 §4.1). */
  readonly size: number;
  readonly maxSize: number;
  readonly inserted: readonly { readonly name: string; readonly value: string; readonly size: number }[];
  readonly evicted: readonly { readonly name: string; readonly value: string; readonly size: number }[];
}

/** The stream states of RFC 9113 §5.1. */
export type H2StreamStateName = 'idle' | 'reserved_local' | 'reserved_remote' | 'open' | 'half_closed_local' | 'half_closed_remote' | 'closed';

/** Data of `h2:stream_state`: a stream moved along the RFC 9113 §5.1 diagram. */
export interface H2StreamStateData {
  readonly from: H2StreamStateName;
  readonly to: H2StreamStateName;
  /** What moved it, e.g. "sent HEADERS", "received END_STREAM", "received RST_STREAM". */
  readonly cause: string;
}

/** Data of `h2:flow_window`: a flow-control window after a change (RFC 9113 §5.2, §6.9). */
export interface H2FlowWindowData {
  readonly scope: 'connection' | 'stream';
  /** 'send': how much this end may send; 'receive': how much the peer may send to it. */
  readonly side: 'send' | 'receive';
  /** The window now (a send window may be negative, RFC 9113 §6.9.2). */
  readonly window: number;
  readonly delta: number;
  readonly cause: string;
}

/** Data of `h2:settings_applied`: settings that took effect, ours (when acknowledged) or the peer's (on receipt). */
export interface H2SettingsAppliedData {
  readonly side: 'local' | 'remote';
  readonly settings: readonly H2SettingData[];
}

/** Data of `h2:error`: an HTTP/2 error (RFC 9113 §5.4, §7) and who caused it. */
export interface H2ErrorData {
  /** The error code's name, e.g. 'PROTOCOL_ERROR'. */
  readonly code: string;
  readonly codeNumber: number;
  /** A connection error ends with GOAWAY, a stream error with RST_STREAM. */
  readonly scope: 'connection' | 'stream';
  readonly initiator: 'local' | 'remote';
  readonly reason: string;
  /** The frame type that caused it, when known. */
  readonly frameType?: string;
}
