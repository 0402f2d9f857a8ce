/**
 * What the side panels share: the name indexes they read, the HTTP/2 connections to choose from, which one
 * is shown, and the moment (replay cursor or selected event) they show.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { momentCount, momentOf } from '../../store/view';
import { NameIndex } from '../../panels/name-index';

/** `hpack:table_updated` events. */
export const hpackIndex = new NameIndex('hpack:table_updated');
/** `h2:flow_window` events. */
export const flowIndex = new NameIndex('h2:flow_window');
/** `h2:stream_state` events. */
export const stateIndex = new NameIndex('h2:stream_state');

/** The connections that carry HTTP/2, ascending. */
export function h2Connections(): number[] {
  const out: number[] = [];
  for (const [id, info] of eventLog.connections) if (info?.protocol === 'h2' || info?.protocol === 'h2c') out.push(id);
  return out.sort((a, b) => a - b);
}

/** The panels' view: the connection shown, the choices, the moment and how many events lie at or before it. */
export interface PanelView {
  readonly conn: number | null;
  readonly conns: readonly number[];
  /** Events at or before the moment (log indexes below this). */
  readonly count: number;
  /** The moment (Infinity: the end of the session). */
  readonly moment: number;
  /** True while replaying: what lies after the moment is not drawn at all. */
  readonly replaying: boolean;
  /** The session's time range. */
  readonly start: number;
  readonly end: number;
}

/** The panels' view, re-rendering only when the moment crosses an event or the connection changes. */
export function usePanelView(): PanelView {
  useStore((s) => s.logVersion);
  const count = useStore(momentCount);
  const picked = useStore((s) => s.panelConn);
  const selectedConn = useStore((s) => (s.selectedSeq === null ? 0 : (eventLog.bySeq(s.selectedSeq)?.conn ?? 0)));
  const replaying = useStore((s) => s.replayNow !== null);
  const conns = useStore(useShallow(() => h2Connections()));
  const conn = picked !== null && conns.includes(picked) ? picked : conns.includes(selectedConn) ? selectedConn : (conns[0] ?? null);
  const c = eventLog.columns;
  const moment = momentOf(useStore.getState());
  return { conn, conns, count, moment, replaying, start: c.length ? Math.min(0, c.minTime) : 0, end: c.length ? c.maxTime : 0 };
}
