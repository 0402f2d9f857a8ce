/**
 * The TLS 1.3 server handshake for QUIC (RFC 8446 §4, RFC 9001 §4), sans-IO; see TlsClientHandshake for
 * the shape of the API. We authenticate with an ECDSA P-256 certificate, may ask for a client certificate,
 * and send no NewSessionTicket (no resumption yet; see types.ts).
 *
 * States (RFC 8446 Appendix A.2, without PSK / early data):
 * ```
 *                     START <-----+
 *      Recv ClientHello |         | Send HelloRetryRequest (once, when the client has no share for our group)
 *                       v         |
 *                   RECVD_CH -----+
 *                       | Send ServerHello                       (handshake keys: read + write)
 *                       | Send EncryptedExtensions [CertificateRequest] Certificate CertificateVerify Finished
 *                       |                                        (1-RTT write)
 *         +-------------+-------------+
 *   mTLS  |                           | no client auth
 *         v                           |
 *     WAIT_CERT                       |
 *         | Recv Certificate          |
 *   empty |  \ non-empty              |
 *         |   v                       |
 *         |  WAIT_CV                  |
 *         |   | Recv CertificateVerify|
 *         v   v                       v
 *       WAIT_FINISHED <---------------+
 *         | Recv Finished                                        (1-RTT read)
 *         v
 *     CONNECTED  (no post-handshake messages are accepted)
 * ```
 */
import type { CertificateVerification } from '../certificates';
import type { CipherSuite } from '../cipher-suites';
import { generateEcdheKeyPair, randomBytes, type ParsedCertificate, type EcdheGroup } from '../crypto';
import { TlsAlert, TlsError, UsageError } from '../errors';
import { TLS13_VERSION, type Extension } from '../extensions/types';
import type { Certificate } from '../messages/certificate';
import type { ClientHello } from '../messages/client-hello';
import type { HandshakeFrame, HandshakeMessage } from '../messages/handshake';
import { ACCEPTED_SIGNATURE_SCHEMES, certificateMessage, checkPeerCertificate, checkPeerCertificateVerify, loadIdentity, signCertificateVerify, type LoadedIdentity } from './auth';
import { configuredAlpn, configuredGroups, configuredSuites, ensure, groupCode, LEGACY_VERSION } from './common';
import { HandshakeCore } from './core';
import { negotiate, type Negotiation } from './negotiate';
import type { EncryptionLevel, TlsServerConfig } from './types';

/** Server states (see the module diagram). */
export enum ServerState {
  WaitClientHello = 'START',
  WaitSecondClientHello = 'WAIT_CH2',
  WaitCertificate = 'WAIT_CERT',
  WaitCertificateVerify = 'WAIT_CV',
  WaitFinished = 'WAIT_FINISHED',
  Connected = 'CONNECTED',
}

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The TLS 1.3 server core for QUIC. Feed it the client's Initial CRYPTO data with receive('initial', ...). */
export class TlsServerHandshake extends HandshakeCore {
  private state = ServerState.WaitClientHello;
  private readonly suites: readonly CipherSuite[];
  private readonly groups: readonly EcdheGroup[];
  private readonly alpn: readonly string[];
  private readonly identity: LoadedIdentity;
  private firstHello: ClientHello | null = null;
  private retry: { suite: CipherSuite; group: EcdheGroup } | null = null;
  private agreed: Extract<Negotiation, { kind: 'proceed' }> | null = null;
  private peerChain: Uint8Array[] = [];
  private peerLeaf: ParsedCertificate | null = null;
  private verification: CertificateVerification | null = null;
  private peerScheme: number | null = null;

  /** Validates the configuration and loads the certificate and key (UsageError when they do not fit). */
  constructor(private readonly config: TlsServerConfig) {
    super('server');
    this.suites = configuredSuites(config.cipherSuites);
    this.groups = configuredGroups(config.groups);
    this.alpn = configuredAlpn(config.alpn);
    this.identity = loadIdentity(config.identity);
    if (config.random && config.random.length !== 32) throw new UsageError('ServerHello.random must be 32 bytes');
  }

