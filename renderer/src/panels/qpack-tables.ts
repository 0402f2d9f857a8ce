/**
 * The QPACK dynamic tables of one HTTP/3 connection at a moment (RFC 9204 §3.2): for each direction of field
 * sections, the encoder's table (the sender's, with its reference counts and Known Received Count) and the
 * decoder's mirror, from the latest `qpack:table_updated` of each end at or before the moment; the entries inserted
 * and evicted for the latest field section; and the last instructions on that direction's encoder and decoder
 * streams (§4.3, §4.4). Pure: reads event objects by log index.
 *
 * Requests: the client's encoder inserts, the server's decoder mirrors it and acknowledges on the server's decoder
 * stream. Responses: the other way round. A table event belongs to the requests when it is the client's encoder
 * table or the server's decoder table; an instruction when the client sent it on its encoder stream or the server
 * on its decoder stream.
 */
import type { QpackEntryData, QpackInstructionData, QpackTableUpdatedData, SessionEvent, Vantage } from '../../../shared/events';

/** Log indexes of the events of one name, in log order (a NameIndex). */
export interface IndexList {
  readonly list: Int32Array;
  readonly length: number;
}

/** The name indexes the QPACK panel reads. */
export interface QpackLists {
  /** `qpack:table_updated`. */
  readonly tables: IndexList;
  /** `qpack:instruction`. */
  readonly instructions: IndexList;
  /** `http3:frame_created` (an encoder's field sections end at its HEADERS). */
  readonly created: IndexList;
  /** `http3:frame_parsed` (a decoder's field sections end at the HEADERS it reads). */
  readonly parsed: IndexList;
}

/** One end's table as last reported. */
export interface QpackSnapshot {
  readonly index: number;
  readonly seq: number;
  readonly time: number;
  readonly vantage: Vantage;
  readonly data: QpackTableUpdatedData;
}

/** One instruction on an encoder or decoder stream, as one end saw it. */
export interface QpackInstructionItem {
  readonly index: number;
  readonly seq: number;
  readonly time: number;
  readonly vantage: Vantage;
  readonly dir: 'sent' | 'received';
  readonly data: QpackInstructionData;
}

/** What changed in a direction's table for its latest field section. */
export interface QpackChanges {
  /** Inserted (newest first): since the last field section when some were, else those the last one caused. */
  readonly inserted: readonly QpackEntryData[];
  /** Evicted to make room for them (oldest first). */
  readonly evicted: readonly QpackEntryData[];
  /** The stream whose field section they were for; null while that section is still being built. */
  readonly forStream: number | null;
}

/** Both ends of one direction of field sections. */
export interface QpackDirection {
  /** 'requests': the client encodes, the server decodes; 'responses': the other way round. */
  readonly id: 'requests' | 'responses';
  readonly encoder: QpackSnapshot | null;
  readonly decoder: QpackSnapshot | null;
  /** Changes of the table shown (the encoder's, else the decoder's). */
  readonly changes: QpackChanges;
  /**
   * Inserts acknowledged at the moment (RFC 9204 §2.1.4): the encoder's Known Received Count, or when only the
   * decoder was recorded, its count plus the Insert Count Increments it sent since its table last changed.
   */
  readonly knownReceivedCount: number;
  /** The last few instructions on the encoder stream of this direction, oldest first. */
  readonly encoderStream: readonly QpackInstructionItem[];
  /** The last few instructions on the decoder stream that acknowledges this direction, oldest first. */
  readonly decoderStream: readonly QpackInstructionItem[];
}

/** How many instructions per stream the panel lists. */
export const INSTRUCTIONS_SHOWN = 4;

const other = (v: Vantage): Vantage => (v === 'client' ? 'server' : 'client');

/** The direction a table of `side` kept by `vantage` belongs to. */
export function tableDirection(vantage: Vantage, side: 'encoder' | 'decoder'): QpackDirection['id'] {
  return (side === 'encoder') === (vantage === 'client') ? 'requests' : 'responses';
}

/** The direction an instruction belongs to, from who sent it and on which stream. */
export function instructionDirection(vantage: Vantage, dir: 'sent' | 'received', stream: 'encoder' | 'decoder'): QpackDirection['id'] {
  const sender = dir === 'sent' ? vantage : other(vantage);
  return (stream === 'encoder') === (sender === 'client') ? 'requests' : 'responses';
}

