/**
 * Frame dispatch (RFC 9000 §12.4, §19): `decodeFrame(reader)` / `encodeFrame(writer, frame)`, and
 * `decodeFrames(payload)` for a whole decrypted packet payload.
 *
 * decodeFrame on a reader throws NeedMore when the bytes end inside a frame; decodeFrames knows the
 * payload is complete, so there a truncated frame is FRAME_ENCODING_ERROR. Malformed frames are
 * QuicError(FRAME_ENCODING_ERROR, initiator 'remote'), an unknown type likewise, and a frame type in a
 * longer encoding than necessary PROTOCOL_VIOLATION (§12.4).
 */
import { NeedMore, QuicError, TransportErrorCode } from '../wire/errors';
import { Reader } from '../wire/reader';
import { Writer } from '../wire/writer';
import { decodeAckFrame, encodeAckFrame } from './ack';
import { decodeConnectionCloseFrame, encodeConnectionCloseFrame } from './connection-close';
import { decodeNewConnectionIdFrame, decodeRetireConnectionIdFrame, encodeNewConnectionIdFrame, encodeRetireConnectionIdFrame } from './connection-id';
import { decodeCryptoFrame, encodeCryptoFrame } from './crypto-frame';
import {
  decodeDataBlockedFrame,
  decodeMaxDataFrame,
  decodeMaxStreamDataFrame,
  decodeMaxStreamsFrame,
  decodeStreamDataBlockedFrame,
  decodeStreamsBlockedFrame,
  encodeDataBlockedFrame,
  encodeMaxDataFrame,
  encodeMaxStreamDataFrame,
  encodeMaxStreamsFrame,
  encodeStreamDataBlockedFrame,
  encodeStreamsBlockedFrame,
} from './flow-control';
import { frameEncodingError } from './frame-error';
import { decodeNewTokenFrame, encodeNewTokenFrame } from './new-token';
import { decodePathFrame, encodePathFrame } from './path';
import { decodePaddingFrame, encodeHandshakeDoneFrame, encodePaddingFrame, encodePingFrame, HANDSHAKE_DONE, PING } from './simple';
import { decodeResetStreamFrame, decodeStopSendingFrame, encodeResetStreamFrame, encodeStopSendingFrame } from './stream-control';
import { decodeStreamFrame, encodeStreamFrame } from './stream';
import { FrameType, type Frame } from './types';

function readFrameType(r: Reader): number {
  const start = r.offset;
  const type = r.varint('Frame Type');
  if (r.offset - start !== 1) {
    // every v1 frame type fits one byte; a longer encoding is either non-minimal or an unknown type
    if (type < 0x40) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, `frame type 0x${type.toString(16)} not minimally encoded`, 'remote', type);
    throw frameEncodingError(type, `unknown frame type 0x${type.toString(16)}`);
  }
  return type;
}

/** Decodes one frame at the reader's position. NeedMore if the bytes end inside it; QuicError if malformed. */
export function decodeFrame(r: Reader): Frame {
  const type = readFrameType(r);
  try {
    return decodeBody(r, type);
  } catch (e) {
    if (e instanceof QuicError && e.frameType === undefined) throw new QuicError(e.code, e.reason, e.initiator, type);
    throw e;
  }
}

