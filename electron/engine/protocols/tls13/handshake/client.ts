/**
 * The TLS 1.3 client handshake for QUIC (RFC 8446 §4, RFC 9001 §4), sans-IO: handshake bytes in per
 * encryption level, handshake bytes out per level, secrets for QUIC's packet keys, an event per message.
 * QUIC flavour: no records, no ChangeCipherSpec, an empty legacy_session_id (RFC 9001 §8.4), ALPN and
 * quic_transport_parameters mandatory (§8.1, §8.2).
 *
 * States (RFC 8446 Appendix A.1, without PSK / early data):
 * ```
 *                       START <----+
 *        Send ClientHello |        | Recv HelloRetryRequest (once): Send ClientHello
 *                         v        |
 *                      WAIT_SH ----+
 *                         | Recv ServerHello           (handshake keys: read + write)
 *                         v
 *                      WAIT_EE
 *                         | Recv EncryptedExtensions
 *                         v
 *                    WAIT_CERT_CR ---------------+
 *  Recv CertificateRequest |                     | Recv Certificate
 *                         v                      |
 *                     WAIT_CERT                  |
 *                         | Recv Certificate     |
 *                         v                      v
 *                      WAIT_CV <-----------------+
 *                         | Recv CertificateVerify
 *                         v
 *                   WAIT_FINISHED
 *                         | Recv Finished          (1-RTT read)
 *                         | Send [Certificate [+ CertificateVerify]] Finished   (1-RTT write)
 *                         v
 *                     CONNECTED   (at 1-RTT: NewSessionTicket accepted and ignored)
 * ```
 */
import { isIpLiteral } from '../certificates';
import type { CipherSuite } from '../cipher-suites';
import { generateEcdheKeyPair, randomBytes, type ParsedCertificate, type EcdheGroup, type EcdheKeyPair } from '../crypto';
import { TlsAlert, TlsError, UsageError } from '../errors';
import { findExtension, TLS13_VERSION, type Extension } from '../extensions/types';
import type { Certificate } from '../messages/certificate';
import type { ClientHello } from '../messages/client-hello';
import { HandshakeType, type HandshakeFrame, type HandshakeMessage } from '../messages/handshake';
import type { HelloRetryRequest, ServerHello } from '../messages/server-hello';
import { ACCEPTED_SIGNATURE_SCHEMES, certificateMessage, checkPeerCertificate, checkPeerCertificateVerify, loadIdentity, signCertificateVerify, type LoadedIdentity } from './auth';
import { configuredAlpn, configuredGroups, configuredSuites, ensure, groupByCode, groupCode, LEGACY_VERSION } from './common';
import { HandshakeCore } from './core';
import { checkExtensions, ENCRYPTED_EXTENSIONS_RULE, HELLO_RETRY_RULE, SERVER_HELLO_RULE } from './extension-rules';
import type { CertificateVerification } from '../certificates';
import type { EncryptionLevel, TlsClientConfig } from './types';

/** Client states (see the module diagram). */
export enum ClientState {
  WaitServerHello = 'WAIT_SH',
  WaitEncryptedExtensions = 'WAIT_EE',
  WaitCertificateOrRequest = 'WAIT_CERT_CR',
  WaitCertificate = 'WAIT_CERT',
  WaitCertificateVerify = 'WAIT_CV',
  WaitFinished = 'WAIT_FINISHED',
  Connected = 'CONNECTED',
}

/** The TLS 1.3 client core for QUIC. Construct it, then drain pollOutput() for the ClientHello. */
export class TlsClientHandshake extends HandshakeCore {
  private state = ClientState.WaitServerHello;
  private readonly suites: readonly CipherSuite[];
  private readonly groups: readonly EcdheGroup[];
  private readonly alpn: readonly string[];
  private readonly identity: LoadedIdentity | null;
  private readonly sni: string | null;
  private keyPair: EcdheKeyPair;
  private retried: HelloRetryRequest | null = null;
  private negotiatedAlpn: string | null = null;
  private certRequest: { context: Uint8Array; schemes: readonly number[] } | null = null;
  private peerChain: Uint8Array[] = [];
  private peerLeaf: ParsedCertificate | null = null;
  private verification: CertificateVerification | null = null;
  private peerScheme: number | null = null;

