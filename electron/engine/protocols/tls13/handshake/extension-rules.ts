/**
 * Which extensions may appear in which server message (RFC 8446 §4.2 table) and what a client does
 * otherwise: an extension we know that the table does not allow in that message is illegal_parameter;
 * a response to something we never offered is unsupported_extension (§4.2).
 */
import { TlsAlert, TlsError } from '../errors';
import { extensionCode } from '../extensions/codec';
import { ExtensionType as E, type Extension } from '../extensions/types';

const KNOWN_CODES: ReadonlySet<number> = new Set(Object.values(E));

/** The rule for one message: what we accept, and what the RFC table permits there at all. */
export interface ExtensionRule {
  /** The message, for reason texts. */
  readonly what: string;
  /** Codes we accept (offered by us and permitted). */
  readonly accepted: readonly number[];
  /** Codes the RFC 8446 §4.2 table permits in this message. */
  readonly permitted: readonly number[];
}

/** Throws TlsError unless every extension is accepted by the rule. */
export function checkExtensions(extensions: readonly Extension[], rule: ExtensionRule): void {
  for (const ext of extensions) {
    const code = extensionCode(ext);
    if (rule.accepted.includes(code)) continue;
    if (KNOWN_CODES.has(code) && !rule.permitted.includes(code)) throw new TlsError(TlsAlert.illegal_parameter, `extension ${code} is not allowed in ${rule.what}`);
    throw new TlsError(TlsAlert.unsupported_extension, `extension ${code} in ${rule.what} answers nothing we offered`);
  }
}

/** ServerHello when we offered no PSK (RFC 8446 §4.1.3). */
export const SERVER_HELLO_RULE: ExtensionRule = {
  what: 'ServerHello',
  accepted: [E.supported_versions, E.key_share],
  permitted: [E.supported_versions, E.key_share, E.pre_shared_key],
};

/** HelloRetryRequest (RFC 8446 §4.1.4): cookie may come unasked. */
export const HELLO_RETRY_RULE: ExtensionRule = {
  what: 'HelloRetryRequest',
  accepted: [E.supported_versions, E.key_share, E.cookie],
  permitted: [E.supported_versions, E.key_share, E.cookie],
};

/** EncryptedExtensions when we offered no early data (RFC 8446 §4.3.1, RFC 9001 §8.2). */
export const ENCRYPTED_EXTENSIONS_RULE: ExtensionRule = {
  what: 'EncryptedExtensions',
  accepted: [E.server_name, E.supported_groups, E.application_layer_protocol_negotiation, E.quic_transport_parameters],
  permitted: [E.server_name, E.supported_groups, E.application_layer_protocol_negotiation, E.quic_transport_parameters, E.early_data],
};
