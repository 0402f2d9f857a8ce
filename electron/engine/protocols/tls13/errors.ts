/**
 * Error types shared by the TLS 1.3 and QUIC cores (convention 5 of ARCHITECTURE.md):
 * incomplete input (`NeedMore`) is not invalid input (`TlsError` here, `QuicError` in quic/),
 * and API misuse by our own code (`UsageError`) is a third, separate type.
 */

/** Who is at fault: `remote` when the peer sent something invalid, `local` when we failed. */
export type Initiator = 'local' | 'remote';

/**
 * The input ended before a complete structure: not malformed, just incomplete (h2's NeedMore).
 * `needed` is a lower bound on how many more bytes are required, when known (else 1).
 */
export class NeedMore extends Error {
  /** @param needed at least this many more bytes are required  @param what the structure being read */
  constructor(
    readonly needed: number,
    readonly what = 'input',
  ) {
    super(`need ${needed} more byte(s) to read ${what}`);
    this.name = 'NeedMore';
  }
}

/** TLS alert descriptions this code raises (RFC 8446 §6.2). */
export const TlsAlert = {
  unexpected_message: 10,
  bad_record_mac: 20,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  internal_error: 80,
  missing_extension: 109,
  unsupported_extension: 110,
  certificate_required: 116,
  no_application_protocol: 120,
} as const;

/** A TLS alert description number (RFC 8446 §6.2). */
export type TlsAlertCode = (typeof TlsAlert)[keyof typeof TlsAlert];

/**
 * A TLS protocol error: the alert to send (over QUIC it becomes CRYPTO_ERROR 0x100 + alert,
 * RFC 9001 §4.8), a reason for people, and who is at fault.
 */
export class TlsError extends Error {
  /** @param alert the TLS alert description  @param reason a sentence for a person  @param initiator who is at fault */
  constructor(
    readonly alert: number,
    readonly reason: string,
    readonly initiator: Initiator = 'remote',
  ) {
    super(`TLS alert ${alert}: ${reason}`);
    this.name = 'TlsError';
  }
}

/** Our own code called an API wrongly (a bug here, never the peer's fault). */
export class UsageError extends Error {
  /** @param message what was wrong with the call */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
