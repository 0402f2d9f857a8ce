/**
 * The raw client's QUIC connection: our sans-IO QuicConnection (protocols/quic) driven over a connected UDP socket
 * (net/udp-quic.ts), with every packet, frame, key change and TLS handshake message reported as client-vantage
 * events. The connection is registered with the sink by its 4-tuple (transport udp), so when the target is the
 * embedded server our client's and our server's views share one connection id. The TLS secrets go to the key log
 * (SSLKEYLOGFILE lines) so the Keys export decrypts a capture of QUIC too.
 */
import { lookup } from 'node:dns/promises';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import type { ConnectionInfo } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { emitQuicTraces } from '../core/quic-trace-events';
import { monotonicNow, QuicUdpClient } from '../net/udp-quic';
import type { TrustChoice } from '../protocols/tls13/certificates';
import type { CipherSuite } from '../protocols/tls13/cipher-suites';
import type { EcdheGroup } from '../protocols/tls13/crypto';
import type { QuicConnection } from '../protocols/quic/connection/connection';
import { ConnectionState } from '../protocols/quic/connection/connection';
import type { QuicClientConfig } from '../protocols/quic/connection/config';
import type { QuicAppEvent } from '../protocols/quic/connection/events';
import type { ClientTarget } from './target';

/** Options of a QUIC client connection. */
export interface QuicConnectOptions {
  /** Stops the connection (CONNECTION_CLOSE, then the socket) when aborted. */
  readonly signal?: AbortSignal;
  /** Receives each TLS secret as an SSLKEYLOGFILE line, once. */
  readonly keylog?: (line: string) => void;
  /** ALPN protocols to offer (default ['h3']). */
  readonly alpn?: readonly string[];
  /** TLS cipher suites to offer (default: both AES-GCM suites). */
  readonly cipherSuites?: readonly CipherSuite[];
  /** Key exchange groups, the first one getting the key share (default x25519, secp256r1). */
  readonly groups?: readonly EcdheGroup[];
  /** How to trust the server's certificate; default: from the target (see {@link trustForTarget}). */
  readonly trust?: TrustChoice;
  /** Give up on the handshake after this long (ms, default 10 000). */
  readonly handshakeTimeoutMs?: number;
  /** Extra settings of the core (idle timeout, windows, ...). */
  readonly core?: Partial<Omit<QuicClientConfig, 'role' | 'alpn' | 'serverName' | 'trust' | 'validationTimeMs'>>;
  /**
   * Keep every application event in `appEvents` and every stream's bytes for `readStream` (default true). A layer
   * that reads the events itself (HTTP/3, client/h3-client.ts) turns this off so long transfers are not kept twice.
   */
  readonly collect?: boolean;
  /** Receives each application event as it happens, from the very first one (before open() resolves). */
  readonly onAppEvent?: (event: QuicAppEvent) => void;
}

/** Everything a stream delivered, once it ended. */
export interface QuicStreamResult {
  readonly streamId: number;
  readonly data: Uint8Array;
  /** 'fin' when the peer ended the stream; 'reset' when it abandoned it (RESET_STREAM). */
  readonly end: 'fin' | 'reset';
  readonly errorCode?: bigint;
}

interface StreamBuffer {
  readonly parts: Uint8Array[];
  end: QuicStreamResult['end'] | null;
  errorCode?: bigint;
  readonly waiters: (() => void)[];
}

/**
 * How to trust a target's certificate in our TLS 1.3: insecure when the person asked for it; the PEM they gave
 * (or the embedded server's own) pinned when it is one certificate that is not a CA, else used as the CAs;
 * the system's root CAs (Node's bundle) when nothing was given.
 */
export function trustForTarget(target: ClientTarget): TrustChoice {
  if (target.insecure) return { kind: 'insecure' };
  if (target.ca) {
    const pems = target.ca.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 1 && !new X509Certificate(pems[0]!).ca) return { kind: 'pinned-cert', pem: pems[0]! };
    if (pems.length > 0) return { kind: 'ca', pems };
  }
  return { kind: 'ca', pems: rootCertificates };
}

/** An IP address for a host, IPv4 first (the embedded server listens on 127.0.0.1). */
async function resolveHost(host: string): Promise<string> {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')) return host;
  try {
    const all = await lookup(host, { all: true });
    return (all.find((a) => a.family === 4) ?? all[0]!).address;
  } catch (e) {
    throw new ApiError('io', `cannot resolve ${host}: ${(e as Error).message}`);
  }
}

