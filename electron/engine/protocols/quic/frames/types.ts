/**
 * QUIC v1 frames (RFC 9000 §19) as a readonly discriminated union on `type`.
 *
 * Number or bigint: ids, offsets, lengths, counts and packet numbers are `number` (capped at 2^53-1 by
 * the reader); flow-control limits, stream-count limits and error codes are `bigint`, because peers
 * legitimately send values up to 2^62-1 there (see wire/varint.ts).
 */

/** Frame type code points (RFC 9000 §19, Table 3). */
export const FrameType = {
  PADDING: 0x00,
  PING: 0x01,
  ACK: 0x02,
  ACK_ECN: 0x03,
  RESET_STREAM: 0x04,
  STOP_SENDING: 0x05,
  CRYPTO: 0x06,
  NEW_TOKEN: 0x07,
  STREAM: 0x08, // 0x08..0x0f with OFF (0x04), LEN (0x02), FIN (0x01) bits
  MAX_DATA: 0x10,
  MAX_STREAM_DATA: 0x11,
  MAX_STREAMS_BIDI: 0x12,
  MAX_STREAMS_UNI: 0x13,
  DATA_BLOCKED: 0x14,
  STREAM_DATA_BLOCKED: 0x15,
  STREAMS_BLOCKED_BIDI: 0x16,
  STREAMS_BLOCKED_UNI: 0x17,
  NEW_CONNECTION_ID: 0x18,
  RETIRE_CONNECTION_ID: 0x19,
  PATH_CHALLENGE: 0x1a,
  PATH_RESPONSE: 0x1b,
  CONNECTION_CLOSE: 0x1c,
  CONNECTION_CLOSE_APPLICATION: 0x1d,
  HANDSHAKE_DONE: 0x1e,
} as const;

/** A run of PADDING bytes (§19.1); consecutive 0x00 bytes decode as one frame with their count. */
export interface PaddingFrame {
  readonly type: 'padding';
  /** Number of 0x00 bytes. */
  readonly length: number;
}

/** PING (§19.2). */
export interface PingFrame {
  readonly type: 'ping';
}

/** One contiguous range of acknowledged packet numbers, inclusive. */
export interface AckRange {
  /** Largest packet number in the range. */
  readonly largest: number;
  /** Smallest packet number in the range. */
  readonly smallest: number;
}

/** ECN counts of an ACK_ECN frame (§19.3.2). */
export interface EcnCounts {
  readonly ect0: number;
  readonly ect1: number;
  readonly ce: number;
}

/** ACK or ACK_ECN (§19.3): ranges in descending order, the first holding Largest Acknowledged. */
export interface AckFrame {
  readonly type: 'ack';
  /** ACK Delay as encoded: multiply by 2^ack_delay_exponent for microseconds (§19.3). */
  readonly ackDelay: number;
  /** Acknowledged ranges, descending, separated by at least one unacknowledged number. */
  readonly ranges: readonly AckRange[];
  /** Present on ACK_ECN (type 0x03). */
  readonly ecn?: EcnCounts;
}

/** RESET_STREAM (§19.4). */
export interface ResetStreamFrame {
  readonly type: 'reset_stream';
  readonly streamId: number;
  readonly applicationErrorCode: bigint;
  readonly finalSize: number;
}

/** STOP_SENDING (§19.5). */
export interface StopSendingFrame {
  readonly type: 'stop_sending';
  readonly streamId: number;
  readonly applicationErrorCode: bigint;
}

/** CRYPTO (§19.6): TLS handshake bytes at an offset of the level's crypto stream. */
export interface CryptoFrame {
  readonly type: 'crypto';
  readonly offset: number;
  readonly data: Uint8Array;
}

/** NEW_TOKEN (§19.7). */
export interface NewTokenFrame {
  readonly type: 'new_token';
  /** Non-empty. */
  readonly token: Uint8Array;
}

/** STREAM (§19.8), types 0x08..0x0f. */
export interface StreamFrame {
  readonly type: 'stream';
  readonly streamId: number;
  /** Byte offset in the stream; the OFF bit is set on encode when it is not 0. */
  readonly offset: number;
  readonly data: Uint8Array;
  /** FIN bit: this frame ends the stream. */
  readonly fin: boolean;
  /** LEN bit: a Length field is present; without it the data runs to the end of the packet. */
  readonly hasLength: boolean;
}

/** MAX_DATA (§19.9). */
export interface MaxDataFrame {
  readonly type: 'max_data';
  readonly maximumData: bigint;
}

/** MAX_STREAM_DATA (§19.10). */
export interface MaxStreamDataFrame {
  readonly type: 'max_stream_data';
  readonly streamId: number;
  readonly maximumStreamData: bigint;
}

/** MAX_STREAMS (§19.11), 0x12 bidirectional / 0x13 unidirectional; at most 2^60. */
export interface MaxStreamsFrame {
  readonly type: 'max_streams';
  readonly bidirectional: boolean;
  readonly maximumStreams: bigint;
}

/** DATA_BLOCKED (§19.12). */
export interface DataBlockedFrame {
  readonly type: 'data_blocked';
  readonly maximumData: bigint;
}

