/**
 * What an HTTP/3 core reports (drainEvents): trace items, ready to become session events (the caller adds time,
 * connection and vantage, and base64 of `raw`), and application events (requests, responses, data, resets,
 * pushes, GOAWAY, ...).
 */
import type { Direction, EventDataMap, FieldSpan, HeaderField } from '../../../../shared/events';
import type { H3Error, Initiator } from './errors';
import type { H3Setting } from './frames';
import type { Priority } from './priority';

/** The event names an HTTP/3 core emits. */
export type H3TraceName =
  | 'http3:frame_created'
  | 'http3:frame_parsed'
  | 'http3:stream_type_set'
  | 'http3:error'
  | 'qpack:instruction'
  | 'qpack:table_updated'
  | 'qpack:section_unblocked';

/** A trace item of one name: the data of that session event plus where it happened. */
export type H3Trace = {
  [N in H3TraceName]: {
    readonly kind: 'trace';
    readonly name: N;
    readonly data: EventDataMap[N];
    /** The QUIC stream it is about. */
    readonly stream?: number;
    readonly dir?: Direction;
    /** The bytes as on the stream: a frame, a stream type, an instruction. */
    readonly raw?: Uint8Array;
    /** Field byte ranges within raw. */
    readonly fields?: readonly FieldSpan[];
  };
}[H3TraceName];

/** What a header section on a stream is, for the application. */
export type H3HeadersRole = 'request' | 'informational' | 'response' | 'trailers';

/** Application events: what a user of the core acts on. */
export type H3AppEvent =
  /** The peer's SETTINGS arrived (§7.2.4). */
  | { readonly kind: 'settings'; readonly settings: readonly H3Setting[] }
  /** A header section on a request or push stream; `pushId` on push streams. */
  | { readonly kind: 'headers'; readonly streamId: number; readonly role: H3HeadersRole; readonly headers: readonly HeaderField[]; readonly pushId?: number }
  | { readonly kind: 'data'; readonly streamId: number; readonly data: Uint8Array; readonly pushId?: number }
  /** The peer finished its side of the stream after a complete message. */
  | { readonly kind: 'end'; readonly streamId: number; readonly pushId?: number }
  /** The stream was aborted: by the peer ('remote': RESET_STREAM) or by us ('local': a stream error or cancel). */
  | { readonly kind: 'stream_reset'; readonly streamId: number; readonly code: number; readonly codeName: string; readonly initiator: Initiator }
  /** The peer asked us to stop sending on a stream (STOP_SENDING); we reset our side. */
  | { readonly kind: 'stop_sending'; readonly streamId: number; readonly code: number; readonly codeName: string }
  /** A request the server will not process: over the GOAWAY id (§5.2) or rejected; safe to retry elsewhere. */
  | { readonly kind: 'request_refused'; readonly streamId: number; readonly reason: string }
  /** Client: the server promised a push (§4.6). */
  | { readonly kind: 'push_promise'; readonly streamId: number; readonly pushId: number; readonly headers: readonly HeaderField[] }
  /** Client: a push stream opened (§4.6). */
  | { readonly kind: 'push_stream'; readonly pushId: number; readonly streamId: number }
  /** A push was cancelled with CANCEL_PUSH (§7.2.3), or its stream reset. */
  | { readonly kind: 'push_cancelled'; readonly pushId: number; readonly initiator: Initiator }
  /** Server: the client raised MAX_PUSH_ID (§7.2.7). */
  | { readonly kind: 'max_push_id'; readonly maxPushId: number }
  /** Server: a new priority for a request stream or push (RFC 9218 §7.2); also from a request's priority header. */
  | { readonly kind: 'priority'; readonly element: 'request' | 'push'; readonly id: number; readonly priority: Priority }
  /** GOAWAY sent ('local') or received ('remote') (§5.2). */
  | { readonly kind: 'goaway'; readonly id: number; readonly initiator: Initiator }
  /** The connection is finished: the error that closed it, if any. */
  | { readonly kind: 'closed'; readonly error?: H3Error };

/** Everything drainEvents returns, in order. */
export type H3CoreEvent = H3Trace | H3AppEvent;

/** An append-only list of core events, drained by the caller. */
export class H3EventQueue {
  private events: H3CoreEvent[] = [];

  /** Appends an application event. */
  push(e: H3AppEvent): void {
    this.events.push(e);
  }

  /** Appends a trace item. */
  trace<N extends H3TraceName>(name: N, data: EventDataMap[N], extra: Omit<Extract<H3Trace, { name: N }>, 'kind' | 'name' | 'data'> = {} as never): void {
    this.events.push({ kind: 'trace', name, data, ...extra } as H3Trace);
  }

  /** Everything since the last drain, oldest first. */
  drain(): H3CoreEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}
