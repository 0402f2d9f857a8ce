/**
 * The QPACK dynamic tables of an HTTP/3 connection at the moment (RFC 9204 §3.2): requests (client encoder, server
 * decoder) and responses (server encoder, client decoder). Each table lists its entries by absolute index with
 * name, value and size, and what the encoder knows of them: acknowledged or not (the Known Received Count, §2.1.4),
 * referenced by unacknowledged field sections, draining (§2.1.1.1); a gauge of its size against the capacity; the
 * entries inserted for the latest field section highlighted and what they evicted; and the last instructions on
 * the direction's encoder stream and the decoder stream that acknowledges it (§4.3, §4.4).
 */
import type { QpackEntryData } from '../../../../shared/events';
import { formatTime } from '../../lib/format';
import { eventLog } from '../../store/event-log';
import { instructionText, isDraining, qpackInStep, qpackTablesAt, type QpackChanges, type QpackDirection, type QpackInstructionItem, type QpackSnapshot } from '../../panels/qpack-tables';
import { qpackLists, type PanelView } from './panel-data';

const ENDS = {
  requests: { title: 'Requests', encoder: 'client', decoder: 'server' },
  responses: { title: 'Responses', encoder: 'server', decoder: 'client' },
} as const;

/** Both directions' tables. */
export function QpackPanel({ view, conn }: { readonly view: PanelView; readonly conn: number }) {
  const dirs = qpackTablesAt(eventLog.events, qpackLists(), conn, view.count);
  return (
    <div className="hpack-panel qpack-panel" data-testid="qpack-panel">
      {dirs.map((d) => (
        <Direction key={d.id} dir={d} />
      ))}
    </div>
  );
}

function Direction({ dir }: { readonly dir: QpackDirection }) {
  const ends = ENDS[dir.id];
  const shown: QpackSnapshot | null = dir.encoder ?? dir.decoder;
  const both = dir.encoder && dir.decoder;
  const inStep = both ? qpackInStep(dir.encoder!.data, dir.decoder!.data) : null;
  const who = dir.encoder ? `${ends.encoder}'s encoder` : `${ends.decoder}'s decoder (the ${ends.encoder}'s encoder was not recorded)`;
  return (
    <section className="hpack-dir" data-testid={`qpack-${dir.id}`}>
      <header>
        <h4>
          {ends.title}: <span className={`end ${ends.encoder}`}>{ends.encoder}</span> encodes → <span className={`end ${ends.decoder}`}>{ends.decoder}</span> decodes
        </h4>
        {inStep === true && (
          <span className="in-step" title={`The ${ends.decoder}'s decoder holds exactly the ${ends.encoder}'s encoder entries`} data-testid="qpack-in-step">
            tables in step ✓
          </span>
        )}
        {inStep === false && (
          <span className="out-of-step" title="The decoder has not received every encoder instruction yet (they are still on the encoder stream)">
            decoder at {dir.decoder!.data.insertCount} of {dir.encoder!.data.insertCount} inserts…
          </span>
        )}
      </header>
      {!shown ? (
        <p className="muted">No dynamic table in this direction yet (field sections use the static table and literals).</p>
      ) : (
        <Table snap={shown} who={who} changes={dir.changes} knownReceivedCount={dir.knownReceivedCount} />
      )}
      <Instructions label={`encoder stream (${ends.encoder} → ${ends.decoder})`} items={dir.encoderStream} testId={`qpack-${dir.id}-encoder-stream`} />
      <Instructions label={`decoder stream (${ends.decoder} → ${ends.encoder})`} items={dir.decoderStream} testId={`qpack-${dir.id}-decoder-stream`} />
    </section>
  );
}

function Counts({ snap, knownReceivedCount }: { readonly snap: QpackSnapshot; readonly knownReceivedCount: number }) {
  const { insertCount, side } = snap.data;
  const pending = insertCount - knownReceivedCount;
  const title =
    side === 'encoder'
      ? 'Insert Count: entries inserted so far. Known Received Count: inserts the decoder has acknowledged (Section Acknowledgment, Insert Count Increment); references above it may block the decoder (RFC 9204 §2.1.4).'
      : 'Insert Count: entries this decoder has inserted. Known Received Count: what it has acknowledged to the encoder so far (RFC 9204 §4.4).';
  return (
    <p className="qpack-counts" title={title} data-testid="qpack-counts">
      Insert Count <b>{insertCount}</b> · Known Received Count <b>{knownReceivedCount}</b>
      {pending > 0 ? <span className="unacked"> · {pending} not acknowledged yet</span> : insertCount > 0 ? <span className="acked"> · all acknowledged</span> : null}
    </p>
  );
}

