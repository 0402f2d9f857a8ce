/**
 * The HPACK dynamic table (RFC 7541 §2.3.2, §4): a FIFO of entries, newest at index 62, with size accounting
 * and eviction. It also keeps lookup maps so an encoder finds matches without scanning.
 */
import type { TableSnapshot } from './types';

/** Static table length: dynamic indices start at STATIC_TABLE_LENGTH + 1 (RFC 7541 §2.3.3). */
export const STATIC_TABLE_LENGTH = 61;

/** Per-entry overhead in octets (RFC 7541 §4.1). */
export const ENTRY_OVERHEAD = 32;

/** Size of an entry: name octets + value octets + 32 (RFC 7541 §4.1). Text is Latin-1, one char per octet. */
export function entrySize(name: string, value: string): number {
  return name.length + value.length + ENTRY_OVERHEAD;
}

/** One stored entry; `seq` counts insertions since the table was created. */
interface Entry {
  readonly name: string;
  readonly value: string;
  readonly size: number;
  readonly seq: number;
}

/** Called for each entry evicted, oldest first. */
export type EvictionListener = (name: string, value: string, size: number) => void;

/** The dynamic table. Index 1 here is the newest entry (HPACK index 62). */
export class DynamicTable {
  /** Entries oldest first, from `head`; array slots before `head` are dead. */
  private entries: Entry[] = [];
  private head = 0;
  private inserted = 0;
  private _size = 0;
  private _maxSize: number;
  /** "name\0value" and name -> seq of the newest entry with it (for encoders). */
  private readonly byPair = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  /** @param maxSize initial maximum size (RFC 7541 §4.2)  @param onEvict told about each eviction */
  constructor(
    maxSize: number,
    private readonly onEvict?: EvictionListener,
  ) {
    this._maxSize = maxSize;
  }

  /** Number of entries. */
  get length(): number {
    return this.entries.length - this.head;
  }

  /** Sum of entry sizes (RFC 7541 §4.1). */
  get size(): number {
    return this._size;
  }

  /** The current maximum size. */
  get maxSize(): number {
    return this._maxSize;
  }

  /** Changes the maximum size, evicting until the table fits (RFC 7541 §4.3). */
  setMaxSize(maxSize: number, onEvict = this.onEvict): void {
    this._maxSize = maxSize;
    this.evictTo(maxSize, onEvict);
  }

  /**
   * Adds an entry (RFC 7541 §4.4): evicts from the old end until it fits; an entry larger than the maximum
   * size empties the table and is not added. Returns whether it was added.
   */
  add(name: string, value: string, onEvict = this.onEvict): boolean {
    const size = entrySize(name, value);
    if (size > this._maxSize) {
      this.evictTo(0, onEvict);
      return false;
    }
    this.evictTo(this._maxSize - size, onEvict);
    const seq = this.inserted++;
    this.entries.push({ name, value, size, seq });
    this._size += size;
    this.byPair.set(name + '\0' + value, seq);
    this.byName.set(name, seq);
    return true;
  }

  /** The entry at relative index i (1 = newest), or undefined. */
  get(i: number): { readonly name: string; readonly value: string } | undefined {
    if (i < 1 || i > this.length) return undefined;
    return this.entries[this.entries.length - i];
  }

  /** Relative index (1 = newest) of the newest entry equal to name and value, or 0. */
  findPair(name: string, value: string): number {
    return this.indexOfSeq(this.byPair.get(name + '\0' + value));
  }

  /** Relative index (1 = newest) of the newest entry with this name, or 0. */
  findName(name: string): number {
    return this.indexOfSeq(this.byName.get(name));
  }

  /** The table as shown to people, with HPACK indices. */
  snapshot(limit: number): TableSnapshot {
    const entries = [];
    for (let i = 1; i <= this.length; i++) {
      const e = this.entries[this.entries.length - i]!;
      entries.push({ index: STATIC_TABLE_LENGTH + i, name: e.name, value: e.value, size: e.size });
    }
    return { entries, size: this._size, maxSize: this._maxSize, limit };
  }

  private indexOfSeq(seq: number | undefined): number {
    if (seq === undefined) return 0;
    const i = this.inserted - seq;
    return i <= this.length ? i : 0;
  }

  private evictTo(target: number, onEvict: EvictionListener | undefined): void {
    while (this._size > target && this.head < this.entries.length) {
      const e = this.entries[this.head]!;
      this.entries[this.head] = undefined as unknown as Entry;
      this.head++;
      this._size -= e.size;
      const pairKey = e.name + '\0' + e.value;
      if (this.byPair.get(pairKey) === e.seq) this.byPair.delete(pairKey);
      if (this.byName.get(e.name) === e.seq) this.byName.delete(e.name);
      onEvict?.(e.name, e.value, e.size);
    }
    if (this.head > 32 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
