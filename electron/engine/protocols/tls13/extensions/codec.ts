/**
 * Extension block codec (RFC 8446 §4.2): Extension extensions<0..2^16-1>, each { ExtensionType; opaque data<0..2^16-1> }.
 * Each extension's data must be consumed exactly; duplicates are illegal_parameter (§4.2).
 */
import { TlsAlert, TlsError } from '../errors';
import { TlsReader, TlsWriter } from '../wire';
import { decodeAlpn, encodeAlpn } from './alpn';
import { decodeClientKeyShares, decodeKeyShareEntry, encodeClientKeyShares, encodeKeyShareEntry } from './key-share';
import { decodeU16List, encodeU16List } from './lists';
import { decodeServerName, encodeServerName } from './server-name';
import { decodeSupportedVersions, encodeSupportedVersions } from './supported-versions';
import { ExtensionType, type Extension, type ExtensionContext } from './types';

function decodeOne(code: number, r: TlsReader, context: ExtensionContext): Extension {
  const hello = context === 'server_hello' || context === 'hello_retry_request';
  switch (code) {
    case ExtensionType.server_name:
      return { kind: 'server_name', hostName: decodeServerName(r) };
    case ExtensionType.supported_groups:
      return { kind: 'supported_groups', groups: decodeU16List(r, 'NamedGroupList') };
    case ExtensionType.signature_algorithms:
      return { kind: 'signature_algorithms', schemes: decodeU16List(r, 'SignatureSchemeList') };
    case ExtensionType.application_layer_protocol_negotiation:
      return { kind: 'alpn', protocols: decodeAlpn(r) };
    case ExtensionType.supported_versions:
      return hello ? { kind: 'selected_version', version: r.u16('selected_version') } : { kind: 'supported_versions', versions: decodeSupportedVersions(r) };
    case ExtensionType.key_share:
      if (context === 'server_hello') return { kind: 'key_share_server', entry: decodeKeyShareEntry(r) };
      if (context === 'hello_retry_request') return { kind: 'key_share_hrr', selectedGroup: r.u16('selected_group') };
      if (context === 'client_hello') return { kind: 'key_share', entries: decodeClientKeyShares(r) };
      break;
    case ExtensionType.quic_transport_parameters:
      return { kind: 'quic_transport_parameters', data: r.fixed(r.remaining) };
  }
  return { kind: 'unknown', code, data: r.fixed(r.remaining) };
}

/** Decodes an extension block (with its 2-byte length) in the given message context. */
export function decodeExtensions(r: TlsReader, context: ExtensionContext): Extension[] {
  const block = r.subVector(2, 'extensions');
  const seen = new Set<number>();
  const out: Extension[] = [];
  while (block.remaining > 0) {
    const code = block.u16('ExtensionType');
    const data = block.subVector(2, 'extension_data');
    if (seen.has(code)) throw new TlsError(TlsAlert.illegal_parameter, `duplicate extension ${code}`);
    seen.add(code);
    const ext = decodeOne(code, data, context);
    data.expectEnd(`extension ${code}`);
    out.push(ext);
  }
  return out;
}

/** The wire code of an extension. */
export function extensionCode(ext: Extension): number {
  switch (ext.kind) {
    case 'server_name':
      return ExtensionType.server_name;
    case 'supported_groups':
      return ExtensionType.supported_groups;
    case 'signature_algorithms':
      return ExtensionType.signature_algorithms;
    case 'alpn':
      return ExtensionType.application_layer_protocol_negotiation;
    case 'supported_versions':
    case 'selected_version':
      return ExtensionType.supported_versions;
    case 'key_share':
    case 'key_share_server':
    case 'key_share_hrr':
      return ExtensionType.key_share;
    case 'quic_transport_parameters':
      return ExtensionType.quic_transport_parameters;
    case 'unknown':
      return ext.code;
  }
}

function encodeData(w: TlsWriter, ext: Extension): void {
  switch (ext.kind) {
    case 'server_name':
      return encodeServerName(w, ext.hostName);
    case 'supported_groups':
      return encodeU16List(w, ext.groups);
    case 'signature_algorithms':
      return encodeU16List(w, ext.schemes);
    case 'alpn':
      return encodeAlpn(w, ext.protocols);
    case 'supported_versions':
      return encodeSupportedVersions(w, ext.versions);
    case 'selected_version':
      w.u16(ext.version);
      return;
    case 'key_share':
      return encodeClientKeyShares(w, ext.entries);
    case 'key_share_server':
      return encodeKeyShareEntry(w, ext.entry);
    case 'key_share_hrr':
      w.u16(ext.selectedGroup);
      return;
    case 'quic_transport_parameters':
    case 'unknown':
      w.bytes(ext.data);
      return;
  }
}

/** Encodes an extension block (with its 2-byte length), in list order. */
export function encodeExtensions(w: TlsWriter, extensions: readonly Extension[]): void {
  w.vector(2, (block) => {
    for (const ext of extensions) block.u16(extensionCode(ext)).vector(2, (d) => encodeData(d, ext));
  });
}
