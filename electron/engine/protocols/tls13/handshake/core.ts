/**
 * Plumbing shared by the client and server cores: per-level reassembly of inbound handshake messages
 * (RFC 9001 §4.1.3; a message may span many CRYPTO frames, e.g. Chromium's two-Initial ClientHello),
 * the outbound queue per level, the transcript, the key schedule state, the secret / event queues for
 * QUIC and the UI, the SSLKEYLOGFILE lines, and error latching (after a TlsError the core is dead and
 * repeats that error).
 */
import { toHex } from '../../../../../shared/bytes';
import type { CipherSuite } from '../cipher-suites';
import { constantTimeEqual, type EcdheGroup } from '../crypto';
import { TlsAlert, TlsError, UsageError } from '../errors';
import { applicationTrafficSecrets, computeEarlySecret, computeHandshakeSecret, computeMasterSecret, finishedVerifyData, handshakeTrafficSecrets, resumptionMasterSecret, type TrafficSecrets } from '../key-schedule';
import { decodeHandshakeBody, encodeHandshakeMessageBytes, readHandshakeFrame, type HandshakeFrame, type HandshakeMessage } from '../messages/handshake';
import { TlsReader } from '../wire';
import { Transcript } from './transcript';
import type { EncryptionLevel, TlsHandshakeResult, TlsMessageEvent, TlsOutput, TlsRole, TlsSecret } from './types';

/** Largest handshake message accepted (a long certificate chain fits; more is an attack or a bug). */
export const MAX_HANDSHAKE_MESSAGE = 1 << 18;


function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The base of TlsClientHandshake and TlsServerHandshake; see the subclasses for the state machines. */
export abstract class HandshakeCore {
  /** The running transcript (RFC 8446 §4.4.1). */
  protected readonly transcript = new Transcript();
  /** The negotiated suite, once known. */
  protected suite: CipherSuite | null = null;
  /** The negotiated group, once known. */
  protected group: EcdheGroup | null = null;
  /** Handshake traffic secrets (RFC 8446 §7.1). */
  protected hsSecrets: TrafficSecrets | null = null;
  /** Master Secret. */
  protected masterSecret: Uint8Array | null = null;
  /** Application traffic secrets and exporter master secret. */
  protected appSecrets: (TrafficSecrets & { readonly exporter: Uint8Array }) | null = null;
  /** ClientHello.random, for the key log. */
  protected clientRandom: Uint8Array | null = null;
  /** The peer's quic_transport_parameters once received. */
  protected peerParams: Uint8Array | null = null;
  /** Set when the handshake is complete. */
  protected completed: TlsHandshakeResult | null = null;

  private inbound: Uint8Array = new Uint8Array(0);
  private inboundLevel: EncryptionLevel | null = null;
  private readonly outputs: TlsOutput[] = [];
  private readonly secretQueue: TlsSecret[] = [];
  private readonly eventQueue: TlsMessageEvent[] = [];
  private readonly keylog: { readonly label: string; readonly secret: Uint8Array }[] = [];
  private failure: TlsError | null = null;

  /** @param role which side this core plays */
  protected constructor(readonly role: TlsRole) {}

  /** The level at which the next peer message must arrive, or null when none is expected now. */
  protected abstract expectedLevel(): EncryptionLevel | null;

  /** Handles one complete, decoded peer message (the receive event is already queued; the transcript is not updated). */
  protected abstract handle(level: EncryptionLevel, frame: HandshakeFrame, message: HandshakeMessage): void;

  /**
   * Feeds handshake bytes the peer sent at `level` (the contents of CRYPTO frames, in order, RFC 9001 §4.1.3).
   * Partial messages are kept until the rest arrives. Throws TlsError (alert and initiator) when the peer
   * misbehaves; the core then stays failed and throws the same error again.
   */
  receive(level: EncryptionLevel, bytes: Uint8Array): void {
    if (this.failure) throw this.failure;
    try {
      this.receiveBytes(level, bytes);
    } catch (e) {
      if (e instanceof TlsError) this.failure = e;
      throw e;
    }
  }

