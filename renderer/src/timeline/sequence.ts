/**
 * The sequence-diagram form of one connection: each wire event the client sent is paired with the event of
 * the same stream and name that the server received (the n-th with the n-th), and the other way round, so an
 * arrow can go from the sender's time to the receiver's. What finds no partner (one end not recorded, a
 * connection cut) and what is not on the wire (TCP connect, TLS done) stays an item with one end: a stub.
 *
 * Built incrementally from the event columns; pure (no DOM).
 */
import { FLAG_RECEIVED, FLAG_SENT, FLAG_SERVER, type EventColumns } from '../store/event-columns';

const INITIAL = 64;

interface Queues {
  /** Items waiting for a receiver, as item numbers, consumed from `sHead`. */
  senders: number[];
  sHead: number;
  /** Items waiting for a sender. */
  receivers: number[];
  rHead: number;
}

/** The arrows and stubs of one connection. */
export class SequenceIndex {
  /** Number of items. */
  length = 0;
  /** Sender event index, or -1 for a receiver without a sender. A non-wire event (no `dir`) is here too, with `to` -1. */
  from = new Int32Array(INITIAL);
  /** Receiver event index, or -1. */
  to = new Int32Array(INITIAL);
  /** Events of other connections are skipped; this one's id. */
  readonly conn: number;
  /** How many events of the columns were looked at. */
  processed = 0;
  private generation = -1;
  private readonly queues = new Map<string, Queues>();

  constructor(conn: number) {
    this.conn = conn;
  }

  /** Looks at the events appended since the last call (starting over after the columns were cleared). */
  sync(columns: EventColumns): void {
    if (columns.generation !== this.generation || columns.length < this.processed) {
      this.generation = columns.generation;
      this.length = 0;
      this.processed = 0;
      this.queues.clear();
    }
    const { conn, flags, stream, nameId } = columns;
    for (let i = this.processed; i < columns.length; i++) {
      if (conn[i] !== this.conn) continue;
      const f = flags[i]!;
      const wire = f & (FLAG_SENT | FLAG_RECEIVED);
      if (wire === 0) {
        this.add(i, -1);
        continue;
      }
      const server = (f & FLAG_SERVER) !== 0;
      const sent = (f & FLAG_SENT) !== 0;
      // client→server when the client sent or the server received
      const c2s = server ? !sent : sent;
      const key = `${stream[i]}|${nameId[i]}|${c2s ? 1 : 0}`;
      let q = this.queues.get(key);
      if (!q) {
        q = { senders: [], sHead: 0, receivers: [], rHead: 0 };
        this.queues.set(key, q);
      }
      if (sent) {
        if (q.rHead < q.receivers.length) this.from[q.receivers[q.rHead++]!] = i;
        else q.senders.push(this.add(i, -1));
      } else if (q.sHead < q.senders.length) {
        this.to[q.senders[q.sHead++]!] = i;
      } else {
        q.receivers.push(this.add(-1, i));
      }
      compact(q);
    }
    this.processed = columns.length;
  }

  private add(from: number, to: number): number {
    if (this.length === this.from.length) {
      const f = new Int32Array(this.length * 2);
      f.set(this.from);
      this.from = f;
      const t = new Int32Array(this.length * 2);
      t.set(this.to);
      this.to = t;
    }
    const k = this.length++;
    this.from[k] = from;
    this.to[k] = to;
    return k;
  }
}

/** Drops consumed queue heads now and then so long sessions do not keep every item number. */
function compact(q: Queues): void {
  if (q.sHead > 1024 && q.sHead * 2 > q.senders.length) {
    q.senders = q.senders.slice(q.sHead);
    q.sHead = 0;
  }
  if (q.rHead > 1024 && q.rHead * 2 > q.receivers.length) {
    q.receivers = q.receivers.slice(q.rHead);
    q.rHead = 0;
  }
}
