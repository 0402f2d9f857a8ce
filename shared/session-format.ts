/**
 * The `.framescope` session file: gzip of JSON lines. The first line is the header; then connection records
 * and events, one per line, in `seq` order (a connection record comes before the first event that needs it,
 * and again whenever the connection's facts change, e.g. when it closes).
 */
import type { NetworkConditions } from './api';
import type { ConnectionInfo, SessionEvent } from './events';

/** The `format` value of every session header. */
export const SESSION_FORMAT = 'framescope-session';

/** The version this build writes. Readers accept this version and older ones. */
export const SESSION_VERSION = 1;

/** The file extension, with the dot. */
export const SESSION_EXTENSION = '.framescope';

/** The first line of a session file. */
export interface SessionHeader {
  readonly format: typeof SESSION_FORMAT;
  readonly version: number;
  readonly appVersion: string;
  readonly scenario: string | null;
  readonly target?: string;
  readonly network: NetworkConditions;
  /** ISO 8601 wall-clock time of session start (time 0 of the session clock). */
  readonly startedAt: string;
}

/** A line after the header: a connection record or an event. */
export type SessionLine = { readonly connection: ConnectionInfo } | SessionEvent;

/** True when a parsed line is a connection record rather than an event. */
export function isConnectionLine(line: SessionLine): line is { readonly connection: ConnectionInfo } {
  return 'connection' in line;
}
