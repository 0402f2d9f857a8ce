/**
 * What a connection remembers about each stream: request and push streams carry an HTTP message each way (with
 * the §4.1 state machine per direction), unidirectional streams from the peer start with a type (§6.2).
 */
import type { DecodedFrame } from './frames';
import type { FrameReader } from './frame-reader';
import { MessageState } from './message-state';
import type { H3StreamKind } from './stream-types';

/** A request stream (bidirectional) or a push stream (unidirectional, server to client). */
export interface MessageStream {
  readonly id: number;
  readonly kind: 'request' | 'push';
  /** Push streams: the push id. */
  readonly pushId?: number;
  /** Whether we opened it. */
  readonly local: boolean;
  /** Frames of the receive side (absent when we only send on it: our push streams). */
  readonly reader: FrameReader | null;
  /** The message we receive (§4.1). */
  recv: MessageState;
  /** The message we send (§4.1). */
  send: MessageState;
  /** We will read no more: ended, reset by the peer, or abandoned by us. */
  recvClosed: boolean;
  /** We will write no more: finished, reset by us, or stopped by the peer. */
  sendClosed: boolean;
  /** The FIN arrived (it is processed after any blocked section). */
  finReceived: boolean;
  /** A HEADERS or PUSH_PROMISE frame waiting for QPACK encoder stream data (RFC 9204 §2.2.1). */
  blocked: DecodedFrame | null;
  /** content-length of the received message, if it had one (§4.1.2). */
  contentLength: number | null;
  /** DATA payload bytes received. */
  bodyReceived: number;
  /** Client request streams: the request's method (a response to HEAD has no content). */
  requestMethod?: string;
  /** Whether the received message had its header section decoded (for QPACK cancellation, §2.2.2.2). */
  sectionsPending: boolean;
}

/** A new message stream record. */
export function newMessageStream(id: number, kind: 'request' | 'push', local: boolean, reader: FrameReader | null, pushId?: number): MessageStream {
  return {
    id,
    kind,
    ...(pushId !== undefined ? { pushId } : {}),
    local,
    reader,
    recv: MessageState.AwaitingHeaders,
    send: MessageState.AwaitingHeaders,
    recvClosed: reader === null,
    sendClosed: false,
    finReceived: false,
    blocked: null,
    contentLength: null,
    bodyReceived: 0,
    sectionsPending: false,
  };
}

/** A unidirectional stream the peer opened, before and after its type is known. */
export interface IncomingUniStream {
  readonly id: number;
  /** The type, once its varint is whole. */
  kind: H3StreamKind | null;
  /** Bytes received before the type (and, for push streams, the push id) were whole. */
  head: Uint8Array;
  /** Control stream: its frames. */
  reader: FrameReader | null;
  /** Control stream: whether SETTINGS came (it must be first, §6.2.1). */
  settingsReceived: boolean;
  /** Bytes are dropped: reserved or unknown type, or a push we cancelled. */
  discard: boolean;
}
