/**
 * Each HTTP/2 stream's states over time (RFC 9113 §5.1) as spans, from `h2:stream_state` events: idle until
 * the first change, then each state until the next. Pure: reads event objects by index.
 */
import type { H2StreamStateData, H2StreamStateName, SessionEvent } from '../../../shared/events';

/** One stretch of time in one state. */
export interface StateSpan {
  readonly state: H2StreamStateName | string;
  readonly from: number;
  /** End of the span; for the last span, the `end` given to buildStreamStates. */
  readonly to: number;
  /** What moved the stream into this state. */
  readonly cause: string;
}

/** The spans of one stream as one end saw them. */
export interface StreamStates {
  readonly key: string;
  readonly vantage: 'client' | 'server';
  readonly stream: number;
  readonly spans: StateSpan[];
}

/**
 * The streams of connection `conn`, from the `h2:stream_state` events listed in `list` (log indexes), each
 * starting idle at `start` and its last state lasting to `end`. Streams ascending, client before server.
 */
export function buildStreamStates(events: readonly SessionEvent[], list: Int32Array, length: number, conn: number, start: number, end: number): StreamStates[] {
  const byKey = new Map<string, StreamStates>();
  for (let p = 0; p < length; p++) {
    const e = events[list[p]!];
    if (!e || e.conn !== conn || typeof e.stream !== 'number') continue;
    const d = e.data as Partial<H2StreamStateData> | null;
    if (!d || typeof d.to !== 'string') continue;
    const vantage = e.vantage === 'server' ? 'server' : 'client';
    const key = `${vantage}/${e.stream}`;
    let s = byKey.get(key);
    if (!s) {
      s = { key, vantage, stream: e.stream, spans: [{ state: typeof d.from === 'string' ? d.from : 'idle', from: Math.min(start, e.time), to: e.time, cause: '' }] };
      byKey.set(key, s);
    }
    const last = s.spans[s.spans.length - 1]!;
    s.spans[s.spans.length - 1] = { ...last, to: e.time };
    s.spans.push({ state: d.to, from: e.time, to: Math.max(end, e.time), cause: typeof d.cause === 'string' ? d.cause : '' });
  }
  return [...byKey.values()].sort((a, b) => a.stream - b.stream || (a.vantage === b.vantage ? 0 : a.vantage === 'client' ? -1 : 1));
}

/** Colours of the stream states, used by the panel and its legend. */
export const STATE_COLORS: Readonly<Record<string, string>> = {
  idle: '#e3e5e8',
  reserved_local: '#b39ddb',
  reserved_remote: '#9575cd',
  open: '#2e8b57',
  half_closed_local: '#5c9ded',
  half_closed_remote: '#f0a04b',
  closed: '#8a9099',
};

/** Short names of the states for labels and the legend. */
export const STATE_LABELS: Readonly<Record<string, string>> = {
  idle: 'idle',
  reserved_local: 'reserved (local)',
  reserved_remote: 'reserved (remote)',
  open: 'open',
  half_closed_local: 'half-closed (local)',
  half_closed_remote: 'half-closed (remote)',
  closed: 'closed',
};
