/**
 * The frame sequence of an HTTP message on a request or push stream (RFC 9114 §4.1), as an explicit state machine:
 *
 * ```
 *             HEADERS (1xx, responses only)
 *               +--+
 *               |  v
 *   +-----------------+  HEADERS (final)   +------+  HEADERS (trailers)  +----------+
 *   | AwaitingHeaders |------------------->| Body |--------------------->| Trailers |
 *   +-----------------+                    +------+                      +----------+
 *          |                                |  ^ DATA                          |
 *          | FIN: incomplete                |--+                               |
 *          v                                | FIN                              | FIN
 *      (error)                              v                                  v
 *                                      +----------+ <-------------------------+
 *                                      | Complete |
 *                                      +----------+
 * ```
 *
 * DATA before HEADERS, or HEADERS / DATA after the trailers, is an invalid frame sequence: H3_FRAME_UNEXPECTED
 * (§4.1). Unknown and reserved frames may come anywhere and do not move the state.
 */

/** Where a message is in its frame sequence. */
export enum MessageState {
  /** Nothing yet, or only informational (1xx) responses. */
  AwaitingHeaders = 'awaiting_headers',
  /** The final header section is done; DATA may follow, or trailers. */
  Body = 'body',
  /** The trailer section is done; only the end of the stream may follow. */
  Trailers = 'trailers',
  /** The stream ended (FIN) after a complete message. */
  Complete = 'complete',
}

/** What happened to a message. */
export type MessageEvent =
  | { readonly type: 'headers'; readonly informational: boolean }
  | { readonly type: 'data' }
  | { readonly type: 'end' };

/** What a HEADERS frame is in a state: the header section, an informational response, or the trailers. */
export type HeadersRole = 'header' | 'informational' | 'trailers';

/**
 * The next state, or `{ error }` describing why the event is not allowed (§4.1). For HEADERS, whether it is
 * informational is only known after decoding; `headersRole` tells what a HEADERS frame would be first.
 */
export function nextMessageState(state: MessageState, ev: MessageEvent): MessageState | { readonly error: string } {
  switch (state) {
    case MessageState.AwaitingHeaders:
      if (ev.type === 'headers') return ev.informational ? MessageState.AwaitingHeaders : MessageState.Body;
      if (ev.type === 'data') return { error: 'DATA before the HEADERS frame (§4.1)' };
      return { error: 'the stream ended before a complete header section (§4.1)' };
    case MessageState.Body:
      if (ev.type === 'headers') return MessageState.Trailers;
      if (ev.type === 'data') return MessageState.Body;
      return MessageState.Complete;
    case MessageState.Trailers:
      if (ev.type === 'end') return MessageState.Complete;
      return { error: `${ev.type === 'headers' ? 'HEADERS' : 'DATA'} after the trailing HEADERS frame (§4.1)` };
    case MessageState.Complete:
      return { error: `${ev.type === 'end' ? 'end' : ev.type === 'headers' ? 'HEADERS' : 'DATA'} after the end of the message` };
  }
}

/** What a HEADERS frame received in `state` will be. */
export function headersRole(state: MessageState): HeadersRole {
  return state === MessageState.AwaitingHeaders ? 'header' : 'trailers';
}