  /** Validates the configuration and queues the ClientHello at the initial level. */
  constructor(private readonly config: TlsClientConfig) {
    super('client');
    this.suites = configuredSuites(config.cipherSuites);
    this.groups = configuredGroups(config.groups);
    this.alpn = configuredAlpn(config.alpn);
    this.identity = config.clientIdentity ? loadIdentity(config.clientIdentity) : null;
    const host = config.serverName.replace(/^\[(.*)\]$/, '$1');
    this.sni = isIpLiteral(host) ? null : host; // RFC 6066 §3: literal IP addresses are not permitted in SNI
    if (config.random && config.random.length !== 32) throw new UsageError('ClientHello.random must be 32 bytes');
    this.clientRandom = config.random ?? randomBytes(32);
    this.keyPair = (config.ecdhe ?? generateEcdheKeyPair)(this.groups[0]!);
    this.send('initial', this.buildHello(this.keyPair, null));
  }

  /** The current state (for tests and the UI). */
  get currentState(): ClientState {
    return this.state;
  }

  private buildHello(share: EcdheKeyPair, cookie: Extension | null): ClientHello {
    const extensions: Extension[] = [];
    if (this.sni !== null) extensions.push({ kind: 'server_name', hostName: this.sni });
    extensions.push(
      { kind: 'supported_versions', versions: [TLS13_VERSION] },
      { kind: 'supported_groups', groups: this.groups.map(groupCode) },
      { kind: 'signature_algorithms', schemes: ACCEPTED_SIGNATURE_SCHEMES },
      { kind: 'key_share', entries: [{ group: groupCode(share.group), keyExchange: share.publicKey }] },
      { kind: 'alpn', protocols: this.alpn },
      { kind: 'quic_transport_parameters', data: this.config.transportParameters },
    );
    if (cookie) extensions.push(cookie); // RFC 8446 §4.2.2: echo the HelloRetryRequest cookie
    return {
      type: 'client_hello',
      legacyVersion: LEGACY_VERSION,
      random: this.clientRandom!,
      legacySessionId: new Uint8Array(0), // RFC 9001 §8.4
      cipherSuites: this.suites.map((s) => s.id),
      legacyCompressionMethods: Uint8Array.of(0),
      extensions,
    };
  }

  protected expectedLevel(): EncryptionLevel | null {
    switch (this.state) {
      case ClientState.WaitServerHello:
        return 'initial';
      case ClientState.WaitEncryptedExtensions:
      case ClientState.WaitCertificateOrRequest:
      case ClientState.WaitCertificate:
      case ClientState.WaitCertificateVerify:
      case ClientState.WaitFinished:
        return 'handshake';
      case ClientState.Connected:
        return '1rtt';
    }
  }

  protected handle(_level: EncryptionLevel, frame: HandshakeFrame, m: HandshakeMessage): void {
    const unexpected = (): never => {
      throw new TlsError(TlsAlert.unexpected_message, `unexpected ${m.type === 'other' ? `handshake type ${frame.msgType}` : m.type} in ${this.state}`);
    };
    switch (this.state) {
      case ClientState.WaitServerHello:
        if (m.type === 'hello_retry_request') return this.onHelloRetry(frame, m);
        if (m.type === 'server_hello') return this.onServerHello(frame, m);
        return unexpected();
      case ClientState.WaitEncryptedExtensions:
        if (m.type !== 'encrypted_extensions') return unexpected();
        return this.onEncryptedExtensions(frame, m.extensions);
      case ClientState.WaitCertificateOrRequest:
        if (m.type === 'certificate_request') {
          ensure(m.certificateRequestContext.length === 0, TlsAlert.illegal_parameter, 'certificate_request_context must be empty in the handshake (RFC 8446 §4.3.2)');
          const schemes = findExtension(m.extensions, 'signature_algorithms');
          ensure(schemes !== undefined, TlsAlert.missing_extension, 'CertificateRequest without signature_algorithms (RFC 8446 §4.3.2)');
          this.certRequest = { context: m.certificateRequestContext, schemes: schemes.schemes };
          this.transcript.add(frame.raw);
          this.state = ClientState.WaitCertificate;
          return;
        }
        if (m.type !== 'certificate') return unexpected();
        return this.onCertificate(frame, m);
      case ClientState.WaitCertificate:
        if (m.type !== 'certificate') return unexpected();
        return this.onCertificate(frame, m);
      case ClientState.WaitCertificateVerify:
        if (m.type !== 'certificate_verify') return unexpected();
        checkPeerCertificateVerify(m, this.peerLeaf!, 'server', this.transcript.digest(), ACCEPTED_SIGNATURE_SCHEMES);
        this.peerScheme = m.algorithm;
        this.transcript.add(frame.raw);
        this.state = ClientState.WaitFinished;
        return;
      case ClientState.WaitFinished:
        if (m.type !== 'finished') return unexpected();
        return this.onFinished(frame, m.verifyData);
      case ClientState.Connected:
        // RFC 9001 §4.6.1: tickets arrive at 1-RTT; resumption is not implemented, so they are ignored.
        // RFC 9001 §6: a TLS KeyUpdate is forbidden in QUIC.
        if (frame.msgType === HandshakeType.new_session_ticket) return;
        return unexpected();
    }
  }

