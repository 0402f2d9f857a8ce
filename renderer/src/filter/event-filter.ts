/**
 * The filter shared by the timeline and the event list, and its compiled form: a test over the event columns
 * that reads a few typed-array slots per event and builds no object per event. Free text is the one part that
 * looks at event objects (their cached one-line summaries), and only when a text is set.
 */
import type { ConnectionInfo } from '../../../shared/events';
import { FLAG_RECEIVED, FLAG_SENT, FLAG_SERVER, NO_STREAM, type EventColumns } from '../store/event-columns';

/** What the person filters on; empty strings and nulls mean "any". */
export interface EventFilter {
  /** By the connection's protocol: 'h1', or 'h2' (which includes h2c). Session-level events always pass. */
  readonly protocol: '' | 'h1' | 'h2';
  readonly conn: number | null;
  readonly stream: number | null;
  /** An event name ("h1:head") or an HTTP/2 frame type key ("h2:frame DATA"); "h2:frame" matches every frame. */
  readonly type: string;
  readonly dir: '' | 'sent' | 'received';
  readonly vantage: '' | 'client' | 'server';
  /** Case-insensitive text searched in the event name and its summary. */
  readonly text: string;
}

/** The filter that lets everything through. */
export const NO_FILTER: EventFilter = { protocol: '', conn: null, stream: null, type: '', dir: '', vantage: '', text: '' };

/** True when the filter lets every event through. */
export function isEmptyFilter(f: EventFilter): boolean {
  return !f.protocol && f.conn === null && f.stream === null && !f.type && !f.dir && !f.vantage && !f.text.trim();
}

/** What a compiled filter reads besides the columns. */
export interface FilterContext {
  readonly columns: EventColumns;
  readonly connections: ReadonlyMap<number, ConnectionInfo>;
  /** The searchable text of event i (its summary); called only when the filter has text. */
  readonly textAt: (i: number) => string;
}

/** The protocol family of a connection protocol or an event category, or '' when neither h1 nor h2. */
function family(protocol: string | undefined): '' | 'h1' | 'h2' {
  if (protocol === 'h1') return 'h1';
  if (protocol === 'h2' || protocol === 'h2c') return 'h2';
  return '';
}

/** Compiles `filter` into a test of event index i. Per-name tables are built once, so each test is O(1). */
export function compileFilter(filter: EventFilter, ctx: FilterContext): (i: number) => boolean {
  const { columns, connections } = ctx;
  const type = filter.type;
  const typeOk: boolean[] = [];
  const typeMatch = (id: number): boolean => {
    let ok = typeOk[id];
    if (ok === undefined) {
      const key = columns.types[id] ?? '';
      ok = key === type || key.startsWith(`${type} `);
      typeOk[id] = ok;
    }
    return ok;
  };
  const protoOf = new Map<number, '' | 'h1' | 'h2'>();
  const protocolMatch = (i: number): boolean => {
    const c = columns.conn[i]!;
    if (c === 0) return true;
    let p = protoOf.get(c);
    if (p === undefined) {
      p = family(connections.get(c)?.protocol);
      if (p) protoOf.set(c, p);
    }
    if (!p) {
      // no (or an undecided) protocol on the connection: go by the event's own family
      const name = columns.nameOf(i);
      p = name.startsWith('h1:') ? 'h1' : name.startsWith('h2:') || name.startsWith('hpack:') ? 'h2' : '';
    }
    return p === filter.protocol;
  };
  const text = filter.text.trim().toLowerCase();
  const vantageBit = filter.vantage === 'server' ? FLAG_SERVER : 0;
  const dirBit = filter.dir === 'sent' ? FLAG_SENT : filter.dir === 'received' ? FLAG_RECEIVED : 0;
  return (i: number): boolean => {
    const flags = columns.flags[i]!;
    if (filter.vantage && (flags & FLAG_SERVER) !== vantageBit) return false;
    if (dirBit && (flags & dirBit) === 0) return false;
    if (filter.conn !== null && columns.conn[i] !== filter.conn) return false;
    if (filter.stream !== null) {
      const s = columns.stream[i]!;
      if (filter.stream === 0 ? s !== 0 && s !== NO_STREAM : s !== filter.stream) return false;
    }
    if (type && !typeMatch(columns.typeId[i]!)) return false;
    if (filter.protocol && !protocolMatch(i)) return false;
    if (text) {
      const name = columns.nameOf(i).toLowerCase();
      if (!name.includes(text) && !ctx.textAt(i).toLowerCase().includes(text)) return false;
    }
    return true;
  };
}

/** A stable key of a filter, to tell whether it changed. */
export function filterKey(f: EventFilter): string {
  return `${f.protocol}|${f.conn ?? ''}|${f.stream ?? ''}|${f.type}|${f.dir}|${f.vantage}|${f.text.trim().toLowerCase()}`;
}
