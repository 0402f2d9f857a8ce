/**
 * The mutual TLS lesson (RFC 8446 §4.3.2, §4.4.2), described for the person and the engine. Its runner lives in
 * electron/engine/scenarios/mtls-lesson.ts.
 */
import type { ScenarioInfo } from './scenario-types';

const RFC8446 = 'https://www.rfc-editor.org/rfc/rfc8446';
const RFC9001 = 'https://www.rfc-editor.org/rfc/rfc9001';

/** The transports the `transport` option accepts. */
export const MTLS_TRANSPORTS = ['both', 'quic', 'tls'] as const;

/** The mTLS lesson. */
export const MTLS_SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'mtls',
    title: 'Mutual TLS (client certificates)',
    protocol: 'mixed',
    summary: 'The server asks for a certificate (CertificateRequest); the client proves who it is with Certificate and CertificateVerify.',
    explanation:
      'Usually only the server proves who it is. With mutual TLS the server also asks the client: in TLS 1.3 it sends ' +
      'a CertificateRequest after EncryptedExtensions (listing the signature algorithms it accepts), and the client ' +
      'answers, before its Finished, with its own Certificate and a CertificateVerify, a signature over the handshake ' +
      'so far made with the key of that certificate. The server checks the chain (here against a test CA the app made, ' +
      'which also issued the client certificate) and the signature. Over QUIC both ends are ours, so every handshake ' +
      'message shows as an event from both ends: look for certificate_request going out from the server, and the ' +
      "client's certificate and certificate_verify coming back at the Handshake level. Over TLS on TCP (Node's TLS) the " +
      "handshake after ServerHello is encrypted and Node shows no messages: the server's tls:handshake_done says whose " +
      'certificate it got and whether it verified. Turn "Send a certificate" off to see a refusal: the client answers ' +
      'with an empty Certificate, and a server that requires one aborts with the certificate_required alert (116): a ' +
      'CONNECTION_CLOSE with QUIC error 0x174 over QUIC, a TLS alert over TCP, which the client only reads after its ' +
      'own side of the handshake is done. The embedded server asks for client certificates only while this lesson runs ' +
      '(or when you turn it on in its settings).',
    references: [
      { label: 'RFC 8446 §4.3.2 Certificate Request', url: `${RFC8446}#section-4.3.2` },
      { label: 'RFC 8446 §4.4.2 Certificate', url: `${RFC8446}#section-4.4.2` },
      { label: 'RFC 8446 §4.4.2.4 Receiving a Certificate message', url: `${RFC8446}#section-4.4.2.4` },
      { label: 'RFC 8446 §4.4.3 Certificate Verify', url: `${RFC8446}#section-4.4.3` },
      { label: 'RFC 8446 §6.2 Error alerts (certificate_required)', url: `${RFC8446}#section-6.2` },
      { label: 'RFC 9001 §4.8 TLS errors in QUIC', url: `${RFC9001}#section-4.8` },
    ],
    options: [
      {
        key: 'clientCert',
        label: 'Send a certificate',
        type: 'boolean',
        default: true,
        help: 'Off: the client answers the CertificateRequest with an empty Certificate, and the server refuses it (certificate_required).',
      },
      {
        key: 'required',
        label: 'Server requires one',
        type: 'boolean',
        default: true,
        help: 'Off: the server asks but lets a client without a certificate in, and says so.',
      },
      { key: 'transport', label: 'Transport', type: 'string', default: 'both', help: `${MTLS_TRANSPORTS.join(', ')}: QUIC (our TLS 1.3, every message shown), TLS over TCP (Node's), or both.` },
    ],
  },
];