  /** Checks the fields ServerHello and HelloRetryRequest share (RFC 8446 §4.1.3). */
  private checkServerHelloFields(m: ServerHello | HelloRetryRequest, what: string): CipherSuite {
    ensure(m.legacyVersion === LEGACY_VERSION, TlsAlert.illegal_parameter, `${what} legacy_version is not 0x0303`);
    const version = findExtension(m.extensions, 'selected_version');
    ensure(version !== undefined, TlsAlert.protocol_version, `${what} without supported_versions: the server does not speak TLS 1.3`);
    ensure(version.version === TLS13_VERSION, TlsAlert.illegal_parameter, `${what} selected version 0x${version.version.toString(16)}, not TLS 1.3`);
    ensure(m.legacySessionIdEcho.length === 0, TlsAlert.illegal_parameter, `${what} legacy_session_id_echo does not match ours (empty, RFC 9001 §8.4)`);
    ensure(m.legacyCompressionMethod === 0, TlsAlert.illegal_parameter, `${what} legacy_compression_method is not 0`);
    const suite = this.suites.find((s) => s.id === m.cipherSuite);
    ensure(suite !== undefined, TlsAlert.illegal_parameter, `${what} chose cipher suite 0x${m.cipherSuite.toString(16)}, which we did not offer`);
    // RFC 8446 §4.1.4: the ServerHello after a HelloRetryRequest keeps its cipher suite.
    if (this.retried) ensure(m.cipherSuite === this.retried.cipherSuite, TlsAlert.illegal_parameter, 'ServerHello cipher suite differs from the HelloRetryRequest');
    return suite;
  }

  private onHelloRetry(frame: HandshakeFrame, m: HelloRetryRequest): void {
    ensure(this.retried === null, TlsAlert.unexpected_message, 'a second HelloRetryRequest (RFC 8446 §4.1.4)');
    const suite = this.checkServerHelloFields(m, 'HelloRetryRequest');
    checkExtensions(m.extensions, HELLO_RETRY_RULE);
    const share = findExtension(m.extensions, 'key_share_hrr');
    const cookie = m.extensions.find((e) => e.kind === 'unknown' && e.code === 44) ?? null;
    ensure(share !== undefined || cookie !== null, TlsAlert.illegal_parameter, 'HelloRetryRequest that would not change the ClientHello (RFC 8446 §4.1.4)');
    let group = this.keyPair.group;
    if (share) {
      const selected = groupByCode(share.selectedGroup);
      ensure(selected !== undefined && this.groups.includes(selected), TlsAlert.illegal_parameter, `HelloRetryRequest asks for group 0x${share.selectedGroup.toString(16)}, which we did not offer`);
      ensure(selected !== this.keyPair.group, TlsAlert.illegal_parameter, 'HelloRetryRequest asks for the group we already sent a share for (RFC 8446 §4.2.8)');
      group = selected;
    }
    this.retried = m;
    this.suite = suite;
    this.transcript.rewriteForHelloRetry(suite.hash); // RFC 8446 §4.4.1: ClientHello1 -> message_hash
    this.transcript.add(frame.raw);
    this.keyPair = (this.config.ecdhe ?? generateEcdheKeyPair)(group);
    this.send('initial', this.buildHello(this.keyPair, cookie));
  }

