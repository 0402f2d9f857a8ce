/**
 * Pacing (RFC 9002 §7.7): spreads a window of packets over a round trip instead of sending it as a burst,
 * with a token bucket refilled at rate N * cwnd / smoothed_rtt (N = 1.25) and a burst of a few packets.
 */

/** N of §7.7: pace slightly faster than cwnd / RTT so the window is not underused. */
const PACING_GAIN = 1.25;
/** Packets that may leave back to back. */
const BURST_PACKETS = 10;

/** A token bucket in bytes; times in ms. */
export class Pacer {
  private tokens: number;
  private last: number | null = null;

  /** @param maxDatagramSize bytes per packet */
  constructor(private readonly maxDatagramSize: number) {
    this.tokens = BURST_PACKETS * maxDatagramSize;
  }

  private refill(now: number, cwnd: number, srtt: number): void {
    if (this.last !== null && now > this.last) {
      const rate = (PACING_GAIN * cwnd) / Math.max(srtt, 0.001); // bytes per ms
      this.tokens = Math.min(BURST_PACKETS * this.maxDatagramSize, this.tokens + rate * (now - this.last));
    }
    if (this.last === null || now > this.last) this.last = now;
  }

  /** When a packet of `bytes` may go: `now` if allowed now, else the earliest later time. */
  nextSendTime(now: number, bytes: number, cwnd: number, srtt: number): number {
    this.refill(now, cwnd, srtt);
    if (this.tokens >= bytes) return now;
    const rate = (PACING_GAIN * cwnd) / Math.max(srtt, 0.001);
    return now + (bytes - this.tokens) / rate;
  }

  /** Takes tokens for a packet sent. */
  onSent(now: number, bytes: number, cwnd: number, srtt: number): void {
    this.refill(now, cwnd, srtt);
    this.tokens = Math.max(-this.maxDatagramSize, this.tokens - bytes);
  }
}
