import { beforeAll, describe, expect, it } from 'vitest';
import { TlsError } from '../errors';
import { seededRandom } from '../test-helpers';
import { mutate } from './fuzz-mutate';
import { TlsClientHandshake } from './client';
import { TlsServerHandshake } from './server';
import { clientConfig, pump, selfSignedCert, serverConfig, type TestCert } from './test-pair';
import type { EncryptionLevel, TlsServerConfig } from './types';

let cert: TestCert;
let clientCert: TestCert;
beforeAll(async () => {
  [cert, clientCert] = await Promise.all([selfSignedCert('localhost'), selfSignedCert('client.test')]);
});

describe('fuzz: mutated handshake input into a fresh server core', () => {
  it('10,000 inputs only ever produce TlsError', () => {
    const rnd = seededRandom(0x7153);
    const pick = (n: number) => Math.floor(rnd() * n);
    const mtls: TlsServerConfig = serverConfig(cert, { clientAuth: { trust: { kind: 'pinned-cert', pem: clientCert.certPem }, required: false, validationTimeMs: Date.now() } });
    // Seeds: ClientHellos (x25519, P-256 only, two ALPNs) and a client's second flight with a certificate.
    const hellos = [
      new TlsClientHandshake(clientConfig(cert)).pollOutput()!.bytes,
      new TlsClientHandshake(clientConfig(cert, { groups: ['secp256r1'], alpn: ['h3', 'hq-interop'] })).pollOutput()!.bytes,
    ];
    const c = new TlsClientHandshake(clientConfig(cert, { clientIdentity: clientCert }));
    const recorded = pump(c, new TlsServerHandshake(mtls));
    const clientFlight = recorded.client.outputs.find((o) => o.level === 'handshake')!.bytes;
    const plain = serverConfig(cert);

    let tlsErrors = 0;
    let answered = 0;
    const N = 10_000;
    for (let i = 0; i < N; i++) {
      const kind = pick(10);
      const server = new TlsServerHandshake(kind < 7 ? plain : mtls);
      const feeds: [EncryptionLevel, Uint8Array][] = [];
      if (kind < 6) feeds.push(['initial', mutate(hellos[pick(hellos.length)]!, rnd)]);
      else if (kind < 9) feeds.push(['initial', hellos[0]!], ['handshake', mutate(clientFlight, rnd)]);
      else feeds.push([(['initial', 'handshake', '1rtt'] as const)[pick(3)]!, Uint8Array.from({ length: pick(300) }, () => pick(256))]);
      try {
        for (const [level, bytes] of feeds) {
          // Deliver in 1..3 pieces, as CRYPTO frames might.
          const cut = pick(bytes.length + 1);
          server.receive(level, bytes.subarray(0, cut));
          server.receive(level, bytes.subarray(cut));
        }
        if (server.pollOutput()) answered++;
      } catch (e) {
        if (!(e instanceof TlsError)) throw new Error(`input ${i} (kind ${kind}) threw ${(e as Error).name}: ${(e as Error).message}`);
        expect(typeof e.alert).toBe('number');
        tlsErrors++;
      }
    }
    // Both outcomes occur: the mutations reach past the parsers into the state machine.
    expect(tlsErrors).toBeGreaterThan(N / 4);
    expect(answered).toBeGreaterThan(N / 20);
  });
});
