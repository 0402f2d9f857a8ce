/**
 * The embedded server: one route table served over HTTP/1.1 on a TLS port (Node's
 * `http2.createSecureServer({ allowHTTP1: true })`, i.e. nghttp2, chooses by ALPN) and on a cleartext port
 * (Node's http). Every connection is accepted by our own listener and handed to Node's HTTP machinery through a
 * TappedSocket, so the server's side of the wire is decoded by our codecs too (server-vantage events).
 * QUIC (ALPN h3) listens on UDP at the TLS port's number with our own QUIC core (server/quic-listener.ts), and the
 * TLS port's h1 and h2 responses say so with `alt-svc: h3=":PORT"; ma=86400` (RFC 7838 §3).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createSecureServer, createServer as createH2cServer, type Http2SecureServer, type Http2Server, type Settings } from 'node:http2';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import type { ClientAuthSetting, ServerSettingsPatch, ServerStatus } from '../../../shared/api';
import type { EventSink } from '../core/event-sink';
import { sniffPreface } from '../net/preface-sniffer';
import { TappedSocket } from '../net/tapped-socket';
import { loadOrCreateCertificate, type ServerCertificate } from './certificate';
import { applyNodeClientAuth, CLIENT_AUTH_OFF, clientCertificateReport, coreClientAuth, loadOrCreateClientAuth, type ClientAuthMaterial } from './client-auth';
import { handleRoute, type AnyRequest, type AnyResponse, type RouteTimers } from './routes';
import { observeServerSocket, type PendingAccept } from './server-connection';
import { EmbeddedQuicListener, type QuicHandlerFactory } from './quic-listener';

/** Options of the embedded server. */
export interface EmbeddedServerOptions {
  /** Address to bind; loopback by default. */
  readonly host?: string;
  /** TLS port; 0 picks a free one. */
  readonly tlsPort?: number;
  /** Cleartext port; 0 picks a free one. */
  readonly clearPort?: number;
  /** Where the certificate is kept. */
  readonly dataDir: string;
  /** Time a client may take to send its headers before the server gives up (ms). */
  readonly headersTimeoutMs?: number;
  /** Largest request head accepted (bytes); larger ones get 431. */
  readonly maxHeaderSize?: number;
  /** HTTP/2 settings the server announces (RFC 9113 §6.5.2); Node's defaults where absent. */
  readonly h2Settings?: H2ServerSettings;
  /** What serves the streams of QUIC connections (default: HTTP/3 from the route table, server/h3-handler.ts). */
  readonly quicHandler?: QuicHandlerFactory;
  /** Client certificates (mTLS) at start; default off. */
  readonly clientAuth?: ClientAuthSetting;
}

/** The HTTP/2 settings of the embedded server a person can change (RFC 9113 §6.5.2). */
export type H2ServerSettings = ServerSettingsPatch;

/** ALPN protocols the TLS port offers, in preference order: h2 first, then http/1.1 (RFC 7301). */
export const SERVER_ALPN = ['h2', 'http/1.1'] as const;

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

async function listenOrAnyPort(server: NetServer, port: number, host: string): Promise<number> {
  try {
    return await listen(server, port, host);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    return listen(server, 0, host);
  }
}

/** The embedded h1 (and later h2, h2c, h3) server. */
export class EmbeddedServer {
  private cert: ServerCertificate | undefined;
  private tlsListener: TlsServer | undefined;
  private clearListener: NetServer | undefined;
  private h2Handler: Http2SecureServer | undefined;
  private h1Handler: HttpServer | undefined;
  private h2cHandler: Http2Server | undefined;
  private h2Settings: H2ServerSettings;
  private clientAuth: ClientAuthSetting;
  private clientAuthMaterial: ClientAuthMaterial | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Map<string, PendingAccept>();
  private quicListener: EmbeddedQuicListener | undefined;
  private readonly routeTimers: RouteTimers = { add: (t) => this.timers.add(t), remove: (t) => this.timers.delete(t) };
  private tlsPort = 0;
  private clearPort = 0;
  private error: string | undefined;
  private quicError: string | undefined;
  /** Key-log lines (SSLKEYLOGFILE format) of the server's TLS connections. */
  readonly keylog: string[] = [];