  private receiveBytes(level: EncryptionLevel, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.inbound.length > 0 && this.inboundLevel !== level) {
      // RFC 8446 §5.1: a handshake message must not span a key change.
      throw new TlsError(TlsAlert.unexpected_message, `a partial message at the ${this.inboundLevel} level was interrupted by data at the ${level} level`);
    }
    this.inboundLevel = level;
    this.inbound = concat(this.inbound, bytes);
    for (;;) {
      if (this.inbound.length === 0) return;
      const expected = this.expectedLevel();
      if (expected !== level) {
        // RFC 9001 §4.1.3: data at a level we are not reading is a protocol violation; over QUIC it maps to CRYPTO_ERROR.
        throw new TlsError(TlsAlert.unexpected_message, `handshake data at the ${level} level while ${expected === null ? 'no more is expected' : `expecting the ${expected} level`}`);
      }
      if (this.inbound.length < 4) return; // wait for the header
      const length = (this.inbound[1]! << 16) | (this.inbound[2]! << 8) | this.inbound[3]!;
      if (length > MAX_HANDSHAKE_MESSAGE) throw new TlsError(TlsAlert.illegal_parameter, `handshake message of ${length} bytes is too large`);
      if (this.inbound.length < 4 + length) return; // wait for the body (readHandshakeFrame would say NeedMore)
      const reader = new TlsReader(this.inbound);
      const frame = readHandshakeFrame(reader);
      this.inbound = this.inbound.subarray(reader.offset);
      const message = decodeHandshakeBody(frame.msgType, frame.body);
      this.eventQueue.push({ dir: 'received', level, type: message.type, decoded: message, raw: frame.raw });
      this.handle(level, frame, message);
    }
  }

  /** The next handshake bytes to send, or null. Consecutive messages at one level come out together. */
  pollOutput(): TlsOutput | null {
    return this.outputs.shift() ?? null;
  }

  /** The next traffic secret that became available, or null (install keys before sending at that level). */
  pollSecret(): TlsSecret | null {
    return this.secretQueue.shift() ?? null;
  }

  /** The next handshake message event (sent or received), or null. */
  pollEvent(): TlsMessageEvent | null {
    return this.eventQueue.shift() ?? null;
  }

  /** The negotiated result once the handshake is complete (RFC 9001 §4.1.1), else null. */
  get done(): TlsHandshakeResult | null {
    return this.completed;
  }

  /** The TlsError that ended this core, if any. */
  get error(): TlsError | null {
    return this.failure;
  }

  /** The peer's raw quic_transport_parameters as soon as they arrived (before completion), else null. */
  get peerTransportParameters(): Uint8Array | null {
    return this.peerParams;
  }

  /** The secrets so far in SSLKEYLOGFILE form: `LABEL <client_random hex> <secret hex>` (NSS key log format). */
  keylogLines(): string[] {
    const random = this.clientRandom ? toHex(this.clientRandom) : '';
    return this.keylog.map((k) => `${k.label} ${random} ${toHex(k.secret)}`);
  }

  /** Encodes, records in the transcript, queues for sending and reports a message we send. */
  protected send(level: EncryptionLevel, message: HandshakeMessage): Uint8Array {
    const raw = encodeHandshakeMessageBytes(message);
    this.transcript.add(raw);
    this.eventQueue.push({ dir: 'sent', level, type: message.type, decoded: message, raw });
    const last = this.outputs[this.outputs.length - 1];
    if (last && last.level === level) this.outputs[this.outputs.length - 1] = { level, bytes: concat(last.bytes, raw) };
    else this.outputs.push({ level, bytes: raw });
    return raw;
  }

  /** The suite, which must be known by now. */
  protected negotiatedSuite(): CipherSuite {
    if (!this.suite) throw new UsageError('cipher suite not negotiated yet');
    return this.suite;
  }

  /** Queues a secret for QUIC. */
  protected emitSecret(level: 'handshake' | '1rtt', direction: 'read' | 'write', secret: Uint8Array): void {
    this.secretQueue.push({ level, direction, suite: this.negotiatedSuite(), secret });
  }

  private logKey(label: string, secret: Uint8Array): void {
    this.keylog.push({ label, secret });
  }

  /** Our direction and the peer's, for a secret sent by `sender`. */
  protected directionOf(sender: TlsRole): 'read' | 'write' {
    return sender === this.role ? 'write' : 'read';
  }

  /**
   * Derives the handshake traffic secrets from the ECDHE secret; the transcript must run through
   * ServerHello (RFC 8446 §7.1). Queues both handshake-level secrets.
   */
  protected deriveHandshakeSecrets(sharedSecret: Uint8Array): void {
    const alg = this.negotiatedSuite().hash;
    const handshakeSecret = computeHandshakeSecret(alg, computeEarlySecret(alg), sharedSecret);
    this.hsSecrets = handshakeTrafficSecrets(alg, handshakeSecret, this.transcript.digest());
    this.masterSecret = computeMasterSecret(alg, handshakeSecret);
    this.logKey('CLIENT_HANDSHAKE_TRAFFIC_SECRET', this.hsSecrets.client);
    this.logKey('SERVER_HANDSHAKE_TRAFFIC_SECRET', this.hsSecrets.server);
    this.emitSecret('handshake', this.directionOf('client'), this.hsSecrets.client);
    this.emitSecret('handshake', this.directionOf('server'), this.hsSecrets.server);
  }

  /** Derives the application traffic secrets; the transcript must run through the server Finished (RFC 8446 §7.1). */
  protected deriveApplicationSecrets(): void {
    if (!this.masterSecret) throw new UsageError('application secrets before handshake secrets');
    this.appSecrets = applicationTrafficSecrets(this.negotiatedSuite().hash, this.masterSecret, this.transcript.digest());
    this.logKey('CLIENT_TRAFFIC_SECRET_0', this.appSecrets.client);
    this.logKey('SERVER_TRAFFIC_SECRET_0', this.appSecrets.server);
    this.logKey('EXPORTER_SECRET', this.appSecrets.exporter);
  }

  /** resumption_master_secret; the transcript must run through the client Finished (RFC 8446 §7.1). */
  protected deriveResumptionSecret(): Uint8Array {
    if (!this.masterSecret) throw new UsageError('resumption secret before handshake secrets');
    return resumptionMasterSecret(this.negotiatedSuite().hash, this.masterSecret, this.transcript.digest());
  }

  /** verify_data for a Finished from `sender` over the transcript so far (RFC 8446 §4.4.4). */
  protected finishedData(sender: TlsRole): Uint8Array {
    if (!this.hsSecrets) throw new UsageError('Finished before handshake secrets');
    const base = sender === 'client' ? this.hsSecrets.client : this.hsSecrets.server;
    return finishedVerifyData(this.negotiatedSuite().hash, base, this.transcript.digest());
  }

  /** Checks the peer's Finished against the transcript so far, in constant time; decrypt_error when wrong (RFC 8446 §4.4.4). */
  protected checkPeerFinished(verifyData: Uint8Array): void {
    const expected = this.finishedData(this.role === 'client' ? 'server' : 'client');
    if (!constantTimeEqual(expected, verifyData)) throw new TlsError(TlsAlert.decrypt_error, 'Finished verify_data does not match the transcript');
  }
}
