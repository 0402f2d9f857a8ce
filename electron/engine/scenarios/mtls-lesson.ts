/**
 * Runner of the `mtls` lesson (text in shared/scenarios-mtls.ts): the embedded server asks for a client certificate
 * (RFC 8446 §4.3.2), our client answers with the one the server's test CA issued (or an empty Certificate, to see
 * the refusal, §4.4.2.4), over QUIC (our TLS 1.3: every handshake message is an event from both ends) and over TLS
 * on TCP (Node's TLS: the server's tls:handshake_done reports the certificate it got). Against a target URL the
 * client presents the certificate given with the run (--cert/--key) and reports what the server did.
 */
import { ApiError } from '../../../shared/errors';
import type { ClientAuthSetting } from '../../../shared/api';
import { MTLS_TRANSPORTS } from '../../../shared/scenarios-mtls';
import type { H3ClientSession } from '../client/h3-client';
import type { QuicClientSession } from '../client/quic-client';
import type { ClientTarget } from '../client/target';
import type { CloseInfo } from '../protocols/quic/connection/connection';
import { TlsAlert } from '../protocols/tls13/errors';
import { expect, type ScenarioContext, type ScenarioRunner } from './context';


/** RFC 9001 §4.8: a TLS alert becomes the QUIC error 0x100 + alert; certificate_required (116) is 0x174. */
export const QUIC_CERTIFICATE_REQUIRED = 0x100 + TlsAlert.certificate_required;

/** What the lesson found on one transport. */
interface Outcome {
  readonly refused: boolean;
  readonly detail: string;
}

/**
 * Waits until the server has either confirmed the handshake (HANDSHAKE_DONE, RFC 9001 §4.1.2: it accepted our
 * certificate or our lack of one) or closed the connection (a refusal); resolves with the close, or null.
 */
async function verdictOf(ctx: ScenarioContext, session: QuicClientSession, ms: number): Promise<CloseInfo | null> {
  const deadline = Date.now() + ms;
  while (!session.conn.closed && !session.conn.isHandshakeConfirmed && Date.now() < deadline) await ctx.sleep(5);
  return session.conn.closed;
}

function describeClose(c: CloseInfo | null): string {
  if (!c) return 'no close';
  const code = c.error ? `error 0x${c.error.code.toString(16)}` : c.applicationCode !== undefined ? `application code 0x${c.applicationCode.toString(16)}` : 'no code';
  return `CONNECTION_CLOSE from the ${c.initiator === 'remote' ? 'server' : c.initiator}: ${code}${c.reason ? ` "${c.reason}"` : ''}`;
}

/** mTLS over QUIC with our TLS 1.3: the handshake messages tell the story; then one request, or the refusal. */
async function overQuic(ctx: ScenarioContext, target: ClientTarget): Promise<Outcome> {
  ctx.note(`QUIC to UDP ${target.host}:${target.port}${target.clientCert ? ', holding a client certificate' : ', with no client certificate'}`);
  let h3: H3ClientSession;
  try {
    h3 = await ctx.connectH3({}, target);
  } catch (e) {
    const message = (e as Error).message;
    if (/0x174|certificate_required|certificate required/i.test(message)) return { refused: true, detail: message };
    throw e;
  }
  const session = h3.quic;
  try {
    const tls = session.tlsMessages;
    ctx.note(`TLS messages at the client: ${tls.map((m) => `${m.dir === 'sent' ? '→' : '←'} ${m.type}`).join(', ')}`);
    const asked = tls.some((m) => m.type === 'certificate_request' && m.dir === 'received');
    if (!asked) ctx.note('the server sent no CertificateRequest: it does not ask for client certificates');
    else if (target.clientCert) ctx.note('the server asked (CertificateRequest); we answered with our Certificate and a CertificateVerify signed with its key, then Finished');
    else ctx.note('the server asked (CertificateRequest); we answered with an empty Certificate (no CertificateVerify), then Finished');
    // a refusal arrives right after our Finished, instead of HANDSHAKE_DONE
    const early = await verdictOf(ctx, session, 3000);
    if (early) return { refused: early.error?.code === QUIC_CERTIFICATE_REQUIRED, detail: describeClose(early) };
    const answer = await h3.request({ path: '/' });
    ctx.note(`stream ${answer.streamId}: GET / answered ${answer.status} over HTTP/3, ${answer.body.length} bytes`);
    return { refused: false, detail: `GET / answered over h3 (${answer.status})` };
  } finally {
    await h3.close();
  }
}

