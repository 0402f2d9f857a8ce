/**
 * The session's events as columns of typed arrays (one slot per event, in arrival order), for the timeline:
 * drawing a million events reads numbers from a few flat arrays instead of walking a million objects.
 * Arrays grow by doubling, so appending costs amortized O(1) per event and no per-event allocation.
 *
 * The event objects themselves stay in EventLog (for the list and the inspector); index i here is index i there.
 */
import type { SessionEvent } from '../../../shared/events';
import { classifyEvent } from '../timeline/event-kind';

/** Bit 0 of `flags`: the event was seen by the server (else the client). */
export const FLAG_SERVER = 1;
/** Bit 1 of `flags`: the vantage sent the bytes. */
export const FLAG_SENT = 2;
/** Bit 2 of `flags`: the vantage received the bytes. */
export const FLAG_RECEIVED = 4;

/** Stream column value for events without a stream. */
export const NO_STREAM = -1;

/** Name id used once 65,535 distinct names were seen (a damaged file): drawn generically. */
export const OVERFLOW_NAME = 0xffff;

const INITIAL_CAPACITY = 1024;

/** Byte length of base64 text without decoding it (padding-aware; whitespace-free base64 as the engine writes). */
export function base64Length(text: unknown): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const n = text.length;
  let pad = 0;
  if (text.charCodeAt(n - 1) === 61 /* = */) pad = text.charCodeAt(n - 2) === 61 ? 2 : 1;
  return Math.max(0, Math.floor((n * 3) / 4) - pad);
}

function grow<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Per-event columns: time, conn, stream, vantage/dir flags, name id, type key id, kind, byte length. */
export class EventColumns {
  /** Number of events stored (the columns' used length). */
  length = 0;
  /** Session time, ms. NaN becomes 0 so that a damaged event cannot poison min/max. */
  time = new Float64Array(INITIAL_CAPACITY);
  conn = new Int32Array(INITIAL_CAPACITY);
  /** Stream id, or NO_STREAM (-1). */
  stream = new Int32Array(INITIAL_CAPACITY);
  /** FLAG_SERVER | FLAG_SENT | FLAG_RECEIVED. */
  flags = new Uint8Array(INITIAL_CAPACITY);
  /** Interned name (see `names`). */
  nameId = new Uint16Array(INITIAL_CAPACITY);
  /** Mark kind (see timeline/event-kind.ts). */
  kind = new Uint8Array(INITIAL_CAPACITY);
  /** Length of `raw` in bytes (0 when none). */
  bytes = new Int32Array(INITIAL_CAPACITY);
  /** Interned type key (see `types`): the name, or "h2:frame DATA" etc. for HTTP/2 frames, for filters. */
  typeId = new Uint16Array(INITIAL_CAPACITY);
  /** Names by id. */
  readonly names: string[] = [];
  /** Type keys by id (see `typeId`). */
  readonly types: string[] = [];
  /** Smallest and largest time seen (Infinity / -Infinity while empty). */
  minTime = Infinity;
  maxTime = -Infinity;
  /** True while times never went backwards in arrival order. */
  timeOrdered = true;
  /** Bumped by clear(), so indexes built on the columns know to start over. */
  generation = 0;

  private readonly nameIds = new Map<string, number>();
  private readonly typeIds = new Map<string, number>();
  private readonly frameTypeIds = new Map<string, number>();

  /** Capacity of the arrays (for tests). */
  get capacity(): number {
    return this.time.length;
  }

