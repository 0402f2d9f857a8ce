/**
 * What the side panels share: the name indexes they read, the connections to choose from (HTTP/2, and HTTP/3 ones
 * with QPACK events), which one is shown, and the moment (replay cursor or selected event) they show.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { momentCount, momentOf } from '../../store/view';
import { NameIndex } from '../../panels/name-index';
import { qpackConnections, type QpackLists } from '../../panels/qpack-tables';

/** `hpack:table_updated` events. */
export const hpackIndex = new NameIndex('hpack:table_updated');
/** `h2:flow_window` events. */
export const flowIndex = new NameIndex('h2:flow_window');
/** `h2:stream_state` events. */
export const stateIndex = new NameIndex('h2:stream_state');

/** `qpack:table_updated` events. */
export const qpackTableIndex = new NameIndex('qpack:table_updated');
/** `qpack:instruction` events. */
export const qpackInstructionIndex = new NameIndex('qpack:instruction');
/** `http3:frame_created` events (where an encoder's field sections end). */
export const h3CreatedIndex = new NameIndex('http3:frame_created');
/** `http3:frame_parsed` events (where a decoder's field sections end). */
export const h3ParsedIndex = new NameIndex('http3:frame_parsed');

/** The QPACK panel's indexes, in step with the log. */
export function qpackLists(): QpackLists {
  const c = eventLog.columns;
  return { tables: qpackTableIndex.sync(c), instructions: qpackInstructionIndex.sync(c), created: h3CreatedIndex.sync(c), parsed: h3ParsedIndex.sync(c) };
}

let qpackConnsKey = '';
let qpackConnsCache: number[] = [];

/** The connections with QPACK events, ascending (recomputed only when new QPACK events arrived). */
export function qpackConnectionIds(): number[] {
  const c = eventLog.columns;
  const lists = { tables: qpackTableIndex.sync(c), instructions: qpackInstructionIndex.sync(c) };
  const key = `${c.generation}/${lists.tables.length}/${lists.instructions.length}`;
  if (key !== qpackConnsKey) {
    qpackConnsKey = key;
    qpackConnsCache = qpackConnections(eventLog.events, lists);
  }
  return qpackConnsCache;
}

/** The connections the panels can show: HTTP/2 ones and HTTP/3 ones with QPACK events, ascending. */
export function panelConnections(): number[] {
  return [...new Set([...h2Connections(), ...qpackConnectionIds()])].sort((a, b) => a - b);
}

/** True when a connection is HTTP/3 (its header tables are QPACK's, not HPACK's). */
export function isH3Connection(conn: number | null): boolean {
  return conn !== null && eventLog.connections.get(conn)?.protocol === 'h3';
}

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
  const conns = useStore(useShallow(() => panelConnections()));
  const conn = picked !== null && conns.includes(picked) ? picked : conns.includes(selectedConn) ? selectedConn : (conns[0] ?? null);
  const c = eventLog.columns;
  const moment = momentOf(useStore.getState());
  return { conn, conns, count, moment, replaying, start: c.length ? Math.min(0, c.minTime) : 0, end: c.length ? c.maxTime : 0 };
}
