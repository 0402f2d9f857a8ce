/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1) and traffic key calculation (§7.3), as pure functions.
 *
 * ```
 *              0
 *              |
 *    PSK ->  HKDF-Extract = Early Secret
 *              +-----> Derive-Secret(., "c e traffic", ClientHello) = client_early_traffic_secret
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *   0 -> HKDF-Extract = Master Secret
 *              +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
 *              +-----> Derive-Secret(., "res master", ClientHello...client Finished)
 * ```
 * Transcript hashes are passed in (see crypto.createTranscriptHash), so this module holds no state.
 */
import { hash, hashLength, hmac, type HashAlgorithm } from './crypto';
import { deriveSecret, hkdfExpandLabel, hkdfExtract } from './hkdf';
import type { CipherSuite } from './cipher-suites';

/** Transcript-Hash of no messages: Hash(""), the context of the "derived" steps (§7.1). */
export function emptyTranscriptHash(alg: HashAlgorithm): Uint8Array {
  return hash(alg);
}

/** Early Secret = HKDF-Extract(0, PSK), with PSK = HashLen zeros when there is none (§7.1). */
export function computeEarlySecret(alg: HashAlgorithm, psk?: Uint8Array): Uint8Array {
  return hkdfExtract(alg, new Uint8Array(hashLength(alg)), psk ?? new Uint8Array(hashLength(alg)));
}

/** Handshake Secret = HKDF-Extract(Derive-Secret(early, "derived", ""), (EC)DHE shared secret) (§7.1). */
export function computeHandshakeSecret(alg: HashAlgorithm, earlySecret: Uint8Array, sharedSecret: Uint8Array): Uint8Array {
  return hkdfExtract(alg, deriveSecret(alg, earlySecret, 'derived', emptyTranscriptHash(alg)), sharedSecret);
}

/** Master Secret = HKDF-Extract(Derive-Secret(handshake, "derived", ""), 0) (§7.1). */
export function computeMasterSecret(alg: HashAlgorithm, handshakeSecret: Uint8Array): Uint8Array {
  return hkdfExtract(alg, deriveSecret(alg, handshakeSecret, 'derived', emptyTranscriptHash(alg)), new Uint8Array(hashLength(alg)));
}

/** A pair of traffic secrets, one per direction. */
export interface TrafficSecrets {
  /** Protects what the client sends. */
  readonly client: Uint8Array;
  /** Protects what the server sends. */
  readonly server: Uint8Array;
}

/** client_early_traffic_secret = Derive-Secret(early, "c e traffic", ClientHello) (§7.1): QUIC 0-RTT keys. */
export function clientEarlyTrafficSecret(alg: HashAlgorithm, earlySecret: Uint8Array, transcriptHashClientHello: Uint8Array): Uint8Array {
  return deriveSecret(alg, earlySecret, 'c e traffic', transcriptHashClientHello);
}

/** The handshake traffic secrets, from Transcript-Hash(ClientHello...ServerHello) (§7.1). */
export function handshakeTrafficSecrets(alg: HashAlgorithm, handshakeSecret: Uint8Array, transcriptHashThroughServerHello: Uint8Array): TrafficSecrets {
  return {
    client: deriveSecret(alg, handshakeSecret, 'c hs traffic', transcriptHashThroughServerHello),
    server: deriveSecret(alg, handshakeSecret, 's hs traffic', transcriptHashThroughServerHello),
  };
}

/** The first application traffic secrets and the exporter master secret, from Transcript-Hash(ClientHello...server Finished) (§7.1). */
export function applicationTrafficSecrets(
  alg: HashAlgorithm,
  masterSecret: Uint8Array,
  transcriptHashThroughServerFinished: Uint8Array,
): TrafficSecrets & { readonly exporter: Uint8Array } {
  return {
    client: deriveSecret(alg, masterSecret, 'c ap traffic', transcriptHashThroughServerFinished),
    server: deriveSecret(alg, masterSecret, 's ap traffic', transcriptHashThroughServerFinished),
    exporter: deriveSecret(alg, masterSecret, 'exp master', transcriptHashThroughServerFinished),
  };
}

/** resumption_master_secret = Derive-Secret(master, "res master", ClientHello...client Finished) (§7.1). */
export function resumptionMasterSecret(alg: HashAlgorithm, masterSecret: Uint8Array, transcriptHashThroughClientFinished: Uint8Array): Uint8Array {
  return deriveSecret(alg, masterSecret, 'res master', transcriptHashThroughClientFinished);
}

/** application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length) (§7.2; QUIC uses "quic ku" instead). */
export function nextTlsTrafficSecret(alg: HashAlgorithm, secret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(alg, secret, 'traffic upd', new Uint8Array(0), hashLength(alg));
}

/** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (§4.4.4). */
export function finishedKey(alg: HashAlgorithm, baseKey: Uint8Array): Uint8Array {
  return hkdfExpandLabel(alg, baseKey, 'finished', new Uint8Array(0), hashLength(alg));
}

/**
 * Finished verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)) (§4.4.4).
 * `baseKey` is the sender's handshake traffic secret.
 */
export function finishedVerifyData(alg: HashAlgorithm, baseKey: Uint8Array, transcriptHash: Uint8Array): Uint8Array {
  return hmac(alg, finishedKey(alg, baseKey), transcriptHash);
}

/** A TLS record protection key and IV (§7.3). */
export interface TrafficKeys {
  /** AEAD key. */
  readonly key: Uint8Array;
  /** AEAD IV (XORed with the sequence number to form the nonce, §5.3). */
  readonly iv: Uint8Array;
}

/** [sender]_write_key / _iv = HKDF-Expand-Label(Secret, "key" / "iv", "", length) (§7.3). */
export function trafficKeys(suite: CipherSuite, secret: Uint8Array): TrafficKeys {
  return {
    key: hkdfExpandLabel(suite.hash, secret, 'key', new Uint8Array(0), suite.keyLength),
    iv: hkdfExpandLabel(suite.hash, secret, 'iv', new Uint8Array(0), suite.ivLength),
  };
}
