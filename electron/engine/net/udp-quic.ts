/**
 * The UDP adapter for the sans-IO QUIC core: a driver loop over node:dgram that feeds received datagrams to
 * `receive`, sends what `pollTransmit` yields, and arms one timer at `nextDeadline()` (firing `onTimeout`).
 * `QuicUdpClient` drives one client connection on its own socket; `QuicUdpServer` owns one socket for a
 * port and routes datagrams to connections by Destination Connection ID (RFC 9000 §5.2), creating a
 * connection for each new client Initial.
 */
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { QuicConnection } from '../protocols/quic/connection/connection';
import { ConnectionState } from '../protocols/quic/connection/connection';
import type { QuicClientConfig, QuicServerConfig } from '../protocols/quic/connection/config';
import type { QuicCoreEvent } from '../protocols/quic/connection/events';

/** Milliseconds on a monotonic clock (what the cores take as `now`). */
export const monotonicNow = (): number => performance.now();

/** Drives one connection: sends, timers and event delivery. */
export class QuicDriver {
  private timer: NodeJS.Timeout | null = null;
  private timerAt: number | null = null;
  private finished = false;

  /**
   * @param conn the core  @param send puts a datagram on the wire  @param onEvents receives drained events
   * @param onClosed called once when the core reaches Closed
   */
  constructor(
    readonly conn: QuicConnection,
    private readonly send: (datagram: Uint8Array) => void,
    private readonly onEvents: (events: QuicCoreEvent[]) => void,
    private readonly onClosed: () => void = () => {},
  ) {}

  /** A datagram arrived. */
  receive(datagram: Uint8Array): void {
    this.conn.receive(datagram, monotonicNow());
    this.kick();
  }

  /** Sends what can go, delivers events, re-arms the timer. Call after any API call on the core. */
  kick(): void {
    if (this.finished) return;
    const now = monotonicNow();
    for (let d = this.conn.pollTransmit(now); d; d = this.conn.pollTransmit(now)) this.send(d);
    const events = this.conn.drainEvents();
    if (events.length > 0) this.onEvents(events);
    if (this.conn.state === ConnectionState.Closed) {
      this.stop();
      this.finished = true;
      this.onClosed();
      return;
    }
    this.arm();
  }

  private arm(): void {
    const at = this.conn.nextDeadline();
    if (at === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = at;
    if (at === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      this.conn.onTimeout(monotonicNow());
      this.kick();
    }, Math.max(0, Math.ceil(at - monotonicNow())));
  }

  /** Stops the timer (the core is left as is). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }
}

/** One client connection over its own UDP socket. */
export class QuicUdpClient {
  /** The connection core. */
  readonly conn: QuicConnection;
  /** Its driver. */
  readonly driver: QuicDriver;
  private readonly socket: dgram.Socket;
  private readonly listeners = new Set<(e: QuicCoreEvent) => void>();
  private closedResolve!: () => void;
  /** Resolves when the connection reached Closed. */
  readonly closedPromise: Promise<void>;
  /** The last socket error (e.g. ICMP unreachable reported by the kernel), if any; the connection's timers decide its fate. */
  socketError: Error | null = null;
  /** Called on each socket error (a connected UDP socket reports ICMP port unreachable as ECONNREFUSED). */
  onSocketError: ((e: Error) => void) | null = null;

  private constructor(config: QuicClientConfig, family: 4 | 6) {
    this.conn = new QuicConnection(config);
    this.socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    this.closedPromise = new Promise((r) => (this.closedResolve = r));
    this.driver = new QuicDriver(
      this.conn,
      (d) => sendQuietly(this.socket, d, null, (e) => this.reportSocketError(e)),
      (events) => {
        for (const e of events) for (const l of this.listeners) l(e);
      },
      () => {
        this.closeSocket();
        this.closedResolve();
      },
    );
    this.socket.on('message', (msg) => this.driver.receive(new Uint8Array(msg.buffer, msg.byteOffset, msg.length)));
  }

  /**
   * Opens a socket connected to host:port (connect(2) on UDP: the kernel picks the local address, which
   * `localAddress` then tells, and only that peer's datagrams arrive) and starts the handshake. `beforeStart` runs
   * once the socket is connected and before the first datagram leaves, so a caller can learn the 4-tuple and add
   * listeners that see the very first events (the ClientHello, the first Initial).
   */
  static async connect(config: QuicClientConfig, host: string, port: number, beforeStart?: (client: QuicUdpClient) => void): Promise<QuicUdpClient> {
    const c = new QuicUdpClient(config, host.includes(':') ? 6 : 4);
    await new Promise<void>((resolve, reject) => {
      c.socket.once('error', reject);
      // Node calls back with the error when connect fails (e.g. a name that does not resolve)
      c.socket.connect(port, host, (err?: Error) => {
        c.socket.off('error', reject);
        c.socket.on('error', (e) => c.reportSocketError(e));
        if (err) {
          c.closeSocket();
          reject(err);
        } else resolve();
      });
    });
    beforeStart?.(c);
    c.driver.kick();
    return c;
  }

  private reportSocketError(e: Error): void {
    this.socketError = e;
    this.onSocketError?.(e);
  }

  /** The local address and port of the socket. */
  get localAddress(): { address: string; port: number } {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  /** Adds an event listener; returns a function that removes it. */
  onEvent(listener: (e: QuicCoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the handshake completes; rejects if the connection closes first or after `timeoutMs`. */
  handshake(timeoutMs = 10_000): Promise<void> {
    if (this.conn.isHandshakeComplete) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        off();
        reject(new Error('QUIC handshake timed out'));
      }, timeoutMs);
      const off = this.onEvent((e) => {
        if (e.kind === 'handshake_complete') {
          clearTimeout(t);
          off();
          resolve();
        } else if (e.kind === 'closed') {
          clearTimeout(t);
          off();
          reject(new Error(`connection closed during the handshake: ${e.error ? e.error.message : e.reason}`));
        }
      });
    });
  }

