/**
 * The stream state machine (RFC 9113 §5.1):
 *
 * ```
 *                              +--------+
 *                      send PP |        | recv PP
 *                     ,--------+  idle  +--------.
 *                    /         |        |         \
 *                   v          +--------+          v
 *            +----------+          |           +----------+
 *            |          |          | send H /  |          |
 *     ,------+ reserved |          | recv H    | reserved +------.
 *     |      | (local)  |          |           | (remote) |      |
 *     |      +---+------+          v           +------+---+      |
 *     |          |             +--------+             |          |
 *     |          |     recv ES |        | send ES     |          |
 *     |   send H |     ,-------+  open  +-------.     | recv H   |
 *     |          |    /        |        |        \    |          |
 *     |          v   v         +---+----+         v   v          |
 *     |      +----------+          |           +----------+      |
 *     |      |   half-  |          |           |   half-  |      |
 *     |      |  closed  |          | send R /  |  closed  |      |
 *     |      | (remote) |          | recv R    | (local)  |      |
 *     |      +----+-----+          |           +-----+----+      |
 *     |           |                |                 |           |
 *     |           | send ES /      |       recv ES / |           |
 *     |           |  send R /      v        send R / |           |
 *     |           |  recv R    +--------+   recv R   |           |
 *     | send R /  `----------->|        |<-----------'  send R / |
 *     | recv R                 | closed |               recv R   |
 *     `----------------------->|        |<-----------------------'
 *                              +--------+
 *
 *    send:   endpoint sends this frame        H:  HEADERS frame (with implied CONTINUATION frames)
 *    recv:   endpoint receives this frame     ES: END_STREAM flag
 *                                             R:  RST_STREAM frame    PP: PUSH_PROMISE frame (with implied
 *                                                 CONTINUATION frames; state transitions are for the promised stream)
 * ```
 *
 * `transition` moves along the diagram; `checkReceive` says whether a frame may arrive in a state and, if not,
 * which error it is (§5.1 rules per state).
 */
import { ErrorCode, H2Error, connectionError, streamError } from './errors';
import type { FrameTypeName } from './frames/types';

/** The seven stream states of §5.1. String values, as shown in events. */
export enum StreamState {
  Idle = 'idle',
  ReservedLocal = 'reserved_local',
  ReservedRemote = 'reserved_remote',
  Open = 'open',
  HalfClosedLocal = 'half_closed_local',
  HalfClosedRemote = 'half_closed_remote',
  Closed = 'closed',
}

/** What moves a stream along the diagram: a HEADERS, PUSH_PROMISE, END_STREAM or RST_STREAM sent or received. */
export type StreamEvent =
  | 'send_headers'
  | 'recv_headers'
  | 'send_push_promise'
  | 'recv_push_promise'
  | 'send_end_stream'
  | 'recv_end_stream'
  | 'send_rst'
  | 'recv_rst';

/** How a stream came to be closed; it decides what later frames on it mean (§5.1 "closed"). */
export type ClosedCause = 'end_stream' | 'send_rst' | 'recv_rst';

/** The next state, or null when the event is not allowed in `state` (the caller decides which error that is). */
export function transition(state: StreamState, ev: StreamEvent): StreamState | null {
  if (ev === 'send_rst' || ev === 'recv_rst') return state === StreamState.Idle ? null : StreamState.Closed;
  switch (state) {
    case StreamState.Idle:
      if (ev === 'send_headers' || ev === 'recv_headers') return StreamState.Open;
      if (ev === 'send_push_promise') return StreamState.ReservedLocal;
      if (ev === 'recv_push_promise') return StreamState.ReservedRemote;
      return null;
    case StreamState.ReservedLocal:
      return ev === 'send_headers' ? StreamState.HalfClosedRemote : null;
    case StreamState.ReservedRemote:
      return ev === 'recv_headers' ? StreamState.HalfClosedLocal : null;
    case StreamState.Open:
      if (ev === 'send_end_stream') return StreamState.HalfClosedLocal;
      if (ev === 'recv_end_stream') return StreamState.HalfClosedRemote;
      if (ev === 'send_headers' || ev === 'recv_headers') return StreamState.Open; // informational, trailers
      return null;
    case StreamState.HalfClosedLocal:
      if (ev === 'recv_end_stream') return StreamState.Closed;
      if (ev === 'recv_headers') return state;
      return null;
    case StreamState.HalfClosedRemote:
      if (ev === 'send_end_stream') return StreamState.Closed;
      if (ev === 'send_headers') return state;
      return null;
    case StreamState.Closed:
      return null;
    default:
      return assertNever(state);
  }
}

