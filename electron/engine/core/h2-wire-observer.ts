/**
 * Watches one HTTP/2 connection from one end (the embedded server's tapped plaintext): a passive frame observer
 * per direction, paired so SETTINGS_HEADER_TABLE_SIZE reaches the other direction's HPACK decoder, and every
 * frame, header block and table change reported as events of that vantage.
 */
import type { Vantage } from '../../../shared/events';
import { H2FrameObserver } from '../protocols/http2';
import type { EventSink } from './event-sink';
import { emitH2Traces } from './h2-trace-events';
import type { WireObserver } from './wire-observer';

/** Decodes both directions of an HTTP/2 connection seen from `vantage`. */
export class H2WireObserver implements WireObserver {
  private readonly outbound: H2FrameObserver;
  private readonly inbound: H2FrameObserver;

  /** @param sink where events go  @param conn connection id  @param vantage whose view (the server's, for a tap) */
  constructor(
    private readonly sink: EventSink,
    private readonly conn: number,
    private readonly vantage: Vantage,
  ) {
    const clientSide = vantage === 'client';
    this.outbound = new H2FrameObserver({ dir: 'sent', expectPreface: clientSide });
    this.inbound = new H2FrameObserver({ dir: 'received', expectPreface: !clientSide });
    H2FrameObserver.pair(this.outbound, this.inbound);
  }

  /** Bytes this end sent. */
  sent(bytes: Uint8Array): void {
    this.outbound.push(bytes);
    emitH2Traces(this.sink, this.conn, this.vantage, this.outbound.drainEvents());
  }

  /** Bytes this end received. */
  received(bytes: Uint8Array): void {
    this.inbound.push(bytes);
    emitH2Traces(this.sink, this.conn, this.vantage, this.inbound.drainEvents());
  }

  /** Nothing is pending at the end of an HTTP/2 stream of frames. */
  finish(): void {
    emitH2Traces(this.sink, this.conn, this.vantage, [...this.outbound.drainEvents(), ...this.inbound.drainEvents()]);
  }
}
