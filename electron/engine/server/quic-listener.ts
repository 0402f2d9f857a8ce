/**
 * The embedded server's QUIC side: a UDP socket on the TLS port's number (127.0.0.1, and ::1 beside it: Chromium
 * resolves localhost to ::1 first and, unlike over TCP, does not fall back to IPv4 for QUIC), ALPN `h3`, the server's
 * own ECDSA P-256 certificate, one QuicConnection per client found by Destination Connection ID
 * (net/udp-quic.ts QuicUdpServer). Each connection is registered with the sink (transport udp, vantage server, so
 * it shares its id with our own client's view of the same 4-tuple) and every packet, frame, key change and TLS
 * message it reports becomes a server-vantage event. Its TLS secrets go to the server's key log at the end of
 * the handshake, so a capture of any client (ours or Chromium) decrypts with the Keys export.
 *
 * What serves the streams is a pluggable {@link QuicStreamHandler}; the default is HTTP/3 from the route table
 * (server/h3-handler.ts).
 */
import { X509Certificate } from 'node:crypto';
import type { QuicAppEvent } from '../protocols/quic/connection/events';
import type { TlsClientAuthConfig } from '../protocols/tls13/handshake/types';
import type { QuicConnection } from '../protocols/quic/connection/connection';
import type { EventSink } from '../core/event-sink';
import { emitQuicTraces } from '../core/quic-trace-events';
import { QuicUdpServer, type QuicDriver } from '../net/udp-quic';
import type { ServerCertificate } from './certificate';
import { H3StreamHandler, type H3HandlerContext } from './h3-handler';
import type { RouteTimers } from './routes';

/** ALPN the QUIC listener offers (RFC 9114 §3.1). */
export const QUIC_SERVER_ALPN = ['h3'] as const;

/** H3_NO_ERROR (RFC 9114 §8.1): the code the listener closes its connections with when the server stops. */
const H3_NO_ERROR = 0x100n;

/** Serves the streams of one QUIC connection: gets its application events, writes on the core. */
export interface QuicStreamHandler {
  /** One application event of the connection (stream data, resets, handshake completion, close). */
  onEvent(event: QuicAppEvent): void;
}

/**
 * Makes the handler of a new connection; `flush` asks the driver to send what the handler wrote; `ctx` has the
 * sink, the connection's session id and the route timers.
 */
export type QuicHandlerFactory = (conn: QuicConnection, flush: () => void, ctx: H3HandlerContext) => QuicStreamHandler;

/** The default handler: HTTP/3 served from the route table. */
export const h3HandlerFactory: QuicHandlerFactory = (conn, flush, ctx) => new H3StreamHandler(conn, flush, ctx);

/** Options of the listener. */
export interface QuicListenerOptions {
  readonly host: string;
  /** UDP port (the TLS port's number; 0 picks one, for tests). */
  readonly port: number;
  readonly cert: ServerCertificate;
  readonly sink: EventSink;
  /** Where the TLS secrets of each connection go (SSLKEYLOGFILE lines). */
  readonly keylog: string[];
  /** What serves each connection's streams (default: HTTP/3 from the route table). */
  readonly handler?: QuicHandlerFactory;
  /** Timers the routes start (so the server can cancel them when it stops); default: not tracked. */
  readonly routeTimers?: RouteTimers;
  /** Whether (and how) a new connection asks for a client certificate (mTLS); read as each connection starts. */
  readonly clientAuth?: () => TlsClientAuthConfig | undefined;
}

interface Tracked {
  readonly id: number;
  readonly handler: QuicStreamHandler;
  /** The connection asked for a client certificate. */
  readonly askedForCertificate: boolean;
}

/** The embedded server's QUIC listener. */
export class EmbeddedQuicListener {
  private readonly tracked = new Map<QuicConnection, Tracked>();
  private readonly sockets: { readonly udp: QuicUdpServer; readonly address: string }[] = [];

  private constructor(private readonly options: QuicListenerOptions) {}

  private add(udp: QuicUdpServer, address: string): void {
    this.sockets.push({ udp, address });
    udp.onConnection = (conn, driver, remote) => this.accept(conn, driver, remote, address);
    udp.onEvents = (conn, events) => this.onEvents(conn, events);
    udp.onClosed = (conn) => {
      const t = this.tracked.get(conn);
      this.tracked.delete(conn);
      // a connection that never reported a close (it never started: its first datagram was dropped)
      if (t && conn.closed === null) this.options.sink.updateConnection(t.id, { closedAt: this.options.sink.now() });
    };
  }

