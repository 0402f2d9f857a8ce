/**
 * NewReno congestion control (RFC 9002 §7, Appendix B): slow start, recovery and congestion avoidance,
 * with persistent congestion collapsing the window (§7.6). Bytes; times in ms.
 *
 * ```
 *                 New path or      +------------+
 *            persistent congestion |   Slow     |
 *        (O)---------------------->|   Start    |
 *                                  +------------+
 *                                        |
 *                                Loss or |
 *                        ECN-CE increase |
 *                                        v
 * +------------+     Loss or       +------------+
 * | Congestion |  ECN-CE increase  |  Recovery  |
 * | Avoidance  |------------------>|   Period   |
 * +------------+                   +------------+
 *           ^                            |
 *           |                            |
 *           +----------------------------+
 *              Acknowledgment of packet
 *                sent during recovery
 * ```
 */

/** The states of the diagram above (RFC 9002 §7.3). */
export enum CongestionState {
  SlowStart = 'slow_start',
  Recovery = 'recovery',
  CongestionAvoidance = 'congestion_avoidance',
}

/** kLossReductionFactor (§7.8). */
const LOSS_REDUCTION = 0.5;

/** NewReno's state for one path. */
export class NewReno {
  /** congestion_window (§B.2). */
  cwnd: number;
  /** bytes_in_flight (§B.2). */
  bytesInFlight = 0;
  /** ssthresh (§B.2). */
  ssthresh = Number.POSITIVE_INFINITY;
  /** congestion_recovery_start_time, or null (§B.2). */
  private recoveryStart: number | null = null;

  /** @param maxDatagramSize the sender's max_datagram_size (§7.2) */
  constructor(private readonly maxDatagramSize: number) {
    this.cwnd = NewReno.initialWindow(maxDatagramSize);
  }

  /** kInitialWindow (§7.2): min(10 * max_datagram_size, max(14720, 2 * max_datagram_size)). */
  static initialWindow(mds: number): number {
    return Math.min(10 * mds, Math.max(14720, 2 * mds));
  }

  /** kMinimumWindow (§7.2). */
  get minimumWindow(): number {
    return 2 * this.maxDatagramSize;
  }

  /** The state of the diagram. */
  state(now: number): CongestionState {
    void now;
    if (this.recoveryOpen) return CongestionState.Recovery;
    return this.cwnd < this.ssthresh ? CongestionState.SlowStart : CongestionState.CongestionAvoidance;
  }

  /** True from a congestion event until a packet sent after it is acknowledged. */
  private recoveryOpen = false;

  /** Bytes that may still be sent now. */
  get available(): number {
    return Math.max(0, this.cwnd - this.bytesInFlight);
  }

  /** OnPacketSentCC (§B.4). */
  onSent(bytes: number): void {
    this.bytesInFlight += bytes;
  }

  /** A packet in flight was removed without ack or loss (discarded keys, §B.9). */
  onRemoved(bytes: number): void {
    this.bytesInFlight = Math.max(0, this.bytesInFlight - bytes);
  }

  /** OnPacketAcked (§B.5) for one packet in flight. `appLimited` skips growth (§7.8). */
  onAcked(bytes: number, timeSent: number, appLimited: boolean): void {
    this.bytesInFlight = Math.max(0, this.bytesInFlight - bytes);
    if (this.recoveryStart !== null && timeSent <= this.recoveryStart) return; // §7.3.2: no growth in recovery
    this.recoveryOpen = false;
    if (appLimited) return;
    if (this.cwnd < this.ssthresh) this.cwnd += bytes; // slow start
    else this.cwnd += (this.maxDatagramSize * bytes) / this.cwnd; // congestion avoidance
  }

  /** OnPacketsLost (§B.8): lost bytes leave flight; a loss after the recovery start is a congestion event. */
  onLost(bytes: number, timeSent: number, now: number): void {
    this.bytesInFlight = Math.max(0, this.bytesInFlight - bytes);
    this.congestionEvent(timeSent, now);
  }

  /** OnCongestionEvent (§B.6). */
  private congestionEvent(timeSent: number, now: number): void {
    if (this.recoveryStart !== null && timeSent <= this.recoveryStart) return;
    this.recoveryStart = now;
    this.recoveryOpen = true;
    this.ssthresh = Math.max(this.cwnd * LOSS_REDUCTION, this.minimumWindow);
    this.cwnd = this.ssthresh;
  }

  /** Persistent congestion (§7.6): the window collapses to the minimum. */
  onPersistentCongestion(): void {
    this.cwnd = this.minimumWindow;
    this.recoveryStart = null;
    this.recoveryOpen = false;
  }
}
