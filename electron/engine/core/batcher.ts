/**
 * Batches a session's events and connection updates for subscribers: flushed every few milliseconds (or at once
 * when a batch is large), so a flood of events costs one message per interval, not one per event. Counts what it
 * sent so receivers can prove nothing was dropped.
 */
import type { EngineMessage, WireEvent } from '../../../shared/api';
import type { ConnectionInfo, SessionEvent } from '../../../shared/events';
import { toWireEvent } from './wire-events';

/** Largest number of events in one batch message. */
export const MAX_BATCH_EVENTS = 20_000;

/** Collects events and connections and hands them out as 'batch' messages. */
export class EventBatcher {
  private events: WireEvent[] = [];
  private readonly connections = new Map<number, ConnectionInfo>();
  private timer: NodeJS.Timeout | undefined;
  /** Events handed to subscribers so far in this session. */
  sent = 0;

  /** @param sessionId the session these batches belong to  @param deliver where batches go  @param intervalMs flush period */
  constructor(
    private readonly sessionId: string,
    private readonly deliver: (message: EngineMessage) => void,
    private readonly intervalMs = 8,
  ) {}

  /** Queues an event. */
  event(event: SessionEvent): void {
    this.events.push(toWireEvent(event));
    if (this.events.length >= MAX_BATCH_EVENTS) this.flush();
    else this.schedule();
  }

  /** Queues a new or changed connection record. */
  connection(info: ConnectionInfo): void {
    this.connections.set(info.id, info);
    this.schedule();
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.events.length === 0 && this.connections.size === 0) return;
    const events = this.events;
    this.events = [];
    const connections = [...this.connections.values()];
    this.connections.clear();
    this.sent += events.length;
    this.deliver({ kind: 'batch', sessionId: this.sessionId, connections, events, sent: this.sent });
  }

  /** Stops the timer without sending (the session is being replaced). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * The messages that bring a late subscriber up to date: the session, then its events in batches of at most
 * MAX_BATCH_EVENTS, with `sent` counting as if the subscriber had been there from the start.
 */
export function* replayMessages(
  session: Extract<EngineMessage, { kind: 'session' }>['session'],
  connections: readonly ConnectionInfo[],
  events: readonly SessionEvent[],
): Generator<EngineMessage> {
  yield { kind: 'session', session };
  if (events.length === 0 && connections.length === 0) return;
  for (let start = 0; start === 0 || start < events.length; start += MAX_BATCH_EVENTS) {
    const slice = events.slice(start, start + MAX_BATCH_EVENTS).map(toWireEvent);
    yield { kind: 'batch', sessionId: session.id, connections: start === 0 ? connections : [], events: slice, sent: start + slice.length };
  }
}
