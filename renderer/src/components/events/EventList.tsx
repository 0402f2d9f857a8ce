/**
 * The event list: every event of the session, one fixed-height row each, virtualized (only the rows in view
 * are in the DOM). While live it follows the newest event unless the person scrolled up; ↑ ↓ PgUp PgDn Home
 * End move the selection.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { EVENT_COLUMNS, ROW_HEIGHT } from './columns';
import { EventRow } from './EventRow';

const OVERSCAN = 8;

/** The virtualized list of events. */
export function EventList() {
  useStore((s) => s.logVersion); // re-render when the log changes (at most once per frame)
  const count = eventLog.events.length;
  const selectedSeq = useStore((s) => s.selectedSeq);
  const follow = useStore((s) => s.follow);
  const setFollow = useStore((s) => s.setFollow);
  const selectEvent = useStore((s) => s.selectEvent);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Follow the end while live.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !follow) return;
    const bottom = Math.max(0, count * ROW_HEIGHT - el.clientHeight);
    if (el.scrollTop !== bottom) el.scrollTop = bottom;
    setScrollTop(el.scrollTop);
  }, [count, follow, height]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT / 2;
    if (atEnd !== useStore.getState().follow) setFollow(atEnd);
  }, [setFollow]);

  /** Scrolls so that row `index` is in view. */
  const reveal = useCallback((index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = eventLog.events.length;
    if (n === 0) return;
    const current = selectedSeq === null ? -1 : eventLog.indexOfSeq(selectedSeq);
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = current < 0 ? 0 : current + 1;
        break;
      case 'ArrowUp':
        next = current < 0 ? n - 1 : current - 1;
        break;
      case 'PageDown':
        next = current + page;
        break;
      case 'PageUp':
        next = current - page;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    next = Math.min(n - 1, Math.max(0, next));
    const event = eventLog.events[next];
    if (!event) return;
    selectEvent(event.seq);
    reveal(next);
  };

  // Keep the selection in view when it changes from elsewhere (e.g. a future timeline).
  useEffect(() => {
    if (selectedSeq === null) return;
    const index = eventLog.indexOfSeq(selectedSeq);
    if (index >= 0 && !useStore.getState().follow) reveal(index);
  }, [selectedSeq, reveal]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const event = eventLog.events[i]!;
    rows.push(<EventRow key={i} event={event} index={i} selected={event.seq === selectedSeq} />);
  }

  return (
    <div className="event-list" role="grid" aria-label="Events" aria-rowcount={count} data-testid="event-list">
      <div className="event-header" role="row" style={{ gridTemplateColumns: EVENT_COLUMNS }}>
        <span role="columnheader">time (ms)</span>
        <span role="columnheader">conn</span>
        <span role="columnheader">vantage</span>
        <span role="columnheader">direction</span>
        <span role="columnheader">stream</span>
        <span role="columnheader">event</span>
        <span role="columnheader">summary</span>
      </div>
      <div
        ref={scroller}
        className="event-scroller"
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-seq]');
          if (row) selectEvent(Number(row.dataset.seq));
        }}
        data-testid="event-scroller"
      >
        <div className="event-spacer" style={{ height: count * ROW_HEIGHT }}>
          {rows}
        </div>
        {count === 0 && (
          <div className="event-empty" data-testid="event-list-empty">
            <p>No events yet.</p>
            <p className="muted">Pick a lesson on the left and press Run, or open a saved session.</p>
          </div>
        )}
      </div>
      {!follow && count > 0 && (
        <button
          type="button"
          className="follow-button"
          onClick={() => {
            setFollow(true);
            scroller.current?.focus();
          }}
          data-testid="follow-button"
        >
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
