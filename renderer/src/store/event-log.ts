/**
 * The events and connections of the current session, kept OUTSIDE React state in plain arrays so that a
 * flood of events costs an array push each, not a render each. Components read from here and re-render when
 * the store's `log.version` changes, which `EventLog` bumps at most once per animation frame. The timeline
 * draws from `columns` (typed arrays, see event-columns.ts), index-aligned with `events`.
 */
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { EventColumns } from './event-columns';

/** Counters of the current session, for the proof that nothing was dropped. */
export interface EventCounts {
  /** Events received for the current session. */
  received: number;
  /** Events the engine says it has sent for the current session (from the last batch). */
  sent: number;
}

/** Called (at most once per animation frame) after the log changed. */
export type LogListener = () => void;

/** The event log of one session: append-only arrays plus a connection table. */
export class EventLog {
  /** Events in arrival order (which is `seq` order for a well-behaved engine). */
  readonly events: SessionEvent[] = [];
  /** The same events as typed-array columns (index i is `events[i]`), for drawing. */
  readonly columns = new EventColumns();
  /** Connections by id, updated in place when a batch brings new facts. */
  readonly connections = new Map<number, ConnectionInfo>();
  readonly counts: EventCounts = { received: 0, sent: 0 };
  sessionId: string | null = null;
  /** Bumped on every change; the store mirrors it once per frame. */
  version = 0;

  private readonly listeners = new Set<LogListener>();
  private frame: number | null = null;

  /** Forgets everything and starts a new session. */
  reset(sessionId: string | null): void {
    this.events.length = 0;
    this.columns.clear();
    this.connections.clear();
    this.counts.received = 0;
    this.counts.sent = 0;
    this.sessionId = sessionId;
    this.changed();
  }

  /** Appends a batch; ignores batches of another session. Returns false when ignored. */
  append(sessionId: string, connections: readonly ConnectionInfo[], events: readonly SessionEvent[], sent: number): boolean {
    if (sessionId !== this.sessionId) return false;
    for (const connection of connections) {
      if (connection && typeof connection.id === 'number') this.connections.set(connection.id, connection);
    }
    const columns = this.columns;
    columns.reserve(events.length);
    for (const event of events) {
      if (event && typeof event === 'object') {
        this.events.push(event);
        columns.push(event);
      }
    }
    this.counts.received += events.length;
    if (typeof sent === 'number') this.counts.sent = sent;
    this.changed();
    return true;
  }

  /** The event with this `seq`, or undefined. O(1) when seq equals the index, O(log n) otherwise. */
  bySeq(seq: number): SessionEvent | undefined {
    return this.events[this.indexOfSeq(seq)];
  }

  /** The index of the event with this `seq`, or -1. */
  indexOfSeq(seq: number): number {
    const events = this.events;
    if (events[seq]?.seq === seq) return seq;
    let lo = 0;
    let hi = events.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = events[mid]!.seq;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    // Out-of-order input: fall back to a scan rather than miss it.
    return events.findIndex((e) => e.seq === seq);
  }

  /** Calls `listener` at most once per animation frame after changes. Returns an unsubscribe function. */
  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    if (this.frame !== null) return;
    const flush = () => {
      this.frame = null;
      for (const listener of this.listeners) listener();
    };
    // Hidden tabs get no animation frames; a timer keeps the counts moving there.
    this.frame =
      typeof requestAnimationFrame === 'function' && document.visibilityState !== 'hidden'
        ? requestAnimationFrame(flush)
        : (setTimeout(flush, 50) as unknown as number);
  }
}

/** The renderer's one event log. */
export const eventLog = new EventLog();
