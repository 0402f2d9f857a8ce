/**
 * Loss detection (RFC 9002 §6, Appendix A): sent packets per packet number space, acknowledgement
 * processing with RTT samples, loss by packet threshold and time threshold, and the probe timeout (PTO)
 * with exponential backoff. Congestion control (NewReno) and pacing are driven from here. Times in ms.
 *
 * Lost packets are not retransmitted: the connection gets their frames back and queues what still matters.
 */
import type { Frame } from '../frames/types';
import { NewReno } from './congestion';
import { Pacer } from './pacer';
import { GRANULARITY, RttEstimator } from './rtt';

/** Packet number spaces (RFC 9000 §12.3), in sending order. */
export enum Space {
  Initial = 0,
  Handshake = 1,
  Application = 2,
}

/** Every space, in order. */
export const SPACES: readonly Space[] = [Space.Initial, Space.Handshake, Space.Application];

/** kPacketThreshold (RFC 9002 §6.1.1). */
export const PACKET_THRESHOLD = 3;
/** kTimeThreshold (RFC 9002 §6.1.2). */
export const TIME_THRESHOLD = 9 / 8;
/** kPersistentCongestionThreshold (RFC 9002 §7.6.1). */
export const PERSISTENT_CONGESTION_THRESHOLD = 3;

/** What the sender remembers of a packet until it is acknowledged or lost (RFC 9002 §A.1.1). */
export interface SentPacket {
  /** Packet number. */
  readonly pn: number;
  /** Its space. */
  readonly space: Space;
  /** When it was sent. */
  readonly timeSent: number;
  /** Bytes counted in flight (the whole packet, 0 when not in flight). */
  readonly size: number;
  /** True when it carries a frame other than ACK, PADDING, CONNECTION_CLOSE (§13.2). */
  readonly ackEliciting: boolean;
  /** True when it counts toward bytes in flight. */
  readonly inFlight: boolean;
  /** The frames it carried, to requeue on loss or settle on acknowledgement. */
  readonly frames: readonly Frame[];
}

/** Per-space loss detection state (§A.3). */
class SpaceState {
  /** Sent packets not yet acknowledged or lost, ascending packet numbers. */
  sent: SentPacket[] = [];
  largestAcked = -1;
  lossTime: number | null = null;
  timeOfLastAckEliciting: number | null = null;
  ackElicitingInFlight = 0;
}

/** What the connection must know to arm the PTO (§6.2). */
export interface PtoContext {
  /** The handshake is confirmed (RFC 9001 §4.1.2). */
  readonly handshakeConfirmed: boolean;
  /** The peer's max_ack_delay in ms. */
  readonly peerMaxAckDelay: number;
  /** A client knows the server validated its address (§6.2.2.1); always true at a server. */
  readonly peerCompletedAddressValidation: boolean;
  /** We hold Handshake keys (for the client's anti-deadlock probe). */
  readonly hasHandshakeKeys: boolean;
  /** A server blocked by the anti-amplification limit arms no PTO (§6.2.2.1). */
  readonly amplificationBlocked: boolean;
}

/** The result of an ACK frame. */
export interface AckOutcome {
  /** Packets newly acknowledged. */
  readonly acked: SentPacket[];
  /** Packets declared lost by this ACK. */
  readonly lost: SentPacket[];
  /** True when an RTT sample was taken. */
  readonly rttUpdated: boolean;
}

/** What a timer expiry means. */
export type LossTimeout = { readonly kind: 'loss'; readonly space: Space; readonly lost: SentPacket[] } | { readonly kind: 'pto'; readonly space: Space } | { readonly kind: 'none' };

/** Loss detection, RTT, congestion control and pacing for one connection. */
export class Recovery {
  /** The RTT estimator. */
  readonly rtt = new RttEstimator();
  /** NewReno. */
  readonly cc: NewReno;
  /** The pacer. */
  readonly pacer: Pacer;
  /** pto_count (§6.2.1). */
  ptoCount = 0;
  private readonly spaces = [new SpaceState(), new SpaceState(), new SpaceState()];
  private lastAckElicitingAny: number | null = null;