function tableData(e: SessionEvent): QpackTableUpdatedData | null {
  const d = e.data as Partial<QpackTableUpdatedData> | null;
  if (!d || (d.side !== 'encoder' && d.side !== 'decoder') || !Array.isArray(d.entries)) return null;
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return {
    side: d.side,
    entries: d.entries,
    size: n(d.size),
    capacity: n(d.capacity),
    maxCapacity: n(d.maxCapacity),
    insertCount: n(d.insertCount),
    knownReceivedCount: n(d.knownReceivedCount),
    inserted: Array.isArray(d.inserted) ? d.inserted : [],
    evicted: Array.isArray(d.evicted) ? d.evicted : [],
    cause: typeof d.cause === 'string' ? d.cause : '',
  };
}

function instructionData(e: SessionEvent): QpackInstructionData | null {
  const d = e.data as Partial<QpackInstructionData> | null;
  if (!d || (d.stream_type !== 'encoder' && d.stream_type !== 'decoder') || typeof d.instruction_type !== 'string') return null;
  return d as QpackInstructionData;
}

/** Field-section frames: HEADERS and PUSH_PROMISE carry QPACK field sections (RFC 9114 §4.2, §7.2.5). */
function isFieldSection(e: SessionEvent): boolean {
  const t = (e.data as { frame_type?: unknown } | null)?.frame_type;
  return t === 'headers' || t === 'push_promise';
}

/** The last two field-section boundaries (log indexes, -1 when none) of one end before `count`. */
function lastBoundaries(events: readonly SessionEvent[], list: IndexList, conn: number, vantage: Vantage, count: number): { last: number; prev: number; stream: number | null } {
  let last = -1;
  let prev = -1;
  let stream: number | null = null;
  for (let p = 0; p < list.length; p++) {
    const i = list.list[p]!;
    if (i >= count) break;
    const e = events[i];
    if (!e || e.conn !== conn || e.vantage !== vantage || !isFieldSection(e)) continue;
    prev = last;
    last = i;
    const id = (e.data as { stream_id?: unknown }).stream_id;
    stream = typeof id === 'number' ? id : (e.stream ?? null);
  }
  return { last, prev, stream };
}

/** Inserts and evictions of one end's table events with log indexes in (from, to). */
function changesBetween(events: readonly SessionEvent[], list: IndexList, conn: number, vantage: Vantage, side: 'encoder' | 'decoder', from: number, to: number) {
  const inserted: QpackEntryData[] = [];
  const evicted: QpackEntryData[] = [];
  for (let p = 0; p < list.length; p++) {
    const i = list.list[p]!;
    if (i >= to) break;
    if (i <= from) continue;
    const e = events[i];
    if (!e || e.conn !== conn || e.vantage !== vantage) continue;
    const d = tableData(e);
    if (!d || d.side !== side) continue;
    inserted.push(...d.inserted);
    evicted.push(...d.evicted);
  }
  return { inserted: inserted.reverse(), evicted };
}

/**
 * The changes a table went through for the latest field section of its end: the inserts (and the evictions they
 * caused) since that end's last HEADERS when there are some (a section being built), else the ones between its
 * last two HEADERS (what the last section added).
 */
export function latestChanges(events: readonly SessionEvent[], lists: QpackLists, conn: number, snap: QpackSnapshot | null, count: number): QpackChanges {
  if (!snap) return { inserted: [], evicted: [], forStream: null };
  const side = snap.data.side;
  const frames = side === 'encoder' ? lists.created : lists.parsed;
  const b = lastBoundaries(events, frames, conn, snap.vantage, count);
  const pending = changesBetween(events, lists.tables, conn, snap.vantage, side, b.last, count);
  if (pending.inserted.length > 0 || pending.evicted.length > 0 || b.last < 0) return { ...pending, forStream: null };
  return { ...changesBetween(events, lists.tables, conn, snap.vantage, side, b.prev, b.last), forStream: b.stream };
}

/**
 * The tables of connection `conn` at the moment: only events with log indexes below `count` count (the events at
 * or before the moment, in a time-ordered log).
 */
