import { describe, expect, it } from 'vitest';
import vp from '../../../../test-vectors/rfc9001-packets.json';
import { findExtension } from '../tls13/extensions/types';
import { decodeHandshakeMessage } from '../tls13/messages/handshake';
import { hex } from '../tls13/test-helpers';
import { TlsReader } from '../tls13/wire';
import { decodeTransportParameters, encodeTransportParameters, type TransportParameters } from './transport-parameters';
import { QuicError, TransportErrorCode } from './wire/errors';

describe('QUIC transport parameters (RFC 9000 §18)', () => {
  it('decodes the parameters of the RFC 9001 A.2 ClientHello', () => {
    const ch = decodeHandshakeMessage(new TlsReader(hex(vp.a2_client_initial.crypto_frame), 4));
    if (ch.type !== 'client_hello') throw new Error(ch.type);
    const tp = decodeTransportParameters(findExtension(ch.extensions, 'quic_transport_parameters')!.data, 'client');
    expect(tp).toEqual({
      initialMaxData: (1n << 62n) - 1n,
      initialMaxStreamDataBidiLocal: 65535n,
      initialMaxStreamDataUni: 65535n,
      initialMaxStreamsBidi: 16n,
      maxIdleTimeout: 30000n,
      initialMaxStreamsUni: 16n,
      initialSourceConnectionId: hex('8394c8f03e515708'),
      initialMaxStreamDataBidiRemote: 65535n,
    });
  });

  it('round-trips every parameter, including unknown (greasing) ones', () => {
    const tp: TransportParameters = {
      originalDestinationConnectionId: hex('0102'),
      maxIdleTimeout: 30000n,
      statelessResetToken: new Uint8Array(16).fill(1),
      maxUdpPayloadSize: 1452n,
      initialMaxData: 1n << 20n,
      initialMaxStreamDataBidiLocal: 1n,
      initialMaxStreamDataBidiRemote: 2n,
      initialMaxStreamDataUni: 3n,
      initialMaxStreamsBidi: 100n,
      initialMaxStreamsUni: 1n << 60n,
      ackDelayExponent: 20,
      maxAckDelay: 16383,
      disableActiveMigration: true,
      preferredAddress: { ipv4Address: hex('7f000001'), ipv4Port: 443, ipv6Address: new Uint8Array(16), ipv6Port: 0, connectionId: hex('abcd'), statelessResetToken: new Uint8Array(16).fill(2) },
      activeConnectionIdLimit: 8n,
      initialSourceConnectionId: new Uint8Array(0),
      retrySourceConnectionId: hex('ff'),
      unknown: [{ id: 31n * 123456789n + 27n, value: hex('00') }, { id: (1n << 62n) - 1n, value: new Uint8Array(0) }],
    };
    expect(decodeTransportParameters(encodeTransportParameters(tp), 'server')).toEqual(tp);
  });

  it('rejects invalid parameters with TRANSPORT_PARAMETER_ERROR', () => {
    const bad: [string, 'client' | 'server'][] = [
      ['0102', 'server'], // truncated value
      ['0302' + '44af', 'server'], // max_udp_payload_size 1199
      ['0a0115', 'server'], // ack_delay_exponent 21
      ['0b028000', 'client'], // max_ack_delay: truncated 4-byte varint
      ['0b044000' + '4000', 'server'], // value with trailing bytes
      ['0e0101', 'server'], // active_connection_id_limit 1
      ['0c0100', 'server'], // disable_active_migration non-empty
      ['020100', 'server'], // stateless_reset_token of 1 byte
      ['0000', 'client'], // server-only parameter from a client
      ['0f00' + '0f00', 'client'], // duplicate
      ['0808d000000000000001', 'server'], // initial_max_streams_bidi above 2^60
      ['0f15' + '00'.repeat(21), 'server'], // connection ID longer than 20
    ];
    for (const [bytes, sender] of bad) {
      try {
        decodeTransportParameters(hex(bytes), sender);
        expect.unreachable(bytes);
      } catch (e) {
        expect(e, bytes).toBeInstanceOf(QuicError);
        expect((e as QuicError).code, bytes).toBe(TransportErrorCode.TRANSPORT_PARAMETER_ERROR);
      }
    }
    // a non-minimal varint value is still valid
    expect(decodeTransportParameters(hex('01024001'), 'client')).toEqual({ maxIdleTimeout: 1n });
  });
});