  /** @param maxDatagramSize bytes per datagram for NewReno and pacing */
  constructor(readonly maxDatagramSize: number) {
    this.cc = new NewReno(maxDatagramSize);
    this.pacer = new Pacer(maxDatagramSize);
  }

  /** The largest packet number the peer acknowledged in a space, -1 when none (for packet number encoding). */
  largestAcked(space: Space): number {
    return this.spaces[space]!.largestAcked;
  }

  /** Ack-eliciting packets in flight in a space. */
  ackElicitingInFlight(space: Space): number {
    return this.spaces[space]!.ackElicitingInFlight;
  }

  /** Unacknowledged packets of a space, oldest first (for PTO probes). */
  unacked(space: Space): readonly SentPacket[] {
    return this.spaces[space]!.sent;
  }

  /** OnPacketSent (§A.5). */
  onPacketSent(p: SentPacket): void {
    const s = this.spaces[p.space]!;
    s.sent.push(p);
    if (p.inFlight) {
      if (p.ackEliciting) {
        s.timeOfLastAckEliciting = p.timeSent;
        s.ackElicitingInFlight++;
        this.lastAckElicitingAny = p.timeSent;
      }
      this.cc.onSent(p.size);
      this.pacer.onSent(p.timeSent, p.size, this.cc.cwnd, this.rtt.smoothed);
    }
  }

  /**
   * OnAckReceived (§A.7) for an ACK frame's ranges (descending) in `space`. `ackDelay` is the decoded delay in
   * ms. `handshakeConfirmed` lets the delay count (limited to max_ack_delay) for RTT (§5.3).
   */
  onAckReceived(space: Space, ranges: readonly { largest: number; smallest: number }[], ackDelay: number, now: number, ctx: PtoContext): AckOutcome {
    const s = this.spaces[space]!;
    const largest = ranges[0]?.largest ?? -1;
    s.largestAcked = Math.max(s.largestAcked, largest);
    const acked: SentPacket[] = [];
    const keep: SentPacket[] = [];
    for (const p of s.sent) {
      if (inRanges(ranges, p.pn)) acked.push(p);
      else keep.push(p);
    }
    if (acked.length === 0) return { acked, lost: [], rttUpdated: false };
    s.sent = keep;
    let rttUpdated = false;
    const newest = acked[acked.length - 1]!;
    // §5.1: sample when the largest acknowledged is newly acknowledged and at least one newly acked packet is ack-eliciting
    if (newest.pn === largest && acked.some((p) => p.ackEliciting)) {
      const delay = space === Space.Application ? (ctx.handshakeConfirmed ? Math.min(ackDelay, ctx.peerMaxAckDelay) : ackDelay) : 0;
      this.rtt.update(Math.max(now - newest.timeSent, 0), delay);
      rttUpdated = true;
    }
    for (const p of acked) {
      if (p.inFlight) {
        if (p.ackEliciting) s.ackElicitingInFlight--;
        this.cc.onAcked(p.size, p.timeSent, false);
      }
    }
    const lost = this.detectLost(space, now);
    // §6.2.1: reset the backoff on an acknowledgement, except a client not yet sure its address is validated
    if (ctx.peerCompletedAddressValidation) this.ptoCount = 0;
    return { acked, lost, rttUpdated };
  }

  /** DetectAndRemoveLostPackets (§A.10). */
  detectLost(space: Space, now: number): SentPacket[] {
    const s = this.spaces[space]!;
    s.lossTime = null;
    const lossDelay = Math.max(TIME_THRESHOLD * Math.max(this.rtt.latest, this.rtt.smoothed), GRANULARITY);
    const lost: SentPacket[] = [];
    const keep: SentPacket[] = [];
    for (const p of s.sent) {
      if (p.pn > s.largestAcked) {
        keep.push(p);
        continue;
      }
      // compared as timeSent + delay <= now (not timeSent <= now - delay) so the timer and this test agree exactly
      if (p.timeSent + lossDelay <= now || s.largestAcked >= p.pn + PACKET_THRESHOLD) {
        lost.push(p);
      } else {
        keep.push(p);
        const t = p.timeSent + lossDelay;
        s.lossTime = s.lossTime === null ? t : Math.min(s.lossTime, t);
      }
    }
    if (lost.length === 0) return lost;
    s.sent = keep;
    for (const p of lost) {
      if (!p.inFlight) continue;
      if (p.ackEliciting) s.ackElicitingInFlight--;
      this.cc.onLost(p.size, p.timeSent, now);
    }
    this.checkPersistentCongestion(lost);
    return lost;
  }

