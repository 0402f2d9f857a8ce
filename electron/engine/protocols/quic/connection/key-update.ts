/**
 * 1-RTT key update (RFC 9001 §6): the Key Phase bit of short headers says which generation of 1-RTT keys protects
 * a packet. Each new generation's secrets come from the previous ones with HKDF-Expand-Label(secret, "quic ku")
 * (§6.1); the header protection key never changes (§6.6 is about limits; §5.4 keys stay). An update by the peer
 * shows as a flipped Key Phase bit on a packet that opens with the next keys (§6.2); we then update our send keys
 * too. We keep the previous read keys for reordered packets for three PTOs (§6.5), choosing them by packet number
 * (§6.5: a packet with the old phase and a number below the first one of the new phase). A local update (§6.1) is
 * allowed once the handshake is confirmed and a packet sent with the current keys was acknowledged.
 *
 * ```
 *   phase p, keys K(n)  --peer packet with phase !p opens with K(n+1)-->  phase !p, keys K(n+1), old K(n) kept 3 PTO
 *                       --initiate() [confirmed, current phase acked]-->  phase !p, keys K(n+1), old K(n) kept 3 PTO
 * ```
 */
import { quicNextSecret, quicPacketKeys, type QuicPacketKeys } from '../../tls13/quic-keys';
import type { CipherSuite } from '../../tls13/cipher-suites';
import type { PacketSpace } from './packet-space';

/** Which read keys a 1-RTT packet is to be opened with. */
export type KeyChoice =
  | { readonly kind: 'current' | 'previous'; readonly keys: QuicPacketKeys }
  /** The next generation: a successful open means the peer updated (call {@link KeyUpdate.rotate}). */
  | { readonly kind: 'next'; readonly keys: QuicPacketKeys }
  /** No keys fit (a flipped bit while an update is still settling): drop the packet. */
  | { readonly kind: 'none'; readonly reason: string };

interface Generation {
  readonly secret: Uint8Array;
  readonly keys: QuicPacketKeys;
}

function nextGeneration(suite: CipherSuite, current: { secret: Uint8Array }, hp: Uint8Array): Generation {
  const secret = quicNextSecret(suite, current.secret);
  // §6.1: the header protection key is not updated
  return { secret, keys: { ...quicPacketKeys(suite, secret), hp } };
}

/** The key phase of the application space and its update state. */
export class KeyUpdate {
  /** The Key Phase bit of the current keys (sent on every 1-RTT packet). */
  phase = false;
  /** How many updates happened (0: the keys from the handshake). */
  generation = 0;
  private previousRead: QuicPacketKeys | null = null;
  private previousUntil = 0;
  private nextRead: Generation | null = null;
  /** Smallest packet number received with the current keys (null until one arrives after an update). */
  private firstReceived: number | null = null;
  /** First packet number sent with the current keys, and whether one at or above it was acknowledged. */
  private firstSent: number | null = null;
  private acked = false;

  /** The keys to open a 1-RTT packet whose Key Phase bit is `keyPhase` and whose number is `pn`. */
  choose(ps: PacketSpace, keyPhase: boolean, pn: number, now: number): KeyChoice {
    if (this.previousRead && now > this.previousUntil) this.previousRead = null; // §6.5: old keys go after 3 PTO
    if (keyPhase === this.phase) return { kind: 'current', keys: ps.readKeys! };
    if (this.firstReceived === null || pn < this.firstReceived) {
      if (this.previousRead) return { kind: 'previous', keys: this.previousRead };
      if (this.generation > 0 && this.firstReceived === null) return { kind: 'none', reason: 'old key phase after its keys were discarded' };
    }
    if (!ps.readSecret) return { kind: 'none', reason: 'no 1-RTT secret' };
    this.nextRead ??= nextGeneration(ps.readSecret.suite, ps.readSecret, ps.readKeys!.hp);
    return { kind: 'next', keys: this.nextRead.keys };
  }

  /** A packet opened with the keys `choose` gave: remembers where the current phase starts. */
  opened(kind: KeyChoice['kind'], pn: number): void {
    if (kind === 'current' && (this.firstReceived === null || pn < this.firstReceived)) this.firstReceived = pn;
  }

  /** A 1-RTT packet numbered `pn` goes out with the current keys. */
  sent(pn: number): void {
    this.firstSent ??= pn;
  }

  /** The peer acknowledged 1-RTT packets up to `largest`. */
  onAcked(largest: number): void {
    if (this.firstSent !== null && largest >= this.firstSent) this.acked = true;
  }

  /** True when a local update is allowed (§6.1): a packet with the current keys was acknowledged. */
  get canInitiate(): boolean {
    return this.acked;
  }

  /**
   * Moves both directions to the next generation: the peer updated (`remote`, after a packet numbered `pn` opened
   * with the next keys) or we do (`local`). `ptoMs` sets how long the previous read keys stay (§6.5).
   */
  rotate(ps: PacketSpace, now: number, ptoMs: number, pn: number | null): void {
    const read = this.nextRead ?? nextGeneration(ps.readSecret!.suite, ps.readSecret!, ps.readKeys!.hp);
    const write = nextGeneration(ps.writeSecret!.suite, ps.writeSecret!, ps.writeKeys!.hp);
    this.previousRead = ps.readKeys;
    this.previousUntil = now + 3 * ptoMs;
    ps.readKeys = read.keys;
    ps.readSecret = { suite: ps.readSecret!.suite, secret: read.secret };
    ps.writeKeys = write.keys;
    ps.writeSecret = { suite: ps.writeSecret!.suite, secret: write.secret };
    this.nextRead = null;
    this.phase = !this.phase;
    this.generation++;
    this.firstReceived = pn;
    this.firstSent = null;
    this.acked = false;
  }
}
