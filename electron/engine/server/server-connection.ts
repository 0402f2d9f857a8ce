/**
 * The server's view of one accepted connection: registers it (sharing the client's id when the client is ours),
 * reports TCP and TLS milestones, and taps its plaintext into an H1WireObserver.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { EventSink } from '../core/event-sink';
import type { ClientCertificateReport } from './client-auth';
import { H1WireObserver } from '../core/h1-wire-observer';
import { H2WireObserver } from '../core/h2-wire-observer';
import type { WireObserver } from '../core/wire-observer';
import { TappedSocket } from '../net/tapped-socket';

/** A TLS connection accepted but not yet through its handshake. */
export interface PendingAccept {
  /** The handshake finished (with what the client's certificate was, when one was asked for): returns the tapped plaintext socket. */
  secured(socket: TLSSocket, clientCertificate?: ClientCertificateReport): TappedSocket;
  /** The handshake failed. */
  failed(err: Error): void;
}

function tupleOf(socket: Socket): { client: { address: string; port: number }; server: { address: string; port: number } } {
  return {
    client: { address: socket.remoteAddress ?? '?', port: socket.remotePort ?? 0 },
    server: { address: socket.localAddress ?? '?', port: socket.localPort ?? 0 },
  };
}

/** The server-side decoder for an application protocol. */
function observerFor(protocol: 'h1' | 'h2', sink: EventSink, conn: number): WireObserver {
  return protocol === 'h2' ? new H2WireObserver(sink, conn, 'server') : new H1WireObserver(sink, conn, 'server');
}

function tap(socket: Socket | TLSSocket, sink: EventSink, conn: number, bytes: { sent: number; received: number }, protocol: 'h1' | 'h2'): TappedSocket {
  const observer = observerFor(protocol, sink, conn);
  return new TappedSocket(socket, {
    inbound: (b) => {
      bytes.received += b.length;
      observer.received(b);
    },
    outbound: (b) => {
      bytes.sent += b.length;
      observer.sent(b);
    },
    closed: (by, error) => {
      observer.finish();
      sink.emit({
        name: 'tcp:closed',
        time: sink.now(),
        conn,
        vantage: 'server',
        data: { by, bytesSent: bytes.sent, bytesReceived: bytes.received, ...(error ? { error: error.message } : {}) },
      });
      sink.updateConnection(conn, { closedAt: sink.now() });
    },
  });
}

/**
 * Starts observing a socket the server accepted. Cleartext sockets get their tap at once (returned), decoding
 * `cleartext` (h1, or h2c when the client sent the HTTP/2 preface); TLS sockets are parked in `pending` under
 * their remote address until the handshake finishes and ALPN tells the protocol; one that closes before (Node's TLS
 * drops a client whose certificate did not verify without an alert) is reported as a failed handshake, with
 * `earlyClose()` saying why it may have happened.
 */
export function observeServerSocket(
  socket: Socket,
  tls: boolean,
  sink: EventSink,
  pending: Map<string, PendingAccept>,
  cleartext: 'h1' | 'h2' = 'h1',
  earlyClose: () => string = () => '',
): TappedSocket | undefined {
  const t = tupleOf(socket);
  const time = sink.now();
  const info = sink.openConnection({ ...t, transport: 'tcp' }, 'server', {
    protocol: tls ? 'unknown' : cleartext === 'h2' ? 'h2c' : 'h1',
    tls,
    openedAt: time,
    label: `${tls ? 'TLS' : 'TCP'} ${t.client.address}:${t.client.port} → :${t.server.port}`,
  });
  sink.emit({ name: 'tcp:connected', time, conn: info.id, vantage: 'server', data: { local: t.server, remote: t.client } });
  const bytes = { sent: 0, received: 0 };
  if (!tls) return tap(socket, sink, info.id, bytes, cleartext);
  const key = `${socket.remoteAddress}:${socket.remotePort}`;
  const entry: PendingAccept = {
    secured(tlsSocket, clientCertificate) {
      const alpn = tlsSocket.alpnProtocol || null;
      const cipher = tlsSocket.getCipher();
      const version = tlsSocket.getProtocol() ?? 'unknown';
      const serverName = (tlsSocket as TLSSocket & { servername?: string | false }).servername || undefined;
      sink.updateConnection(info.id, { protocol: alpn === 'h2' ? 'h2' : 'h1', alpn, tlsVersion: version, cipher: cipher.standardName, ...(serverName ? { serverName } : {}) });
      sink.emit({
        name: 'tls:handshake_done',
        time: sink.now(),
        conn: info.id,
        vantage: 'server',
        data: {
          version,
          cipher: cipher.standardName,
          alpn,
          ...(serverName ? { serverName } : {}),
          ...(clientCertificate ? { verification: clientCertificate.verification, ...(clientCertificate.subject ? { peerCertificate: clientCertificate.subject } : {}) } : {}),
        },
      });
      return tap(tlsSocket, sink, info.id, bytes, alpn === 'h2' ? 'h2' : 'h1');
    },
    failed(err) {
      sink.emit({ name: 'app:error', time: sink.now(), conn: info.id, vantage: 'server', data: { message: `TLS handshake failed: ${err.message}` } });
      sink.emit({ name: 'tcp:closed', time: sink.now(), conn: info.id, vantage: 'server', data: { by: 'error', error: err.message, bytesSent: 0, bytesReceived: 0 } });
      sink.updateConnection(info.id, { closedAt: sink.now() });
    },
  };
  pending.set(key, entry);
  socket.once('close', () => {
    if (pending.get(key) !== entry) return;
    pending.delete(key);
    const why = earlyClose();
    entry.failed(new Error(`the connection closed before the TLS handshake finished${why ? ` (${why})` : ''}`));
  });
  return undefined;
}
