/**
 * The receiving side of acknowledgements for one packet number space (RFC 9000 §13.2): which packet
 * numbers arrived (duplicates are dropped, §12.3), when an ACK is due, and the ACK frame itself with its
 * ranges and ack delay.
 *
 * Initial and Handshake packets are acknowledged at once (§13.2.1). In the application space an ACK waits
 * for a second ack-eliciting packet or for max_ack_delay, but goes at once when a packet arrives out of
 * order (§13.2.1, §13.2.2).
 */
import type { AckFrame } from '../frames/types';
import { RangeSet } from './range-set';

/** How many ACK ranges we keep and report (older ones are forgotten, §13.2.3). */
const MAX_ACK_RANGES = 32;
/** Ack-eliciting packets that trigger an immediate ACK in the application space (§13.2.2). */
const ACK_ELICITING_THRESHOLD = 2;

/** Received packet numbers of one space and the ACK schedule. */
export class AckTracker {
  private readonly received = new RangeSet();
  private largestTime = 0;
  private unacked = 0;
  private immediate = false;
  private deadline: number | null = null;
  /** True when an ACK frame should go in the next packet of this space. */
  private pending = false;

  /** @param delayed true for the application space (delayed ACKs), false for Initial / Handshake */
  constructor(private readonly delayed: boolean) {}

  /** Largest packet number received, -1 when none (for packet number decoding, §17.1). */
  get largest(): number {
    return this.received.max ?? -1;
  }

  /** True when `pn` was already received (a duplicate to drop, §12.3). */
  isDuplicate(pn: number): boolean {
    const min = this.received.min;
    // Packet numbers below what we still track count as duplicates: we cannot tell, and they are stale.
    return this.received.has(pn) || (min !== undefined && pn < min && this.received.ranges.length >= MAX_ACK_RANGES);
  }

  /** Records a packet that was processed. `maxAckDelay` is our own max_ack_delay in ms. */
  onReceived(pn: number, ackEliciting: boolean, now: number, maxAckDelay: number): void {
    const largestBefore = this.largest;
    // §13.2.1: out of order (below the largest, or leaving a gap) is acknowledged immediately
    const outOfOrder = pn < largestBefore || (largestBefore >= 0 && pn > largestBefore + 1);
    this.received.add(pn, pn + 1);
    this.received.keepLast(MAX_ACK_RANGES);
    if (pn >= largestBefore) this.largestTime = now;
    if (!ackEliciting) return;
    this.pending = true;
    this.unacked++;
    if (!this.delayed || outOfOrder || this.unacked >= ACK_ELICITING_THRESHOLD) this.immediate = true;
    else if (this.deadline === null) this.deadline = now + maxAckDelay;
  }

  /** True when an ACK must be sent now. */
  dueNow(now: number): boolean {
    return this.pending && (this.immediate || (this.deadline !== null && now >= this.deadline));
  }

  /** True when some packet waits to be acknowledged (an ACK may ride along with other frames). */
  get hasPending(): boolean {
    return this.pending;
  }

  /** When the delayed ACK is due, or null. */
  get ackDeadline(): number | null {
    return this.pending && !this.immediate ? this.deadline : null;
  }

  /** Builds the ACK frame (§19.3); `exponent` is our ack_delay_exponent. Null when nothing was received. */
  buildAck(now: number, exponent: number): AckFrame | null {
    if (this.received.empty) return null;
    const ranges = [...this.received.ranges].reverse().map((r) => ({ largest: r.end - 1, smallest: r.start }));
    const delayUs = this.delayed ? Math.max(0, Math.round((now - this.largestTime) * 1000)) : 0;
    return { type: 'ack', ackDelay: Math.floor(delayUs / 2 ** exponent), ranges };
  }

  /** An ACK frame was sent: nothing waits until the next ack-eliciting packet. */
  onAckSent(): void {
    this.pending = false;
    this.immediate = false;
    this.unacked = 0;
    this.deadline = null;
  }
}