function decodeBody(r: Reader, type: number): Frame {
  if (type >= 0x08 && type <= 0x0f) return decodeStreamFrame(r, type);
  switch (type) {
    case FrameType.PADDING:
      return decodePaddingFrame(r);
    case FrameType.PING:
      return PING;
    case FrameType.ACK:
    case FrameType.ACK_ECN:
      return decodeAckFrame(r, type);
    case FrameType.RESET_STREAM:
      return decodeResetStreamFrame(r);
    case FrameType.STOP_SENDING:
      return decodeStopSendingFrame(r);
    case FrameType.CRYPTO:
      return decodeCryptoFrame(r);
    case FrameType.NEW_TOKEN:
      return decodeNewTokenFrame(r);
    case FrameType.MAX_DATA:
      return decodeMaxDataFrame(r);
    case FrameType.MAX_STREAM_DATA:
      return decodeMaxStreamDataFrame(r);
    case FrameType.MAX_STREAMS_BIDI:
    case FrameType.MAX_STREAMS_UNI:
      return decodeMaxStreamsFrame(r, type);
    case FrameType.DATA_BLOCKED:
      return decodeDataBlockedFrame(r);
    case FrameType.STREAM_DATA_BLOCKED:
      return decodeStreamDataBlockedFrame(r);
    case FrameType.STREAMS_BLOCKED_BIDI:
    case FrameType.STREAMS_BLOCKED_UNI:
      return decodeStreamsBlockedFrame(r, type);
    case FrameType.NEW_CONNECTION_ID:
      return decodeNewConnectionIdFrame(r);
    case FrameType.RETIRE_CONNECTION_ID:
      return decodeRetireConnectionIdFrame(r);
    case FrameType.PATH_CHALLENGE:
    case FrameType.PATH_RESPONSE:
      return decodePathFrame(r, type);
    case FrameType.CONNECTION_CLOSE:
    case FrameType.CONNECTION_CLOSE_APPLICATION:
      return decodeConnectionCloseFrame(r, type);
    case FrameType.HANDSHAKE_DONE:
      return HANDSHAKE_DONE;
    default:
      // §12.4: an unknown frame type is FRAME_ENCODING_ERROR
      throw frameEncodingError(type, `unknown frame type 0x${type.toString(16)}`);
  }
}

/** Encodes one frame (type included). Throws UsageError for a frame that cannot be encoded. */
export function encodeFrame(w: Writer, f: Frame): void {
  switch (f.type) {
    case 'padding':
      return encodePaddingFrame(w, f);
    case 'ping':
      return encodePingFrame(w);
    case 'ack':
      return encodeAckFrame(w, f);
    case 'reset_stream':
      return encodeResetStreamFrame(w, f);
    case 'stop_sending':
      return encodeStopSendingFrame(w, f);
    case 'crypto':
      return encodeCryptoFrame(w, f);
    case 'new_token':
      return encodeNewTokenFrame(w, f);
    case 'stream':
      return encodeStreamFrame(w, f);
    case 'max_data':
      return encodeMaxDataFrame(w, f);
    case 'max_stream_data':
      return encodeMaxStreamDataFrame(w, f);
    case 'max_streams':
      return encodeMaxStreamsFrame(w, f);
    case 'data_blocked':
      return encodeDataBlockedFrame(w, f);
    case 'stream_data_blocked':
      return encodeStreamDataBlockedFrame(w, f);
    case 'streams_blocked':
      return encodeStreamsBlockedFrame(w, f);
    case 'new_connection_id':
      return encodeNewConnectionIdFrame(w, f);
    case 'retire_connection_id':
      return encodeRetireConnectionIdFrame(w, f);
    case 'path_challenge':
    case 'path_response':
      return encodePathFrame(w, f);
    case 'connection_close':
    case 'application_close':
      return encodeConnectionCloseFrame(w, f);
    case 'handshake_done':
      return encodeHandshakeDoneFrame(w);
  }
}

/** A frame with where it sat in the payload. */
export interface DecodedFrame {
  /** The frame. */
  readonly frame: Frame;
  /** Offset of its first byte (the type) in the payload. */
  readonly offset: number;
  /** Its encoded length in bytes. */
  readonly length: number;
}

/**
 * Decodes every frame of a complete packet payload (§12.4). A payload without frames is
 * PROTOCOL_VIOLATION; a frame cut off by the end of the payload is FRAME_ENCODING_ERROR.
 */
export function decodeFrames(payload: Uint8Array): DecodedFrame[] {
  if (payload.length === 0) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'packet payload contains no frames', 'remote');
  const r = new Reader(payload);
  const out: DecodedFrame[] = [];
  while (!r.atEnd) {
    const offset = r.offset;
    try {
      const frame = decodeFrame(r);
      out.push({ frame, offset, length: r.offset - offset });
    } catch (e) {
      if (!(e instanceof NeedMore)) throw e;
      const type = payload[offset]! < 0x40 ? payload[offset]! : undefined;
      throw new QuicError(TransportErrorCode.FRAME_ENCODING_ERROR, `frame truncated: ${e.message}`, 'remote', type);
    }
  }
  return out;
}

/** Encodes frames back to back into one payload. */
export function encodeFrames(frames: readonly Frame[]): Uint8Array {
  const w = new Writer(256);
  for (const f of frames) encodeFrame(w, f);
  return w.finish();
}
