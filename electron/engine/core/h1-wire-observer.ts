/**
 * Turns the bytes of one HTTP/1.1 connection, seen from one end, into events: a parser per direction (our own
 * HTTP/1.1 codec), with the response parser told which request each response answers (RFC 9112 §6.3: HEAD,
 * 1xx, 204, 304). Bytes that stop being HTTP/1.1 (after an error or an upgrade) are shown as `tcp:bytes`.
 */
import { printable, toBase64 } from '../../../shared/bytes';
import type { Direction, Vantage } from '../../../shared/events';
import { Http1Parser, itemToEvent, type Http1Item } from '../protocols/http1';
import type { EventSink } from './event-sink';
import type { WireObserver } from './wire-observer';

/** Observes one connection's HTTP/1.1 bytes from one vantage. */
export class H1WireObserver implements WireObserver {
  private readonly requestParser = new Http1Parser('request');
  private readonly responseParser = new Http1Parser('response');
  private requestsDead = false;
  private responsesDead = false;
  /** Called with each complete item, after its event was emitted (clients wait on these). */
  onItem: ((item: Http1Item, dir: Direction) => void) | undefined;
  /**
   * Called when a direction leaves HTTP/1.1 (after 101), with the bytes that followed in that read. When set,
   * those bytes are handed over instead of being shown as `tcp:bytes` (the h2c upgrade passes them to HTTP/2).
   */
  onSwitch: ((rest: Uint8Array, dir: Direction) => void) | undefined;

  /** @param sink where events go  @param conn connection id  @param vantage whose view this is */
  constructor(
    private readonly sink: EventSink,
    private readonly conn: number,
    private readonly vantage: Vantage,
  ) {}

  /** Bytes this end sent. */
  sent(bytes: Uint8Array): void {
    this.observe(bytes, 'sent');
  }

  /** Bytes this end received. */
  received(bytes: Uint8Array): void {
    this.observe(bytes, 'received');
  }

  /** The stream ended: flush read-until-close bodies, report messages cut short. */
  finish(): void {
    if (!this.requestsDead) this.handle(this.requestParser.finish(), this.dirOf('request'), 'request');
    if (!this.responsesDead) this.handle(this.responseParser.finish(), this.dirOf('response'), 'response');
  }

  /** Requests go out from a client and come in to a server. */
  private dirOf(kind: 'request' | 'response'): Direction {
    const clientSends = kind === 'request';
    return (this.vantage === 'client') === clientSends ? 'sent' : 'received';
  }

  private observe(bytes: Uint8Array, dir: Direction): void {
    const kind: 'request' | 'response' = (dir === 'sent') === (this.vantage === 'client') ? 'request' : 'response';
    const dead = kind === 'request' ? this.requestsDead : this.responsesDead;
    if (dead) {
      this.rawBytes(bytes, dir);
      return;
    }
    const parser = kind === 'request' ? this.requestParser : this.responseParser;
    this.handle(parser.push(bytes), dir, kind);
  }

  private handle(items: readonly Http1Item[], dir: Direction, kind: 'request' | 'response'): void {
    for (const item of items) {
      if (item.type === 'upgrade') {
        this.markDead(kind);
        if (this.onSwitch) this.onSwitch(item.rest, dir);
        else if (item.rest.length > 0) this.rawBytes(item.rest, dir);
        // the server switched protocols (101, or 2xx to CONNECT): the client's bytes after its request switch too
        if (kind === 'response' && !this.requestsDead) this.handle(this.requestParser.acceptUpgrade(), this.dirOf('request'), 'request');
        continue;
      }
      if (item.type === 'head' && kind === 'request' && item.data.method) {
        this.responseParser.expectResponseTo(item.data.method);
      }
      this.sink.emit(itemToEvent(item, { time: this.sink.now(), conn: this.conn, vantage: this.vantage, dir }));
      if (item.type === 'error') this.markDead(kind);
      this.onItem?.(item, dir);
      if (item.type === 'head' && kind === 'response' && (item.data.status ?? 0) >= 200 && !this.requestsDead) {
        // a final response that is not a switch: bytes held after an Upgrade request are HTTP/1.1 after all
        this.handle(this.requestParser.declineUpgrade(), this.dirOf('request'), 'request');
      }
    }
  }

  private markDead(kind: 'request' | 'response'): void {
    if (kind === 'request') this.requestsDead = true;
    else this.responsesDead = true;
  }

  private rawBytes(bytes: Uint8Array, dir: Direction): void {
    this.sink.emit({
      name: 'tcp:bytes',
      time: this.sink.now(),
      conn: this.conn,
      vantage: this.vantage,
      dir,
      data: { length: bytes.length, preview: printable(bytes) },
      raw: toBase64(bytes),
    });
  }
}
