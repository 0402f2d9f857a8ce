/**
 * The server's choices from a ClientHello (RFC 8446 §4.1.1, RFC 9001 §8), as a pure function: cipher
 * suite and group by the server's preference, the key share or a HelloRetryRequest, ALPN, SNI and the
 * client's transport parameters, with the alert for each way a ClientHello can be unacceptable.
 */
import type { CipherSuite } from '../cipher-suites';
import type { EcdheGroup } from '../crypto';
import { TlsAlert } from '../errors';
import { findExtension, TLS13_VERSION, type KeyShareEntry } from '../extensions/types';
import type { ClientHello } from '../messages/client-hello';
import { ensure, groupByCode, groupCode, LEGACY_VERSION } from './common';

/** What the server prefers and can do. */
export interface ServerPreferences {
  /** Suites in preference order. */
  readonly suites: readonly CipherSuite[];
  /** Groups in preference order. */
  readonly groups: readonly EcdheGroup[];
  /** ALPN ids in preference order. */
  readonly alpn: readonly string[];
  /** The signature scheme our certificate key signs with. */
  readonly signatureScheme: number;
}

/** The outcome: proceed with a key share, or ask for another with a HelloRetryRequest. */
export type Negotiation =
  | {
      readonly kind: 'proceed';
      readonly suite: CipherSuite;
      readonly group: EcdheGroup;
      readonly share: KeyShareEntry;
      readonly alpn: string;
      readonly serverName: string | null;
      readonly transportParameters: Uint8Array;
      readonly signatureSchemes: readonly number[];
    }
  | { readonly kind: 'retry'; readonly suite: CipherSuite; readonly group: EcdheGroup };

/** Negotiates from a ClientHello; `retryGroup` is the group a previous HelloRetryRequest asked for. */
export function negotiate(ch: ClientHello, prefs: ServerPreferences, retryGroup: EcdheGroup | null): Negotiation {
  const versions = findExtension(ch.extensions, 'supported_versions');
  // RFC 8446 §4.2.1: without supported_versions (or without 0x0304 in it) this is not TLS 1.3.
  ensure(versions !== undefined && versions.versions.includes(TLS13_VERSION), TlsAlert.protocol_version, 'client does not offer TLS 1.3');
  ensure(ch.legacyVersion === LEGACY_VERSION, TlsAlert.protocol_version, 'ClientHello legacy_version is not 0x0303');
  ensure(ch.legacyCompressionMethods.length === 1 && ch.legacyCompressionMethods[0] === 0, TlsAlert.illegal_parameter, 'legacy_compression_methods must be exactly [null] (RFC 8446 §4.1.2)');
  // RFC 9001 §8.4 calls this a PROTOCOL_VIOLATION; here it is the TLS alert closest to it.
  ensure(ch.legacySessionId.length === 0, TlsAlert.illegal_parameter, 'non-empty legacy_session_id in QUIC (RFC 9001 §8.4)');

  const params = findExtension(ch.extensions, 'quic_transport_parameters');
  ensure(params !== undefined, TlsAlert.missing_extension, 'ClientHello without quic_transport_parameters (RFC 9001 §8.2)');
  const offeredAlpn = findExtension(ch.extensions, 'alpn')?.protocols ?? [];
  const alpn = prefs.alpn.find((p) => offeredAlpn.includes(p));
  ensure(alpn !== undefined, TlsAlert.no_application_protocol, `no common application protocol (client offers ${offeredAlpn.join(', ') || 'none'}; RFC 9001 §8.1)`);

  const suite = prefs.suites.find((s) => ch.cipherSuites.includes(s.id));
  ensure(suite !== undefined, TlsAlert.handshake_failure, 'no common cipher suite');
  const schemes = findExtension(ch.extensions, 'signature_algorithms');
  ensure(schemes !== undefined, TlsAlert.missing_extension, 'ClientHello without signature_algorithms (RFC 8446 §9.2)');
  ensure(schemes.schemes.includes(prefs.signatureScheme), TlsAlert.handshake_failure, 'client does not accept our certificate signature scheme');

  const groups = findExtension(ch.extensions, 'supported_groups');
  const shares = findExtension(ch.extensions, 'key_share');
  // RFC 8446 §9.2: supported_groups and key_share come together.
  ensure(groups !== undefined && shares !== undefined, TlsAlert.missing_extension, 'ClientHello needs both supported_groups and key_share (RFC 8446 §9.2)');
  const seen = new Set<number>();
  for (const e of shares.entries) {
    // RFC 8446 §4.2.8: one share per group, only for groups in supported_groups.
    ensure(!seen.has(e.group), TlsAlert.illegal_parameter, `two key shares for group 0x${e.group.toString(16)}`);
    ensure(groups.groups.includes(e.group), TlsAlert.illegal_parameter, `key share for group 0x${e.group.toString(16)} not in supported_groups`);
    seen.add(e.group);
  }
  const group = retryGroup ?? prefs.groups.find((g) => groups.groups.includes(groupCode(g)));
  ensure(group !== undefined, TlsAlert.handshake_failure, 'no common ECDHE group');
  const share = shares.entries.find((e) => groupByCode(e.group) === group);
  if (!share) {
    // RFC 8446 §4.1.4: after a HelloRetryRequest the ClientHello must carry the share asked for.
    ensure(retryGroup === null, TlsAlert.illegal_parameter, 'second ClientHello lacks the key share the HelloRetryRequest asked for');
    return { kind: 'retry', suite, group };
  }
  if (retryGroup !== null) ensure(shares.entries.length === 1, TlsAlert.illegal_parameter, 'second ClientHello must carry exactly the requested key share (RFC 8446 §4.1.2)');
  const serverName = findExtension(ch.extensions, 'server_name')?.hostName ?? null;
  return { kind: 'proceed', suite, group, share, alpn, serverName, transportParameters: params.data, signatureSchemes: schemes.schemes };
}