  /** §7.6 (simplified): ack-eliciting losses spanning more than the persistent congestion duration. */
  private checkPersistentCongestion(lost: readonly SentPacket[]): void {
    if (!this.rtt.hasSample) return;
    const eliciting = lost.filter((p) => p.ackEliciting);
    if (eliciting.length < 2) return;
    const duration = (this.rtt.smoothed + Math.max(4 * this.rtt.variance, GRANULARITY)) * PERSISTENT_CONGESTION_THRESHOLD;
    if (eliciting[eliciting.length - 1]!.timeSent - eliciting[0]!.timeSent > duration) this.cc.onPersistentCongestion();
  }

  /** Forgets a space whose keys were discarded (§6.4): its packets leave flight without being lost. */
  discardSpace(space: Space): void {
    const s = this.spaces[space]!;
    for (const p of s.sent) if (p.inFlight) this.cc.onRemoved(p.size);
    s.sent = [];
    s.lossTime = null;
    s.timeOfLastAckEliciting = null;
    s.ackElicitingInFlight = 0;
    this.ptoCount = 0;
  }

  /** GetPtoTimeAndSpace (§A.8). `discarded[space]` spaces are skipped. */
  private ptoTimeAndSpace(ctx: PtoContext, discarded: readonly boolean[]): { time: number; space: Space } | null {
    const backoff = 2 ** this.ptoCount;
    const base = this.rtt.pto(0) * backoff;
    const anyInFlight = this.spaces.some((s, i) => !discarded[i] && s.ackElicitingInFlight > 0);
    if (!anyInFlight) {
      // §6.2.2.1: the client's anti-deadlock probe
      if (ctx.peerCompletedAddressValidation) return null;
      const space = ctx.hasHandshakeKeys ? Space.Handshake : Space.Initial;
      return { time: (this.lastAckElicitingAny ?? 0) + base, space };
    }
    let best: { time: number; space: Space } | null = null;
    for (const space of SPACES) {
      const s = this.spaces[space]!;
      if (discarded[space] || s.ackElicitingInFlight === 0) continue;
      let duration = base;
      if (space === Space.Application) {
        if (!ctx.handshakeConfirmed) return best; // §6.2.1: no application PTO before confirmation
        duration += ctx.peerMaxAckDelay * backoff;
      }
      const t = (s.timeOfLastAckEliciting ?? 0) + duration;
      if (!best || t < best.time) best = { time: t, space };
    }
    return best;
  }

  /** The loss detection timer (SetLossDetectionTimer, §A.8): the earliest loss time, else the PTO; null when none. */
  timer(ctx: PtoContext, discarded: readonly boolean[]): { time: number; space: Space; kind: 'loss' | 'pto' } | null {
    let loss: { time: number; space: Space } | null = null;
    for (const space of SPACES) {
      const t = this.spaces[space]!.lossTime;
      if (t !== null && !discarded[space] && (!loss || t < loss.time)) loss = { time: t, space };
    }
    if (loss) return { ...loss, kind: 'loss' };
    if (ctx.amplificationBlocked) return null;
    const pto = this.ptoTimeAndSpace(ctx, discarded);
    return pto ? { ...pto, kind: 'pto' } : null;
  }

  /** OnLossDetectionTimeout (§A.9). */
  onTimeout(now: number, ctx: PtoContext, discarded: readonly boolean[]): LossTimeout {
    const t = this.timer(ctx, discarded);
    if (!t || t.time > now) return { kind: 'none' };
    if (t.kind === 'loss') return { kind: 'loss', space: t.space, lost: this.detectLost(t.space, now) };
    this.ptoCount++;
    return { kind: 'pto', space: t.space };
  }
}

function inRanges(ranges: readonly { largest: number; smallest: number }[], pn: number): boolean {
  for (const r of ranges) if (pn >= r.smallest && pn <= r.largest) return true;
  return false;
}