  /** The current state (for tests and the UI). */
  get currentState(): ServerState {
    return this.state;
  }

  protected expectedLevel(): EncryptionLevel | null {
    switch (this.state) {
      case ServerState.WaitClientHello:
      case ServerState.WaitSecondClientHello:
        return 'initial';
      case ServerState.WaitCertificate:
      case ServerState.WaitCertificateVerify:
      case ServerState.WaitFinished:
        return 'handshake';
      case ServerState.Connected:
        return null;
    }
  }

  protected handle(_level: EncryptionLevel, frame: HandshakeFrame, m: HandshakeMessage): void {
    const unexpected = (): never => {
      throw new TlsError(TlsAlert.unexpected_message, `unexpected ${m.type === 'other' ? `handshake type ${frame.msgType}` : m.type} in ${this.state}`);
    };
    switch (this.state) {
      case ServerState.WaitClientHello:
      case ServerState.WaitSecondClientHello:
        if (m.type !== 'client_hello') return unexpected();
        return this.onClientHello(frame, m);
      case ServerState.WaitCertificate:
        if (m.type !== 'certificate') return unexpected();
        return this.onCertificate(frame, m);
      case ServerState.WaitCertificateVerify:
        if (m.type !== 'certificate_verify') return unexpected();
        checkPeerCertificateVerify(m, this.peerLeaf!, 'client', this.transcript.digest(), ACCEPTED_SIGNATURE_SCHEMES);
        this.peerScheme = m.algorithm;
        this.transcript.add(frame.raw);
        this.state = ServerState.WaitFinished;
        return;
      case ServerState.WaitFinished:
        if (m.type !== 'finished') return unexpected();
        return this.onFinished(frame, m.verifyData);
      case ServerState.Connected:
        return unexpected();
    }
  }

  private onClientHello(frame: HandshakeFrame, ch: ClientHello): void {
    if (this.firstHello) this.checkSecondHello(this.firstHello, ch);
    else this.clientRandom = ch.random;
    const prefs = { suites: this.suites, groups: this.groups, alpn: this.alpn, signatureScheme: this.identity.key.scheme };
    const result = negotiate(ch, prefs, this.retry?.group ?? null);
    if (result.kind === 'retry') return this.sendHelloRetry(frame, ch, result.suite, result.group);
    if (this.retry) ensure(result.suite === this.retry.suite, TlsAlert.illegal_parameter, 'second ClientHello no longer offers the cipher suite of the HelloRetryRequest');
    this.agreed = result;
    this.suite = result.suite;
    this.group = result.group;
    this.peerParams = result.transportParameters;
    const keyPair = (this.config.ecdhe ?? generateEcdheKeyPair)(result.group);
    const shared = keyPair.computeSharedSecret(result.share.keyExchange);
    this.transcript.selectHash(result.suite.hash);
    this.transcript.add(frame.raw);
    const extensions: Extension[] = [
      { kind: 'selected_version', version: TLS13_VERSION },
      { kind: 'key_share_server', entry: { group: groupCode(result.group), keyExchange: keyPair.publicKey } },
    ];
    const random = this.config.random ?? randomBytes(32);
    this.send('initial', { type: 'server_hello', legacyVersion: LEGACY_VERSION, random, legacySessionIdEcho: ch.legacySessionId, cipherSuite: result.suite.id, legacyCompressionMethod: 0, extensions });
    this.deriveHandshakeSecrets(shared);
    this.sendServerFlight(result);
  }

  /** RFC 8446 §4.1.2: the second ClientHello repeats the first except key_share, cookie, early_data, pre_shared_key, padding. */
  private checkSecondHello(first: ClientHello, second: ClientHello): void {
    ensure(bytesEqual(first.random, second.random), TlsAlert.illegal_parameter, 'second ClientHello changed its random');
    ensure(bytesEqual(first.legacySessionId, second.legacySessionId), TlsAlert.illegal_parameter, 'second ClientHello changed legacy_session_id');
    ensure(first.cipherSuites.join() === second.cipherSuites.join(), TlsAlert.illegal_parameter, 'second ClientHello changed its cipher suites');
  }

