/**
 * The QUIC v1 connection core (RFC 9000, RFC 9001, RFC 9002), client or server, sans-IO:
 * `receive(datagram, now)`, `onTimeout(now)`, `pollTransmit(now)`, `nextDeadline()`, `drainEvents()`.
 * No sockets, timers or clocks: `now` is milliseconds on the caller's monotonic clock.
 *
 * Connection states:
 * ```
 *   Handshaking --(TLS complete)--> Connected
 *        |                              |
 *        +---- local error / close() ---+----> Closing  --(3 PTO)--> Closed
 *        +---- peer CONNECTION_CLOSE ---+----> Draining --(3 PTO)--> Closed
 *        +---- idle timeout ------------+------------------------->  Closed
 * ```
 * This file holds the public API, the receive path and the timers; send.ts assembles datagrams; frames
 * are handled in receive-frames.ts; streams/ and recovery/ do the rest.
 */
import { TlsError } from '../../tls13/errors';
import { TlsClientHandshake } from '../../tls13/handshake/client';
import { TlsServerHandshake } from '../../tls13/handshake/server';
import type { HandshakeCore } from '../../tls13/handshake/core';
import { quicInitialKeys, quicPacketKeys, QUIC_VERSION_1 } from '../../tls13/quic-keys';
import { randomBytes } from '../../tls13/crypto';
import { splitDatagram } from '../packet/coalesced';
import { decryptPayload, unprotectHeader } from '../packet/protection';
import type { ParsedPacket, ProtectedPacket } from '../packet/types';
import { decodeFrames } from '../frames/codec';
import { checkFrameAllowed, isAckEliciting } from '../frames/permissions';
import type { Frame } from '../frames/types';
import { Recovery, Space, SPACES, type PtoContext, type SentPacket } from '../recovery/loss-detection';
import { StreamManager } from '../streams/stream-manager';
import type { TransportParameters } from '../transport-parameters';
import { InvalidPacket, QuicError, TransportErrorCode, UsageError, cryptoErrorFromTls, transportErrorName } from '../wire/errors';
import { resolveSettings, type QuicConfig, type ResolvedSettings } from './config';
import { bytesEqual, LocalIds, PeerIds } from './connection-ids';
import { frameToJson, jsonFriendly, qlogPacketType, QuicEventQueue, type QuicCoreEvent } from './events';
import { LEVEL_OF_SPACE, MAX_CRYPTO_BUFFER, PacketSpace, SPACE_NAME } from './packet-space';
import { handleFrame } from './receive-frames';
import { KeyUpdate, type KeyChoice } from './key-update';
import { buildDatagram } from './send';
import { acceptPeerParameters, encodeLocalParameters, localTransportParameters, num, parametersEvent, peerMaxAckDelay } from './transport-setup';
import type { QuicPacketHeaderData } from '../../../../../shared/events';
import { toHex } from '../../../../../shared/bytes';

/** Connection states (see the module diagram). */
export enum ConnectionState {
  Handshaking = 'handshaking',
  Connected = 'connected',
  Closing = 'closing',
  Draining = 'draining',
  Closed = 'closed',
}

/** How the connection ended, once it did. */
export interface CloseInfo {
  /** Who ended it: we ('local'), the peer ('remote') or the idle timer. */
  readonly initiator: 'local' | 'remote' | 'idle';
  /** The transport error, when the close was a transport CONNECTION_CLOSE (NO_ERROR included). */
  readonly error: QuicError | null;
  /** The application error code of an application CONNECTION_CLOSE. */
  readonly applicationCode?: bigint;
  readonly reason: string;
}

/** Largest number of undecryptable-yet packets kept per space until keys arrive. */
const MAX_EARLY_PACKETS = 16;

