import { describe, expect, it } from 'vitest';
import { TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 } from '../../tls13/cipher-suites';
import { clientConfig, QuicPair, serverConfig, testCert } from '../test-support/pair';
import { ConnectionState } from './connection';

describe('QUIC handshake in memory', () => {
  for (const suite of [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384]) {
    it(`completes with ${suite.name}`, async () => {
      const cert = await testCert();
      const pair = QuicPair.create(clientConfig(cert, { cipherSuites: [suite] }), serverConfig(cert));
      const start = pair.now;
      expect(pair.handshake()).toBe(true);
      expect(pair.client.state).toBe(ConnectionState.Connected);
      expect(pair.server.state).toBe(ConnectionState.Connected);
      expect(pair.client.alpn).toBe('h3');
      expect(pair.client.cipherSuite).toBe(suite.name);
      // client confirmed after 2 RTTs of 20 ms at most (1-RTT handshake + HANDSHAKE_DONE)
      expect(pair.now - start).toBeLessThanOrEqual(45);
      const sent = pair.traces('client', 'quic:packet_sent');
      expect(sent[0]!.data.header.packet_type).toBe('initial');
      expect(sent[0]!.data.datagram_length).toBeGreaterThanOrEqual(1200);
      expect(pair.traces('client', 'tls:handshake_message').map((t) => t.data.type)).toContain('finished');
      expect(pair.traces('server', 'quic:key_discarded').length).toBeGreaterThanOrEqual(2);
      expect(pair.client.keylogLines().length).toBeGreaterThanOrEqual(4);
    });
  }
});
