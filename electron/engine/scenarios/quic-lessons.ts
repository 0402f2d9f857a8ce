/**
 * Runners of the QUIC lessons (ids and texts in shared/scenarios-quic.ts).
 */
import { ApiError } from '../../../shared/errors';
import { QUIC_CIPHER_SUITES } from '../../../shared/scenarios-quic';
import type { H3ClientSession } from '../client/h3-client';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, type CipherSuite } from '../protocols/tls13/cipher-suites';
import type { ScenarioContext, ScenarioRunner } from './context';

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
async function keyUpdate(ctx: ScenarioContext, h3: H3ClientSession, path: string): Promise<void> {
  // §6.1: only once a packet under the current keys was acknowledged; the response above normally carried that ACK
  for (let i = 0; i < 20 && !h3.quic.updateKeys(); i++) await ctx.sleep(10);
  const phase = h3.quic.conn.keyPhase;
  if (phase.generation === 0) {
    ctx.note('key update: not allowed yet (no packet under the current keys acknowledged); skipped');
    return;
  }
  ctx.note(`key update: our next packets carry Key Phase ${phase.phase} and keys from "quic ku"; the server follows when the first one opens with its next keys`);
  const r = await h3.request({ path });
  ctx.note(`stream ${r.streamId}: ${r.status}, ${r.body.length} bytes back under the new keys`);
}

/**
 * The QUIC handshake from both ends: our client to the embedded server's UDP port (the TLS port's number) or to
 * the target URL's UDP port; HTTP/3 on top (control and QPACK streams, one GET on stream 0); GOAWAY and a clean
 * application CONNECTION_CLOSE.
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
  const h3 = await ctx.connectH3({ cipherSuites: [suite], ...(helloRetry ? { groups: ['secp256r1', 'x25519'] as const } : {}) }, target);
  try {
    const tls = h3.quic.tlsMessages;
    ctx.note(
      `handshake complete: ALPN ${h3.quic.conn.alpn}, ${h3.quic.conn.cipherSuite}; TLS messages ${tls.map((m) => `${m.dir === 'sent' ? '→' : '←'} ${m.type}`).join(', ')}` +
        (tls.some((m) => m.type === 'hello_retry_request') ? ' (the server asked for another key share: one more round trip)' : ''),
    );
    const { control, encoder, decoder } = h3.h3.localStreams;
    ctx.note(`HTTP/3 on top: our control stream ${control} with SETTINGS, QPACK streams ${encoder} and ${decoder}; GET ${path} on stream 0 as a HEADERS frame, then FIN`);
    const r = await h3.request({ path });
    ctx.note(`stream ${r.streamId}: the server answered ${r.status} in HTTP/3 — a HEADERS frame and ${r.body.length} bytes of DATA, then FIN`);
    if (ctx.options['keyUpdate'] === true) await keyUpdate(ctx, h3, path);
    ctx.note('closing: GOAWAY, then an application CONNECTION_CLOSE (H3_NO_ERROR); we wait three PTOs, the server drains');
  } finally {
    await h3.close({ waitMs: 1500 });
  }
};
