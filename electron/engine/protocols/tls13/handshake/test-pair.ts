/**
 * Test helpers for the handshake cores (not used by production code): certificates made with
 * `selfsigned`, default configs, and an in-memory pump that moves handshake bytes between a client and
 * a server core the way QUIC's CRYPTO frames would.
 */
import selfsigned from 'selfsigned';
import { TlsError } from '../errors';
import { readHandshakeFrame, decodeHandshakeBody, encodeHandshakeMessageBytes, type HandshakeMessage } from '../messages/handshake';
import { TlsReader } from '../wire';
import { TlsClientHandshake } from './client';
import { TlsServerHandshake } from './server';
import type { TlsClientConfig, TlsIdentity, TlsMessageEvent, TlsOutput, TlsSecret, TlsServerConfig } from './types';

/** A certificate and key in PEM. */
export interface TestCert extends TlsIdentity {
  /** The certificate alone (same as certificateChainPem for a self-signed one). */
  readonly certPem: string;
}

const ec = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;

/** A self-signed P-256 certificate for `name` (DNS) and 127.0.0.1. */
export async function selfSignedCert(name = 'localhost'): Promise<TestCert> {
  const r = await selfsigned.generate([{ name: 'commonName', value: name }], {
    ...ec,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: name }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { certPem: r.cert, certificateChainPem: r.cert, privateKeyPem: r.private };
}

/** A CA and a leaf for `name` it issued (chain PEM = leaf then CA). */
export async function caIssuedCert(name: string): Promise<{ ca: TestCert; leaf: TestCert }> {
  const ca = await selfsigned.generate([{ name: 'commonName', value: 'Framescope Test CA' }], {
    ...ec,
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true }],
  });
  const leaf = await selfsigned.generate([{ name: 'commonName', value: name }], {
    ...ec,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }],
  });
  return {
    ca: { certPem: ca.cert, certificateChainPem: ca.cert, privateKeyPem: ca.private },
    leaf: { certPem: leaf.cert, certificateChainPem: leaf.cert + '\n' + ca.cert, privateKeyPem: leaf.private },
  };
}

/** Transport parameter bytes that stand in for QUIC's (opaque to TLS). */
export const CLIENT_PARAMS = Uint8Array.of(0x04, 0x04, 0x80, 0x10, 0x00, 0x00);
/** The server's stand-in transport parameters. */
export const SERVER_PARAMS = Uint8Array.of(0x01, 0x02, 0x67, 0x10, 0x03, 0x02, 0x45, 0xc0);

/** A client config trusting `cert` as a pinned certificate. */
export function clientConfig(cert: TestCert, extra: Partial<TlsClientConfig> = {}): TlsClientConfig {
  return { serverName: 'localhost', alpn: ['h3'], transportParameters: CLIENT_PARAMS, trust: { kind: 'pinned-cert', pem: cert.certPem }, validationTimeMs: Date.now(), ...extra };
}

/** A server config with `cert` as its identity. */
export function serverConfig(cert: TlsIdentity, extra: Partial<TlsServerConfig> = {}): TlsServerConfig {
  return { identity: cert, alpn: ['h3'], transportParameters: SERVER_PARAMS, ...extra };
}

/** Everything that came out of one side during a pump. */
export interface SideLog {
  /** Secrets in the order they were emitted. */
  readonly secrets: TlsSecret[];
  /** Message events in order. */
  readonly events: TlsMessageEvent[];
  /** Outputs in order. */
  readonly outputs: TlsOutput[];
}

type Core = TlsClientHandshake | TlsServerHandshake;

function drain(core: Core, log: SideLog): TlsOutput[] {
  for (let s = core.pollSecret(); s; s = core.pollSecret()) log.secrets.push(s);
  for (let e = core.pollEvent(); e; e = core.pollEvent()) log.events.push(e);
  const out: TlsOutput[] = [];
  for (let o = core.pollOutput(); o; o = core.pollOutput()) out.push(o);
  log.outputs.push(...out);
  return out;
}

/** Optional rewriting of each flight in flight (to tamper with messages). */
export type Tamper = (from: 'client' | 'server', output: TlsOutput) => TlsOutput;

/**
 * Moves bytes back and forth until neither side has anything to send. Returns the logs, and the first
 * TlsError with the side that raised it (or null).
 */
export function pump(client: TlsClientHandshake, server: TlsServerHandshake, tamper?: Tamper): { client: SideLog; server: SideLog; error: { side: 'client' | 'server'; error: TlsError } | null } {
  const logs = { client: { secrets: [], events: [], outputs: [] } as SideLog, server: { secrets: [], events: [], outputs: [] } as SideLog };
  for (let round = 0; round < 20; round++) {
    let moved = false;
    for (const [from, to, fromCore, toCore] of [['client', 'server', client, server], ['server', 'client', server, client]] as const) {
      for (const out of drain(fromCore, logs[from])) {
        moved = true;
        const o = tamper ? tamper(from, out) : out;
        try {
          toCore.receive(o.level, o.bytes);
        } catch (e) {
          if (!(e instanceof TlsError)) throw e;
          drain(toCore, logs[to]);
          return { ...logs, error: { side: to, error: e } };
        }
      }
    }
    if (!moved) break;
  }
  drain(client, logs.client);
  drain(server, logs.server);
  return { ...logs, error: null };
}

/** Splits handshake bytes into decoded messages, lets `edit` change them, and re-encodes them. */
export function rewriteMessages(bytes: Uint8Array, edit: (m: HandshakeMessage) => HandshakeMessage | Uint8Array): Uint8Array {
  const r = new TlsReader(bytes);
  const parts: Uint8Array[] = [];
  while (r.remaining > 0) {
    const f = readHandshakeFrame(r);
    const m = edit(decodeHandshakeBody(f.msgType, f.body));
    parts.push(m instanceof Uint8Array ? m : encodeHandshakeMessageBytes(m));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