/** A QUIC connection, client or server. */
export class QuicConnection {
  /** Which side. */
  readonly role: 'client' | 'server';
  /** Resolved settings. */
  readonly settings: ResolvedSettings;
  /** @internal Event queue. */
  readonly events: QuicEventQueue;
  /** @internal The three packet number spaces. */
  readonly spaces: readonly [PacketSpace, PacketSpace, PacketSpace] = [new PacketSpace(Space.Initial), new PacketSpace(Space.Handshake), new PacketSpace(Space.Application)];
  /** @internal Loss detection, RTT, congestion control, pacing. */
  readonly recovery: Recovery;
  /** @internal Streams and flow control. */
  readonly streams: StreamManager;
  /** @internal Our connection IDs. */
  readonly localIds: LocalIds;
  /** @internal The peer's connection IDs. */
  readonly peerIds: PeerIds;
  /** @internal TLS core (null at a server before the first Initial). */
  tls: HandshakeCore | null = null;
  /** @internal The 1-RTT key phase and key updates (RFC 9001 §6). */
  readonly keyUpdate = new KeyUpdate();
  /** @internal The DCID of the client's first Initial (Initial keys come from it, RFC 9001 §5.2). */
  odcid: Uint8Array | null = null;
  /** @internal SCID of the peer's first packet. */
  peerScid: Uint8Array | null = null;
  /** @internal The peer's transport parameters once received. */
  peerParams: TransportParameters | null = null;
  /** @internal Current state. */
  stateValue = ConnectionState.Handshaking;
  /** @internal True once TLS completed. */
  handshakeComplete = false;
  /** @internal True once the handshake is confirmed (RFC 9001 §4.1.2). */
  handshakeConfirmed = false;
  /** @internal Server: a HANDSHAKE_DONE to send (or resend). */
  handshakeDonePending = false;
  /** @internal Server: the client's address is validated (§8.1). */
  addressValidated: boolean;
  /** @internal Client: an ACK for one of our Handshake packets arrived (the server validated us, RFC 9002 §6.2.2.1). */
  handshakeAcked = false;
  /** @internal Bytes received and sent, for the anti-amplification limit (§8.1). */
  bytesReceived = 0;
  bytesSent = 0;
  /** @internal PATH_RESPONSE payloads to send. */
  readonly pathResponses: Uint8Array[] = [];
  /** @internal The CONNECTION_CLOSE frame while closing, and whether it must be (re)sent. */
  closeFrame: Frame | null = null;
  closeSendPending = false;
  /** @internal The pacer's next send time when it held data back. */
  pacingDeadline: number | null = null;
  /** @internal Client padding target for datagrams with Initial packets. */
  readonly minInitialDatagram = 1200;
  private closeInfo: CloseInfo | null = null;
  private closeDeadline: number | null = null;
  private idleStart: number | null = null;
  private ackElicitingSinceReceive = false;
  private started = false;
  private readonly random: (n: number) => Uint8Array;
  private readonly serverResetToken: Uint8Array;

  /** Creates a client (the ClientHello is queued at once) or a server (waiting for the first Initial). */
  constructor(private readonly config: QuicConfig) {
    this.role = config.role;
    this.settings = resolveSettings(config);
    this.random = config.randomBytes ?? randomBytes;
    this.events = new QuicEventQueue();
    this.events.tracing = config.tracing ?? true;
    this.recovery = new Recovery(this.settings.maxDatagramSize);
    this.streams = new StreamManager(this.role, { maxData: this.settings.maxData, maxStreamData: this.settings.maxStreamData, maxStreamsBidi: this.settings.maxStreamsBidi, maxStreamsUni: this.settings.maxStreamsUni }, this.events);
    this.localIds = new LocalIds(this.settings.connectionIdLength, this.random);
    this.peerIds = new PeerIds(this.settings.activeConnectionIdLimit);
    this.addressValidated = this.role === 'client';
    this.serverResetToken = this.random(16);
    if (config.role === 'client') {
      // RFC 9000 §7.2: an unpredictable DCID of at least 8 bytes for the first Initial
      this.odcid = this.random(8);
      this.peerIds.setInitial(this.odcid);
      this.installInitialKeys(this.odcid);
      const tp = localTransportParameters(this.settings, this.localIds.initial, null);
      this.events.trace('quic:parameters_set', parametersEvent('local', tp));
      this.tls = new TlsClientHandshake({
        serverName: config.serverName,
        alpn: config.alpn,
        transportParameters: encodeLocalParameters(tp, config.extraTransportParameters),
        trust: config.trust,
        validationTimeMs: config.validationTimeMs,
        ...(config.cipherSuites ? { cipherSuites: config.cipherSuites } : {}),
        ...(config.groups ? { groups: config.groups } : {}),
        ...(config.clientIdentity ? { clientIdentity: config.clientIdentity } : {}),
        ...(config.ecdhe ? { ecdhe: config.ecdhe } : {}),
      });
      this.pumpTls();
      this.started = true;
    }
  }

  // ---------------------------------------------------------------- public API

  /** The connection state. */
  get state(): ConnectionState {
    return this.stateValue;
  }

  /** True once the TLS handshake completed. */
  get isHandshakeComplete(): boolean {
    return this.handshakeComplete;
  }

  /** True once the handshake is confirmed (RFC 9001 §4.1.2). */
  get isHandshakeConfirmed(): boolean {
    return this.handshakeConfirmed;
  }

  /** The negotiated ALPN, once known. */
  get alpn(): string | null {
    return this.tls?.done?.alpn ?? null;
  }

  /** The negotiated cipher suite name, once known. */
  get cipherSuite(): string | null {
    return this.tls?.done?.suite.name ?? null;
  }

  /** How the connection ended, or null while it is alive. */
  get closed(): CloseInfo | null {
    return this.closeInfo;
  }

  /** Our connection IDs (for routing datagrams to this connection); at a server also the client's original DCID. */
  localConnectionIds(): Uint8Array[] {
    return this.role === 'server' && this.odcid ? [...this.localIds.all, this.odcid] : [...this.localIds.all];
  }

  /** The TLS secrets in SSLKEYLOGFILE form (for tshark, PEERS.md). */
  keylogLines(): string[] {
    return this.tls?.keylogLines() ?? [];
  }