  /** @param options ports, bind address, data folder  @param sink where server-vantage events go */
  constructor(
    private readonly options: EmbeddedServerOptions,
    private readonly sink: EventSink,
  ) {
    this.h2Settings = { ...(options.h2Settings ?? {}) };
    this.clientAuth = options.clientAuth ?? CLIENT_AUTH_OFF;
  }

  /** Starts both listeners (making the certificate on first start). */
  async start(): Promise<ServerStatus> {
    const host = this.options.host ?? '127.0.0.1';
    this.cert = await loadOrCreateCertificate(this.options.dataDir);
    this.clientAuthMaterial = await loadOrCreateClientAuth(this.options.dataDir);
    const handler = (request: unknown, response: unknown): void => this.serve(request as AnyRequest, response as AnyResponse);
    // over TLS, h1 and h2 responses advertise HTTP/3 on the same port number over UDP (RFC 7838 §3, RFC 9114 §3.1.1)
    const tlsHandler = (request: unknown, response: unknown): void => {
      const res = response as AnyResponse & { setHeader?: (name: string, value: string) => void };
      const altSvc = this.altSvc();
      if (altSvc) res.setHeader?.('alt-svc', altSvc);
      this.serve(request as AnyRequest, res);
    };
    const maxHeaderSize = this.options.maxHeaderSize ?? 16384;
    const headersTimeout = this.options.headersTimeoutMs ?? 20_000;
    const settings = this.nodeSettings();
    this.h2Handler = createSecureServer({ key: this.cert.keyPem, cert: this.cert.certPem, allowHTTP1: true, maxHeaderSize, settings } as Parameters<typeof createSecureServer>[0], tlsHandler);
    this.h2cHandler = createH2cServer({ settings }, handler);
    for (const s of [this.h2Handler, this.h2cHandler] as (Http2SecureServer | Http2Server)[]) {
      s.on('sessionError', (err: Error) => this.reportError(`HTTP/2 session: ${err.message}`));
    }
    this.h1Handler = createHttpServer({ maxHeaderSize, headersTimeout, requestTimeout: 0, connectionsCheckingInterval: Math.min(1000, headersTimeout) }, handler);
    for (const s of [this.h2Handler, this.h1Handler] as (HttpServer | Http2SecureServer)[]) {
      (s as unknown as { headersTimeout: number }).headersTimeout = headersTimeout;
      s.on('clientError', (err: NodeJS.ErrnoException, socket: TappedSocket) => this.onClientError(err, socket));
    }

    this.tlsListener = createTlsServer({ key: this.cert.keyPem, cert: this.cert.certPem, ALPNProtocols: [...SERVER_ALPN] });
    this.applyClientAuth();
    this.tlsListener.on('connection', (socket: Socket) => this.accept(socket, true));
    this.tlsListener.on('secureConnection', (socket: TLSSocket) => this.secured(socket));
    this.tlsListener.on('tlsClientError', (err, socket) => this.tlsFailed(err, socket));
    this.tlsListener.on('keylog', (line: Buffer) => this.keylog.push(line.toString('latin1').trimEnd()));
    this.clearListener = createNetServer((socket) => {
      this.track(socket);
      // h2c with prior knowledge starts with the HTTP/2 preface; anything else is HTTP/1.1 (RFC 9113 §3.3)
      void sniffPreface(socket).then((kind) => {
        if (socket.destroyed) return;
        const tap = observeServerSocket(socket, false, this.sink, this.pending, kind);
        if (!tap) return;
        if (kind === 'h2') this.h2cHandler?.emit('connection', tap);
        else this.h1Handler?.emit('connection', tap);
        socket.resume();
      });
    });
    try {
      this.tlsPort = await listenOrAnyPort(this.tlsListener, this.options.tlsPort ?? 8443, host);
      await this.listenQuic(host);
      this.clearPort = await listenOrAnyPort(this.clearListener, this.options.clearPort ?? 8080, host);
      // Node's http servers start their header-timeout checks on 'listening'; ours listen through our own sockets.
      this.h2Handler.emit('listening');
      this.h1Handler.emit('listening');
      this.error = undefined;
    } catch (err) {
      this.error = (err as Error).message;
      await this.stop();
      throw err;
    }
    return this.status();
  }