function Table({ snap, who, changes, knownReceivedCount }: { readonly snap: QpackSnapshot; readonly who: string; readonly changes: QpackChanges; readonly knownReceivedCount: number }) {
  const { entries, size, capacity, maxCapacity, side, cause } = snap.data;
  const fresh = new Set(changes.inserted.map((e) => e.absoluteIndex));
  const pct = capacity > 0 ? Math.min(100, (size / capacity) * 100) : 0;
  const section = changes.forStream === null ? 'the field section being encoded' : `the field section of stream ${changes.forStream}`;
  return (
    <>
      <div className="hpack-gauge" title={`${size} of ${capacity} bytes (each entry counts name + value + 32); the decoder allows up to ${maxCapacity}`}>
        <span className="bar">
          <i style={{ width: `${pct}%` }} />
        </span>
        <span className="nums">
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'} · {size} / {capacity} B{maxCapacity !== capacity ? ` (max ${maxCapacity})` : ''}
        </span>
      </div>
      <Counts snap={snap} knownReceivedCount={knownReceivedCount} />
      <p className="hpack-source">
        {who}, after {causeText(cause)} at {formatTime(snap.time)} ms · {fresh.size > 0 ? `${fresh.size} inserted for ${section}` : `nothing inserted for ${section}`}
      </p>
      {entries.length > 0 && (
        <table className="hpack-table qpack-table" data-testid="qpack-table">
          <thead>
            <tr>
              <th title="Absolute index (RFC 9204 §3.2.4): 0 for the first entry ever inserted">abs</th>
              <th>name</th>
              <th>value</th>
              <th>size</th>
              <th title="What the encoder knows of the entry">state</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 120).map((e: QpackEntryData) => {
              const isFresh = fresh.has(e.absoluteIndex);
              return (
                <tr key={e.absoluteIndex} className={isFresh ? 'fresh' : ''} data-testid="qpack-entry" data-fresh={isFresh ? 'true' : undefined}>
                  <td className="idx">{e.absoluteIndex}</td>
                  <td className="name">{e.name}</td>
                  <td className="value" title={e.value}>
                    {e.value}
                  </td>
                  <td className="size">{e.size}</td>
                  <td className="state">
                    <EntryState entry={e} acked={e.absoluteIndex < knownReceivedCount} draining={side === 'encoder' && isDraining(snap.data, e.absoluteIndex)} side={side} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {changes.evicted.length > 0 && (
        <div className="hpack-evicted" data-testid="qpack-evicted">
          <span className="label">evicted (oldest first, to make room):</span>
          {changes.evicted.map((e) => (
            <span key={e.absoluteIndex} className="gone" title={`${e.name}: ${e.value}`}>
              #{e.absoluteIndex} {e.name}: {e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value} <span className="muted">({e.size})</span>
            </span>
          ))}
        </div>
      )}
    </>
  );
}

/** What changed a table, in words. */
function causeText(cause: string): string {
  if (cause === 'field_section_references') return 'encoding a field section that references it';
  return cause ? cause.replace(/_/g, ' ') : 'a change';
}

function EntryState({ entry, acked, draining, side }: { readonly entry: QpackEntryData; readonly acked: boolean; readonly draining: boolean; readonly side: 'encoder' | 'decoder' }) {
  const refs = entry.references ?? 0;
  return (
    <>
      {!acked && (
        <span className="tag unacked" title={side === 'encoder' ? 'Not acknowledged by the decoder yet: it cannot be evicted, and a field section that references it may block' : 'Not acknowledged to the encoder yet'}>
          unacked
        </span>
      )}
      {refs > 0 && (
        <span className="tag refs" title="Referenced by field sections the decoder has not acknowledged: it cannot be evicted (RFC 9204 §2.1.1)">
          {refs} ref{refs === 1 ? '' : 's'}
        </span>
      )}
      {draining && (
        <span className="tag draining" title="Among the oldest entries of a nearly full table: the encoder stops referencing it so it can be evicted (RFC 9204 §2.1.1.1)">
          draining
        </span>
      )}
    </>
  );
}

function Instructions({ label, items, testId }: { readonly label: string; readonly items: readonly QpackInstructionItem[]; readonly testId: string }) {
  if (items.length === 0) return null;
  return (
    <div className="qpack-instructions" data-testid={testId}>
      <span className="label">{label}, last {items.length === 1 ? 'instruction' : `${items.length} instructions`}:</span>
      <ol>
        {items.map((i) => (
          <li key={i.seq} title={`${i.vantage} ${i.dir} at ${formatTime(i.time)} ms`}>
            <span className="t">{formatTime(i.time)}</span> {instructionText(i.data)}
          </li>
        ))}
      </ol>
    </div>
  );
}
