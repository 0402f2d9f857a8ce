/**
 * The event list: the events of the session that pass the filter (and, while replaying, those up to the replay
 * cursor), one fixed-height row each, virtualized (only the rows in view are in the DOM). While live it follows
 * the newest event unless the person scrolled up; ↑ ↓ PgUp PgDn Home End move the selection.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { syncView } from '../../store/view';
import { EVENT_COLUMNS, ROW_HEIGHT } from './columns';
import { EventRow } from './EventRow';

const OVERSCAN = 12;

/** The virtualized list of events. */
export function EventList() {
  useStore((s) => s.logVersion); // re-render when the log changes (at most once per frame)
  useStore((s) => s.filter);
  // re-render when the replay cursor crosses an event (not on every frame)
  const count = useStore((s) => syncView().upTo(s.replayNow).length);
  const list = syncView().upTo(useStore.getState().replayNow).indices;
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
    const n = count;
    if (n === 0) return;
    const current = selectedSeq === null ? -1 : positionOf(list, n, eventLog.indexOfSeq(selectedSeq));
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
    const event = eventLog.events[list[next]!];
    if (!event) return;
    selectEvent(event.seq);
    reveal(next);
  };

  // Keep the selection in view when it changes from elsewhere (the timeline, replay).
  useEffect(() => {
    if (selectedSeq === null) return;
    const state = useStore.getState();
    const shown = syncView().upTo(state.replayNow);
    const position = positionOf(shown.indices, shown.length, eventLog.indexOfSeq(selectedSeq));
    if (position >= 0 && !state.follow) reveal(position);
  }, [selectedSeq, reveal]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const event = eventLog.events[list[i]!]!;
    rows.push(<EventRow key={i} event={event} index={i} selected={event.seq === selectedSeq} />);
  }
  const total = eventLog.events.length;

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
        {count === 0 && total === 0 && (
          <div className="event-empty" data-testid="event-list-empty">
            <p>No events yet.</p>
            <p className="muted">Pick a lesson on the left and press Run, or open a saved session.</p>
          </div>
        )}
        {count === 0 && total > 0 && (
          <div className="event-empty" data-testid="event-list-none-shown">
            <p>No events {useStore.getState().replayNow !== null ? 'up to the replay cursor' : ''} match the filter.</p>
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

/** The position of event index `index` in the first `length` entries of the ascending `list`, or -1. */
function positionOf(list: Int32Array, length: number, index: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo < length && list[lo] === index ? lo : -1;
}
