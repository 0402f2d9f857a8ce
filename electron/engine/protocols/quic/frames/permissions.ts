/**
 * Which frames may appear in which packet types, and their special rules (RFC 9000 §12.4 Table 3, §12.5).
 *
 * | frame                 | Pkts | Spec |      | frame                | Pkts | Spec |
 * |-----------------------|------|------|------|----------------------|------|------|
 * | PADDING               | IH01 | NP   |      | MAX_STREAMS          | __01 |      |
 * | PING                  | IH01 |      |      | DATA_BLOCKED         | __01 |      |
 * | ACK                   | IH_1 | NC   |      | STREAM_DATA_BLOCKED  | __01 |      |
 * | RESET_STREAM          | __01 |      |      | STREAMS_BLOCKED      | __01 |      |
 * | STOP_SENDING          | __01 |      |      | NEW_CONNECTION_ID    | __01 | P    |
 * | CRYPTO                | IH_1 |      |      | RETIRE_CONNECTION_ID | __01 |      |
 * | NEW_TOKEN             | ___1 |      |      | PATH_CHALLENGE       | __01 | P    |
 * | STREAM                | __01 | F    |      | PATH_RESPONSE        | ___1 | P    |
 * | MAX_DATA              | __01 |      |      | CONNECTION_CLOSE     | ih01 | N    |
 * | MAX_STREAM_DATA       | __01 |      |      | HANDSHAKE_DONE       | ___1 |      |
 *
 * "ih": only CONNECTION_CLOSE of type 0x1c may appear in Initial and Handshake packets.
 * N: not ack-eliciting. C: not counted in flight. P: may probe a new path. F: flow controlled.
 */
import { QuicError, TransportErrorCode } from '../wire/errors';
import { frameTypeCode, type Frame } from './types';

/** The packet types that carry frames. */
export type FramePacketType = 'initial' | '0rtt' | 'handshake' | '1rtt';

/** The Table 3 row of a frame: where it may appear and its Spec flags. */
export interface FrameRules {
  /** Packet types it may appear in. */
  readonly allowedIn: readonly FramePacketType[];
  /** False for N frames: a packet of only these is not ack-eliciting (§13.2). */
  readonly ackEliciting: boolean;
  /** False for C frames: a packet of only these does not count toward bytes in flight (RFC 9002). */
  readonly countsInFlight: boolean;
  /** P frames: a packet of only these may probe a new path (§9.1). */
  readonly probing: boolean;
  /** F frames: contents are flow controlled (§4). */
  readonly flowControlled: boolean;
}

const ALL: readonly FramePacketType[] = ['initial', 'handshake', '0rtt', '1rtt'];
const IH_1: readonly FramePacketType[] = ['initial', 'handshake', '1rtt'];
const __01: readonly FramePacketType[] = ['0rtt', '1rtt'];
const ___1: readonly FramePacketType[] = ['1rtt'];

function rules(allowedIn: readonly FramePacketType[], spec = ''): FrameRules {
  return { allowedIn, ackEliciting: !spec.includes('N'), countsInFlight: !spec.includes('C'), probing: spec.includes('P'), flowControlled: spec.includes('F') };
}

/** The Table 3 row of a frame. */
export function frameRules(f: Frame): FrameRules {
  switch (f.type) {
    case 'padding':
      return rules(ALL, 'NP');
    case 'ping':
      return rules(ALL);
    case 'ack':
      return rules(IH_1, 'NC');
    case 'crypto':
      return rules(IH_1);
    case 'new_token':
    case 'handshake_done':
      return rules(___1);
    case 'path_response':
      return rules(___1, 'P');
    case 'stream':
      return rules(__01, 'F');
    case 'new_connection_id':
    case 'path_challenge':
      return rules(__01, 'P');
    case 'connection_close':
      return rules(ALL, 'N');
    case 'application_close':
      return rules(__01, 'N');
    case 'reset_stream':
    case 'stop_sending':
    case 'max_data':
    case 'max_stream_data':
    case 'max_streams':
    case 'data_blocked':
    case 'stream_data_blocked':
    case 'streams_blocked':
    case 'retire_connection_id':
      return rules(__01);
  }
}

/** True when Table 3 permits the frame in this packet type. */
export function isFrameAllowed(f: Frame, packetType: FramePacketType): boolean {
  return frameRules(f).allowedIn.includes(packetType);
}

/** Throws PROTOCOL_VIOLATION (initiator remote) for a frame in a packet type that does not permit it (§12.4). */
export function checkFrameAllowed(f: Frame, packetType: FramePacketType): void {
  if (!isFrameAllowed(f, packetType)) {
    throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, `${f.type} frame not permitted in a ${packetType} packet`, 'remote', frameTypeCode(f));
  }
}

/** True when a packet with these frames is ack-eliciting (§13.2): it holds a frame other than ACK, PADDING, CONNECTION_CLOSE. */
export function isAckEliciting(frames: readonly Frame[]): boolean {
  return frames.some((f) => frameRules(f).ackEliciting);
}