  /** RTT and congestion figures (ms and bytes). */
  get metrics(): { smoothedRtt: number; minRtt: number; latestRtt: number; rttVar: number; cwnd: number; bytesInFlight: number; ptoCount: number } {
    const r = this.recovery;
    return { smoothedRtt: r.rtt.smoothed, minRtt: r.rtt.min, latestRtt: r.rtt.latest, rttVar: r.rtt.variance, cwnd: r.cc.cwnd, bytesInFlight: r.cc.bytesInFlight, ptoCount: r.ptoCount };
  }

  /** Opens a stream (RFC 9000 §2.1); null when the peer's MAX_STREAMS is reached (a STREAMS_BLOCKED goes out). */
  openStream(bidirectional: boolean): number | null {
    this.assertOpen();
    return this.streams.open(bidirectional);
  }

  /** Queues data on a stream; `fin` ends it. */
  write(streamId: number, data: Uint8Array, fin = false): void {
    this.assertOpen();
    this.streams.write(streamId, data, fin);
  }

  /** Abandons our sending on a stream with RESET_STREAM (§19.4). */
  resetStream(streamId: number, errorCode: bigint): void {
    this.assertOpen();
    this.streams.reset(streamId, errorCode);
  }

  /** Asks the peer to stop sending on a stream (STOP_SENDING, §19.5). */
  stopSending(streamId: number, errorCode: bigint): void {
    this.assertOpen();
    this.streams.stopSending(streamId, errorCode);
  }

  /** Closes the connection with an application CONNECTION_CLOSE (0x1d; §10.2.3 maps it to APPLICATION_ERROR before 1-RTT). */
  close(errorCode = 0n, reason = ''): void {
    if (this.stateValue === ConnectionState.Closing || this.stateValue === ConnectionState.Draining || this.stateValue === ConnectionState.Closed) return;
    this.startClosing({ type: 'application_close', errorCode, reason }, { initiator: 'local', error: null, applicationCode: errorCode, reason });
  }

  /**
   * Starts a key update (RFC 9001 §6.1): the next 1-RTT packets go out with the next generation of keys and the
   * other Key Phase. Returns false (and does nothing) before the handshake is confirmed or while the previous
   * update has not been acknowledged yet, as §6.1 requires.
   */
  initiateKeyUpdate(now: number): boolean {
    this.assertOpen();
    if (!this.handshakeConfirmed || !this.keyUpdate.canInitiate) return false;
    this.updateKeys('local_update', now, null);
    return true;
  }

  /** @internal Moves both directions to the next 1-RTT keys and reports it. */
  updateKeys(trigger: 'local_update' | 'remote_update', now: number, pn: number | null): void {
    const ps = this.spaces[Space.Application];
    this.keyUpdate.rotate(ps, now, this.recovery.rtt.pto(peerMaxAckDelay(this.peerParams)), pn);
    const cipher = ps.writeSecret!.suite.name;
    this.events.trace('quic:key_updated', { key_type: `${this.role}_1rtt_secret`, trigger, cipher });
    this.events.trace('quic:key_updated', { key_type: `${this.peerRole}_1rtt_secret`, trigger, cipher });
  }

  /** The current 1-RTT Key Phase bit and how many key updates happened (RFC 9001 §6). */
  get keyPhase(): { readonly phase: 0 | 1; readonly generation: number } {
    return { phase: this.keyUpdate.phase ? 1 : 0, generation: this.keyUpdate.generation };
  }

  /** Everything that happened since the last call: trace items and application events, in order. */
  drainEvents(): QuicCoreEvent[] {
    return this.events.drain();
  }

  private assertOpen(): void {
    if (this.stateValue !== ConnectionState.Handshaking && this.stateValue !== ConnectionState.Connected) throw new UsageError(`connection is ${this.stateValue}`);
  }

  // ---------------------------------------------------------------- receiving

