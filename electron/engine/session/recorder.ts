/**
 * The session being recorded (or loaded): header, connections and events in memory, in seq order, and saving
 * it as a `.framescope` file.
 */
import type { Writable } from 'node:stream';
import type { ConnectionInfo, GenericEvent, PendingEvent, SessionEvent } from '../../../shared/events';
import type { SessionHeader } from '../../../shared/session-format';
import type { LoadedSession } from './reader';
import { openSessionWriter, SessionWriter, type SessionWriteResult, type SessionWriterOptions } from './writer';

/** An event waiting for its seq: a known event, or a generic one (e.g. replayed from a newer file). */
export type PendingSessionEvent = PendingEvent | Omit<GenericEvent, 'seq'>;

/** Holds one session in memory and assigns `seq` to events as they are recorded. */
export class SessionRecorder {
  private readonly connectionsById = new Map<number, ConnectionInfo>();
  private readonly list: SessionEvent[] = [];

  /** @param header the session's header (written as the file's first line) */
  constructor(readonly header: SessionHeader) {}

  /** A recorder holding a loaded session, e.g. to save it again; later events continue its seq. */
  static fromLoaded(session: LoadedSession): SessionRecorder {
    const recorder = new SessionRecorder(session.header);
    for (const c of session.connections) recorder.setConnection(c);
    for (const e of session.events) recorder.list.push(e);
    return recorder;
  }

  /** The events so far, in seq order (the live array: do not modify). */
  get events(): readonly SessionEvent[] {
    return this.list;
  }

  /** The latest facts of every connection, in order of first appearance. */
  get connections(): readonly ConnectionInfo[] {
    return [...this.connectionsById.values()];
  }

  /** The latest facts of one connection. */
  connection(id: number): ConnectionInfo | undefined {
    return this.connectionsById.get(id);
  }

  /** Adds a connection or replaces its facts (e.g. when it learns its ALPN or closes). */
  setConnection(info: ConnectionInfo): void {
    this.connectionsById.set(info.id, info);
  }

  /** The seq the next recorded event gets. */
  get nextSeq(): number {
    const last = this.list[this.list.length - 1];
    return last === undefined ? 0 : last.seq + 1;
  }

  /**
   * Records an event: returns it with the next seq. The event's fields are kept as given (data, raw and
   * fields are shared, not copied), so callers must not change them afterwards.
   */
  record(pending: PendingSessionEvent): SessionEvent {
    const event = { seq: this.nextSeq, ...pending } as SessionEvent;
    this.list.push(event);
    return event;
  }

  /**
   * Saves the session as it is now (events recorded meanwhile are not included) to a path (written atomically,
   * see openSessionWriter) or a Writable (which is ended). Connection records come first, with their latest
   * facts, then every event. Rejects with ApiError('io') when the destination fails.
   */
  async saveTo(target: string | Writable, options?: SessionWriterOptions): Promise<SessionWriteResult> {
    const count = this.list.length;
    const writer = typeof target === 'string' ? openSessionWriter(target, this.header, options) : new SessionWriter(target, this.header, options);
    try {
      for (const c of this.connectionsById.values()) {
        if (!writer.writeConnection(c)) await writer.drain();
      }
      for (let i = 0; i < count; i++) {
        if (!writer.writeEvent(this.list[i]!)) await writer.drain();
      }
    } catch (e) {
      writer.abort(e);
      throw e;
    }
    return writer.close();
  }
}