  /** Closes the connection (application close) and waits for the closing period to end, at most `waitMs`. */
  async close(code = 0n, reason = '', waitMs = 1000): Promise<void> {
    this.conn.close(code, reason);
    this.driver.kick();
    await Promise.race([this.closedPromise, new Promise((r) => setTimeout(r, waitMs))]);
    this.destroy();
  }

  /** Stops everything now. */
  destroy(): void {
    this.driver.stop();
    this.closeSocket();
  }

  private closeSocket(): void {
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }
}

/** Sends a datagram (to `to`, or to the connected peer); a closed or failing socket reports through `onError` instead of throwing. */
function sendQuietly(socket: dgram.Socket, d: Uint8Array, to: { port: number; address: string } | null, onError: (e: Error) => void): void {
  const done = (e: Error | null): void => {
    if (e) onError(e);
  };
  try {
    if (to) socket.send(d, to.port, to.address, done);
    else socket.send(d, done);
  } catch (e) {
    onError(e as Error);
  }
}

/** The Destination Connection ID of a datagram's first packet (RFC 8999 §5), or null. */
export function datagramDcid(d: Uint8Array, shortLength: number): Uint8Array | null {
  if (d.length < 1) return null;
  if (d[0]! & 0x80) {
    if (d.length < 6) return null;
    const len = d[5]!;
    return d.length >= 6 + len ? d.subarray(6, 6 + len) : null;
  }
  return d.length >= 1 + shortLength ? d.subarray(1, 1 + shortLength) : null;
}

/** A QUIC server on one UDP port: one connection per client, routed by connection ID. */
export class QuicUdpServer {
  private readonly socket: dgram.Socket;
  private readonly byId = new Map<string, { conn: QuicConnection; driver: QuicDriver }>();
  /** Called for each new connection (before its first datagram is processed), with the client's address and port. */
  onConnection: ((conn: QuicConnection, driver: QuicDriver, remote: { address: string; port: number }) => void) | null = null;
  /** Called with each connection's events. */
  onEvents: ((conn: QuicConnection, events: QuicCoreEvent[]) => void) | null = null;
  /** Called once when a connection reached Closed (after its closing or draining period) and was forgotten. */
  onClosed: ((conn: QuicConnection) => void) | null = null;

  private constructor(
    private readonly config: QuicServerConfig,
    family: 4 | 6,
  ) {
    this.socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
    this.socket.on('message', (msg, rinfo) => this.onMessage(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), rinfo));
  }

  /** The last socket error, if any (sends that failed; the connections' timers decide their fate). */
  socketError: Error | null = null;

  /** Binds host:port (port 0 picks one). */
  static async listen(config: QuicServerConfig, port: number, host = '127.0.0.1'): Promise<QuicUdpServer> {
    const s = new QuicUdpServer(config, host.includes(':') ? 6 : 4);
    await new Promise<void>((resolve, reject) => {
      s.socket.once('error', reject);
      s.socket.bind(port, host, () => {
        s.socket.off('error', reject);
        s.socket.on('error', (e) => (s.socketError = e));
        resolve();
      });
    });
    return s;
  }

  /** The bound port. */
  get port(): number {
    return this.socket.address().port;
  }

  /** Number of live connections. */
  get connectionCount(): number {
    return new Set([...this.byId.values()].map((x) => x.conn)).size;
  }

  private onMessage(d: Uint8Array, rinfo: dgram.RemoteInfo): void {
    const dcid = datagramDcid(d, this.config.connectionIdLength ?? 8);
    if (!dcid) return;
    let entry = this.byId.get(Buffer.from(dcid).toString('hex'));
    const isNew = !entry;
    if (!entry) {
      // Only a long header Initial (type bits 00) may open a connection; anything else for an unknown ID is dropped.
      if (!(d[0]! & 0x80) || (d[0]! & 0x30) !== 0 || d.length < 1200) return;
      const conn = new QuicConnection(this.config);
      const driver = new QuicDriver(
        conn,
        (out) => sendQuietly(this.socket, out, rinfo, (e) => (this.socketError = e)),
        (events) => this.onEvents?.(conn, events),
        () => this.forget(conn),
      );
      entry = { conn, driver };
      this.onConnection?.(conn, driver, { address: rinfo.address, port: rinfo.port });
    }
    entry.driver.receive(d);
    if (isNew && entry.conn.odcid === null) {
      // the core dropped the datagram before starting (RFC 9000 §14.1, §7.2): no connection to keep
      entry.driver.stop();
      this.onClosed?.(entry.conn);
      return;
    }
    for (const id of entry.conn.localConnectionIds()) this.byId.set(Buffer.from(id).toString('hex'), entry);
  }

  private forget(conn: QuicConnection): void {
    for (const [k, v] of this.byId) if (v.conn === conn) this.byId.delete(k);
    this.onClosed?.(conn);
  }

  /**
   * Closes every connection's timers and the socket. With `closeCode`, each open connection first sends an
   * application CONNECTION_CLOSE with that code (RFC 9000 §10.2), so its peer learns at once instead of by idle timeout.
   */
  close(closeCode?: bigint, reason = ''): void {
    const entries = new Set(this.byId.values());
    for (const v of entries) {
      if (closeCode !== undefined && (v.conn.state === ConnectionState.Handshaking || v.conn.state === ConnectionState.Connected)) {
        v.conn.close(closeCode, reason);
        v.driver.kick();
      }
      v.driver.stop();
    }
    this.byId.clear();
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }
}
