/**
 * The tooltip of the mark under the pointer: event name, summary, time, whose view, bytes.
 */
import { eventLog } from '../../store/event-log';
import { formatBytes, formatTime } from '../../lib/format';
import { summaryOf } from '../events/EventRow';
import type { HoverInfo } from './controller';

/** A tooltip near the pointer, kept inside the stage. */
export function TimelineTooltip({ hover }: { readonly hover: HoverInfo }) {
  const event = eventLog.events[hover.index];
  if (!event) return null;
  const bytes = eventLog.columns.bytes[hover.index] ?? 0;
  const vantage = event.vantage === 'server' ? 'server' : 'client';
  const dir = event.dir === 'sent' ? '→ sent' : event.dir === 'received' ? '← received' : '';
  const left = hover.x > 360 ? { right: `calc(100% - ${hover.x - 12}px)` } : { left: hover.x + 14 };
  return (
    <div className="timeline-tooltip" style={{ top: hover.y + 14, ...left }} role="tooltip" data-testid="timeline-tooltip">
      <div className="tt-name">
        <code>{String(event.name)}</code> <span className={`badge ${vantage}`}>{vantage}</span> {dir}
      </div>
      <div className="tt-summary">{summaryOf(event)}</div>
      <div className="tt-meta">
        {formatTime(event.time)} ms{event.conn ? ` · conn #${event.conn}` : ''}
        {event.stream !== undefined ? ` · stream ${event.stream}` : ''} · {bytes ? formatBytes(bytes) : 'no bytes'}
      </div>
      {hover.count > 1 && <div className="tt-more">+ {(hover.count - 1).toLocaleString('en-US')} more events in this pixel: zoom in</div>}
    </div>
  );
}
