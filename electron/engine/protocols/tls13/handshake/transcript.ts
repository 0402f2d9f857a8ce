/**
 * The handshake transcript (RFC 8446 §4.4.1). Messages are kept raw until the cipher suite, and so the
 * hash, is known (ServerHello or HelloRetryRequest); after a HelloRetryRequest the first ClientHello is
 * replaced by the synthetic message_hash message: 0xfe 00 00 Hash.length Hash(ClientHello1).
 */
import { createTranscriptHash, hash, hashLength, type HashAlgorithm, type TranscriptHash } from '../crypto';
import { UsageError } from '../errors';
import { HandshakeType } from '../messages/handshake';

/** A running transcript hash that can start before the hash function is chosen. */
export class Transcript {
  private pending: Uint8Array[] = [];
  private running: TranscriptHash | null = null;

  /** Appends one whole handshake message (header included). */
  add(raw: Uint8Array): void {
    if (this.running) this.running.update(raw);
    else this.pending.push(raw);
  }

  /** Chooses the hash; messages added so far are hashed now. Idempotent for the same hash. */
  selectHash(alg: HashAlgorithm): void {
    if (this.running) {
      if (this.running.algorithm !== alg) throw new UsageError('transcript hash already chosen');
      return;
    }
    this.running = createTranscriptHash(alg);
    for (const m of this.pending) this.running.update(m);
    this.pending = [];
  }

  /**
   * Replaces everything so far (the first ClientHello) with message_hash(Hash(ClientHello1)) before the
   * HelloRetryRequest is added (RFC 8446 §4.4.1).
   */
  rewriteForHelloRetry(alg: HashAlgorithm): void {
    if (this.running) throw new UsageError('HelloRetryRequest rewrite after the hash was chosen');
    const digest = hash(alg, ...this.pending);
    const synthetic = new Uint8Array(4 + digest.length);
    synthetic[0] = HandshakeType.message_hash;
    synthetic[3] = hashLength(alg);
    synthetic.set(digest, 4);
    this.pending = [];
    this.running = createTranscriptHash(alg);
    this.running.update(synthetic);
  }

  /** Transcript-Hash of everything added so far. */
  digest(): Uint8Array {
    if (!this.running) throw new UsageError('transcript hash read before the hash was chosen');
    return this.running.digest();
  }
}
