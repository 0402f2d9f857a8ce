/**
 * A set of non-negative integers kept as sorted, disjoint, non-adjacent half-open ranges [start, end).
 * Used for received packet numbers (ACK ranges, RFC 9000 §13.2.3), acknowledged and to-be-retransmitted
 * byte ranges of CRYPTO and STREAM data, and the bytes received for reassembly (§2.2).
 */

/** One range [start, end). */
export interface Range {
  /** First member. */
  readonly start: number;
  /** One past the last member. */
  readonly end: number;
}

/** Sorted disjoint ranges with add / remove / query. Small in practice (a few dozen ranges). */
export class RangeSet {
  private readonly r: { start: number; end: number }[] = [];

  /** The ranges, ascending. */
  get ranges(): readonly Range[] {
    return this.r;
  }

  /** True when empty. */
  get empty(): boolean {
    return this.r.length === 0;
  }

  /** Smallest member, or undefined. */
  get min(): number | undefined {
    return this.r[0]?.start;
  }

  /** Largest member, or undefined. */
  get max(): number | undefined {
    const last = this.r[this.r.length - 1];
    return last ? last.end - 1 : undefined;
  }

  /** Index of the first range whose end >= x (binary search). */
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.r[mid]!.end < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds [start, end), merging with neighbours. */
  add(start: number, end: number): void {
    if (end <= start) return;
    const i = this.lowerBound(start);
    let s = start;
    let e = end;
    let j = i;
    while (j < this.r.length && this.r[j]!.start <= e) {
      s = Math.min(s, this.r[j]!.start);
      e = Math.max(e, this.r[j]!.end);
      j++;
    }
    this.r.splice(i, j - i, { start: s, end: e });
  }

  /** Removes [start, end). */
  remove(start: number, end: number): void {
    if (end <= start) return;
    let i = this.lowerBound(start);
    if (i < this.r.length && this.r[i]!.end === start) i++;
    const replacement: { start: number; end: number }[] = [];
    let j = i;
    while (j < this.r.length && this.r[j]!.start < end) {
      const x = this.r[j]!;
      if (x.start < start) replacement.push({ start: x.start, end: start });
      if (x.end > end) replacement.push({ start: end, end: x.end });
      j++;
    }
    this.r.splice(i, j - i, ...replacement);
  }

  /** True when x is a member. */
  has(x: number): boolean {
    const i = this.lowerBound(x + 1);
    const range = this.r[i];
    return range !== undefined && range.start <= x && x < range.end;
  }

  /** True when all of [start, end) are members. */
  covers(start: number, end: number): boolean {
    if (end <= start) return true;
    const i = this.lowerBound(start + 1);
    const range = this.r[i];
    return range !== undefined && range.start <= start && end <= range.end;
  }

  /** The parts of [start, end) that are NOT members, ascending. */
  gaps(start: number, end: number): Range[] {
    const out: Range[] = [];
    let at = start;
    for (let i = this.lowerBound(start + 1); i < this.r.length && at < end; i++) {
      const x = this.r[i]!;
      if (x.start >= end) break;
      if (x.start > at) out.push({ start: at, end: Math.min(x.start, end) });
      at = Math.max(at, x.end);
    }
    if (at < end) out.push({ start: at, end });
    return out;
  }

  /** Drops the lowest ranges so that at most `n` remain. */
  keepLast(n: number): void {
    if (this.r.length > n) this.r.splice(0, this.r.length - n);
  }

  /** The first range, or undefined. */
  first(): Range | undefined {
    return this.r[0];
  }

  /** Removes everything. */
  clear(): void {
    this.r.length = 0;
  }
}