  /**
   * Binds QUIC (UDP) on the TLS port's number. When that UDP port is taken and the TLS port was picked by the
   * system (port 0, or the fallback after EADDRINUSE), the TLS listener moves to another port until both fit;
   * when the TLS port was chosen by the person, the server runs without QUIC and says so in its status.
   */
  private async listenQuic(host: string): Promise<void> {
    const cert = this.cert!;
    const requested = this.options.tlsPort ?? 8443;
    for (let attempt = 0; ; attempt++) {
      try {
        this.quicListener = await EmbeddedQuicListener.listen({
          host,
          port: this.tlsPort,
          cert,
          sink: this.sink,
          keylog: this.keylog,
          routeTimers: this.routeTimers,
          clientAuth: () => coreClientAuth(this.clientAuth, this.clientAuthMaterial!.ca.certPem, Date.now()),
          ...(this.options.quicHandler ? { handler: this.options.quicHandler } : {}),
        });
        this.quicError = undefined;
        return;
      } catch (err) {
        const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
        const movable = requested === 0 || this.tlsPort !== requested;
        if (!inUse || !movable || attempt >= 8) {
          this.quicError = `QUIC (UDP ${this.tlsPort}) is off: ${(err as Error).message}`;
          this.reportError(this.quicError);
          return;
        }
        const tls = this.tlsListener!;
        await new Promise<void>((resolve) => tls.close(() => resolve()));
        this.tlsPort = await listen(tls, 0, host);
      }
    }
  }

  /** Serves one request from the route table; a route that throws gets a 500 and an app:error event. */
  private serve(req: AnyRequest, res: AnyResponse): void {
    try {
      handleRoute(req, res, this.routeTimers);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end();
      this.sink.emit({ name: 'app:error', time: this.sink.now(), conn: 0, vantage: 'server', data: { message: `route failed: ${(err as Error).message}` } });
    }
  }

  /** The Alt-Svc value of TLS responses: h3 on the QUIC listener's UDP port, for a day (RFC 7838 §3); null without QUIC. */
  altSvc(): string | null {
    const port = this.quicListener?.port;
    return port ? `h3=":${port}"; ma=86400` : null;
  }

  /** Ports, certificate pin, and whether it runs. */
  status(): ServerStatus {
    return {
      running: this.tlsListener?.listening === true,
      host: this.options.host ?? '127.0.0.1',
      tlsPort: this.tlsPort,
      clearPort: this.clearPort,
      h3Port: this.quicListener?.port ?? 0,
      certPin: this.cert?.spkiPin ?? '',
      certPath: this.cert?.certPath ?? '',
      alpn: [...SERVER_ALPN],
      h2Settings: { ...this.h2Settings },
      clientAuth: { ...this.clientAuth },
      ...(this.clientAuthMaterial ? { clientCertPath: this.clientAuthMaterial.client.certPath, clientKeyPath: this.clientAuthMaterial.client.keyPath } : {}),
      ...(this.error || this.quicError ? { error: [this.error, this.quicError].filter(Boolean).join('; ') } : {}),
    };
  }

  /** The certificate in PEM, for clients that trust exactly this server. */
  certificatePem(): string {
    return this.cert?.certPem ?? '';
  }

  /** The test CA and the client certificate it issued (after start). */
  clientAuthFiles(): ClientAuthMaterial | undefined {
    return this.clientAuthMaterial;
  }