/** What a receiver does with a frame on a stream: process it, ignore it, or fail with an error. */
export type ReceiveVerdict = 'process' | 'ignore' | H2Error;

/**
 * Whether a frame of `type` may be received on stream `streamId` in `state` (§5.1). `closedCause` matters only
 * for closed streams. DATA that is ignored still counts against the connection window (§6.9) — the caller's job.
 */
export function checkReceive(state: StreamState, type: FrameTypeName, streamId: number, closedCause?: ClosedCause): ReceiveVerdict {
  switch (state) {
    case StreamState.Idle:
      // "Receiving any frame other than HEADERS or PRIORITY on a stream in this state MUST be treated as a
      // connection error of type PROTOCOL_ERROR."
      return type === 'HEADERS' || type === 'PRIORITY' ? 'process' : connectionError(ErrorCode.PROTOCOL_ERROR, `${type} on idle stream ${streamId}`);
    case StreamState.ReservedLocal:
      return type === 'RST_STREAM' || type === 'PRIORITY' || type === 'WINDOW_UPDATE'
        ? 'process'
        : connectionError(ErrorCode.PROTOCOL_ERROR, `${type} on reserved (local) stream ${streamId}`);
    case StreamState.ReservedRemote:
      return type === 'HEADERS' || type === 'RST_STREAM' || type === 'PRIORITY'
        ? 'process'
        : connectionError(ErrorCode.PROTOCOL_ERROR, `${type} on reserved (remote) stream ${streamId}`);
    case StreamState.Open:
    case StreamState.HalfClosedLocal:
      return 'process';
    case StreamState.HalfClosedRemote:
      // "If an endpoint receives additional frames, other than WINDOW_UPDATE, PRIORITY, or RST_STREAM, for a
      // stream that is in this state, it MUST respond with a stream error of type STREAM_CLOSED."
      return type === 'WINDOW_UPDATE' || type === 'PRIORITY' || type === 'RST_STREAM'
        ? 'process'
        : streamError(ErrorCode.STREAM_CLOSED, streamId, `${type} on half-closed (remote) stream ${streamId}`);
    case StreamState.Closed:
      if (type === 'PRIORITY') return 'process';
      switch (closedCause) {
        case 'send_rst':
          return 'ignore'; // "An endpoint MUST ignore frames that it receives on closed streams after it has sent a RST_STREAM frame."
        case 'recv_rst':
          return streamError(ErrorCode.STREAM_CLOSED, streamId, `${type} on stream ${streamId} after RST_STREAM`);
        default:
          // WINDOW_UPDATE or RST_STREAM may cross our END_STREAM; anything else after END_STREAM is a connection error.
          return type === 'WINDOW_UPDATE' || type === 'RST_STREAM'
            ? 'ignore'
            : connectionError(ErrorCode.STREAM_CLOSED, `${type} on closed stream ${streamId}`);
      }
    default:
      return assertNever(state);
  }
}

/** True when this side may still send DATA on the stream (open or half-closed (remote)). */
export function canSend(state: StreamState): boolean {
  return state === StreamState.Open || state === StreamState.HalfClosedRemote;
}

/** True when the peer may still send DATA on the stream (open or half-closed (local)). */
export function canReceive(state: StreamState): boolean {
  return state === StreamState.Open || state === StreamState.HalfClosedLocal;
}

/** True when the stream counts against MAX_CONCURRENT_STREAMS (§5.1.2: open and half-closed). */
export function isActive(state: StreamState): boolean {
  return state === StreamState.Open || state === StreamState.HalfClosedLocal || state === StreamState.HalfClosedRemote;
}

function assertNever(x: never): never {
  throw new Error(`unexpected stream state ${String(x)}`);
}