/** STREAM_DATA_BLOCKED (§19.13). */
export interface StreamDataBlockedFrame {
  readonly type: 'stream_data_blocked';
  readonly streamId: number;
  readonly maximumStreamData: bigint;
}

/** STREAMS_BLOCKED (§19.14), 0x16 bidirectional / 0x17 unidirectional; at most 2^60. */
export interface StreamsBlockedFrame {
  readonly type: 'streams_blocked';
  readonly bidirectional: boolean;
  readonly maximumStreams: bigint;
}

/** NEW_CONNECTION_ID (§19.15). */
export interface NewConnectionIdFrame {
  readonly type: 'new_connection_id';
  readonly sequenceNumber: number;
  /** Not above sequenceNumber. */
  readonly retirePriorTo: number;
  /** 1..20 bytes. */
  readonly connectionId: Uint8Array;
  /** 16 bytes. */
  readonly statelessResetToken: Uint8Array;
}

/** RETIRE_CONNECTION_ID (§19.16). */
export interface RetireConnectionIdFrame {
  readonly type: 'retire_connection_id';
  readonly sequenceNumber: number;
}

/** PATH_CHALLENGE (§19.17): 8 bytes of data. */
export interface PathChallengeFrame {
  readonly type: 'path_challenge';
  readonly data: Uint8Array;
}

/** PATH_RESPONSE (§19.18): echoes a PATH_CHALLENGE's 8 bytes. */
export interface PathResponseFrame {
  readonly type: 'path_response';
  readonly data: Uint8Array;
}

/** CONNECTION_CLOSE of type 0x1c (§19.19): a transport error. */
export interface ConnectionCloseFrame {
  readonly type: 'connection_close';
  /** Transport error code (§20.1). */
  readonly errorCode: bigint;
  /** Type of the frame that triggered the error, 0 when unknown. */
  readonly frameType: bigint;
  /** Reason phrase (UTF-8 on the wire; invalid sequences decode as U+FFFD). */
  readonly reason: string;
}

/** CONNECTION_CLOSE of type 0x1d (§19.19): an application error. */
export interface ApplicationCloseFrame {
  readonly type: 'application_close';
  /** Application protocol error code. */
  readonly errorCode: bigint;
  readonly reason: string;
}

/** HANDSHAKE_DONE (§19.20). */
export interface HandshakeDoneFrame {
  readonly type: 'handshake_done';
}

/** Every QUIC v1 frame. */
export type Frame =
  | PaddingFrame
  | PingFrame
  | AckFrame
  | ResetStreamFrame
  | StopSendingFrame
  | CryptoFrame
  | NewTokenFrame
  | StreamFrame
  | MaxDataFrame
  | MaxStreamDataFrame
  | MaxStreamsFrame
  | DataBlockedFrame
  | StreamDataBlockedFrame
  | StreamsBlockedFrame
  | NewConnectionIdFrame
  | RetireConnectionIdFrame
  | PathChallengeFrame
  | PathResponseFrame
  | ConnectionCloseFrame
  | ApplicationCloseFrame
  | HandshakeDoneFrame;

/** The wire frame type a frame encodes as (for STREAM, with its OFF/LEN/FIN bits). */
export function frameTypeCode(f: Frame): number {
  switch (f.type) {
    case 'padding':
      return FrameType.PADDING;
    case 'ping':
      return FrameType.PING;
    case 'ack':
      return f.ecn ? FrameType.ACK_ECN : FrameType.ACK;
    case 'reset_stream':
      return FrameType.RESET_STREAM;
    case 'stop_sending':
      return FrameType.STOP_SENDING;
    case 'crypto':
      return FrameType.CRYPTO;
    case 'new_token':
      return FrameType.NEW_TOKEN;
    case 'stream':
      return FrameType.STREAM | (f.offset !== 0 ? 0x04 : 0) | (f.hasLength ? 0x02 : 0) | (f.fin ? 0x01 : 0);
    case 'max_data':
      return FrameType.MAX_DATA;
    case 'max_stream_data':
      return FrameType.MAX_STREAM_DATA;
    case 'max_streams':
      return f.bidirectional ? FrameType.MAX_STREAMS_BIDI : FrameType.MAX_STREAMS_UNI;
    case 'data_blocked':
      return FrameType.DATA_BLOCKED;
    case 'stream_data_blocked':
      return FrameType.STREAM_DATA_BLOCKED;
    case 'streams_blocked':
      return f.bidirectional ? FrameType.STREAMS_BLOCKED_BIDI : FrameType.STREAMS_BLOCKED_UNI;
    case 'new_connection_id':
      return FrameType.NEW_CONNECTION_ID;
    case 'retire_connection_id':
      return FrameType.RETIRE_CONNECTION_ID;
    case 'path_challenge':
      return FrameType.PATH_CHALLENGE;
    case 'path_response':
      return FrameType.PATH_RESPONSE;
    case 'connection_close':
      return FrameType.CONNECTION_CLOSE;
    case 'application_close':
      return FrameType.CONNECTION_CLOSE_APPLICATION;
    case 'handshake_done':
      return FrameType.HANDSHAKE_DONE;
  }
}
