/**
 * The filter bar over the timeline and the list: protocol, connection, stream, event or frame type, direction,
 * vantage and free text. The choices offered come from what the session holds (the columns' interned tables).
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { NO_STREAM } from '../../store/event-columns';
import { isEmptyFilter } from '../../filter/event-filter';
import { syncView } from '../../store/view';

/**
 * The streams seen per connection, kept up to date incrementally (each event is looked at once, not once per
 * render: a million-event session re-renders this bar while it loads).
 */
const streamIndex = {
  generation: -1,
  processed: 0,
  /** Streams per connection (0: the connection level). */
  byConn: new Map<number, Set<number>>(),
  all: new Set<number>(),
  /** Bumped when a stream was seen for the first time. */
  version: 0,
};
let streamCache = { key: '', streams: [] as number[] };

/** The streams of the session (or of one connection), ascending; 0 stands for the connection level. Cached. */
function streamsOf(conn: number | null): number[] {
  const c = eventLog.columns;
  const ix = streamIndex;
  if (ix.generation !== c.generation || c.length < ix.processed) {
    ix.generation = c.generation;
    ix.processed = 0;
    ix.byConn.clear();
    ix.all.clear();
    ix.version++;
  }
  let lastConn = NaN;
  let set: Set<number> | undefined;
  for (let i = ix.processed; i < c.length; i++) {
    const cn = c.conn[i]!;
    if (cn === 0) continue;
    const s = c.stream[i] === NO_STREAM ? 0 : c.stream[i]!;
    if (cn !== lastConn) {
      lastConn = cn;
      set = ix.byConn.get(cn);
      if (!set) ix.byConn.set(cn, (set = new Set()));
    }
    if (!set!.has(s)) {
      set!.add(s);
      ix.version++;
      ix.all.add(s);
    }
  }
  ix.processed = c.length;
  const key = `${c.generation}|${ix.version}|${conn}`;
  if (streamCache.key === key) return streamCache.streams;
  const seen = conn === null ? ix.all : (ix.byConn.get(conn) ?? new Set<number>());
  streamCache = { key, streams: [...seen].sort((a, b) => a - b) };
  return streamCache.streams;
}

/** Filter controls. */
export function FilterBar() {
  const version = useStore((s) => s.logVersion);
  const filter = useStore((s) => s.filter);
  const setFilter = useStore((s) => s.setFilter);
  const clear = useStore((s) => s.clearFilter);
  const conns = useStore(useShallow(() => [...eventLog.connections.keys()].sort((a, b) => a - b)));
  const types = eventLog.columns.types.filter((t) => t !== 'h2:frame').sort();
  const streams = streamsOf(filter.conn);
  const active = !isEmptyFilter(filter);
  const shown = active ? syncView().length : 0;
  void version;
  return (
    <div className={`filter-bar${active ? ' active' : ''}`} data-testid="filter-bar" role="search" aria-label="Filter events">
      <select value={filter.protocol} onChange={(e) => setFilter({ protocol: e.target.value as '' | 'h1' | 'h2' })} aria-label="Protocol" data-testid="filter-protocol">
        <option value="">h1+h2</option>
        <option value="h1">h1</option>
        <option value="h2">h2</option>
      </select>
      <select
        value={filter.conn ?? ''}
        onChange={(e) => setFilter({ conn: e.target.value === '' ? null : Number(e.target.value), stream: null })}
        aria-label="Connection"
        data-testid="filter-conn"
      >
        <option value="">all conns</option>
        {conns.map((c) => (
          <option key={c} value={c}>
            conn #{c}
          </option>
        ))}
      </select>
      <select value={filter.stream ?? ''} onChange={(e) => setFilter({ stream: e.target.value === '' ? null : Number(e.target.value) })} aria-label="Stream" data-testid="filter-stream">
        <option value="">all streams</option>
        {streams.map((s) => (
          <option key={s} value={s}>
            {s === 0 ? 'connection level' : `stream ${s}`}
          </option>
        ))}
      </select>
      <select value={filter.type} onChange={(e) => setFilter({ type: e.target.value })} aria-label="Event or frame type" data-testid="filter-type">
        <option value="">all events</option>
        {types.some((t) => t.startsWith('h2:frame ')) ? <option value="h2:frame">h2:frame (all)</option> : null}
        {types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select value={filter.dir} onChange={(e) => setFilter({ dir: e.target.value as '' | 'sent' | 'received' })} aria-label="Direction" data-testid="filter-dir">
        <option value="">sent+recv</option>
        <option value="sent">→ sent</option>
        <option value="received">← received</option>
      </select>
      <select value={filter.vantage} onChange={(e) => setFilter({ vantage: e.target.value as '' | 'client' | 'server' })} aria-label="Vantage" data-testid="filter-vantage">
        <option value="">both ends</option>
        <option value="client">client</option>
        <option value="server">server</option>
      </select>
      <input type="search" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} placeholder="Search summaries" aria-label="Search" data-testid="filter-text" />
      {active && (
        <>
          <span className="filter-count" data-testid="filter-count">
            {shown.toLocaleString('en-US')} of {eventLog.columns.length.toLocaleString('en-US')}
          </span>
          <button type="button" className="small" onClick={clear} data-testid="filter-clear">
            Clear
          </button>
        </>
      )}
    </div>
  );
}