  private sendHelloRetry(frame: HandshakeFrame, ch: ClientHello, suite: CipherSuite, group: EcdheGroup): void {
    this.firstHello = ch;
    this.retry = { suite, group };
    this.suite = suite;
    this.transcript.add(frame.raw);
    this.transcript.rewriteForHelloRetry(suite.hash); // RFC 8446 §4.4.1
    const extensions: Extension[] = [
      { kind: 'selected_version', version: TLS13_VERSION },
      { kind: 'key_share_hrr', selectedGroup: groupCode(group) },
    ];
    this.send('initial', { type: 'hello_retry_request', legacyVersion: LEGACY_VERSION, legacySessionIdEcho: ch.legacySessionId, cipherSuite: suite.id, legacyCompressionMethod: 0, extensions });
    this.state = ServerState.WaitSecondClientHello;
  }

  /** EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished at the handshake level (RFC 8446 §4.3-4.4). */
  private sendServerFlight(agreed: Extract<Negotiation, { kind: 'proceed' }>): void {
    this.send('handshake', {
      type: 'encrypted_extensions',
      extensions: [
        { kind: 'alpn', protocols: [agreed.alpn] },
        { kind: 'quic_transport_parameters', data: this.config.transportParameters },
      ],
    });
    if (this.config.clientAuth) {
      this.send('handshake', {
        type: 'certificate_request',
        certificateRequestContext: new Uint8Array(0),
        extensions: [{ kind: 'signature_algorithms', schemes: ACCEPTED_SIGNATURE_SCHEMES }],
      });
    }
    this.send('handshake', certificateMessage(this.identity.chain));
    this.send('handshake', signCertificateVerify(this.identity.key, 'server', this.transcript.digest(), agreed.signatureSchemes));
    this.send('handshake', { type: 'finished', verifyData: this.finishedData('server') });
    this.deriveApplicationSecrets();
    this.emitSecret('1rtt', 'write', this.appSecrets!.server);
    this.state = this.config.clientAuth ? ServerState.WaitCertificate : ServerState.WaitFinished;
  }

  private onCertificate(frame: HandshakeFrame, m: Certificate): void {
    const auth = this.config.clientAuth!;
    if (m.entries.length === 0) {
      // RFC 8446 §4.4.2.4: the server may go on without client authentication, or abort with certificate_required.
      ensure(m.certificateRequestContext.length === 0, TlsAlert.illegal_parameter, 'certificate_request_context must echo the CertificateRequest');
      ensure(!auth.required, TlsAlert.certificate_required, 'client sent no certificate, and one is required');
      this.transcript.add(frame.raw);
      this.state = ServerState.WaitFinished;
      return;
    }
    const { chain, leaf, verification } = checkPeerCertificate(m, { trust: auth.trust, timeMs: auth.validationTimeMs });
    this.peerChain = chain;
    this.peerLeaf = leaf;
    this.verification = verification;
    this.transcript.add(frame.raw);
    this.state = ServerState.WaitCertificateVerify;
  }

  private onFinished(frame: HandshakeFrame, verifyData: Uint8Array): void {
    this.checkPeerFinished(verifyData);
    this.transcript.add(frame.raw);
    // RFC 9001 §5.7: the server processes 1-RTT packets only once the client's Finished is verified.
    this.emitSecret('1rtt', 'read', this.appSecrets!.client);
    const resumption = this.deriveResumptionSecret();
    const agreed = this.agreed!;
    this.state = ServerState.Connected;
    this.completed = {
      suite: agreed.suite,
      group: agreed.group,
      helloRetry: this.retry !== null,
      alpn: agreed.alpn,
      serverName: agreed.serverName,
      peerTransportParameters: agreed.transportParameters,
      peerCertificates: this.peerChain,
      peerVerification: this.verification,
      peerSignatureScheme: this.peerScheme,
      exporterMasterSecret: this.appSecrets!.exporter,
      resumptionMasterSecret: resumption,
    };
  }
}
