/**
 * Where the engine's parts send what they see: events, and connections opening and changing. The engine
 * implements it for the current session; tests implement it to collect.
 */
import type { ConnectionInfo, PendingEvent, Vantage } from '../../../shared/events';
import type { FourTuple } from './connection-registry';

/** Facts of a connection known when it opens (the registry adds id, vantages and endpoints). */
export type ConnectionFacts = Omit<ConnectionInfo, 'id' | 'vantages' | 'client' | 'server' | 'transport'>;

/** The receiver of everything the server and the client observe. */
export interface EventSink {
  /** Session time now (ms since the session started). */
  now(): number;
  /** Records an event; the sink assigns its sequence number. */
  emit(event: PendingEvent): void;
  /** Registers one vantage of a connection and returns its record (shared id when both ends are ours). */
  openConnection(tuple: FourTuple, vantage: Vantage, facts: ConnectionFacts): ConnectionInfo;
  /** Updates a connection's facts (ALPN, TLS details, close time). */
  updateConnection(id: number, patch: Partial<Omit<ConnectionInfo, 'id'>>): void;
}
