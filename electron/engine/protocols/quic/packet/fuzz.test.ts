import { describe, expect, it } from 'vitest';
import vp from '../../../../../test-vectors/rfc9001-packets.json';
import { TlsError, NeedMore } from '../../tls13/errors';
import { decodeHandshakeMessage } from '../../tls13/messages/handshake';
import { quicInitialKeys } from '../../tls13/quic-keys';
import { hex, seededRandom } from '../../tls13/test-helpers';
import { TlsReader } from '../../tls13/wire';
import { decodeTransportParameters } from '../transport-parameters';
import { InvalidPacket, QuicError } from '../wire/errors';
import { splitDatagram } from './coalesced';
import { openPacket } from './protection';

describe('packet parsing fuzz', () => {
  const keys = quicInitialKeys(hex(vp.client_dcid));
  const seeds = [hex(vp.a3_server_initial.protected_packet), hex(vp.a4_retry.packet), hex(vp.a2_client_initial.protected_packet).subarray(0, 200)];

  it('50,000 random datagrams through splitDatagram and openPacket throw only typed errors', () => {
    const rnd = seededRandom(0xdec0de);
    const int = (n: number): number => Math.floor(rnd() * n);
    let packets = 0;
    for (let i = 0; i < 50_000; i++) {
      let d: Uint8Array;
      if (i % 3 === 0) {
        d = new Uint8Array(int(64));
        for (let j = 0; j < d.length; j++) d[j] = int(256);
        if (d.length) d[0] = d[0]! | (rnd() < 0.5 ? 0xc0 : 0x40);
      } else {
        const base = seeds[i % seeds.length]!;
        d = base.slice(0, 1 + int(base.length));
        for (let k = int(3); k >= 0; k--) d[int(d.length)] = int(256);
      }
      const split = splitDatagram(d, 8);
      if (split.dropped) expect(split.dropped).toBeInstanceOf(InvalidPacket);
      for (const p of split.packets) {
        packets++;
        if (p.kind !== 'initial' && p.kind !== 'handshake' && p.kind !== '0rtt' && p.kind !== '1rtt') continue;
        try {
          openPacket(p, keys.server, int(1000) - 1);
        } catch (e) {
          if (!(e instanceof InvalidPacket) && !(e instanceof QuicError)) throw e;
        }
      }
    }
    expect(packets).toBeGreaterThan(10_000);
  });

  it('random TLS handshake messages and transport parameters throw only typed errors', () => {
    const rnd = seededRandom(0x7175);
    const int = (n: number): number => Math.floor(rnd() * n);
    const ch = hex(vp.a2_client_initial.crypto_frame).subarray(4);
    for (let i = 0; i < 20_000; i++) {
      const b = ch.slice(0, 4 + int(ch.length));
      for (let k = int(4); k >= 0; k--) b[4 + int(b.length - 4)] = int(256);
      try {
        decodeHandshakeMessage(new TlsReader(b));
      } catch (e) {
        if (!(e instanceof TlsError) && !(e instanceof NeedMore)) throw e;
      }
      const tp = new Uint8Array(int(40));
      for (let j = 0; j < tp.length; j++) tp[j] = rnd() < 0.5 ? int(0x11) : int(256);
      try {
        decodeTransportParameters(tp, rnd() < 0.5 ? 'client' : 'server');
      } catch (e) {
        if (!(e instanceof QuicError)) throw e;
      }
    }
  });
});
