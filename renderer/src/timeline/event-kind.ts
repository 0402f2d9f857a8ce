/**
 * What kind of mark an event is on the timeline (head, data, end, error, connection milestone, ...), its
 * colour, and the short label drawn next to it. Pure: no DOM.
 *
 * Nothing here may throw on odd input: events come from files of other versions with data of any shape.
 */
import type { SessionEvent } from '../../../shared/events';

/** Mark kinds, small integers so they fit the `kind` column (Uint8Array). */
export const Kind = {
  /** Unknown name (a newer version's event): drawn generically in grey. */
  Other: 0,
  /** A message head: HTTP/1.1 request or status line, HTTP/2 HEADERS / PUSH_PROMISE / CONTINUATION. */
  Head: 1,
  /** Body bytes: HTTP/1.1 chunk or body piece, HTTP/2 DATA. */
  Data: 2,
  /** The end of a message. */
  End: 3,
  /** A protocol or application error, RST_STREAM, GOAWAY. */
  Error: 4,
  /** TCP connect / close. */
  Tcp: 5,
  /** TLS handshake done. */
  Tls: 6,
  /** Connection control: SETTINGS, PING, WINDOW_UPDATE, PRIORITY, flow windows. */
  Control: 7,
  /** State changes and table updates (not on the wire). */
  State: 8,
  /** Narration of the scenario (app:*). */
  Note: 9,
  /** Raw bytes typed by a person. */
  Bytes: 10,
} as const;

/** One of the Kind values. */
export type KindId = (typeof Kind)[keyof typeof Kind];

/** Number of kinds (size of per-kind tables). */
export const KIND_COUNT = 11;

/** Fill colour per kind, chosen to read on the client (blue) and server (orange) tinted rows. */
export const KIND_COLORS: readonly string[] = [
  '#8a9099', // Other
  '#6a3fb5', // Head: violet
  '#2e8b57', // Data: green
  '#3b4350', // End: slate
  '#c62828', // Error: red
  '#00838f', // Tcp: teal
  '#0b6e4f', // Tls: dark green-teal
  '#b08900', // Control: ochre
  '#9aa3ad', // State: light grey
  '#7c8590', // Note: grey
  '#5d4037', // Bytes: brown
];

/** Legend names per kind. */
export const KIND_NAMES: readonly string[] = [
  'other',
  'head',
  'data / chunk',
  'end',
  'error',
  'tcp',
  'tls',
  'control',
  'state',
  'note',
  'bytes',
];

/** The kind of an event, from its name (and for h2 frames, the frame type). */
export function classifyEvent(event: SessionEvent): KindId {
  const name = typeof event.name === 'string' ? event.name : '';
  switch (name) {
    case 'h1:head':
      return Kind.Head;
    case 'h1:chunk':
    case 'h1:body':
      return Kind.Data;
    case 'h1:message_end':
      return Kind.End;
    case 'h1:error':
    case 'h2:error':
    case 'app:error':
      return Kind.Error;
    case 'tcp:connected':
    case 'tcp:closed':
      return Kind.Tcp;
    case 'tls:handshake_done':
      return Kind.Tls;
    case 'tcp:bytes':
      return Kind.Bytes;
    case 'h2:frame':
      return classifyH2Frame((event.data as { type?: unknown } | null)?.type);
    case 'h2:stream_state':
    case 'hpack:table_updated':
      return Kind.State;
    case 'h2:flow_window':
    case 'h2:settings_applied':
      return Kind.Control;
    case 'app:scenario_started':
    case 'app:scenario_finished':
    case 'app:note':
      return Kind.Note;
    default:
      return Kind.Other;
  }
}

function classifyH2Frame(type: unknown): KindId {
  switch (type) {
    case 'HEADERS':
    case 'PUSH_PROMISE':
    case 'CONTINUATION':
      return Kind.Head;
    case 'DATA':
      return Kind.Data;
    case 'RST_STREAM':
    case 'GOAWAY':
      return Kind.Error;
    case 'SETTINGS':
    case 'PING':
    case 'WINDOW_UPDATE':
    case 'PRIORITY':
    case 'PRIORITY_UPDATE':
      return Kind.Control;
    default:
      return Kind.Other;
  }
}

/** True for kinds drawn as labelled milestone ticks on a connection row. */
export function isMilestone(kind: number): boolean {
  return kind === Kind.Tcp || kind === Kind.Tls;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A short label for a mark or an arrow, e.g. "GET /chunk", "200 OK", "chunk 13 B", "end", "TLS h2".
 * `fallback` (the full summary) is used, shortened, for names without a short form.
 */
export function shortLabel(event: SessionEvent, fallback: () => string): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  try {
    switch (event.name) {
      case 'h1:head':
        return d['kind'] === 'request'
          ? truncate(`${str(d['method'])} ${str(d['target'])}`, 28)
          : truncate(`${str(d['status'])} ${str(d['reason'])}`.trim(), 24);
      case 'h1:chunk':
        return `chunk ${str(d['size'])} B`;
      case 'h1:body':
        return `body ${str(d['length'])} B`;
      case 'h1:message_end':
        return 'end';
      case 'tcp:connected':
        return 'TCP connect';
      case 'tcp:closed':
        return `close (${str(d['by']) || '?'})`;
      case 'tls:handshake_done':
        return `TLS ${d['alpn'] ? str(d['alpn']) : 'no ALPN'}`;
      case 'h2:frame': {
        const flags = Array.isArray(d['flags']) && d['flags'].includes('END_STREAM') ? ' END' : '';
        return `${str(d['type']) || 'frame'}${flags}`;
      }
      default:
        return truncate(fallback() || String(event.name), 28);
    }
  } catch {
    return truncate(String(event.name), 28);
  }
}
