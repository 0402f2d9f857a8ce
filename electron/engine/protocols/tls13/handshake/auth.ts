/**
 * Certificate authentication in the handshake (RFC 8446 §4.4.2, §4.4.3): our identity (chain + ECDSA
 * P-256 key) as Certificate and CertificateVerify, and the checks on the peer's.
 */
import { validateParsedChain, type CertificateVerification, type ChainValidationOptions } from '../certificates';
import { loadEcdsaP256SigningKey, parseCertificateDer, parseCertificatesPem, type ParsedCertificate, type SigningKey } from '../crypto';
import { TlsAlert, TlsError, UsageError } from '../errors';
import type { Certificate } from '../messages/certificate';
import { certificateVerifyContent, type CertificateVerify } from '../messages/certificate-verify';
import type { TlsIdentity, TlsRole } from './types';

/** Signature schemes we accept from peers and offer in signature_algorithms, in preference order. */
export { VERIFIABLE_SIGNATURE_SCHEMES as ACCEPTED_SIGNATURE_SCHEMES } from '../crypto';

/** An identity ready to use: the chain in DER and the signing key. */
export interface LoadedIdentity {
  /** DER certificates, leaf first. */
  readonly chain: readonly Uint8Array[];
  /** The leaf's private key. */
  readonly key: SigningKey;
}

// One parse per identity object: a server makes a core per connection from the same config.
const loaded = new WeakMap<TlsIdentity, LoadedIdentity>();

/** Loads PEMs (once per identity object); UsageError when the key does not belong to the leaf certificate. */
export function loadIdentity(identity: TlsIdentity): LoadedIdentity {
  const cached = loaded.get(identity);
  if (cached) return cached;
  const certs = parseCertificatesPem(identity.certificateChainPem);
  const key = loadEcdsaP256SigningKey(identity.privateKeyPem);
  const leafSpki = certs[0]!.publicKeySpki;
  if (leafSpki.length !== key.publicKeySpki.length || !leafSpki.every((b, i) => b === key.publicKeySpki[i])) {
    throw new UsageError('the private key does not match the leaf certificate');
  }
  const result = { chain: certs.map((c) => c.der), key };
  loaded.set(identity, result);
  return result;
}

/** The Certificate message for our chain (an empty context in the handshake, §4.4.2). */
export function certificateMessage(chain: readonly Uint8Array[]): Certificate {
  return { type: 'certificate', certificateRequestContext: new Uint8Array(0), entries: chain.map((certData) => ({ certData, extensions: [] })) };
}

/**
 * Our CertificateVerify over Transcript-Hash(... Certificate) (§4.4.3). The peer must have offered our
 * scheme in signature_algorithms; otherwise handshake_failure (nothing we could sign with, §4.4.2.2).
 */
export function signCertificateVerify(key: SigningKey, signer: TlsRole, transcriptHash: Uint8Array, peerSchemes: readonly number[]): CertificateVerify {
  if (!peerSchemes.includes(key.scheme)) throw new TlsError(TlsAlert.handshake_failure, `peer does not accept signature scheme 0x${key.scheme.toString(16)}`);
  return { type: 'certificate_verify', algorithm: key.scheme, signature: key.sign(certificateVerifyContent(signer, transcriptHash)) };
}

/** A peer's certificate chain as received and as judged. */
export interface PeerCertificates {
  /** DER, leaf first. */
  readonly chain: Uint8Array[];
  /** The parsed leaf (its key checks CertificateVerify), or null for an empty list. */
  readonly leaf: ParsedCertificate | null;
  /** The validation outcome, or null for an empty list. */
  readonly verification: CertificateVerification | null;
}

/**
 * Checks a peer's Certificate message: empty context (§4.4.2), and for a non-empty list validates the chain
 * against the trust choice.
 */
export function checkPeerCertificate(m: Certificate, opts: ChainValidationOptions): PeerCertificates {
  if (m.certificateRequestContext.length !== 0) throw new TlsError(TlsAlert.illegal_parameter, 'certificate_request_context must be empty in the handshake');
  const chain = m.entries.map((e) => e.certData);
  if (chain.length === 0) return { chain, leaf: null, verification: null };
  const parsed = chain.map((d) => parseCertificateDer(d));
  return { chain, leaf: parsed[0]!, verification: validateParsedChain(parsed, opts) };
}

/**
 * Checks a peer's CertificateVerify (§4.4.3): the scheme must be one we offered (illegal_parameter) and the
 * signature must verify with the leaf's key over the transcript up to the Certificate (decrypt_error).
 */
export function checkPeerCertificateVerify(m: CertificateVerify, leaf: ParsedCertificate, signer: TlsRole, transcriptHash: Uint8Array, offered: readonly number[]): void {
  if (!offered.includes(m.algorithm)) throw new TlsError(TlsAlert.illegal_parameter, `signature scheme 0x${m.algorithm.toString(16)} was not offered`);
  if (!leaf.verifySignature(m.algorithm, certificateVerifyContent(signer, transcriptHash), m.signature)) {
    throw new TlsError(TlsAlert.decrypt_error, `${signer} CertificateVerify signature does not verify`);
  }
}