/** One QUIC connection of the raw client. */
export class QuicClientSession {
  private readonly streams = new Map<number, StreamBuffer>();
  private readonly keylogged = new Set<string>();
  private closedResolve!: () => void;
  private readonly closed: Promise<void>;
  private isClosed = false;
  /** Every application event of the core, in order (scenarios read stream openings, resets and the close here). */
  readonly appEvents: QuicAppEvent[] = [];
  /** Called for each application event as it happens. */
  onAppEvent: ((event: QuicAppEvent) => void) | undefined;
  /** The TLS handshake messages, in order, with their direction (a lesson tells whether a HelloRetryRequest came). */
  readonly tlsMessages: { readonly type: string; readonly dir: 'sent' | 'received' }[] = [];

  private constructor(
    /** The UDP driver and the core. */
    readonly udp: QuicUdpClient,
    /** The connection's record (id shared with the embedded server's view). */
    readonly info: ConnectionInfo,
    private readonly sink: EventSink,
    private readonly options: QuicConnectOptions,
  ) {
    this.closed = new Promise((r) => (this.closedResolve = r));
    void udp.closedPromise.then(() => this.markClosed());
  }

  /** The connection core. */
  get conn(): QuicConnection {
    return this.udp.conn;
  }

  /**
   * Opens a QUIC connection to the target's host and port over UDP (https://host:port → QUIC to UDP port) and
   * resolves once the handshake completed (client side: our Finished sent). Rejects, after closing, when the
   * handshake fails or times out.
   */
  static async open(target: ClientTarget, sink: EventSink, options: QuicConnectOptions = {}): Promise<QuicClientSession> {
    if (options.signal?.aborted) throw new ApiError('cancelled', 'stopped');
    const address = await resolveHost(target.host);
    const config: QuicClientConfig = {
      ...options.core,
      role: 'client',
      alpn: options.alpn ?? ['h3'],
      serverName: target.host,
      trust: options.trust ?? trustForTarget(target),
      validationTimeMs: Date.now(),
      ...(options.cipherSuites ? { cipherSuites: options.cipherSuites } : {}),
      ...(options.groups ? { groups: options.groups } : {}),
      // mTLS: our TLS 1.3 sends this certificate and a CertificateVerify when the server asks (RFC 8446 §4.4.2)
      ...(target.clientCert ? { clientIdentity: { certificateChainPem: target.clientCert.certPem, privateKeyPem: target.clientCert.keyPem } } : {}),
    };
    let session: QuicClientSession | undefined;
    let udp: QuicUdpClient;
    try {
      udp = await QuicUdpClient.connect(config, address, target.port, (c) => {
        const local = c.localAddress;
        const info = sink.openConnection({ client: local, server: { address, port: target.port }, transport: 'udp' }, 'client', {
          protocol: 'h3',
          tls: true,
          serverName: target.host,
          openedAt: sink.now(),
          label: `QUIC ${local.address}:${local.port} → ${target.authority}`,
        });
        session = new QuicClientSession(c, info, sink, options);
        c.onEvent((e) => session!.onCoreEvent(e));
      });
    } catch (e) {
      throw new ApiError('io', `cannot open a UDP socket to ${address}:${target.port}: ${(e as Error).message}`);
    }
    const s = session!;
    const onAbort = (): void => void s.close(0x10cn, 'stopped'); // H3_REQUEST_CANCELLED (RFC 9114 §8.1)
    options.signal?.addEventListener('abort', onAbort, { once: true });
    void s.closed.then(() => options.signal?.removeEventListener('abort', onAbort));
    try {
      await s.handshake(options.handshakeTimeoutMs ?? 10_000);
    } catch (e) {
      s.writeKeylog();
      const message = (e as Error).message;
      sink.emit({ name: 'app:error', time: sink.now(), conn: s.info.id, vantage: 'client', data: { message: `QUIC handshake with ${target.authority} failed: ${message}` } });
      await s.close(0n, '', 200);
      throw new ApiError(options.signal?.aborted ? 'cancelled' : 'io', `QUIC handshake with ${target.authority} failed: ${message}`);
    }
    return s;
  }