  /** Processes one UDP datagram received at `now`. Never throws for bad input: errors close the connection. */
  receive(datagram: Uint8Array, now: number): void {
    if (this.stateValue === ConnectionState.Closed || this.stateValue === ConnectionState.Draining) return;
    if (this.stateValue === ConnectionState.Closing) {
      // §10.2.1: answer packets with the CONNECTION_CLOSE again (one per datagram at most)
      this.closeSendPending = true;
      return;
    }
    this.bytesReceived += datagram.length;
    try {
      const split = splitDatagram(datagram, this.settings.connectionIdLength);
      for (const p of split.packets) {
        this.receivePacket(p, datagram.length, now);
        if ((this.stateValue as ConnectionState) !== ConnectionState.Handshaking && (this.stateValue as ConnectionState) !== ConnectionState.Connected) return;
      }
      if (split.dropped) this.dropped(undefined, datagram.length - (split.droppedAt ?? 0), 'header_parse_error', split.dropped.reason);
      this.pumpTls(now);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Turns an exception from processing into a close (QuicError / TlsError) or rethrows a bug. */
  private fail(e: unknown): void {
    if (e instanceof TlsError) {
      this.traceTlsMessages(); // the message TLS refused is shown before the close it caused
      this.closeWithError(cryptoErrorFromTls(e));
    }
    else if (e instanceof QuicError) this.closeWithError(e);
    else throw e;
  }

  private receivePacket(p: ParsedPacket, datagramLength: number, now: number): void {
    if (p.kind === 'version_negotiation' || p.kind === 'retry' || p.kind === 'unsupported_version') {
      // We speak only v1 and do not follow Retry (a server option we do not use); a v1 peer never sends these to us after it answered.
      this.dropped({ packet_type: qlogPacketType(p.kind), dcid: hex(p.dcid) }, p.bytes.length, p.kind === 'unsupported_version' ? 'unsupported_version' : 'unexpected_packet');
      return;
    }
    if (p.kind === '0rtt') {
      this.dropped({ packet_type: '0RTT' }, p.bytes.length, 'key_unavailable', 'no 0-RTT');
      return;
    }
    if (this.role === 'server' && !this.started) {
      // §14.1: a server discards an Initial in a datagram smaller than 1200 bytes
      if (p.kind !== 'initial' || datagramLength < 1200) {
        this.dropped({ packet_type: qlogPacketType(p.kind) }, p.bytes.length, 'general', 'first datagram is not a full-size Initial');
        return;
      }
      if (p.dcid.length < 8) {
        this.dropped({ packet_type: 'initial' }, p.bytes.length, 'general', 'client DCID shorter than 8 bytes (§7.2)');
        return;
      }
      this.startServer(p.dcid, p.scid);
    }
    if (!this.acceptsDcid(p)) {
      this.dropped({ packet_type: qlogPacketType(p.kind), dcid: hex(p.dcid) }, p.bytes.length, 'unknown_connection_id');
      return;
    }
    const space = p.kind === 'initial' ? Space.Initial : p.kind === 'handshake' ? Space.Handshake : Space.Application;
    const ps = this.spaces[space];
    if (!ps.readKeys) {
      if (!ps.discarded && ps.early.length < MAX_EARLY_PACKETS) {
        ps.early.push({ datagram: p.bytes.slice(), offset: 0, datagramLength });
        return;
      }
      this.dropped({ packet_type: qlogPacketType(p.kind) }, p.bytes.length, 'key_unavailable');
      return;
    }
    this.openAndProcess(p, ps, datagramLength, now);
  }

  private openAndProcess(p: ProtectedPacket, ps: PacketSpace, datagramLength: number, now: number): void {
    let opened;
    let choice: KeyChoice | null = null;
    try {
      const h = unprotectHeader(p, ps.readKeys!.hp, ps.ack.largest);
      if (p.kind === '1rtt') {
        // RFC 9001 §6: the Key Phase bit picks the current, previous or next generation of 1-RTT keys
        choice = this.keyUpdate.choose(ps, h.keyPhase, h.packetNumber, now);
        if (choice.kind === 'none') {
          this.dropped(this.headerData(p, h.packetNumber, h.keyPhase), p.bytes.length, 'key_unavailable', choice.reason);
          return;
        }
      }
      opened = decryptPayload(p, h, choice ? choice.keys : ps.readKeys!);
    } catch (e) {
      if (e instanceof InvalidPacket) {
        this.dropped({ packet_type: qlogPacketType(p.kind) }, p.bytes.length, 'decryption_failure', e.reason);
        return;
      }
      throw e;
    }
    const header = this.headerData(p, opened.packetNumber, opened.keyPhase);
    if (ps.ack.isDuplicate(opened.packetNumber)) {
      this.dropped(header, p.bytes.length, 'duplicate');
      return;
    }
    if (choice?.kind === 'next') this.updateKeys('remote_update', now, opened.packetNumber);
    else if (choice) this.keyUpdate.opened(choice.kind, opened.packetNumber);
    // First packet from the server: its SCID becomes our DCID (§7.2).
    if (this.role === 'client' && this.peerScid === null && p.kind !== '1rtt') {
      this.peerScid = p.scid;
      this.peerIds.setInitial(p.scid);
    }
    const frames = decodeFrames(opened.payload);
    this.events.trace('quic:packet_received', { header, frames: frames.map((f) => frameToJson(f.frame, this.peerAckExponent())), raw_length: p.bytes.length, payload_length: opened.payload.length, datagram_length: datagramLength }, { dir: 'received', raw: opened.payload });
    const packetType = p.kind;
    for (const { frame } of frames) {
      checkFrameAllowed(frame, packetType);
      handleFrame(this, ps, frame, p, now);
      if (this.stateValue !== ConnectionState.Handshaking && this.stateValue !== ConnectionState.Connected) return;
    }
    ps.ack.onReceived(opened.packetNumber, isAckEliciting(frames.map((f) => f.frame)), now, this.settings.maxAckDelayMs);
    this.idleStart = now;
    this.ackElicitingSinceReceive = false;
    if (this.role === 'server' && p.kind === 'handshake') {
      // §8.1: a Handshake packet from the client validates its address; RFC 9001 §4.9.1: Initial keys go
      this.addressValidated = true;
      this.discardSpace(Space.Initial, 'handshake_packet');
    }
  }

  /** @internal Feeds CRYPTO data to TLS (RFC 9001 §4.1.3). */
  onCrypto(ps: PacketSpace, offset: number, data: Uint8Array, now: number): void {
    if (offset + data.length - ps.cryptoRecv.delivered > MAX_CRYPTO_BUFFER) throw new QuicError(TransportErrorCode.CRYPTO_BUFFER_EXCEEDED, `CRYPTO data at ${offset} too far ahead`, 'remote', 0x06);
    const chunks = ps.cryptoRecv.insert(offset, data);
    if (!this.tls) return;
    for (const c of chunks) this.tls.receive(ps.level, c);
    this.pumpTls(now);
  }

  /** TLS handshake messages sent or received since the last call, as `tls:handshake_message` traces. */
  private traceTlsMessages(): void {
    const tls = this.tls;
    for (let ev = tls?.pollEvent(); ev; ev = tls?.pollEvent()) {
      this.events.trace('tls:handshake_message', { type: ev.type, level: ev.level, length: ev.raw.length, message: jsonFriendly(ev.decoded) }, { dir: ev.dir, raw: ev.raw });
    }
  }

  /** @internal Keys, outputs and events from TLS; transport parameters and completion. */
  pumpTls(now = 0): void {
    const tls = this.tls;
    if (!tls) return;
    this.traceTlsMessages();
    for (let s = tls.pollSecret(); s; s = tls.pollSecret()) {
      const space = s.level === 'handshake' ? Space.Handshake : Space.Application;
      const ps = this.spaces[space];
      const keys = quicPacketKeys(s.suite, s.secret);
      if (s.direction === 'read') {
        ps.readKeys = keys;
        ps.readSecret = { suite: s.suite, secret: s.secret };
      } else {
        ps.writeKeys = keys;
        ps.writeSecret = { suite: s.suite, secret: s.secret };
      }
      const owner = s.direction === 'write' ? this.role : this.peerRole;
      this.events.trace('quic:key_updated', { key_type: `${owner}_${s.level === '1rtt' ? '1rtt' : 'handshake'}_secret`, trigger: 'tls', cipher: s.suite.name });
    }
    for (let o = tls.pollOutput(); o; o = tls.pollOutput()) {
      const space = o.level === 'initial' ? Space.Initial : o.level === 'handshake' ? Space.Handshake : Space.Application;
      this.spaces[space].cryptoSend.write(o.bytes);
    }
    if (!this.peerParams && tls.peerTransportParameters) {
      this.peerParams = acceptPeerParameters(tls.peerTransportParameters, this.peerRole, { peerScid: this.peerScid ?? new Uint8Array(0), ...(this.role === 'client' && this.odcid ? { odcid: this.odcid } : {}) });
      this.applyPeerParams(this.peerParams);
    }
    if (tls.done && !this.handshakeComplete) this.onHandshakeComplete();
    this.replayEarly(now);
  }

  private replayEarly(now: number): void {
    for (const ps of this.spaces) {
      if (!ps.readKeys || ps.early.length === 0) continue;
      const queued = ps.early.splice(0);
      for (const b of queued) {
        const split = splitDatagram(b.datagram, this.settings.connectionIdLength);
        for (const p of split.packets) if (p.kind !== 'retry' && p.kind !== 'version_negotiation' && p.kind !== 'unsupported_version' && p.kind !== '0rtt') this.openAndProcess(p, ps, b.datagramLength, now);
      }
    }
  }

  private applyPeerParams(tp: TransportParameters): void {
    this.events.trace('quic:parameters_set', parametersEvent('remote', tp));
    this.streams.setPeerLimits({
      maxData: num(tp.initialMaxData, 0),
      maxStreamDataBidiLocal: num(tp.initialMaxStreamDataBidiLocal, 0),
      maxStreamDataBidiRemote: num(tp.initialMaxStreamDataBidiRemote, 0),
      maxStreamDataUni: num(tp.initialMaxStreamDataUni, 0),
      maxStreamsBidi: num(tp.initialMaxStreamsBidi, 0),
      maxStreamsUni: num(tp.initialMaxStreamsUni, 0),
    });
  }

  private onHandshakeComplete(): void {
    this.handshakeComplete = true;
    this.stateValue = ConnectionState.Connected;
    const done = this.tls!.done!;
    this.events.trace('tls:handshake_done', { version: 'TLSv1.3', cipher: done.suite.name, alpn: done.alpn, ...(done.serverName ? { serverName: done.serverName } : {}), ...(done.peerVerification ? { verification: JSON.stringify(jsonFriendly(done.peerVerification)) } : {}) });
    this.events.push({ kind: 'handshake_complete', alpn: done.alpn });
    if (this.role === 'server') {
      // RFC 9001 §4.1.2: the server's handshake is confirmed when it completes; it sends HANDSHAKE_DONE
      this.handshakeDonePending = true;
      this.onConfirmed();
    }
  }

  /** @internal The handshake is confirmed: Handshake keys go (RFC 9001 §4.9.2); more connection IDs are issued. */
  onConfirmed(): void {
    if (this.handshakeConfirmed) return;
    this.handshakeConfirmed = true;
    this.discardSpace(Space.Handshake, 'handshake_done');
    this.discardSpace(Space.Initial, 'handshake_done');
    const limit = Math.min(num(this.peerParams?.activeConnectionIdLimit, 2), this.settings.activeConnectionIdLimit);
    while (this.localIds.count < limit) this.localIds.issue(true);
  }

  /** @internal Discards the keys and state of a space (RFC 9001 §4.9, RFC 9002 §6.4). */
  discardSpace(space: Space, trigger: string): void {
    const ps = this.spaces[space];
    if (ps.discarded) return;
    const had = ps.readKeys !== null || ps.writeKeys !== null;
    ps.discarded = true;
    ps.readKeys = null;
    ps.writeKeys = null;
    ps.early.length = 0;
    this.recovery.discardSpace(space);
    if (had) {
      const level = space === Space.Initial ? 'initial' : 'handshake';
      this.events.trace('quic:key_discarded', { key_type: `client_${level}_secret`, trigger });
      this.events.trace('quic:key_discarded', { key_type: `server_${level}_secret`, trigger });
    }
  }

  private startServer(dcid: Uint8Array, scid: Uint8Array): void {
    const config = this.config;
    if (config.role !== 'server') return;
    this.started = true;
    this.odcid = dcid;
    this.peerScid = scid;
    this.peerIds.setInitial(scid);
    this.installInitialKeys(dcid);
    const tp = localTransportParameters(this.settings, this.localIds.initial, { odcid: dcid, resetToken: this.serverResetToken });
    this.events.trace('quic:parameters_set', parametersEvent('local', tp));
    this.tls = new TlsServerHandshake({
      identity: config.identity,
      alpn: config.alpn,
      transportParameters: encodeLocalParameters(tp, config.extraTransportParameters),
      ...(config.cipherSuites ? { cipherSuites: config.cipherSuites } : {}),
      ...(config.groups ? { groups: config.groups } : {}),
      ...(config.clientAuth ? { clientAuth: config.clientAuth } : {}),
    });
  }

  private installInitialKeys(dcid: Uint8Array): void {
    const keys = quicInitialKeys(dcid, QUIC_VERSION_1);
    const ps = this.spaces[Space.Initial];
    ps.writeKeys = this.role === 'client' ? keys.client : keys.server;
    ps.readKeys = this.role === 'client' ? keys.server : keys.client;
    this.events.trace('quic:key_updated', { key_type: 'client_initial_secret', trigger: 'initial', cipher: 'TLS_AES_128_GCM_SHA256' });
    this.events.trace('quic:key_updated', { key_type: 'server_initial_secret', trigger: 'initial', cipher: 'TLS_AES_128_GCM_SHA256' });
  }

  private acceptsDcid(p: ProtectedPacket): boolean {
    if (this.localIds.has(p.dcid)) return true;
    // The client's Initial (and a retransmitted one) still carries the original DCID (§7.2).
    return this.role === 'server' && p.kind === 'initial' && this.odcid !== null && bytesEqual(p.dcid, this.odcid);
  }

  /** @internal The peer's role. */
  get peerRole(): 'client' | 'server' {
    return this.role === 'client' ? 'server' : 'client';
  }

  /** @internal The peer's ack_delay_exponent. */
  peerAckExponent(): number {
    return this.peerParams?.ackDelayExponent ?? 3;
  }

  private headerData(p: ProtectedPacket, pn: number, keyPhase: boolean): QuicPacketHeaderData {
    if (p.kind === '1rtt') return { packet_type: '1RTT', packet_number: pn, dcid: hex(p.dcid), key_phase: keyPhase ? 1 : 0 };
    return { packet_type: qlogPacketType(p.kind), packet_number: pn, dcid: hex(p.dcid), scid: hex(p.scid), version: '00000001', ...(p.kind === 'initial' ? { token_length: p.token.length } : {}), length: p.bytes.length - p.pnOffset };
  }

  private dropped(header: QuicPacketHeaderData | undefined, length: number, trigger: string, details?: string): void {
    this.events.trace('quic:packet_dropped', { ...(header ? { header } : {}), raw_length: length, trigger, ...(details ? { details } : {}) });
  }

  // ---------------------------------------------------------------- acknowledgements and loss

  /** @internal The PTO context of RFC 9002 §6.2. */
  ptoContext(): PtoContext {
    return {
      handshakeConfirmed: this.handshakeConfirmed,
      peerMaxAckDelay: peerMaxAckDelay(this.peerParams),
      peerCompletedAddressValidation: this.role === 'server' || this.handshakeConfirmed || this.handshakeAcked,
      hasHandshakeKeys: this.spaces[Space.Handshake].writeKeys !== null,
      amplificationBlocked: this.amplificationAllowance() <= 0,
    };
  }

  /** @internal Bytes the server may still send before the client's address is validated (§8.1); Infinity after. */
  amplificationAllowance(): number {
    if (this.addressValidated) return Number.POSITIVE_INFINITY;
    return 3 * this.bytesReceived - this.bytesSent;
  }

  /** @internal An ACK frame in `space` (RFC 9000 §19.3, RFC 9002 §A.7). */
  onAck(space: Space, ranges: readonly { largest: number; smallest: number }[], ackDelayField: number, now: number): void {
    const ps = this.spaces[space];
    const largest = ranges[0]?.largest ?? 0;
    // §13.1: acknowledging a packet we never sent is PROTOCOL_VIOLATION
    if (largest >= ps.nextPn) throw new QuicError(TransportErrorCode.PROTOCOL_VIOLATION, `ACK for packet ${largest} never sent in the ${SPACE_NAME[space]} space`, 'remote', 0x02);
    const ackDelay = (ackDelayField * 2 ** this.peerAckExponent()) / 1000;
    const out = this.recovery.onAckReceived(space, ranges, ackDelay, now, this.ptoContext());
    if (out.acked.length === 0) return;
    if (space === Space.Handshake && this.role === 'client') this.handshakeAcked = true;
    if (space === Space.Application) this.keyUpdate.onAcked(largest);
    this.events.trace('quic:packets_acked', { packet_number_space: SPACE_NAME[space], packet_numbers: out.acked.map((p) => p.pn) });
    for (const p of out.acked) for (const f of p.frames) this.onFrameAcked(space, f);
    this.onLost(out.lost, now);
    this.metricsUpdated();
  }

  private onFrameAcked(space: Space, f: Frame): void {
    if (f.type === 'crypto') this.spaces[space].cryptoSend.onAcked(f.offset, f.data.length, false);
    else this.streams.onFrameAcked(f);
  }

  /** @internal Requeues the frames of lost packets (RFC 9000 §13.3). */
  onLost(lost: readonly SentPacket[], now: number, trigger = 'reordering_threshold'): void {
    void now;
    for (const p of lost) {
      this.events.trace('quic:packet_lost', { header: { packet_type: qlogPacketType(LEVEL_OF_SPACE[p.space] === '1rtt' ? '1rtt' : LEVEL_OF_SPACE[p.space]), packet_number: p.pn }, frames: p.frames.map((f) => frameToJson(f)), trigger });
      this.requeue(p.space, p.frames);
    }
  }

  /** @internal Queues again what frames carried (lost packets, PTO probes). */
  requeue(space: Space, frames: readonly Frame[]): void {
    for (const f of frames) {
      switch (f.type) {
        case 'crypto':
          this.spaces[space].cryptoSend.onLost(f.offset, f.data.length, false);
          break;
        case 'handshake_done':
          if (this.role === 'server') this.handshakeDonePending = true;
          break;
        case 'new_connection_id':
          if (this.localIds.has(f.connectionId)) this.localIds.pending.push({ sequence: f.sequenceNumber, id: f.connectionId, resetToken: f.statelessResetToken });
          break;
        case 'retire_connection_id':
          this.peerIds.retirePending.push(f.sequenceNumber);
          break;
        default:
          this.streams.onFrameLost(f);
      }
    }
  }

  /** @internal Reports RTT and congestion figures. */
  metricsUpdated(): void {
    const r = this.recovery;
    this.events.trace('quic:recovery_metrics_updated', {
      min_rtt: r.rtt.min,
      smoothed_rtt: r.rtt.smoothed,
      latest_rtt: r.rtt.latest,
      rtt_variance: r.rtt.variance,
      pto_count: r.ptoCount,
      congestion_window: Math.round(r.cc.cwnd),
      bytes_in_flight: r.cc.bytesInFlight,
      ssthresh: Number.isFinite(r.cc.ssthresh) ? Math.round(r.cc.ssthresh) : null,
      congestion_state: r.cc.state(0),
    });
  }

  // ---------------------------------------------------------------- closing

  /** @internal Closes with a transport error (CONNECTION_CLOSE 0x1c, §10.2). */
  closeWithError(e: QuicError): void {
    if (this.stateValue === ConnectionState.Closing || this.stateValue === ConnectionState.Draining || this.stateValue === ConnectionState.Closed) return;
    this.startClosing({ type: 'connection_close', errorCode: BigInt(e.code), frameType: BigInt(e.frameType ?? 0), reason: e.reason }, { initiator: 'local', error: e, reason: e.reason });
  }

  private startClosing(frame: Frame, info: CloseInfo): void {
    this.closeFrame = frame;
    this.closeSendPending = true;
    this.stateValue = ConnectionState.Closing;
    this.closeDeadline = null; // set when the CONNECTION_CLOSE goes out (closeSent)
    this.finishClose(info, 'local');
  }

  /** @internal The peer's CONNECTION_CLOSE: drain for three PTOs, sending nothing (§10.2.2). */
  onPeerClose(info: CloseInfo, now: number): void {
    this.stateValue = ConnectionState.Draining;
    this.closeDeadline = now + 3 * this.recovery.rtt.pto(peerMaxAckDelay(this.peerParams));
    this.finishClose(info, 'remote');
  }

  private finishClose(info: CloseInfo, owner: 'local' | 'remote'): void {
    this.closeInfo = info;
    const code = info.error?.code;
    this.events.trace('quic:connection_closed', {
      owner,
      ...(code !== undefined ? { connection_code: code, error_name: transportErrorName(code) } : {}),
      ...(info.applicationCode !== undefined ? { application_code: Number(info.applicationCode) } : {}),
      reason: info.reason,
      trigger: info.applicationCode !== undefined ? 'application' : code === undefined || code === 0 ? 'clean' : 'error',
    });
    this.events.push({ kind: 'closed', error: info.error, ...(info.applicationCode !== undefined ? { applicationCode: info.applicationCode } : {}), reason: info.reason, initiator: info.initiator });
  }

  /** @internal Called by send.ts after the CONNECTION_CLOSE went out: the closing period starts (3 PTO, §10.2). */
  closeSent(now: number): void {
    this.closeSendPending = false;
    if (this.closeDeadline === null) this.closeDeadline = now + 3 * this.recovery.rtt.pto(peerMaxAckDelay(this.peerParams));
  }

  // ---------------------------------------------------------------- timers and sending

  /** The next time onTimeout must be called, or null when nothing is scheduled. */
  nextDeadline(): number | null {
    if (this.stateValue === ConnectionState.Closed) return null;
    if (this.stateValue === ConnectionState.Closing || this.stateValue === ConnectionState.Draining) return this.closeDeadline;
    let t: number | null = null;
    const take = (x: number | null): void => {
      if (x !== null && (t === null || x < t)) t = x;
    };
    const app = this.spaces[Space.Application];
    if (!app.discarded) take(app.ack.ackDeadline);
    const timer = this.recovery.timer(this.ptoContext(), this.spaces.map((s) => s.discarded));
    if (timer) take(timer.time);
    if (this.pacingDeadline !== null) take(this.pacingDeadline);
    take(this.idleDeadline());
    return t;
  }

  private idleDeadline(): number | null {
    const local = this.settings.maxIdleTimeoutMs;
    const peer = num(this.peerParams?.maxIdleTimeout, 0);
    const idle = local > 0 && peer > 0 ? Math.min(local, peer) : Math.max(local, peer);
    if (idle <= 0 || this.idleStart === null) return null;
    // §10.1: at least three PTOs, so probes do not cause an idle close
    return this.idleStart + Math.max(idle, 3 * this.recovery.rtt.pto(peerMaxAckDelay(this.peerParams)));
  }

  /** Handles timers due at `now`: delayed ACKs, loss detection, PTO, pacing, idle and closing timeouts. */
  onTimeout(now: number): void {
    if (this.stateValue === ConnectionState.Closed) return;
    if (this.stateValue === ConnectionState.Closing || this.stateValue === ConnectionState.Draining) {
      if (this.closeDeadline !== null && now >= this.closeDeadline) this.stateValue = ConnectionState.Closed;
      return;
    }
    const idle = this.idleDeadline();
    if (idle !== null && now >= idle) {
      // §10.1: silently closed
      this.stateValue = ConnectionState.Closed;
      this.finishClose({ initiator: 'idle', error: null, reason: 'idle timeout' }, 'local');
      return;
    }
    if (this.pacingDeadline !== null && now >= this.pacingDeadline) this.pacingDeadline = null;
    try {
      const out = this.recovery.onTimeout(now, this.ptoContext(), this.spaces.map((s) => s.discarded));
      if (out.kind === 'loss') {
        this.onLost(out.lost, now, 'time_threshold');
        this.metricsUpdated();
      } else if (out.kind === 'pto') {
        this.onPto(out.space);
        this.metricsUpdated();
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private onPto(space: Space): void {
    const ps = this.spaces[space];
    if (!ps.canSend) {
      // the client's anti-deadlock probe may target Handshake before keys: fall back to Initial
      const fallback = this.spaces[Space.Initial];
      if (fallback.canSend) fallback.probes = 1;
      return;
    }
    // RFC 9002 §6.2.4: one or two ack-eliciting packets, carrying data still unacknowledged when there is some
    ps.probes = 2;
    let n = 0;
    for (const p of this.recovery.unacked(space)) {
      if (!p.ackEliciting) continue;
      this.requeue(space, p.frames);
      if (++n >= 2) break;
    }
  }

  /** The next datagram to send at `now`, or null when there is nothing (or the pacer, the congestion window or the amplification limit holds it). */
  pollTransmit(now: number): Uint8Array | null {
    if (this.stateValue === ConnectionState.Closed || this.stateValue === ConnectionState.Draining) return null;
    if (this.stateValue === ConnectionState.Closing && !this.closeSendPending) return null;
    if (!this.started) return null;
    const d = buildDatagram(this, now);
    if (!d) return null;
    this.bytesSent += d.datagram.length;
    this.idleStart ??= now;
    if (d.ackEliciting && !this.ackElicitingSinceReceive) {
      // §10.1: the idle timer restarts when sending the first ack-eliciting packet after receiving
      this.ackElicitingSinceReceive = true;
      this.idleStart = now;
    }
    return d.datagram;
  }

  /** All datagrams that can go now (convenience for drivers). */
  pollTransmitAll(now: number, max = 64): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let d = this.pollTransmit(now); d && out.length < max; d = out.length < max ? this.pollTransmit(now) : null) out.push(d);
    return out;
  }

  /** @internal Every space, for send.ts. */
  get allSpaces(): readonly Space[] {
    return SPACES;
  }
}

const hex = toHex;
