/**
 * Runners of the QUIC lessons (ids and texts in shared/scenarios-quic.ts).
 */
import { ApiError } from '../../../shared/errors';
import { QUIC_CIPHER_SUITES } from '../../../shared/scenarios-quic';
import { QuicClientSession } from '../client/quic-client';
import { controlStreamPreamble, firstFrameType, getRequestHeaders } from '../client/quic-h3-probe';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, type CipherSuite } from '../protocols/tls13/cipher-suites';
import type { ScenarioContext, ScenarioRunner } from './context';

/** H3_NO_ERROR (RFC 9114 §8.1): the application close code of a clean end. */
const H3_NO_ERROR = 0x100n;

const SUITES: Readonly<Record<(typeof QUIC_CIPHER_SUITES)[number], CipherSuite>> = {
  TLS_AES_128_GCM_SHA256,
  TLS_AES_256_GCM_SHA384,
};

function suiteOption(ctx: ScenarioContext): CipherSuite {
  const name = String(ctx.options['cipher'] ?? 'TLS_AES_128_GCM_SHA256');
  const suite = SUITES[name as keyof typeof SUITES];
  if (!suite) throw new ApiError('bad_argument', `cipher must be ${QUIC_CIPHER_SUITES.join(' or ')}, not "${name}"`);
  return suite;
}

/** A key update by our client, then one more request under the new keys. */
async function keyUpdate(ctx: ScenarioContext, session: QuicClientSession, authority: string, path: string): Promise<void> {
  // §6.1: only once a packet under the current keys was acknowledged; the response above normally carried that ACK
  for (let i = 0; i < 20 && !session.updateKeys(); i++) await ctx.sleep(10);
  const phase = session.conn.keyPhase;
  if (phase.generation === 0) {
    ctx.note('key update: not allowed yet (no packet under the current keys acknowledged); skipped');
    return;
  }
  ctx.note(`key update: our next packets carry Key Phase ${phase.phase} and keys from "quic ku"; the server follows when the first one opens with its next keys`);
  const stream = session.openStream(true);
  session.write(stream, getRequestHeaders(authority, path), true);
  const answer = await session.readStream(stream, 5000);
  ctx.note(`stream ${stream}: ${answer.data.length} bytes back under the new keys (${answer.end})`);
}

/**
 * The QUIC handshake from both ends: our client to the embedded server's UDP port (the TLS port's number) or to
 * the target URL's UDP port; a control stream and one request stream; a clean application CONNECTION_CLOSE.
 */
export const quicHandshake: ScenarioRunner = async (ctx) => {
  const target = ctx.target;
  if (target.scheme !== 'https') throw new ApiError('bad_argument', `QUIC always runs TLS: give an https:// target, not ${target.scheme}://${target.authority}`);
  const suite = suiteOption(ctx);
  const helloRetry = ctx.options['helloRetry'] === true;
  const path = String(ctx.options['path'] || '/');
  if (!path.startsWith('/')) throw new ApiError('bad_argument', 'path must start with /');
  ctx.note(
    `QUIC to UDP ${target.host}:${target.port}: an Initial packet (padded to 1200 bytes) carries the ClientHello, offering ${suite.name}` +
      (helloRetry ? ' with a key share for P-256 only (our server prefers X25519: expect a HelloRetryRequest)' : ' with an X25519 key share'),
  );
  const session = await QuicClientSession.open(target, ctx.sink, {
    signal: ctx.signal,
    cipherSuites: [suite],
    ...(helloRetry ? { groups: ['secp256r1', 'x25519'] as const } : {}),
    keylog: (line) => ctx.keylog(line),
  });
  try {
    const tls = session.tlsMessages;
    ctx.note(
      `handshake complete: ALPN ${session.conn.alpn}, ${session.conn.cipherSuite}; TLS messages ${tls.map((m) => `${m.dir === 'sent' ? '→' : '←'} ${m.type}`).join(', ')}` +
        (tls.some((m) => m.type === 'hello_retry_request') ? ' (the server asked for another key share: one more round trip)' : ''),
    );
    const control = session.openStream(false);
    session.write(control, controlStreamPreamble());
    const request = session.openStream(true);
    const headers = getRequestHeaders(target.authority, path);
    ctx.note(`stream ${control}: a control stream with an empty SETTINGS; stream ${request}: GET ${path} as a HEADERS frame (${headers.length} bytes), then FIN`);
    session.write(request, headers, true);
    const answer = await session.readStream(request, 5000);
    const echoed = Buffer.from(answer.data).equals(Buffer.from(headers));
    if (answer.end === 'reset') ctx.note(`stream ${request} was reset by the server (code 0x${answer.errorCode?.toString(16)})`);
    else if (echoed) ctx.note(`stream ${request}: the server echoed our ${answer.data.length} bytes and ended the stream (a bare QUIC echo, not HTTP/3)`);
    else ctx.note(`stream ${request}: ${answer.data.length} bytes back, first HTTP/3 frame type 0x${(firstFrameType(answer.data) ?? 0).toString(16)}${firstFrameType(answer.data) === 1 ? ' (HEADERS)' : ''}, then FIN`);
    if (ctx.options['keyUpdate'] === true) await keyUpdate(ctx, session, target.authority, path);
    ctx.note('closing: an application CONNECTION_CLOSE (H3_NO_ERROR); we wait three PTOs, the server drains');
  } finally {
    await session.close(H3_NO_ERROR, '', 1500);
  }
};