/** mTLS over TLS on TCP with Node's TLS: the handshake is encrypted; the server's events give its verdict. */
async function overTcp(ctx: ScenarioContext, target: ClientTarget): Promise<Outcome> {
  ctx.note(`TLS over TCP to ${target.authority} (Node's TLS: the messages after ServerHello are encrypted, so only the outcome shows)${target.clientCert ? ', holding a client certificate' : ', with no client certificate'}`);
  const refusal = (e: unknown): Outcome | null => {
    const message = (e as Error).message;
    return /certificate required|alert number 116/i.test(message) ? { refused: true, detail: message } : null;
  };
  let h2;
  try {
    h2 = await ctx.connectH2({}, target);
  } catch (e) {
    const r = refusal(e);
    if (r) return r;
    throw e;
  }
  try {
    const r = await h2.request({ path: '/' });
    ctx.note(`GET / over h2: ${r.status}, ${r.body.length} bytes; the server's tls:handshake_done says which certificate it got and whether it verified`);
    return { refused: false, detail: `GET / answered over h2 (${r.status})` };
  } catch (e) {
    const r = refusal(e);
    if (r) return r;
    throw e;
  } finally {
    await h2.close().catch(() => undefined);
  }
}

/** The `mtls` lesson. */
export const mtls: ScenarioRunner = async (ctx) => {
  const transport = String(ctx.options['transport'] ?? 'both');
  if (!(MTLS_TRANSPORTS as readonly string[]).includes(transport)) throw new ApiError('bad_argument', `transport must be ${MTLS_TRANSPORTS.join(', ')}, not "${transport}"`);
  if (ctx.target.scheme !== 'https') throw new ApiError('bad_argument', 'mutual TLS needs TLS: give an https:// target');
  const send = ctx.options['clientCert'] !== false;
  const required = ctx.options['required'] !== false;
  const embedded = ctx.embeddedMtls;
  const cert = ctx.target.clientCert ?? embedded?.clientCert;
  if (send && !cert) throw new ApiError('bad_argument', 'no client certificate: give one with the run (--cert and --key)');
  const withCert = (t: ClientTarget): ClientTarget => {
    const { clientCert: _dropped, ...rest } = t;
    return send && cert ? { ...rest, clientCert: cert } : rest;
  };
  let previous: ClientAuthSetting | undefined;
  if (embedded) {
    previous = embedded.set({ mode: required ? 'require' : 'request', trust: 'test-ca' });
    ctx.note(
      `the embedded server now ${required ? 'requires' : 'asks for'} a client certificate, checked against its test CA` +
        (send ? `; our client holds one that CA issued (${embedded.clientCertPath}, with its key beside it)` : '; our client has none'),
    );
  }
  try {
    const outcomes: [string, Outcome][] = [];
    if (transport !== 'tls') outcomes.push(['QUIC', await overQuic(ctx, withCert(ctx.target))]);
    if (transport !== 'quic') outcomes.push(['TLS over TCP', await overTcp(ctx, withCert(ctx.targetFor(true)))]);
    for (const [name, o] of outcomes) ctx.note(`${name}: ${o.refused ? 'refused, certificate_required (alert 116)' : 'accepted'} — ${o.detail}`);
    if (embedded) {
      const expectRefusal = !send && required;
      for (const [name, o] of outcomes) {
        expect(o.refused === expectRefusal, `${name}: the server ${o.refused ? 'refused' : 'accepted'} the client, expected it to ${expectRefusal ? 'refuse' : 'accept'} (${o.detail})`);
      }
    }
  } finally {
    if (embedded && previous) embedded.set(previous);
  }
};
