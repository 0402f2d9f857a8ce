/**
 * The renderer's one filtered view of the event log (see event-view.ts), and the moment the side panels show.
 */
import { summaryOf } from '../lib/summary';
import { eventLog } from './event-log';
import { EventView } from './event-view';
import { useStore } from './index';
import type { Store } from './slices/types';

/** The filtered view of the log that the list and the timeline share. */
export const eventView = new EventView(eventLog);

/** Brings the view up to date with the log and the store's filter; returns it. Cheap when nothing changed. */
export function syncView(): EventView {
  eventView.sync(useStore.getState().filter, (i) => summaryOf(eventLog.events[i]));
  return eventView;
}

/**
 * The session time the panels show: the replay cursor while replaying, else the selected event's time, else
 * the end of the session (Infinity).
 */
export function momentOf(s: Pick<Store, 'replayNow' | 'selectedSeq'>): number {
  if (s.replayNow !== null) return s.replayNow;
  if (s.selectedSeq !== null) {
    const i = eventLog.indexOfSeq(s.selectedSeq);
    if (i < 0) return Infinity;
    // a header block's table update follows its frame: the moment of the block includes it
    const e = eventLog.events[i]!;
    const next = eventLog.events[i + 1];
    if (next?.name === 'hpack:table_updated' && e.name === 'h2:frame' && next.conn === e.conn && next.vantage === e.vantage) return eventLog.columns.time[i + 1]!;
    return eventLog.columns.time[i]!;
  }
  return Infinity;
}

/**
 * How many events of the log are at or before the moment (a number that changes only when the moment crosses
 * an event, so a selector over it re-renders a panel at most once per event, not once per frame).
 */
export function momentCount(s: Pick<Store, 'replayNow' | 'selectedSeq' | 'logVersion'>): number {
  const t = momentOf(s);
  const c = eventLog.columns;
  if (t === Infinity) return c.length;
  if (!c.timeOrdered) {
    let n = 0;
    for (let i = 0; i < c.length; i++) if (c.time[i]! <= t) n++;
    return n;
  }
  let lo = 0;
  let hi = c.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c.time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
