/**
 * The QUIC lessons (RFC 9000, RFC 9001, RFC 9002), described for the person and the engine. Runners live in
 * electron/engine/scenarios/quic-lessons.ts.
 */
import type { ScenarioInfo } from './scenario-types';

const RFC9000 = 'https://www.rfc-editor.org/rfc/rfc9000';
const RFC9001 = 'https://www.rfc-editor.org/rfc/rfc9001';
const RFC8446 = 'https://www.rfc-editor.org/rfc/rfc8446';

/** The cipher suites the `cipher` option accepts (AES-GCM only: Electron's BoringSSL has no ChaCha20 here). */
export const QUIC_CIPHER_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'] as const;

/** The QUIC lessons, in the order the lesson list shows them. */
export const QUIC_SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'quic-handshake',
    title: 'QUIC handshake',
    protocol: 'h3',
    summary: 'Initial, Handshake and 1-RTT packets, every frame, from both ends; a stream exchange; CONNECTION_CLOSE.',
    explanation:
      'QUIC carries the TLS 1.3 handshake itself, in CRYPTO frames, at three encryption levels, each with its own ' +
      'packet number space. The client opens with an Initial packet padded to 1200 bytes: its ClientHello, protected ' +
      'with keys anyone can derive from the Destination Connection ID (so the Initial keys hide nothing from an ' +
      'observer, which is why this app can show them). The server answers with its own Initial (ServerHello, and an ' +
      'ACK) coalesced in one datagram with Handshake packets (EncryptedExtensions with ALPN h3 and the transport ' +
      'parameters, Certificate, CertificateVerify, Finished), which only the two ends can read. The client sends its ' +
      'Finished in a Handshake packet and can send 1-RTT data at once; the server confirms with HANDSHAKE_DONE, both ' +
      'drop the Initial and Handshake keys, and NEW_CONNECTION_ID frames hand out spare connection IDs. Watch each ' +
      'packet leave one end and arrive at the other, the ACK frames that follow, and the key_updated and ' +
      'key_discarded events as the levels change. Then HTTP/3 on top (its control and QPACK streams, and one GET on ' +
      'request stream 0; the server answers with HEADERS and DATA — the h3-basics lesson looks at those frames), ' +
      'GOAWAY, and an application CONNECTION_CLOSE that ends the connection cleanly: the closing end waits three ' +
      'PTOs, the other drains. With "HelloRetryRequest" on, the client puts its key share on P-256 while the server prefers X25519, ' +
      'so the server asks again and the handshake takes one more round trip (Caddy accepts the share it got and does ' +
      'not retry). With "Key update" on, the client moves to the next generation of 1-RTT keys after the first ' +
      'exchange: its packets flip the Key Phase bit, and the server, finding that they open with its next keys, ' +
      'updates too. Against a target URL (https://host:port) the client speaks QUIC to that UDP port.',
    references: [
      { label: 'RFC 9000 §7 Cryptographic and transport handshake', url: `${RFC9000}#section-7` },
      { label: 'RFC 9000 §12.3 Packet numbers (three spaces)', url: `${RFC9000}#section-12.3` },
      { label: 'RFC 9000 §17.2 Long header packets', url: `${RFC9000}#section-17.2` },
      { label: 'RFC 9000 §14.1 Initial datagram size', url: `${RFC9000}#section-14.1` },
      { label: 'RFC 9000 §19 Frame types', url: `${RFC9000}#section-19` },
      { label: 'RFC 9000 §10.2 Immediate close', url: `${RFC9000}#section-10.2` },
      { label: 'RFC 9001 §4 Carrying TLS messages', url: `${RFC9001}#section-4` },
      { label: 'RFC 9001 §5.2 Initial secrets', url: `${RFC9001}#section-5.2` },
      { label: 'RFC 9001 §4.9 Discarding unused keys', url: `${RFC9001}#section-4.9` },
      { label: 'RFC 9001 §6 Key update', url: `${RFC9001}#section-6` },
      { label: 'RFC 8446 §4.1.4 HelloRetryRequest', url: `${RFC8446}#section-4.1.4` },
    ],
    options: [
      {
        key: 'cipher',
        label: 'Cipher suite',
        type: 'string',
        default: 'TLS_AES_128_GCM_SHA256',
        help: `The one TLS cipher suite the client offers: ${QUIC_CIPHER_SUITES.join(' or ')}. Initial packets always use AES-128-GCM (RFC 9001 §5.2).`,
      },
      {
        key: 'helloRetry',
        label: 'HelloRetryRequest',
        type: 'boolean',
        default: false,
        help: 'Send the first key share for P-256 while our server prefers X25519: the server answers with a HelloRetryRequest.',
      },
      { key: 'path', label: 'Request path', type: 'string', default: '/', help: 'The path of the one request sent on stream 0.' },
      {
        key: 'keyUpdate',
        label: 'Key update',
        type: 'boolean',
        default: false,
        help: 'After the first exchange the client updates its 1-RTT keys (RFC 9001 §6) and sends one more request: watch the Key Phase bit flip at both ends.',
      },
    ],
  },
];
