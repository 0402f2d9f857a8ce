/** PINGs in flight and their round trips (RFC 9113 §6.7). */

/** One PING we sent and wait an ACK for. */
interface Outstanding {
  readonly key: string;
  readonly opaque: Uint8Array;
  readonly sentAt: number;
}

/** Tracks our PINGs: matches ACKs by opaque data, measures the round trip, and times them out. */
export class PingTracker {
  private readonly outstanding: Outstanding[] = [];
  private counter = 0;

  /** @param timeout how long to wait for an ACK, ms */
  constructor(private readonly timeout: number) {}

  /** Opaque data for a new PING: a counter, so ACKs can be matched. */
  nextOpaque(): Uint8Array {
    this.counter++;
    const b = new Uint8Array(8);
    let n = this.counter;
    for (let i = 7; i >= 0 && n > 0; i--) {
      b[i] = n & 0xff;
      n = Math.floor(n / 256);
    }
    return b;
  }

  /** A PING was sent at `now`. */
  sent(opaque: Uint8Array, now: number): void {
    this.outstanding.push({ key: keyOf(opaque), opaque, sentAt: now });
  }

  /** A PING ACK arrived: the round trip in ms, or null when it matches no PING of ours. */
  acked(opaque: Uint8Array, now: number): number | null {
    const key = keyOf(opaque);
    const i = this.outstanding.findIndex((o) => o.key === key);
    if (i < 0) return null;
    const [o] = this.outstanding.splice(i, 1);
    return now - o!.sentAt;
  }

  /** When the oldest PING times out, or null. */
  deadline(): number | null {
    const o = this.outstanding[0];
    return o ? o.sentAt + this.timeout : null;
  }

  /** Removes and returns the PINGs that timed out by `now`. */
  expire(now: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    while (this.outstanding.length > 0 && this.outstanding[0]!.sentAt + this.timeout <= now) out.push(this.outstanding.shift()!.opaque);
    return out;
  }
}

function keyOf(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
