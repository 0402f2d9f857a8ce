/**
 * Data of the HTTP/3 and QPACK events (`http3:*`, `qpack:*`; RFC 9114, RFC 9204).
 */
import type { HeaderField } from '../events';

/** How one field line of a QPACK field section was represented (RFC 9204 §4.5.2-§4.5.6). */
export interface QpackFieldData {
  readonly representation:
    | 'indexed'
    | 'indexed-post-base'
    | 'literal-with-name-reference'
    | 'literal-with-post-base-name-reference'
    | 'literal-with-literal-name';
  readonly name: string;
  readonly value: string;
  /** The table of an index or name reference (post-base references are always dynamic). */
  readonly table?: 'static' | 'dynamic';
  /** The index as on the wire: static index, relative index (§3.2.5) or post-base index (§3.2.6). */
  readonly index?: number;
  /** The absolute index (§3.2.4) of the dynamic entry used, when one was. */
  readonly absoluteIndex?: number;
  /** The N bit of a literal (§4.5.4): never to be inserted by an intermediary. */
  readonly neverIndex?: boolean;
  readonly nameHuffman?: boolean;
  readonly valueHuffman?: boolean;
  /** Byte range [start, end) of the representation within the encoded field section. */
  readonly start: number;
  readonly end: number;
}

/** HTTP/3 frame types as qlog names them (RFC 9114 §7.2, RFC 9218 §7.2). */
export type H3FrameTypeName =
  | 'data'
  | 'headers'
  | 'cancel_push'
  | 'settings'
  | 'push_promise'
  | 'goaway'
  | 'max_push_id'
  | 'priority_update'
  | 'reserved'
  | 'unknown';

/** One setting of an HTTP/3 SETTINGS frame (RFC 9114 §7.2.4.1), e.g. { id: 1, name: 'QPACK_MAX_TABLE_CAPACITY', value: 4096 }. */
export interface H3SettingData {
  readonly id: number;
  readonly name: string;
  readonly value: number;
}

/**
 * Data of `http3:frame_created` and `http3:frame_parsed`: one HTTP/3 frame (RFC 9114 §7) written to or read from a
 * stream (`raw`: type, length and payload). Only the fields of its type are set.
 */
export interface H3FrameData {
  readonly frame_type: H3FrameTypeName;
  /** The type code on the wire (useful for reserved and unknown types). */
  readonly type_code: number;
  /** Payload length (§7.1). */
  readonly length: number;
  readonly stream_id: number;
  /** HEADERS / PUSH_PROMISE: the decoded field section (absent while QPACK-blocked). */
  readonly headers?: readonly HeaderField[];
  /** HEADERS / PUSH_PROMISE: how each field line was represented. */
  readonly qpack?: readonly QpackFieldData[];
  readonly required_insert_count?: number;
  readonly base?: number;
  /** HEADERS / PUSH_PROMISE received: the section waits for encoder stream data (RFC 9204 §2.2.1). */
  readonly blocked?: boolean;
  /** HEADERS: the section is an informational response, a response, request or trailers. */
  readonly role?: string;
  readonly settings?: readonly H3SettingData[];
  /** CANCEL_PUSH, PUSH_PROMISE, MAX_PUSH_ID. */
  readonly push_id?: number;
  /** GOAWAY: a stream id (from a server) or push id (from a client). */
  readonly id?: number;
  /** PRIORITY_UPDATE (RFC 9218 §7.2). */
  readonly prioritized_element_type?: 'request' | 'push';
  readonly prioritized_element_id?: number;
  readonly priority_field_value?: string;
  /** An HTTP/2 frame type with no HTTP/3 meaning (§7.2.8), e.g. 'PING'. */
  readonly http2_type?: string;
  /** A large DATA or unknown frame reported at its header; `raw` holds the header only. */
  readonly streamed?: boolean;
}

