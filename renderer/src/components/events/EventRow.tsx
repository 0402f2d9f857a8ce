/**
 * One row of the event list: time, connection, vantage, direction, stream, name and summary.
 */
import { memo } from 'react';
import { eventCategory, type SessionEvent } from '../../../../shared/events';
import { formatTime } from '../../lib/format';
import { summaryOf } from '../../lib/summary';
import { EVENT_COLUMNS, ROW_HEIGHT } from './columns';

export { summaryOf };

interface Props {
  readonly event: SessionEvent;
  readonly index: number;
  readonly selected: boolean;
}

/** A row, absolutely placed at its index. */
export const EventRow = memo(function EventRow({ event, index, selected }: Props) {
  const vantage = event.vantage === 'server' ? 'server' : 'client';
  const category = eventCategory(String(event.name));
  const summary = summaryOf(event);
  return (
    <div
      role="row"
      aria-selected={selected}
      className={`event-row v-${vantage} cat-${category}${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: EVENT_COLUMNS }}
      data-testid="event-row"
      data-seq={event.seq}
      data-index={index}
    >
      <span className="c-time" role="cell">
        {formatTime(event.time)}
      </span>
      <span className="c-conn" role="cell">
        {event.conn ? `#${event.conn}` : ''}
      </span>
      <span className="c-vantage" role="cell">
        <span className={`badge ${vantage}`}>{vantage}</span>
      </span>
      <span className={`c-dir ${event.dir ?? ''}`} role="cell">
        {event.dir === 'sent' ? '→ sent' : event.dir === 'received' ? '← received' : ''}
      </span>
      <span className="c-stream" role="cell">
        {event.stream ?? ''}
      </span>
      <span className="c-name" role="cell" title={String(event.name)}>
        {String(event.name)}
      </span>
      <span className="c-summary" role="cell" title={summary}>
        {summary}
      </span>
    </div>
  );
});