  /** Forgets everything (keeps nothing of the old arrays, so a big session's memory is released). */
  clear(): void {
    this.generation++;
    this.length = 0;
    this.time = new Float64Array(INITIAL_CAPACITY);
    this.conn = new Int32Array(INITIAL_CAPACITY);
    this.stream = new Int32Array(INITIAL_CAPACITY);
    this.flags = new Uint8Array(INITIAL_CAPACITY);
    this.nameId = new Uint16Array(INITIAL_CAPACITY);
    this.kind = new Uint8Array(INITIAL_CAPACITY);
    this.bytes = new Int32Array(INITIAL_CAPACITY);
    this.typeId = new Uint16Array(INITIAL_CAPACITY);
    this.names.length = 0;
    this.nameIds.clear();
    this.types.length = 0;
    this.typeIds.clear();
    this.frameTypeIds.clear();
    this.minTime = Infinity;
    this.maxTime = -Infinity;
    this.timeOrdered = true;
  }

  /** Makes room for `extra` more events, doubling as needed. */
  reserve(extra: number): void {
    const need = this.length + extra;
    let capacity = this.time.length;
    if (need <= capacity) return;
    while (capacity < need) capacity *= 2;
    this.time = grow(this.time, capacity);
    this.conn = grow(this.conn, capacity);
    this.stream = grow(this.stream, capacity);
    this.flags = grow(this.flags, capacity);
    this.nameId = grow(this.nameId, capacity);
    this.kind = grow(this.kind, capacity);
    this.bytes = grow(this.bytes, capacity);
    this.typeId = grow(this.typeId, capacity);
  }

  /** The interned id of a name. */
  intern(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      if (this.names.length >= OVERFLOW_NAME) return OVERFLOW_NAME;
      id = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, id);
    }
    return id;
  }

  /** The interned id of a type key. */
  internType(key: string): number {
    let id = this.typeIds.get(key);
    if (id === undefined) {
      if (this.types.length >= OVERFLOW_NAME) return OVERFLOW_NAME;
      id = this.types.length;
      this.types.push(key);
      this.typeIds.set(key, id);
    }
    return id;
  }

  /** The type id of "h2:frame TYPE", without building the key string for every frame. */
  private internFrameType(name: string, frameType: string): number {
    let id = this.frameTypeIds.get(frameType);
    if (id === undefined) {
      id = this.internType(`${name} ${frameType}`);
      this.frameTypeIds.set(frameType, id);
    }
    return id;
  }

  /** Appends one event's columns; returns its index. */
  push(event: SessionEvent): number {
    if (this.length >= this.time.length) this.reserve(1);
    const i = this.length++;
    const t = typeof event.time === 'number' && Number.isFinite(event.time) ? event.time : 0;
    this.time[i] = t;
    if (t < this.maxTime) this.timeOrdered = false;
    if (t < this.minTime) this.minTime = t;
    if (t > this.maxTime) this.maxTime = t;
    this.conn[i] = Number.isInteger(event.conn) ? event.conn : 0;
    const s = event.stream;
    this.stream[i] = typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= 0x7fffffff ? s : NO_STREAM;
    this.flags[i] =
      (event.vantage === 'server' ? FLAG_SERVER : 0) |
      (event.dir === 'sent' ? FLAG_SENT : event.dir === 'received' ? FLAG_RECEIVED : 0);
    const name = typeof event.name === 'string' ? event.name : String((event as { name?: unknown }).name);
    this.nameId[i] = this.intern(name);
    const frameType = name === 'h2:frame' ? (event.data as { type?: unknown } | null)?.type : undefined;
    this.typeId[i] = typeof frameType === 'string' ? this.internFrameType(name, frameType) : this.internType(name);
    this.kind[i] = classifyEvent(event);
    const rawLength = (event as { rawLength?: unknown }).rawLength;
    this.bytes[i] = typeof rawLength === 'number' && rawLength >= 0 ? rawLength : base64Length(event.raw);
    return i;
  }

  /** Appends a batch. */
  append(events: readonly SessionEvent[]): void {
    this.reserve(events.length);
    for (const event of events) if (event && typeof event === 'object') this.push(event);
  }

  /** The name of event i. */
  nameOf(i: number): string {
    return this.names[this.nameId[i]!] ?? 'unknown';
  }
}
