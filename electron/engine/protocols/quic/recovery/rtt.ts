/**
 * Round-trip time estimation (RFC 9002 §5): latest_rtt, min_rtt, smoothed_rtt and rttvar. Times in ms.
 */

/** kInitialRtt (RFC 9002 §6.2.2): 333 ms before any sample. */
export const INITIAL_RTT = 333;
/** kGranularity (RFC 9002 §6.1.2): timer granularity, 1 ms. */
export const GRANULARITY = 1;

/** The RTT estimator of one connection. */
export class RttEstimator {
  /** The most recent sample (§5.2). */
  latest = 0;
  /** The minimum sample seen, without ack delay adjustment (§5.2); 0 before any. */
  min = 0;
  /** Exponentially weighted moving average (§5.3). */
  smoothed = INITIAL_RTT;
  /** Mean deviation (§5.3). */
  variance = INITIAL_RTT / 2;
  /** True once a sample was taken. */
  hasSample = false;

  /**
   * Takes a sample (§5.3). `ackDelay` is the peer's reported delay, already limited to max_ack_delay
   * once the handshake is confirmed; `ignoreAckDelay` for Initial and Handshake packets.
   */
  update(latestRtt: number, ackDelay: number): void {
    this.latest = latestRtt;
    if (!this.hasSample) {
      this.hasSample = true;
      this.min = latestRtt;
      this.smoothed = latestRtt;
      this.variance = latestRtt / 2;
      return;
    }
    this.min = Math.min(this.min, latestRtt);
    // §5.3: subtract the ack delay only if the result stays above min_rtt
    const adjusted = latestRtt >= this.min + ackDelay ? latestRtt - ackDelay : latestRtt;
    this.variance = 0.75 * this.variance + 0.25 * Math.abs(this.smoothed - adjusted);
    this.smoothed = 0.875 * this.smoothed + 0.125 * adjusted;
  }

  /** The probe timeout without backoff (§6.2.1): smoothed_rtt + max(4 * rttvar, kGranularity) [+ max_ack_delay]. */
  pto(maxAckDelay: number): number {
    return this.smoothed + Math.max(4 * this.variance, GRANULARITY) + maxAckDelay;
  }
}
