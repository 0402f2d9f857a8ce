/**
 * The HPACK dynamic tables of one connection at a moment: for each direction of header blocks, the encoder's
 * table (the sender's) and the decoder's (the receiver's mirror), from the latest `hpack:table_updated` of each
 * at or before the moment. Pure: reads event objects by index.
 */
import type { HpackTableUpdatedData, SessionEvent } from '../../../shared/events';

/** One table as last reported: by whom, when, and its contents. */
export interface TableSnapshot {
  readonly index: number;
  readonly seq: number;
  readonly time: number;
  readonly stream: number | undefined;
  readonly data: HpackTableUpdatedData;
}

/** Both ends' tables of one direction of header blocks. */
export interface HpackDirection {
  /** 'requests': the client encodes, the server decodes; 'responses': the other way round. */
  readonly id: 'requests' | 'responses';
  readonly encoder: TableSnapshot | null;
  readonly decoder: TableSnapshot | null;
}

function snapshot(event: SessionEvent, index: number): TableSnapshot | null {
  const d = event.data as Partial<HpackTableUpdatedData> | null;
  if (!d || !Array.isArray(d.entries)) return null;
  const data: HpackTableUpdatedData = {
    entries: d.entries,
    size: typeof d.size === 'number' ? d.size : 0,
    maxSize: typeof d.maxSize === 'number' ? d.maxSize : 0,
    inserted: Array.isArray(d.inserted) ? d.inserted : [],
    evicted: Array.isArray(d.evicted) ? d.evicted : [],
  };
  return { index, seq: event.seq, time: event.time, stream: event.stream, data };
}

/**
 * The tables of connection `conn` from the `hpack:table_updated` events listed in `list` (log indexes),
 * considering only indexes below `count` (the events at or before the moment, in a time-ordered log).
 */
export function hpackTablesAt(events: readonly SessionEvent[], list: Int32Array, length: number, conn: number, count: number): HpackDirection[] {
  let clientSent: TableSnapshot | null = null;
  let clientReceived: TableSnapshot | null = null;
  let serverSent: TableSnapshot | null = null;
  let serverReceived: TableSnapshot | null = null;
  for (let p = 0; p < length; p++) {
    const i = list[p]!;
    if (i >= count) break;
    const e = events[i];
    if (!e || e.conn !== conn) continue;
    const s = snapshot(e, i);
    if (!s) continue;
    const server = e.vantage === 'server';
    if (e.dir === 'received') {
      if (server) serverReceived = s;
      else clientReceived = s;
    } else if (server) serverSent = s;
    else clientSent = s;
  }
  return [
    { id: 'requests', encoder: clientSent, decoder: serverReceived },
    { id: 'responses', encoder: serverSent, decoder: clientReceived },
  ];
}

/** True when two tables hold the same entries in the same order (the decoder mirrors the encoder). */
export function sameEntries(a: HpackTableUpdatedData | undefined, b: HpackTableUpdatedData | undefined): boolean {
  if (!a || !b || a.entries.length !== b.entries.length) return false;
  return a.entries.every((e, k) => e.name === b.entries[k]!.name && e.value === b.entries[k]!.value);
}
