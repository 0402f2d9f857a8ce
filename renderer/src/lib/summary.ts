/**
 * One-line summaries of events for the list, tooltips and the text filter, computed once per event object.
 */
import type { SessionEvent } from '../../../shared/events';
import { summarizeEvent } from '../../../shared/event-summary';

const summaries = new WeakMap<SessionEvent, string>();

/** The event's summary, computed once per event. */
export function summaryOf(event: SessionEvent | undefined): string {
  if (!event) return '';
  let s = summaries.get(event);
  if (s === undefined) {
    s = summarizeEvent(event);
    summaries.set(event, s);
  }
  return s;
}
