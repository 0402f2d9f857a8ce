/**
 * A Duplex that stands in for a socket and sees every plaintext byte both ways: the server hands it to Node's
 * HTTP machinery instead of the socket, so the server's view of the wire can be decoded by our own codecs.
 * For TLS the inner socket is the TLSSocket, so the tap sees plaintext.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Observer of the bytes crossing a tapped socket. */
export interface TapObserver {
  /** Bytes that arrived from the peer, before the HTTP layer reads them. */
  inbound(bytes: Uint8Array): void;
  /** Bytes the HTTP layer writes, before they go to the peer. */
  outbound(bytes: Uint8Array): void;
  /** The socket closed; `error` when it closed because of one. */
  closed(by: 'local' | 'remote' | 'error', error?: Error): void;
}

/**
 * A socket-shaped Duplex over a real socket. It forwards the socket API Node's http and http2 servers use
 * (addresses, timeouts, ALPN, `encrypted`), so they treat it as the socket itself.
 */
export class TappedSocket extends Duplex {
  /** Set by the server that adopts the socket (Node's http2 fallback reads `socket.server`). */
  server: unknown;
  private closedReported = false;
  private endedByRemote = false;

  /** @param inner the real socket (TLS sockets after the handshake)  @param observer who sees the bytes */
  constructor(
    readonly inner: Socket | TLSSocket,
    private readonly observer: TapObserver,
  ) {
    super({ allowHalfOpen: true });
    inner.on('data', (chunk: Buffer) => {
      this.observer.inbound(chunk);
      if (!this.push(chunk)) inner.pause();
    });
    inner.on('end', () => {
      this.endedByRemote = true;
      this.push(null);
    });
    inner.on('timeout', () => this.emit('timeout'));
    inner.on('error', (err) => this.reportClosed('error', err));
    inner.on('close', () => {
      this.reportClosed(this.endedByRemote ? 'remote' : 'local');
      if (!this.destroyed) this.destroy();
    });
  }

  private reportClosed(by: 'local' | 'remote' | 'error', error?: Error): void {
    if (this.closedReported) return;
    this.closedReported = true;
    this.observer.closed(by, error);
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.observer.outbound(chunk);
    if (this.inner.destroyed) {
      callback();
      return;
    }
    this.inner.write(chunk, (err) => callback(err ?? null));
  }

  /** Several chunks written in one turn go out as one write (one TLS record, one system call). */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this._write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), 'binary', callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inner.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.inner.destroyed) this.inner.destroy();
    callback(error);
  }

  /** Like socket.destroySoon: end after pending writes. */
  destroySoon(): void {
    this.end();
  }

  get remoteAddress(): string | undefined {
    return this.inner.remoteAddress;
  }
  get remotePort(): number | undefined {
    return this.inner.remotePort;
  }
  get remoteFamily(): string | undefined {
    return this.inner.remoteFamily;
  }
  get localAddress(): string | undefined {
    return this.inner.localAddress;
  }
  get localPort(): number | undefined {
    return this.inner.localPort;
  }
  get encrypted(): boolean {
    return 'encrypted' in this.inner && this.inner.encrypted === true;
  }
  get alpnProtocol(): string | false | null | undefined {
    return 'alpnProtocol' in this.inner ? (this.inner as TLSSocket).alpnProtocol : undefined;
  }
  get servername(): string | false | undefined {
    return 'servername' in this.inner ? (this.inner as TLSSocket & { servername?: string | false }).servername : undefined;
  }
  get bytesWritten(): number {
    return this.inner.bytesWritten;
  }
  get bytesRead(): number {
    return this.inner.bytesRead;
  }
  get connecting(): boolean {
    return false;
  }
  get pending(): boolean {
    return false;
  }
  get readyState(): string {
    return this.inner.readyState;
  }
  address(): ReturnType<Socket['address']> {
    return this.inner.address();
  }
  setTimeout(ms: number, callback?: () => void): this {
    this.inner.setTimeout(ms);
    if (callback) this.once('timeout', callback);
    return this;
  }
  setNoDelay(noDelay?: boolean): this {
    this.inner.setNoDelay(noDelay);
    return this;
  }
  setKeepAlive(enable?: boolean, delay?: number): this {
    this.inner.setKeepAlive(enable, delay);
    return this;
  }
  ref(): this {
    this.inner.ref();
    return this;
  }
  unref(): this {
    this.inner.unref();
    return this;
  }
  getPeerCertificate(detailed?: boolean): unknown {
    return 'getPeerCertificate' in this.inner ? (this.inner as TLSSocket).getPeerCertificate(detailed ?? false) : null;
  }
  getProtocol(): string | null {
    return 'getProtocol' in this.inner ? (this.inner as TLSSocket).getProtocol() : null;
  }
  getCipher(): unknown {
    return 'getCipher' in this.inner ? (this.inner as TLSSocket).getCipher() : undefined;
  }
}
