/**
 * What an HTTP/2 core reports (drainEvents): trace items, ready to become session events (the caller adds time,
 * connection and vantage, and base64 of `raw`), and application events (responses, data, resets, pushes, ...).
 */
import type { Direction, EventDataMap, FieldSpan, HeaderField } from '../../../../shared/events';
import type { H2Error } from './errors';
import type { Frame } from './frames/types';
import type { DecodedBlock } from './hpack';

/** The event names an HTTP/2 core emits. */
export type H2TraceName = 'h2:frame' | 'h2:stream_state' | 'h2:flow_window' | 'h2:settings_applied' | 'h2:error' | 'hpack:table_updated';

/** A trace item of one name: the data of that session event plus what the core knows beside it. */
export type H2Trace = {
  [N in H2TraceName]: {
    readonly kind: 'trace';
    readonly name: N;
    readonly data: EventDataMap[N];
    /** The stream, when the item is about one (0 is never used: connection-level items have none). */
    readonly stream?: number;
    readonly dir?: Direction;
    /** `h2:frame`: the frame's bytes exactly as on the wire. */
    readonly raw?: Uint8Array;
    /** `h2:frame`: field byte ranges within raw. */
    readonly fields?: readonly FieldSpan[];
    /** `h2:frame`: the decoded frame (absent for a malformed one). */
    readonly frame?: Frame;
    /** `h2:frame`: the header block this frame completed, with per-field representations and the table after. */
    readonly block?: DecodedBlock;
  };
}[H2TraceName];

/** What a header list on a stream is, for the application. */
export type HeadersRole = 'informational' | 'response' | 'trailers' | 'push-response';

/** Application events: what a user of the core acts on. */
export type H2AppEvent =
  | { readonly kind: 'preface'; readonly raw: Uint8Array }
  | { readonly kind: 'headers'; readonly streamId: number; readonly role: HeadersRole; readonly headers: readonly HeaderField[]; readonly endStream: boolean }
  | { readonly kind: 'data'; readonly streamId: number; readonly data: Uint8Array; readonly endStream: boolean }
  /** A stream was reset, by the peer ('remote') or by us ('local'); `retryable` per RFC 9113 §8.7. */
  | { readonly kind: 'stream_reset'; readonly streamId: number; readonly errorCode: number; readonly initiator: 'local' | 'remote'; readonly retryable: boolean }
  /** A stream ended without a reset: GOAWAY above its id (retryable), or the connection failed. */
  | { readonly kind: 'stream_failed'; readonly streamId: number; readonly retryable: boolean; readonly reason: string }
  | { readonly kind: 'push_promise'; readonly streamId: number; readonly promisedStreamId: number; readonly headers: readonly HeaderField[]; readonly accepted: boolean }
  | { readonly kind: 'settings_acked' }
  | { readonly kind: 'ping_ack'; readonly opaque: Uint8Array; readonly rtt: number }
  | { readonly kind: 'ping_timeout'; readonly opaque: Uint8Array }
  | { readonly kind: 'goaway'; readonly lastStreamId: number; readonly errorCode: number; readonly debugData: string; readonly initiator: 'local' | 'remote' }
  /** The connection is finished: nothing more will be sent or accepted (flush pollTransmit, then close). */
  | { readonly kind: 'closed'; readonly error?: H2Error };

/** Everything drainEvents returns, in order. */
export type H2CoreEvent = H2Trace | H2AppEvent;

/** An append-only list of core events, drained by the caller. */
export class EventQueue {
  private events: H2CoreEvent[] = [];

  /** Appends an event. */
  push(e: H2CoreEvent): void {
    this.events.push(e);
  }

  /** Appends a trace item. */
  trace<N extends H2TraceName>(name: N, data: EventDataMap[N], extra: Omit<Extract<H2Trace, { name: N }>, 'kind' | 'name' | 'data'> = {} as never): void {
    this.events.push({ kind: 'trace', name, data, ...extra } as H2Trace);
  }

  /** Everything since the last drain, oldest first. */
  drain(): H2CoreEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}