  private handshake(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const udp = this.udp;
      udp.onSocketError = (e) => {
        // ICMP port unreachable: nothing listens on that UDP port
        if (!this.conn.isHandshakeComplete && (e as NodeJS.ErrnoException).code === 'ECONNREFUSED') reject(new Error(`nothing listens on UDP ${this.info.server.port} (${e.message})`));
      };
      udp.handshake(timeoutMs).then(resolve, reject);
    });
  }

  private onCoreEvent(e: Parameters<Parameters<QuicUdpClient['onEvent']>[0]>[0]): void {
    if (e.kind === 'trace' && e.name === 'tls:handshake_message') this.tlsMessages.push({ type: e.data.type, dir: e.dir ?? 'sent' });
    const collect = this.options.collect ?? true;
    for (const a of emitQuicTraces(this.sink, this.info.id, 'client', [e])) {
      if (collect) this.appEvents.push(a);
      if (collect || (a.kind !== 'stream_data' && a.kind !== 'stream_reset')) this.onApp(a);
      this.options.onAppEvent?.(a);
      this.onAppEvent?.(a);
    }
  }

  private onApp(a: QuicAppEvent): void {
    switch (a.kind) {
      case 'handshake_complete': {
        this.writeKeylog();
        this.sink.updateConnection(this.info.id, { alpn: a.alpn, tlsVersion: 'TLSv1.3', ...(this.conn.cipherSuite ? { cipher: this.conn.cipherSuite } : {}) });
        break;
      }
      case 'stream_data': {
        const b = this.buffer(a.streamId);
        if (a.data.length > 0) b.parts.push(a.data.slice());
        if (a.fin) this.endStream(b, 'fin');
        break;
      }
      case 'stream_reset': {
        const b = this.buffer(a.streamId);
        b.errorCode = a.errorCode;
        this.endStream(b, 'reset');
        break;
      }
      case 'closed':
        this.writeKeylog();
        this.sink.updateConnection(this.info.id, { closedAt: this.sink.now() });
        for (const b of this.streams.values()) for (const w of b.waiters.splice(0)) w();
        break;
      default:
        break;
    }
  }

  private buffer(id: number): StreamBuffer {
    let b = this.streams.get(id);
    if (!b) {
      b = { parts: [], end: null, waiters: [] };
      this.streams.set(id, b);
    }
    return b;
  }

  private endStream(b: StreamBuffer, end: 'fin' | 'reset'): void {
    b.end ??= end;
    for (const w of b.waiters.splice(0)) w();
  }

  private writeKeylog(): void {
    const sink = this.options.keylog;
    if (!sink) return;
    for (const line of this.conn.keylogLines()) {
      if (this.keylogged.has(line)) continue;
      this.keylogged.add(line);
      sink(line);
    }
  }

  /** Opens a stream (RFC 9000 §2.1); throws when the peer's MAX_STREAMS does not allow one yet. */
  openStream(bidirectional: boolean): number {
    const id = this.conn.openStream(bidirectional);
    if (id === null) throw new ApiError('io', `the server allows no more ${bidirectional ? 'bidirectional' : 'unidirectional'} streams now (MAX_STREAMS)`);
    this.udp.driver.kick();
    return id;
  }

  /** Writes on a stream (`fin` ends our side) and sends. */
  write(streamId: number, data: Uint8Array, fin = false): void {
    this.conn.write(streamId, data, fin);
    this.udp.driver.kick();
  }

  /**
   * Starts a 1-RTT key update (RFC 9001 §6): our next packets carry the other Key Phase and the next keys; the
   * peer follows. False when not allowed yet (handshake not confirmed, or the last update not acknowledged).
   */
  updateKeys(): boolean {
    const ok = this.conn.initiateKeyUpdate(monotonicNow());
    if (ok) this.udp.driver.kick();
    return ok;
  }

  /** Resolves with everything a stream delivers once the peer ends it (FIN or RESET_STREAM); rejects on close or timeout. */
  readStream(streamId: number, timeoutMs = 10_000): Promise<QuicStreamResult> {
    const b = this.buffer(streamId);
    const result = (): QuicStreamResult => ({ streamId, data: Buffer.concat(b.parts), end: b.end!, ...(b.errorCode !== undefined ? { errorCode: b.errorCode } : {}) });
    if (b.end) return Promise.resolve(result());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ApiError('io', `stream ${streamId} did not end within ${timeoutMs} ms`)), timeoutMs);
      b.waiters.push(() => {
        clearTimeout(timer);
        if (b.end) resolve(result());
        else reject(new ApiError('io', `the connection closed before stream ${streamId} ended${this.conn.closed ? `: ${this.conn.closed.reason || 'no reason given'}` : ''}`));
      });
    });
  }

  /**
   * Closes with an application CONNECTION_CLOSE (RFC 9000 §10.2; `code` 0x100 is H3_NO_ERROR) and waits for the
   * closing period to end (three PTOs), at most `waitMs`.
   */
  async close(code = 0x100n, reason = '', waitMs = 1000): Promise<void> {
    if (this.isClosed) return;
    if (this.conn.state === ConnectionState.Handshaking || this.conn.state === ConnectionState.Connected) this.writeKeylog();
    await this.udp.close(code, reason, waitMs);
    this.markClosed();
  }

  /** Stops at once: no CONNECTION_CLOSE, the socket closes. */
  destroy(): void {
    this.udp.destroy();
    this.markClosed();
  }

  /** Resolves once the connection is closed (its closing period over, or destroyed). */
  whenClosed(): Promise<void> {
    return this.closed;
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.conn.closed === null) this.sink.updateConnection(this.info.id, { closedAt: this.sink.now() });
    this.closedResolve();
  }
}
