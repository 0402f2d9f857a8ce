/**
 * The right panel: everything about the selected event — what it is (with its RFC section), its decoded
 * fields, its bytes as a hex dump linked to those fields, and the facts of its connection.
 */
import { useMemo } from 'react';
import { describeEvent } from '../../../../shared/event-summary';
import type { SessionEvent } from '../../../../shared/events';
import { formatBytes, formatTime } from '../../lib/format';
import { useEventBytes } from '../../lib/event-detail';
import { rawBytes, validSpans } from '../../lib/raw';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { summaryOf } from '../events/EventRow';
import { ConnectionFacts } from './ConnectionFacts';
import { DataTree } from './DataTree';
import { FieldSpans } from './FieldSpans';
import { HexDump } from './HexDump';
import { HpackView, hasHpack } from './HpackView';
import { RawText, looksLikeText } from './RawText';
import { ReadingGuide } from './ReadingGuide';

/** The inspector of the selected event. */
export function Inspector() {
  useStore((s) => s.logVersion); // connection facts may change as the session goes on
  const seq = useStore((s) => s.selectedSeq);
  const event = seq === null ? undefined : eventLog.bySeq(seq);
  if (!event) {
    return (
      <div className="inspector empty" data-testid="inspector">
        <h2 className="panel-title">Inspector</h2>
        <ReadingGuide />
      </div>
    );
  }
  return <EventInspector key={event.seq} event={event} />;
}

function EventInspector({ event }: { readonly event: SessionEvent }) {
  const name = String(event.name);
  const about = describeEvent(event);
  const sessionId = useStore((s) => s.session?.id ?? null);
  const detail = useEventBytes(event, sessionId);
  const bytes = useMemo(() => rawBytes(detail.raw), [detail.raw]);
  const spans = useMemo(() => (bytes ? validSpans(detail.fields, bytes.length) : []), [detail.fields, bytes]);
  const rawLength = (event as { rawLength?: number }).rawLength;
  const connection = eventLog.connections.get(event.conn);
  const vantage = event.vantage === 'server' ? 'server' : 'client';
  return (
    <div className="inspector" data-testid="inspector" data-seq={event.seq}>
      <header className={`inspector-head v-${vantage}`}>
        <h2 data-testid="inspector-title">{about.title}</h2>
        <div className="inspector-name">
          <code>{name}</code>
          <span className={`badge ${vantage}`}>{vantage}</span>
          {event.dir && <span className={`dir ${event.dir}`}>{event.dir === 'sent' ? '→ sent' : '← received'}</span>}
        </div>
        <p className="inspector-summary">{summaryOf(event)}</p>
        <dl className="meta">
          <Meta k="seq" v={String(event.seq)} />
          <Meta k="time" v={`${formatTime(event.time)} ms`} />
          <Meta k="conn" v={event.conn ? `#${event.conn}` : '—'} />
          {event.stream !== undefined && <Meta k="stream" v={String(event.stream)} />}
          <Meta k="bytes" v={bytes ? formatBytes(bytes.length) : rawLength !== undefined ? formatBytes(rawLength) : '—'} />
        </dl>
      </header>

      <section className="inspector-section about" data-testid="event-explanation">
        <p>{about.explanation}</p>
        {(about.reference || about.seeAlso) && (
          <p className="refs">
            {about.reference && (
              <a href={about.reference.url} target="_blank" rel="noreferrer noopener" data-testid="event-reference">
                {about.reference.label}
              </a>
            )}
            {about.seeAlso?.map((r) => (
              <a key={r.url} href={r.url} target="_blank" rel="noreferrer noopener" className="see-also">
                {r.label}
              </a>
            ))}
          </p>
        )}
      </section>

      {hasHpack(event.data) && (
        <section className="inspector-section">
          <h3>Header block, field by field (HPACK)</h3>
          <HpackView fields={event.data.hpack} spans={spans} />
        </section>
      )}

      <section className="inspector-section">
        <h3>Fields</h3>
        <DataTree data={hasHpack(event.data) ? withoutHpack(event.data) : event.data} spans={spans} />
      </section>

      <section className="inspector-section">
        <h3>
          Bytes on the wire{' '}
          {bytes && (
            <span className="muted">
              ({bytes.length === 1 ? '1 byte' : `${bytes.length} bytes`}
              {connection?.tls ? ', decrypted' : ''})
            </span>
          )}
        </h3>
        {bytes && bytes.length > 0 ? (
          <>
            {spans.length > 0 && <p className="hint">Point at a field or a byte to see where one ends and the other begins.</p>}
            {looksLikeText(bytes) && <RawText bytes={bytes} spans={spans} />}
            <HexDump bytes={bytes} spans={spans} />
            <FieldSpans bytes={bytes} spans={spans} />
          </>
        ) : (
          <p className="muted">
            {detail.loading
              ? 'Loading the bytes…'
              : detail.error
                ? `The bytes could not be loaded: ${detail.error}`
                : detail.raw
                  ? 'The raw bytes could not be decoded.'
                  : 'This event has no bytes of its own.'}
          </p>
        )}
      </section>

      <section className="inspector-section">
        <h3>Connection</h3>
        <ConnectionFacts connection={connection} id={event.conn} />
      </section>
    </div>
  );
}

function Meta({ k, v }: { readonly k: string; readonly v: string }) {
  return (
    <div className="meta-item">
      <dt>{k}</dt>
      <dd>{v}</dd>
    </div>
  );
}

/** The data without its `hpack` list (the HPACK view shows it better). */
function withoutHpack(data: object): object {
  const { hpack: _hpack, ...rest } = data as { hpack?: unknown };
  return rest;
}
