/** Small shared pieces of the handshake cores: group code points, defaults and hello field checks. */
import { SUPPORTED_CIPHER_SUITES, type CipherSuite } from '../cipher-suites';
import type { EcdheGroup } from '../crypto';
import { TlsError, UsageError } from '../errors';
import { NamedGroup } from '../extensions/types';

/** legacy_version of every TLS 1.3 hello (RFC 8446 §4.1.2). */
export const LEGACY_VERSION = 0x0303;

/** Groups we support, in default preference order. */
export const DEFAULT_GROUPS: readonly EcdheGroup[] = ['x25519', 'secp256r1'];

/** NamedGroup code point of a group (RFC 8446 §4.2.7). */
export function groupCode(group: EcdheGroup): number {
  return group === 'x25519' ? NamedGroup.x25519 : NamedGroup.secp256r1;
}

/** The group of a NamedGroup code point, if we support it. */
export function groupByCode(code: number): EcdheGroup | undefined {
  return code === NamedGroup.x25519 ? 'x25519' : code === NamedGroup.secp256r1 ? 'secp256r1' : undefined;
}

/** Validates a configured suite list (AES-GCM suites only). */
export function configuredSuites(suites: readonly CipherSuite[] | undefined): readonly CipherSuite[] {
  const list = suites ?? SUPPORTED_CIPHER_SUITES;
  if (list.length === 0 || list.some((s) => !SUPPORTED_CIPHER_SUITES.includes(s))) throw new UsageError('cipher suites must be a non-empty list of supported AES-GCM suites');
  return list;
}

/** Validates a configured group list. */
export function configuredGroups(groups: readonly EcdheGroup[] | undefined): readonly EcdheGroup[] {
  const list = groups ?? DEFAULT_GROUPS;
  if (list.length === 0) throw new UsageError('at least one ECDHE group is needed');
  return list;
}

/** Validates a configured ALPN list (RFC 9001 §8.1: QUIC needs one). */
export function configuredAlpn(alpn: readonly string[]): readonly string[] {
  if (alpn.length === 0) throw new UsageError('QUIC requires at least one ALPN protocol (RFC 9001 §8.1)');
  return alpn;
}

/** Throws `alert` with `reason` unless `ok`. */
export function ensure(ok: boolean, alert: number, reason: string): asserts ok {
  if (!ok) throw new TlsError(alert, reason);
}