  private onServerHello(frame: HandshakeFrame, m: ServerHello): void {
    const suite = this.checkServerHelloFields(m, 'ServerHello');
    checkExtensions(m.extensions, SERVER_HELLO_RULE);
    const share = findExtension(m.extensions, 'key_share_server');
    ensure(share !== undefined, TlsAlert.missing_extension, 'ServerHello without key_share (no PSK was offered)');
    ensure(share.entry.group === groupCode(this.keyPair.group), TlsAlert.illegal_parameter, 'ServerHello key_share is not for the group we offered');
    const shared = this.keyPair.computeSharedSecret(share.entry.keyExchange);
    this.suite = suite;
    this.group = this.keyPair.group;
    this.transcript.selectHash(suite.hash);
    this.transcript.add(frame.raw);
    this.deriveHandshakeSecrets(shared);
    this.state = ClientState.WaitEncryptedExtensions;
  }

  private onEncryptedExtensions(frame: HandshakeFrame, extensions: readonly Extension[]): void {
    checkExtensions(extensions, ENCRYPTED_EXTENSIONS_RULE);
    const sni = findExtension(extensions, 'server_name');
    if (sni) ensure(sni.hostName === null && this.sni !== null, TlsAlert.illegal_parameter, 'EncryptedExtensions server_name must be empty and answer our SNI');
    const alpn = findExtension(extensions, 'alpn');
    ensure(alpn !== undefined, TlsAlert.no_application_protocol, 'server selected no application protocol (RFC 9001 §8.1)');
    ensure(alpn.protocols.length === 1 && this.alpn.includes(alpn.protocols[0]!), TlsAlert.illegal_parameter, 'server selected an ALPN protocol we did not offer (RFC 7301 §3.2)');
    const params = findExtension(extensions, 'quic_transport_parameters');
    ensure(params !== undefined, TlsAlert.missing_extension, 'server sent no quic_transport_parameters (RFC 9001 §8.2)');
    this.negotiatedAlpn = alpn.protocols[0]!;
    this.peerParams = params.data;
    this.transcript.add(frame.raw);
    this.state = ClientState.WaitCertificateOrRequest;
  }

  private onCertificate(frame: HandshakeFrame, m: Certificate): void {
    // RFC 8446 §4.4.2.4: an empty server Certificate is decode_error.
    ensure(m.entries.length > 0, TlsAlert.decode_error, 'server sent an empty Certificate');
    const { chain, leaf, verification } = checkPeerCertificate(m, { trust: this.config.trust, host: this.config.serverName, timeMs: this.config.validationTimeMs });
    this.peerChain = chain;
    this.peerLeaf = leaf;
    this.verification = verification;
    this.transcript.add(frame.raw);
    this.state = ClientState.WaitCertificateVerify;
  }

  private onFinished(frame: HandshakeFrame, verifyData: Uint8Array): void {
    this.checkPeerFinished(verifyData);
    this.transcript.add(frame.raw);
    this.deriveApplicationSecrets();
    const app = this.appSecrets!;
    this.emitSecret('1rtt', 'read', app.server);
    if (this.certRequest) this.sendClientCertificate(this.certRequest);
    this.send('handshake', { type: 'finished', verifyData: this.finishedData('client') });
    this.emitSecret('1rtt', 'write', app.client);
    const resumption = this.deriveResumptionSecret();
    this.state = ClientState.Connected;
    this.completed = {
      suite: this.negotiatedSuite(),
      group: this.group!,
      helloRetry: this.retried !== null,
      alpn: this.negotiatedAlpn!,
      serverName: this.sni,
      peerTransportParameters: this.peerParams!,
      peerCertificates: this.peerChain,
      peerVerification: this.verification,
      peerSignatureScheme: this.peerScheme,
      exporterMasterSecret: app.exporter,
      resumptionMasterSecret: resumption,
    };
  }

  /** RFC 8446 §4.4.2: our chain and CertificateVerify, or an empty Certificate when we have none the server accepts. */
  private sendClientCertificate(request: { context: Uint8Array; schemes: readonly number[] }): void {
    const identity = this.identity && request.schemes.includes(this.identity.key.scheme) ? this.identity : null;
    const cert = certificateMessage(identity ? identity.chain : []);
    this.send('handshake', { ...cert, certificateRequestContext: request.context });
    if (identity) this.send('handshake', signCertificateVerify(identity.key, 'client', this.transcript.digest(), request.schemes));
  }
}