  /** How the server asks for client certificates now. */
  clientAuthSetting(): ClientAuthSetting {
    return { ...this.clientAuth };
  }

  /**
   * Changes how the TLS port and QUIC ask for client certificates (RFC 8446 §4.3.2); new connections follow it,
   * open ones keep what they negotiated. Returns the previous setting.
   */
  setClientAuth(setting: ClientAuthSetting): ClientAuthSetting {
    const previous = this.clientAuth;
    this.clientAuth = { ...setting };
    this.applyClientAuth();
    return previous;
  }

  private applyClientAuth(): void {
    if (this.tlsListener && this.cert && this.clientAuthMaterial) applyNodeClientAuth(this.tlsListener, this.cert, this.clientAuth, this.clientAuthMaterial.ca.certPem);
  }

  /** Stops listening, closes every connection and cancels route timers. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.quicListener?.close();
    this.quicListener = undefined;
    const closing = [this.tlsListener, this.clearListener]
      .filter((s): s is NetServer => s?.listening === true)
      .map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const s of [this.h2Handler, this.h2cHandler, this.h1Handler]) {
      try {
        s?.close();
      } catch {
        // never listened itself: closing only stops its timeout checks
      }
    }
    await Promise.all(closing);
  }

  /** Changes the HTTP/2 settings: announced on new connections, and sent now on the open ones (SETTINGS). */
  updateH2Settings(patch: H2ServerSettings): H2ServerSettings {
    this.h2Settings = { ...this.h2Settings, ...patch };
    const settings = this.nodeSettings();
    this.h2Handler?.updateSettings(settings);
    this.h2cHandler?.updateSettings(settings);
    return { ...this.h2Settings };
  }

  private nodeSettings(): Settings {
    const s = this.h2Settings;
    return {
      ...(s.initialWindowSize !== undefined ? { initialWindowSize: s.initialWindowSize } : {}),
      ...(s.maxFrameSize !== undefined ? { maxFrameSize: s.maxFrameSize } : {}),
      ...(s.maxConcurrentStreams !== undefined ? { maxConcurrentStreams: s.maxConcurrentStreams } : {}),
      ...(s.headerTableSize !== undefined ? { headerTableSize: s.headerTableSize } : {}),
      ...(s.enablePush !== undefined ? { enablePush: s.enablePush } : {}),
    };
  }

  private reportError(message: string): void {
    this.sink.emit({ name: 'app:error', time: this.sink.now(), conn: 0, vantage: 'server', data: { message } });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private accept(socket: Socket, tls: boolean): TappedSocket | undefined {
    this.track(socket);
    const mtls = (): string => (this.clientAuth.mode === 'require' ? "the server requires a client certificate: Node's TLS closes without an alert when one does not verify" : '');
    return observeServerSocket(socket, tls, this.sink, this.pending, 'h1', mtls);
  }

  private secured(socket: TLSSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    const accepted = this.pending.get(key);
    this.pending.delete(key);
    if (!accepted) {
      socket.destroy();
      return;
    }
    const setting = this.clientAuth;
    const report = setting.mode === 'off' ? undefined : clientCertificateReport(socket, setting);
    const tap = accepted.secured(socket, report);
    if (setting.mode === 'require' && report?.subject === null) {
      // Node's TLS refuses a missing certificate itself only when it verifies (the test CA); with "any" we close here
      this.reportError(`TLS: no client certificate and one is required: closing (Node's TLS sent no alert; QUIC sends certificate_required)`);
      socket.destroy();
      return;
    }
    tap.server = this.h2Handler;
    this.h2Handler?.emit('secureConnection', tap);
  }

  private tlsFailed(err: Error, socket: TLSSocket): void {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    const accepted = this.pending.get(key);
    this.pending.delete(key);
    accepted?.failed(err);
  }

  private onClientError(err: NodeJS.ErrnoException, socket: TappedSocket): void {
    if (socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = tooLarge ? '431 Request Header Fields Too Large' : timeout ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  }
}
