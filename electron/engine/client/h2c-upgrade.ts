/**
 * HTTP/1.1 to h2c by `Upgrade` (RFC 7540 §3.2; deprecated by RFC 9113 §3.1, still spoken by nghttpd): the client
 * sends an ordinary HTTP/1.1 request with `Connection: Upgrade, HTTP2-Settings`, `Upgrade: h2c` and its settings
 * in `HTTP2-Settings`. A server that agrees answers 101 and continues in HTTP/2, answering that request on stream 1;
 * a server that does not simply answers in HTTP/1.1 (the embedded server, Node's, does that). Both are shown.
 */
import { ApiError } from '../../../shared/errors';
import type { EventSink } from '../core/event-sink';
import { H1WireObserver } from '../core/h1-wire-observer';
import { encodeRequestHead } from '../protocols/http1';
import { H2ClientConnection, type H2ClientOptions } from '../protocols/http2';
import { H2ClientSession, type H2Response } from './h2-client';
import type { ClientTarget } from './target';
import { openTransport, type TransportOptions } from './transport';

/** What came of an upgrade attempt. */
export type UpgradeOutcome =
  | { readonly kind: 'upgraded'; readonly session: H2ClientSession; readonly response: Promise<H2Response> }
  | { readonly kind: 'declined'; readonly status: number; readonly body: Uint8Array };

/** Sends GET `path` with `Upgrade: h2c` on a new cleartext connection and follows what the server decides. */
export async function upgradeToH2c(
  target: ClientTarget,
  sink: EventSink,
  path: string,
  options: Partial<TransportOptions> & { readonly h2?: H2ClientOptions } = {},
): Promise<UpgradeOutcome> {
  if (target.scheme !== 'http') throw new ApiError('bad_argument', 'the h2c upgrade is for http:// targets (over TLS, ALPN chooses h2)');
  const { socket, info } = await openTransport(target, sink, { alpn: [], ...options });
  const core = new H2ClientConnection(options.h2 ?? {});
  const observer = new H1WireObserver(sink, info.id, 'client');
  return new Promise<UpgradeOutcome>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let status = 0;
    const onData = (chunk: Buffer): void => observer.received(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    const fail = (err: Error): void => {
      socket.off('data', onData);
      socket.destroy();
      reject(new ApiError('io', `h2c upgrade: ${err.message}`));
    };
    socket.once('error', fail);
    socket.once('close', () => fail(new Error('the server closed the connection')));
    observer.onItem = (item, dir) => {
      if (dir !== 'received') return;
      if (item.type === 'head') status = item.data.status ?? 0;
      if (item.type === 'body') parts.push(item.raw);
      if (item.type === 'chunk') parts.push(item.payload);
      if (item.type === 'end' && status !== 101) {
        socket.off('data', onData);
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        socket.on('error', () => undefined);
        socket.end();
        resolve({ kind: 'declined', status, body: Buffer.concat(parts.map((p) => Buffer.from(p))) });
      }
    };
    observer.onSwitch = (rest, dir) => {
      if (dir !== 'received') return;
      // 101 Switching Protocols: from here on the bytes are HTTP/2; the request above is stream 1
      socket.off('data', onData);
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      sink.updateConnection(info.id, { protocol: 'h2c' });
      const session = H2ClientSession.adopt(socket, info, core, sink, target);
      const response = session.awaitResponse(1, { path });
      core.startUpgraded(sink.now());
      session.receiveEarly(rest);
      resolve({ kind: 'upgraded', session, response });
    };
    socket.on('data', onData);
    const head = encodeRequestHead({
      method: 'GET',
      target: path,
      headers: [
        ['Host', target.authority],
        ['User-Agent', 'framescope/0.1'],
        ['Connection', 'Upgrade, HTTP2-Settings'],
        ['Upgrade', 'h2c'],
        ['HTTP2-Settings', core.upgradeSettingsHeader()],
      ],
    });
    observer.sent(head);
    socket.write(head);
  });
}