/** Data of `http3:stream_type_set`: what a stream is (RFC 9114 §6), from its first bytes or from who opened it. */
export interface H3StreamTypeSetData {
  readonly stream_id: number;
  /** 'local': we opened it; 'remote': the peer did. */
  readonly owner: 'local' | 'remote';
  /** qlog's names: 'control', 'push', 'qpack_encode', 'qpack_decode', 'request', 'reserved', 'unknown'. */
  readonly stream_type: string;
  /** The unidirectional stream type code (§6.2). */
  readonly type_code?: number;
  /** Push streams: the push id after the type. */
  readonly push_id?: number;
  /** Set when the stream is refused or ignored, e.g. 'ignored (reserved type)' or 'STOP_SENDING H3_STREAM_CREATION_ERROR'. */
  readonly outcome?: string;
}

/** Data of `qpack:instruction`: one instruction on a QPACK encoder or decoder stream (RFC 9204 §4.3, §4.4). */
export interface QpackInstructionData {
  readonly stream_type: 'encoder' | 'decoder';
  /** qlog's names: 'set_dynamic_table_capacity', 'insert_with_name_reference', 'insert_without_name_reference', 'duplicate', 'section_acknowledgement', 'stream_cancellation', 'insert_count_increment'. */
  readonly instruction_type: string;
  readonly capacity?: number;
  readonly table_type?: 'static' | 'dynamic';
  readonly name_index?: number;
  readonly name?: string;
  readonly value?: string;
  readonly huffman_encoded_name?: boolean;
  readonly huffman_encoded_value?: boolean;
  /** Duplicate: the relative index. */
  readonly index?: number;
  /** Section Acknowledgment and Stream Cancellation. */
  readonly stream_id?: number;
  readonly increment?: number;
  /** The absolute index of the entry an insert or duplicate created. */
  readonly absolute_index?: number;
  /** Offsets [start, end) in the instruction stream (after its type byte). */
  readonly start: number;
  readonly end: number;
}

/** A QPACK dynamic table entry as shown (RFC 9204 §3.2). */
export interface QpackEntryData {
  readonly absoluteIndex: number;
  readonly name: string;
  readonly value: string;
  readonly size: number;
  /** Encoder side: unacknowledged field sections referencing it. */
  readonly references?: number;
}

/**
 * Data of `qpack:table_updated`: a QPACK dynamic table after a change. 'encoder' is our encoder's table (mirrored
 * by the peer's decoder), 'decoder' our decoder's (mirroring the peer's encoder).
 */
export interface QpackTableUpdatedData {
  readonly side: 'encoder' | 'decoder';
  /** Newest first. */
  readonly entries: readonly QpackEntryData[];
  readonly size: number;
  readonly capacity: number;
  readonly maxCapacity: number;
  readonly insertCount: number;
  readonly knownReceivedCount: number;
  readonly inserted: readonly QpackEntryData[];
  readonly evicted: readonly QpackEntryData[];
  /** What changed it, e.g. 'insert_with_name_reference' or 'section_acknowledgement'. */
  readonly cause: string;
}

/** Data of `qpack:section_unblocked`: a field section that waited for encoder stream data is decoded now (RFC 9204 §2.2.1). */
export interface QpackSectionUnblockedData {
  readonly stream_id: number;
  readonly required_insert_count: number;
  readonly headers: readonly HeaderField[];
  readonly qpack: readonly QpackFieldData[];
}

/** Data of `http3:error`: an HTTP/3 or QPACK error (RFC 9114 §8, RFC 9204 §6) and who caused it. */
export interface H3ErrorData {
  /** The error code's name, e.g. 'H3_FRAME_UNEXPECTED'. */
  readonly code: string;
  readonly codeNumber: number;
  /** A connection error ends with CONNECTION_CLOSE, a stream error with RESET_STREAM / STOP_SENDING. */
  readonly scope: 'connection' | 'stream';
  readonly initiator: 'local' | 'remote';
  readonly reason: string;
  /** The frame type that caused it, when known. */
  readonly frameType?: string;
  readonly streamId?: number;
}
