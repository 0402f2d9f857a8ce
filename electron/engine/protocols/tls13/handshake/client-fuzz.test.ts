import { beforeAll, describe, expect, it } from 'vitest';
import { ecdheKeyPairFromPrivateKey } from '../crypto';
import { TlsError } from '../errors';
import { seededRandom } from '../test-helpers';
import { TlsClientHandshake } from './client';
import { mutate } from './fuzz-mutate';
import { TlsServerHandshake } from './server';
import { clientConfig, pump, selfSignedCert, serverConfig, type TestCert } from './test-pair';

let cert: TestCert;
beforeAll(async () => {
  cert = await selfSignedCert('localhost');
});

describe('fuzz: mutated server flights into a fresh client core', () => {
  it('3,000 inputs only ever produce TlsError', () => {
    const rnd = seededRandom(0x51a7);
    const pick = (n: number) => Math.floor(rnd() * n);
    // Deterministic keys and randoms, so a fresh client accepts the recorded server flight.
    const fixed = (seed: number) => {
      const pair = ecdheKeyPairFromPrivateKey('x25519', Uint8Array.from({ length: 32 }, (_, i) => seed + i));
      return () => pair;
    };
    const cfg = clientConfig(cert, { random: new Uint8Array(32).fill(9), ecdhe: fixed(1) });
    const recorded = pump(new TlsClientHandshake(cfg), new TlsServerHandshake(serverConfig(cert, { random: new Uint8Array(32).fill(3), ecdhe: fixed(0x50) })));
    expect(recorded.error).toBeNull();
    const serverHello = recorded.server.outputs.find((o) => o.level === 'initial')!.bytes;
    const serverFlight = recorded.server.outputs.find((o) => o.level === 'handshake')!.bytes;
    let completed = 0;
    let failed = 0;
    for (let i = 0; i < 3000; i++) {
      const client = new TlsClientHandshake(cfg);
      const mutateHello = pick(4) === 0;
      try {
        client.receive('initial', mutateHello ? mutate(serverHello, rnd) : serverHello);
        client.receive('handshake', mutateHello ? serverFlight : mutate(serverFlight, rnd));
        if (client.done) completed++;
      } catch (e) {
        if (!(e instanceof TlsError)) throw new Error(`input ${i} threw ${(e as Error).name}: ${(e as Error).message}`);
        failed++;
      }
    }
    // Most mutations are caught; truncations just wait for more bytes, and a few harmless ones complete.
    expect(failed).toBeGreaterThan(2000);
    expect(completed + failed).toBeLessThanOrEqual(3000);
  });
});
