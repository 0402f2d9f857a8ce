/**
 * TLS 1.3 extensions (RFC 8446 §4.2) as a readonly discriminated union. The same wire extension has a
 * different shape in different messages (key_share in ClientHello, ServerHello and HelloRetryRequest,
 * §4.2.8), so each shape is its own `kind`; extensions we do not interpret stay `unknown` with raw bytes,
 * which keeps decode -> encode byte-exact.
 */

/** Extension code points (RFC 8446 §4.2, RFC 6066, RFC 7301, RFC 9001 §8.2). */
export const ExtensionType = {
  server_name: 0,
  supported_groups: 10,
  signature_algorithms: 13,
  application_layer_protocol_negotiation: 16,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  key_share: 51,
  quic_transport_parameters: 57,
} as const;

/** Named groups (RFC 8446 §4.2.7) we use. */
export const NamedGroup = { secp256r1: 0x0017, secp384r1: 0x0018, x25519: 0x001d } as const;

/** Signature schemes (RFC 8446 §4.2.3) commonly seen. */
export const SignatureScheme = {
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
  rsa_pss_rsae_sha512: 0x0806,
  ed25519: 0x0807,
  rsa_pkcs1_sha256: 0x0401,
} as const;

/** TLS 1.3 in supported_versions (RFC 8446 §4.2.1). */
export const TLS13_VERSION = 0x0304;

/** The message an extension block belongs to; decides how each extension is parsed (RFC 8446 §4.2 table). */
export type ExtensionContext = 'client_hello' | 'server_hello' | 'hello_retry_request' | 'encrypted_extensions' | 'certificate_request' | 'certificate';

/** A KeyShareEntry (RFC 8446 §4.2.8). */
export interface KeyShareEntry {
  /** NamedGroup. */
  readonly group: number;
  /** key_exchange bytes (x25519: 32 bytes; secp256r1: uncompressed point). */
  readonly keyExchange: Uint8Array;
}

/** One decoded extension. */
export type Extension =
  /** server_name (RFC 6066 §3): a host name in ClientHello; empty (null) in ServerHello/EncryptedExtensions. */
  | { readonly kind: 'server_name'; readonly hostName: string | null }
  /** supported_groups (RFC 8446 §4.2.7). */
  | { readonly kind: 'supported_groups'; readonly groups: readonly number[] }
  /** signature_algorithms (RFC 8446 §4.2.3). */
  | { readonly kind: 'signature_algorithms'; readonly schemes: readonly number[] }
  /** application_layer_protocol_negotiation (RFC 7301 §3.1); exactly one protocol in EncryptedExtensions. */
  | { readonly kind: 'alpn'; readonly protocols: readonly string[] }
  /** supported_versions in ClientHello: versions offered (RFC 8446 §4.2.1). */
  | { readonly kind: 'supported_versions'; readonly versions: readonly number[] }
  /** supported_versions in ServerHello / HelloRetryRequest: the selected version. */
  | { readonly kind: 'selected_version'; readonly version: number }
  /** key_share in ClientHello: the client's shares (RFC 8446 §4.2.8). */
  | { readonly kind: 'key_share'; readonly entries: readonly KeyShareEntry[] }
  /** key_share in ServerHello: the server's share. */
  | { readonly kind: 'key_share_server'; readonly entry: KeyShareEntry }
  /** key_share in HelloRetryRequest: the group the server wants. */
  | { readonly kind: 'key_share_hrr'; readonly selectedGroup: number }
  /** quic_transport_parameters (RFC 9001 §8.2): raw bytes, decoded by quic/transport-parameters. */
  | { readonly kind: 'quic_transport_parameters'; readonly data: Uint8Array }
  /** Any other extension, kept as raw bytes. */
  | { readonly kind: 'unknown'; readonly code: number; readonly data: Uint8Array };

/** The `kind` of an extension. */
export type ExtensionKind = Extension['kind'];

/** The extension of a given kind in a list, if present. */
export function findExtension<K extends ExtensionKind>(extensions: readonly Extension[], kind: K): Extract<Extension, { kind: K }> | undefined {
  return extensions.find((e): e is Extract<Extension, { kind: K }> => e.kind === kind);
}
