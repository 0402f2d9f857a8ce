/**
 * Opens the raw client's TCP or TLS connection to a target and reports its milestones (TCP connect, TLS
 * handshake with the ALPN outcome) as client-vantage events. Bytes are left to the caller's observer.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ConnectionInfo } from '../../../shared/events';
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import type { ClientTarget } from './target';

/** An open client connection: the socket to write plaintext to, and its record. */
export interface OpenedTransport {
  readonly socket: Socket | TLSSocket;
  readonly info: ConnectionInfo;
}

/** Options of a connection attempt. */
export interface TransportOptions {
  /** ALPN protocols to offer over TLS, in preference order. */
  readonly alpn: readonly string[];
  readonly connectTimeoutMs?: number;
  /** Receives key-log lines of TLS connections. */
  readonly keylog?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Connects to the target, over TLS when its scheme is https, and registers the connection with the sink. */
export function openTransport(target: ClientTarget, sink: EventSink, options: TransportOptions): Promise<OpenedTransport> {
  return new Promise((resolve, reject) => {
    let info: ConnectionInfo | undefined;
    let settled = false;
    const tls = target.scheme === 'https';
    const socket: Socket | TLSSocket = tls
      ? tlsConnect({
          host: target.host,
          port: target.port,
          ALPNProtocols: [...options.alpn],
          ...(isIP(target.host) ? {} : { servername: target.host }),
          ...(target.ca ? { ca: target.ca } : {}),
          // mTLS: Node answers a CertificateRequest with this certificate and a CertificateVerify (RFC 8446 §4.4.2)
          ...(target.clientCert ? { cert: target.clientCert.certPem, key: target.clientCert.keyPem } : {}),
          rejectUnauthorized: target.insecure !== true,
        })
      : netConnect({ host: target.host, port: target.port });
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (info) {
        sink.emit({ name: 'app:error', time: sink.now(), conn: info.id, vantage: 'client', data: { message: err.message } });
        sink.emit({ name: 'tcp:closed', time: sink.now(), conn: info.id, vantage: 'client', data: { by: 'error', error: err.message, bytesSent: 0, bytesReceived: 0 } });
        sink.updateConnection(info.id, { closedAt: sink.now() });
      }
      reject(new ApiError('io', `cannot reach ${target.scheme}://${target.authority}: ${err.message}`));
    };
    const timer = setTimeout(() => fail(new Error('connection timed out')), options.connectTimeoutMs ?? 10_000);
    const onAbort = (): void => fail(new Error('stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', fail);
    if (tls && options.keylog) socket.on('keylog', (line: Buffer) => options.keylog?.(line.toString('latin1').trimEnd()));
    const tcpSocket = socket as Socket;
    const onTcpConnect = (): void => {
      tcpSocket.setNoDelay(true);
      const time = sink.now();
      const client = { address: tcpSocket.localAddress ?? '?', port: tcpSocket.localPort ?? 0 };
      const server = { address: tcpSocket.remoteAddress ?? target.host, port: tcpSocket.remotePort ?? target.port };
      info = sink.openConnection({ client, server, transport: 'tcp' }, 'client', {
        protocol: tls ? 'unknown' : 'h1',
        tls,
        openedAt: time,
        label: `${tls ? 'TLS' : 'TCP'} ${client.address}:${client.port} → ${target.authority}`,
      });
      sink.emit({ name: 'tcp:connected', time, conn: info.id, vantage: 'client', data: { local: client, remote: server } });
    };
    const done = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.off('error', fail);
      socket.on('error', () => undefined);
      settled = true;
      resolve({ socket, info: info! });
    };
    if (!tls) {
      socket.once('connect', () => {
        onTcpConnect();
        done();
      });
      return;
    }
    const tlsSocket = socket as TLSSocket;
    tlsSocket.once('connect', onTcpConnect);
    tlsSocket.once('secureConnect', () => {
      if (!info) onTcpConnect();
      const alpn = tlsSocket.alpnProtocol || null;
      const cipher = tlsSocket.getCipher();
      const version = tlsSocket.getProtocol() ?? 'unknown';
      const verification = target.insecure
        ? 'NOT VERIFIED (insecure mode)'
        : target.ca
          ? 'verified against the given certificate'
          : 'verified against the system CAs';
      sink.updateConnection(info!.id, { protocol: alpn === 'h2' ? 'h2' : 'h1', alpn, tlsVersion: version, cipher: cipher.standardName, serverName: target.host });
      sink.emit({
        name: 'tls:handshake_done',
        time: sink.now(),
        conn: info!.id,
        vantage: 'client',
        data: { version, cipher: cipher.standardName, alpn, alpnOffered: [...options.alpn], serverName: target.host, verification },
      });
      done();
    });
  });
}
