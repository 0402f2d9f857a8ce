/**
 * Connection IDs (RFC 9000 §5.1): the ones we issue (sequence 0 is the SCID of our first packet; more go out
 * in NEW_CONNECTION_ID frames, up to the peer's active_connection_id_limit) and the ones the peer issued for us
 * to use as Destination Connection IDs (NEW_CONNECTION_ID in, RETIRE_CONNECTION_ID out).
 */
import type { NewConnectionIdFrame } from '../frames/types';
import { QuicError, TransportErrorCode } from '../wire/errors';

/** True when two byte strings are equal (not constant-time: connection IDs are public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A connection ID with its sequence number and stateless reset token. */
export interface IssuedId {
  readonly sequence: number;
  readonly id: Uint8Array;
  readonly resetToken: Uint8Array;
}

/** Our connection IDs. */
export class LocalIds {
  private readonly ids: IssuedId[] = [];
  private nextSeq = 0;
  /** NEW_CONNECTION_ID frames waiting to be sent (or resent). */
  readonly pending: IssuedId[] = [];

  /** @param length bytes per ID  @param random randomness */
  constructor(
    private readonly length: number,
    private readonly random: (n: number) => Uint8Array,
  ) {
    this.issue(false);
  }

  /** Makes a new ID; `announce` queues a NEW_CONNECTION_ID for it. */
  issue(announce = true): IssuedId {
    const x = { sequence: this.nextSeq++, id: this.random(this.length), resetToken: this.random(16) };
    this.ids.push(x);
    if (announce) this.pending.push(x);
    return x;
  }

  /** The ID of our first packets (sequence 0). */
  get initial(): Uint8Array {
    return this.ids[0]?.id ?? this.random(this.length);
  }

  /** All IDs in use, for routing. */
  get all(): readonly Uint8Array[] {
    return this.ids.map((x) => x.id);
  }

  /** Active count. */
  get count(): number {
    return this.ids.length;
  }

  /** True when `id` is one of ours. */
  has(id: Uint8Array): boolean {
    return this.ids.some((x) => bytesEqual(x.id, id));
  }

  /** RETIRE_CONNECTION_ID from the peer (§19.16). Returns true when an ID was retired (issue a replacement). */
  retire(sequence: number, packetDcid: Uint8Array): boolean {
    if (sequence >= this.nextSeq) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, `RETIRE_CONNECTION_ID for sequence ${sequence} never issued`, 'remote', 0x19);
    const i = this.ids.findIndex((x) => x.sequence === sequence);
    if (i < 0) return false;
    if (bytesEqual(this.ids[i]!.id, packetDcid)) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'RETIRE_CONNECTION_ID names the ID of the packet carrying it', 'remote', 0x19);
    this.ids.splice(i, 1);
    return true;
  }
}

/** The peer's connection IDs for us to use. */
export class PeerIds {
  private readonly ids: IssuedId[] = [];
  /** RETIRE_CONNECTION_ID sequence numbers to send. */
  readonly retirePending: number[] = [];
  private retirePriorTo = 0;

  /** @param limit our active_connection_id_limit */
  constructor(private readonly limit: number) {}

  /** Sets sequence 0 (the SCID of the peer's first packet). */
  setInitial(id: Uint8Array): void {
    this.ids.length = 0;
    this.ids.push({ sequence: 0, id, resetToken: new Uint8Array(16) });
  }

  /** The Destination Connection ID to put in packets. */
  get current(): Uint8Array {
    return this.ids[0]?.id ?? new Uint8Array(0);
  }

  /** NEW_CONNECTION_ID from the peer (§19.15). */
  onNew(f: NewConnectionIdFrame, peerUsesZeroLength: boolean): void {
    if (peerUsesZeroLength) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, 'NEW_CONNECTION_ID from a peer using a zero-length connection ID', 'remote', 0x18);
    const same = this.ids.find((x) => x.sequence === f.sequenceNumber);
    if (same) {
      if (!bytesEqual(same.id, f.connectionId)) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, `sequence ${f.sequenceNumber} reused for a different connection ID`, 'remote', 0x18);
      return;
    }
    if (f.sequenceNumber < this.retirePriorTo) {
      this.retirePending.push(f.sequenceNumber);
      return;
    }
    this.ids.push({ sequence: f.sequenceNumber, id: f.connectionId, resetToken: f.statelessResetToken });
    if (f.retirePriorTo > this.retirePriorTo) {
      this.retirePriorTo = f.retirePriorTo;
      for (let i = this.ids.length - 1; i >= 0; i--) {
        if (this.ids[i]!.sequence < this.retirePriorTo) {
          this.retirePending.push(this.ids[i]!.sequence);
          this.ids.splice(i, 1);
        }
      }
      this.ids.sort((a, b) => a.sequence - b.sequence);
    }
    if (this.ids.length > this.limit) throw new QuicError(TransportErrorCode.CONNECTION_ID_LIMIT_ERROR, `peer issued ${this.ids.length} connection IDs, above our limit of ${this.limit}`, 'remote', 0x18);
  }
}
