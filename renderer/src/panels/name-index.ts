/**
 * The indexes of the events of one name (e.g. every `h2:flow_window`), kept in step with the event columns
 * incrementally, so a panel reads a few hundred events instead of scanning a million.
 */
import type { EventColumns } from '../store/event-columns';

/** Event indexes of one name, in log order. */
export class NameIndex {
  list = new Int32Array(64);
  length = 0;
  private processed = 0;
  private generation = -1;

  constructor(readonly name: string) {}

  /** Indexes the events appended since the last call (starting over after the columns were cleared). */
  sync(columns: EventColumns): this {
    if (columns.generation !== this.generation || columns.length < this.processed) {
      this.generation = columns.generation;
      this.processed = 0;
      this.length = 0;
    }
    const id = columns.names.indexOf(this.name);
    if (id < 0) {
      this.processed = columns.length;
      return this;
    }
    const names = columns.nameId;
    for (let i = this.processed; i < columns.length; i++) {
      if (names[i] !== id) continue;
      if (this.length === this.list.length) {
        const next = new Int32Array(this.list.length * 2);
        next.set(this.list);
        this.list = next;
      }
      this.list[this.length++] = i;
    }
    this.processed = columns.length;
    return this;
  }
}