  /**
   * Binds the UDP port on `host`; rejects (e.g. EADDRINUSE) when it cannot. When `host` is 127.0.0.1 the same
   * port on ::1 is bound too, if the system has IPv6 loopback (a failure there only leaves QUIC on IPv4).
   */
  static async listen(options: QuicListenerOptions): Promise<EmbeddedQuicListener> {
    const identity = { certificateChainPem: options.cert.certPem, privateKeyPem: options.cert.keyPem };
    // one config for every connection; `clientAuth` is read as each one is made, so mTLS can change while we run
    const config = {
      role: 'server',
      alpn: [...QUIC_SERVER_ALPN],
      identity,
      get clientAuth() {
        return options.clientAuth?.();
      },
    } as const;
    const listener = new EmbeddedQuicListener(options);
    const primary = await QuicUdpServer.listen(config, options.port, options.host);
    listener.add(primary, options.host);
    if (options.host === '127.0.0.1') {
      try {
        listener.add(await QuicUdpServer.listen(config, primary.port, '::1'), '::1');
      } catch {
        // no IPv6 loopback, or the port is taken there: IPv4 only
      }
    }
    return listener;
  }

  /** The bound UDP port. */
  get port(): number {
    return this.sockets[0]!.udp.port;
  }

  /** The addresses QUIC listens on (127.0.0.1, and ::1 when it could bind there). */
  get addresses(): string[] {
    return this.sockets.map((s) => s.address);
  }

  /** Connections alive now. */
  get connectionCount(): number {
    return this.sockets.reduce((n, s) => n + s.udp.connectionCount, 0);
  }

  /** Sends CONNECTION_CLOSE (H3_NO_ERROR) on every open connection and closes the sockets. */
  close(): void {
    for (const s of this.sockets) s.udp.close(H3_NO_ERROR, 'server stopping');
    const now = this.options.sink.now();
    for (const t of this.tracked.values()) this.options.sink.updateConnection(t.id, { closedAt: now });
    this.tracked.clear();
  }

  private accept(conn: QuicConnection, driver: QuicDriver, remote: { address: string; port: number }, address: string): void {
    const { sink } = this.options;
    const info = sink.openConnection({ client: remote, server: { address, port: this.port }, transport: 'udp' }, 'server', {
      protocol: 'h3',
      tls: true,
      openedAt: sink.now(),
      label: `QUIC ${remote.address.includes(':') ? `[${remote.address}]` : remote.address}:${remote.port} → :${this.port}`,
    });
    let queued = false;
    const flush = (): void => {
      // the driver calls us from inside its send loop: send again once it has returned
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        driver.kick();
      });
    };
    const timers = this.options.routeTimers ?? { add: () => undefined, remove: () => undefined };
    const handler = (this.options.handler ?? h3HandlerFactory)(conn, flush, { sink, conn: info.id, timers });
    this.tracked.set(conn, { id: info.id, handler, askedForCertificate: this.options.clientAuth?.() !== undefined });
  }

  /** mTLS: who the client's certificate names and how it was judged, as a server-side note. */
  private reportClientCertificate(conn: QuicConnection, id: number): void {
    const done = conn.tls?.done;
    if (!done) return;
    const leaf = done.peerCertificates[0];
    let text = 'client certificate: none sent (the server asked for one and lets the client in without)';
    if (leaf) {
      let subject = 'an unreadable certificate';
      try {
        subject = new X509Certificate(leaf).subject.replace(/\n/g, ', ');
      } catch {
        // the core validated what it could; the note still says what it judged
      }
      text = `client certificate: ${subject}; ${done.peerVerification?.summary ?? 'not judged'}`;
    }
    const { sink } = this.options;
    sink.emit({ name: 'app:note', time: sink.now(), conn: id, vantage: 'server', data: { text } });
  }

  private onEvents(conn: QuicConnection, events: Parameters<typeof emitQuicTraces>[3]): void {
    const t = this.tracked.get(conn);
    if (!t) return;
    const { sink, keylog } = this.options;
    const app = emitQuicTraces(sink, t.id, 'server', events);
    for (const e of app) {
      if (e.kind === 'handshake_complete') {
        for (const line of conn.keylogLines()) if (!keylog.includes(line)) keylog.push(line);
        const serverName = conn.tls?.done?.serverName;
        sink.updateConnection(t.id, { alpn: e.alpn, tlsVersion: 'TLSv1.3', ...(conn.cipherSuite ? { cipher: conn.cipherSuite } : {}), ...(serverName ? { serverName } : {}) });
        if (t.askedForCertificate) this.reportClientCertificate(conn, t.id);
      } else if (e.kind === 'closed') {
        sink.updateConnection(t.id, { closedAt: sink.now() });
      }
      t.handler.onEvent(e);
    }
  }
}
