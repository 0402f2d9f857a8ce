/**
 * One packet number space (RFC 9000 §12.3) with its encryption level (RFC 9001 §4.1.4): packet
 * protection keys each way, the next packet number, received packet numbers for ACKs, and the CRYPTO
 * stream in both directions. Initial, Handshake and Application (0-RTT and 1-RTT share it; no 0-RTT here).
 */
import type { QuicPacketKeys } from '../../tls13/quic-keys';
import type { CipherSuite } from '../../tls13/cipher-suites';
import { Space } from '../recovery/loss-detection';
import { RecvBuffer } from '../streams/recv-buffer';
import { SendBuffer } from '../streams/send-buffer';
import { AckTracker } from './ack-tracker';

/** The TLS encryption level of each space. */
export const LEVEL_OF_SPACE = ['initial', 'handshake', '1rtt'] as const;

/** qlog's packet number space names. */
export const SPACE_NAME = ['initial', 'handshake', 'application_data'] as const;

/** Most CRYPTO bytes buffered ahead of the next expected one before CRYPTO_BUFFER_EXCEEDED (RFC 9000 §7.5). */
export const MAX_CRYPTO_BUFFER = 256 * 1024;

/** A packet kept until its keys arrive (RFC 9001 §5.7 allows buffering). */
export interface BufferedPacket {
  readonly datagram: Uint8Array;
  readonly offset: number;
  readonly datagramLength: number;
}

/** State of one packet number space. */
export class PacketSpace {
  /** Keys to open the peer's packets. */
  readKeys: QuicPacketKeys | null = null;
  /** Keys to protect ours. */
  writeKeys: QuicPacketKeys | null = null;
  /** Secrets and suite kept for a 1-RTT key update (RFC 9001 §6). */
  readSecret: { suite: CipherSuite; secret: Uint8Array } | null = null;
  writeSecret: { suite: CipherSuite; secret: Uint8Array } | null = null;
  /** True once the keys were discarded (RFC 9001 §4.9): nothing is sent or accepted any more. */
  discarded = false;
  /** Next packet number to send (§12.3: never reused). */
  nextPn = 0;
  /** Received packet numbers and the ACK schedule. */
  readonly ack: AckTracker;
  /** Outgoing CRYPTO data. */
  readonly cryptoSend = new SendBuffer();
  /** Incoming CRYPTO data, reassembled. */
  readonly cryptoRecv = new RecvBuffer();
  /** PTO probes to send (RFC 9002 §6.2.4). */
  probes = 0;
  /** Packets that arrived before the keys to open them. */
  readonly early: BufferedPacket[] = [];

  /** @param space which one */
  constructor(readonly space: Space) {
    this.ack = new AckTracker(space === Space.Application);
  }

  /** The TLS level. */
  get level(): (typeof LEVEL_OF_SPACE)[number] {
    return LEVEL_OF_SPACE[this.space]!;
  }

  /** True when packets can be sent in this space. */
  get canSend(): boolean {
    return this.writeKeys !== null && !this.discarded;
  }
}