export function qpackTablesAt(events: readonly SessionEvent[], lists: QpackLists, conn: number, count: number): QpackDirection[] {
  const snaps: Record<string, QpackSnapshot> = {};
  for (let p = 0; p < lists.tables.length; p++) {
    const i = lists.tables.list[p]!;
    if (i >= count) break;
    const e = events[i];
    if (!e || e.conn !== conn) continue;
    const data = tableData(e);
    if (data) snaps[`${tableDirection(e.vantage, data.side)}/${data.side}`] = { index: i, seq: e.seq, time: e.time, vantage: e.vantage, data };
  }
  const streams: Record<string, QpackInstructionItem[]> = {};
  for (let p = 0; p < lists.instructions.length; p++) {
    const i = lists.instructions.list[p]!;
    if (i >= count) break;
    const e = events[i];
    if (!e || e.conn !== conn || (e.dir !== 'sent' && e.dir !== 'received')) continue;
    const data = instructionData(e);
    if (!data) continue;
    const key = `${instructionDirection(e.vantage, e.dir, data.stream_type)}/${data.stream_type}/${e.dir}`;
    (streams[key] ??= []).push({ index: i, seq: e.seq, time: e.time, vantage: e.vantage, dir: e.dir, data });
  }
  // each instruction may be recorded twice (sent by one end, received by the other): show the sender's view if recorded
  const lastOf = (id: string, stream: 'encoder' | 'decoder'): QpackInstructionItem[] =>
    (streams[`${id}/${stream}/sent`] ?? streams[`${id}/${stream}/received`] ?? []).slice(-INSTRUCTIONS_SHOWN);
  return (['requests', 'responses'] as const).map((id) => {
    const encoder = snaps[`${id}/encoder`] ?? null;
    const decoder = snaps[`${id}/decoder`] ?? null;
    return {
      id,
      encoder,
      decoder,
      changes: latestChanges(events, lists, conn, encoder ?? decoder, count),
      knownReceivedCount: encoder ? encoder.data.knownReceivedCount : decoder ? decoderAcknowledged(decoder, streams[`${id}/decoder/sent`] ?? []) : 0,
      encoderStream: lastOf(id, 'encoder'),
      decoderStream: lastOf(id, 'decoder'),
    };
  });
}

/** A decoder's acknowledged count: its table's, plus the Insert Count Increments it sent after that (§4.4.3). */
function decoderAcknowledged(snap: QpackSnapshot, sent: readonly QpackInstructionItem[]): number {
  let count = snap.data.knownReceivedCount;
  for (const i of sent) {
    if (i.index > snap.index && i.vantage === snap.vantage && i.data.instruction_type === 'insert_count_increment') count += i.data.increment ?? 0;
  }
  return Math.min(count, snap.data.insertCount);
}

/** The connections with QPACK events (tables or instructions), ascending. */
export function qpackConnections(events: readonly SessionEvent[], lists: Pick<QpackLists, 'tables' | 'instructions'>): number[] {
  const out = new Set<number>();
  for (const l of [lists.tables, lists.instructions]) {
    for (let p = 0; p < l.length; p++) {
      const e = events[l.list[p]!];
      if (e) out.add(e.conn);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** True when the decoder's table holds the encoder's entries (same insert count and the same fields). */
export function qpackInStep(a: QpackTableUpdatedData | undefined, b: QpackTableUpdatedData | undefined): boolean {
  if (!a || !b || a.insertCount !== b.insertCount || a.entries.length !== b.entries.length) return false;
  return a.entries.every((e, k) => e.absoluteIndex === b.entries[k]!.absoluteIndex && e.name === b.entries[k]!.name && e.value === b.entries[k]!.value);
}

/**
 * Whether an encoder would treat an entry as draining (RFC 9204 §2.1.1.1): with the table more than 7/8 full, the
 * oldest entries up to a quarter of the capacity are not referenced any more, so they can be evicted soon. This
 * is the rule our encoder follows; other encoders pick their own threshold.
 */
export function isDraining(table: QpackTableUpdatedData, absoluteIndex: number): boolean {
  if (table.capacity <= 0 || table.size <= (table.capacity * 7) / 8) return false;
  let through = 0;
  for (const e of table.entries) if (e.absoluteIndex <= absoluteIndex) through += e.size;
  return through <= table.capacity / 4;
}

/** One line for an instruction, e.g. "Insert With Name Reference (static 1) :path = /a → #4". */
export function instructionText(d: QpackInstructionData): string {
  const abs = d.absolute_index !== undefined ? ` → #${d.absolute_index}` : '';
  switch (d.instruction_type) {
    case 'set_dynamic_table_capacity':
      return `Set Dynamic Table Capacity ${d.capacity ?? '?'}`;
    case 'insert_with_name_reference':
      return `Insert With Name Reference (${d.table_type ?? '?'} ${d.name_index ?? '?'}) ${d.name ?? ''} = ${d.value ?? ''}${abs}`;
    case 'insert_without_name_reference':
      return `Insert With Literal Name ${d.name ?? ''} = ${d.value ?? ''}${abs}`;
    case 'duplicate':
      return `Duplicate relative ${d.index ?? '?'}${d.name !== undefined ? ` (${d.name})` : ''}${abs}`;
    case 'section_acknowledgement':
      return `Section Acknowledgment, stream ${d.stream_id ?? '?'}`;
    case 'stream_cancellation':
      return `Stream Cancellation, stream ${d.stream_id ?? '?'}`;
    case 'insert_count_increment':
      return `Insert Count Increment +${d.increment ?? '?'}`;
    default:
      return d.instruction_type;
  }
}
