/**
 * The HPACK dynamic tables of a connection at the moment: requests (client encoder, server decoder) and
 * responses (server encoder, client decoder), each table's entries with index, name, value and size, a gauge
 * of its size against the maximum, the entries the last header block inserted highlighted and what it evicted.
 */
import type { HpackEntryData } from '../../../../shared/events';
import { formatTime } from '../../lib/format';
import { eventLog } from '../../store/event-log';
import { hpackTablesAt, sameEntries, type HpackDirection, type TableSnapshot } from '../../panels/hpack-tables';
import { hpackIndex, type PanelView } from './panel-data';

const ENDS = {
  requests: { title: 'Requests', encoder: 'client', decoder: 'server' },
  responses: { title: 'Responses', encoder: 'server', decoder: 'client' },
} as const;

/** Both directions' tables. */
export function HpackPanel({ view, conn }: { readonly view: PanelView; readonly conn: number }) {
  const index = hpackIndex.sync(eventLog.columns);
  const dirs = hpackTablesAt(eventLog.events, index.list, index.length, conn, view.count);
  return (
    <div className="hpack-panel" data-testid="hpack-panel">
      {dirs.map((d) => (
        <Direction key={d.id} dir={d} />
      ))}
    </div>
  );
}

function Direction({ dir }: { readonly dir: HpackDirection }) {
  const ends = ENDS[dir.id];
  const shown: TableSnapshot | null = dir.encoder ?? dir.decoder;
  const inStep = dir.encoder && dir.decoder ? sameEntries(dir.encoder.data, dir.decoder.data) : null;
  const who = dir.encoder ? `${ends.encoder}'s encoder` : `${ends.decoder}'s decoder`;
  return (
    <section className="hpack-dir" data-testid={`hpack-${dir.id}`}>
      <header>
        <h4>
          {ends.title}: <span className={`end ${ends.encoder}`}>{ends.encoder}</span> encodes → <span className={`end ${ends.decoder}`}>{ends.decoder}</span> decodes
        </h4>
        {inStep === true && (
          <span className="in-step" title={`The ${ends.decoder}'s decoder holds exactly the ${ends.encoder}'s encoder entries`} data-testid="hpack-in-step">
            tables in step ✓
          </span>
        )}
        {inStep === false && (
          <span className="out-of-step" title="The decoder has not caught up with the encoder yet (its header block is still on the wire)">
            decoder catching up…
          </span>
        )}
      </header>
      {!shown ? (
        <p className="muted">No header block yet in this direction.</p>
      ) : (
        <Table snap={shown} who={who} />
      )}
    </section>
  );
}

function Table({ snap, who }: { readonly snap: TableSnapshot; readonly who: string }) {
  const { entries, size, maxSize, inserted, evicted } = snap.data;
  const fresh = inserted.length;
  const pct = maxSize > 0 ? Math.min(100, (size / maxSize) * 100) : 0;
  return (
    <>
      <div className="hpack-gauge" title={`${size} of ${maxSize} bytes (each entry counts name + value + 32)`}>
        <span className="bar">
          <i style={{ width: `${pct}%` }} />
        </span>
        <span className="nums">
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'} · {size} / {maxSize} B
        </span>
      </div>
      <p className="hpack-source">
        {who}, after the header block of {snap.stream !== undefined ? `stream ${snap.stream}` : 'the connection'} at {formatTime(snap.time)} ms
        {fresh > 0 ? ` · ${fresh} inserted at 62` : ' · nothing inserted'}
      </p>
      {entries.length > 0 && (
        <table className="hpack-table" data-testid="hpack-table">
          <thead>
            <tr>
              <th>index</th>
              <th>name</th>
              <th>value</th>
              <th>size</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 120).map((e: HpackEntryData, k) => (
              <tr key={`${e.index}:${e.name}`} className={k < fresh ? 'fresh' : ''} data-testid="hpack-entry" data-fresh={k < fresh ? 'true' : undefined}>
                <td className="idx">{e.index}</td>
                <td className="name">{e.name}</td>
                <td className="value" title={e.value}>
                  {e.value}
                </td>
                <td className="size">{e.size}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {evicted.length > 0 && (
        <div className="hpack-evicted" data-testid="hpack-evicted">
          <span className="label">evicted (oldest first, to make room):</span>
          {evicted.map((e, k) => (
            <span key={k} className="gone">
              {e.name}: {e.value} <span className="muted">({e.size})</span>
            </span>
          ))}
        </div>
      )}
    </>
  );
}
