import { describe, expect, it } from 'vitest';
import v8448 from '../../../../../test-vectors/rfc8448-simple.json';
import v9001 from '../../../../../test-vectors/rfc9001-packets.json';
import { NeedMore, TlsError } from '../errors';
import { findExtension, NamedGroup, TLS13_VERSION } from '../extensions/types';
import { hex, toHexString as h } from '../test-helpers';
import { TlsReader } from '../wire';
import { decodeHandshakeMessage, encodeHandshakeMessageBytes, readHandshakeFrame, type HandshakeMessage } from './handshake';
import { certificateVerifyContent } from './certificate-verify';
import { HELLO_RETRY_REQUEST_RANDOM } from './server-hello';

const m = v8448.messages;
const decode = (hexText: string): HandshakeMessage => decodeHandshakeMessage(new TlsReader(hex(hexText)));

describe('TLS handshake messages (RFC 8448 §3)', () => {
  it('decodes the ClientHello and re-encodes it byte for byte', () => {
    const ch = decode(m.client_hello);
    if (ch.type !== 'client_hello') throw new Error(ch.type);
    expect(ch.legacyVersion).toBe(0x0303);
    expect(h(ch.random)).toBe('cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7');
    expect(ch.legacySessionId.length).toBe(0);
    expect(ch.cipherSuites).toEqual([0x1301, 0x1303, 0x1302]);
    expect(Array.from(ch.legacyCompressionMethods)).toEqual([0]);
    expect(findExtension(ch.extensions, 'server_name')?.hostName).toBe('server');
    expect(findExtension(ch.extensions, 'supported_groups')?.groups).toEqual([0x1d, 0x17, 0x18, 0x19, 0x100, 0x101, 0x102, 0x103, 0x104]);
    const ks = findExtension(ch.extensions, 'key_share');
    expect(ks?.entries.length).toBe(1);
    expect(ks?.entries[0]?.group).toBe(NamedGroup.x25519);
    expect(h(ks!.entries[0]!.keyExchange)).toBe(v8448.client_x25519_public);
    expect(findExtension(ch.extensions, 'supported_versions')?.versions).toEqual([TLS13_VERSION]);
    expect(findExtension(ch.extensions, 'signature_algorithms')?.schemes).toEqual([
      0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202,
    ]);
    // renegotiation_info, session_ticket, psk_key_exchange_modes, record_size_limit stay raw
    expect(ch.extensions.filter((e) => e.kind === 'unknown').map((e) => (e.kind === 'unknown' ? e.code : -1))).toEqual([0xff01, 35, 45, 28]);
    expect(h(encodeHandshakeMessageBytes(ch))).toBe(m.client_hello);
  });

  it('decodes the ServerHello (not a HelloRetryRequest) and re-encodes it', () => {
    const sh = decode(m.server_hello);
    if (sh.type !== 'server_hello') throw new Error(sh.type);
    expect(sh.cipherSuite).toBe(0x1301);
    expect(findExtension(sh.extensions, 'selected_version')?.version).toBe(TLS13_VERSION);
    const ks = findExtension(sh.extensions, 'key_share_server');
    expect(ks?.entry.group).toBe(NamedGroup.x25519);
    expect(h(ks!.entry.keyExchange)).toBe(v8448.server_x25519_public);
    expect(h(encodeHandshakeMessageBytes(sh))).toBe(m.server_hello);
  });

  it('decodes EncryptedExtensions, Certificate, CertificateVerify and Finished and re-encodes them', () => {
    const ee = decode(m.encrypted_extensions);
    if (ee.type !== 'encrypted_extensions') throw new Error(ee.type);
    expect(findExtension(ee.extensions, 'server_name')?.hostName).toBeNull();
    const cert = decode(m.certificate);
    if (cert.type !== 'certificate') throw new Error(cert.type);
    expect(cert.entries.length).toBe(1);
    expect(cert.entries[0]!.certData.length).toBe(432);
    expect(cert.entries[0]!.certData[0]).toBe(0x30);
    const cv = decode(m.certificate_verify);
    if (cv.type !== 'certificate_verify') throw new Error(cv.type);
    expect(cv.algorithm).toBe(0x0804);
    expect(cv.signature.length).toBe(128);
    const fin = decode(m.server_finished);
    if (fin.type !== 'finished') throw new Error(fin.type);
    expect(fin.verifyData.length).toBe(32);
    for (const x of [m.encrypted_extensions, m.certificate, m.certificate_verify, m.server_finished]) expect(h(encodeHandshakeMessageBytes(decode(x)))).toBe(x);
  });

  it('detects a HelloRetryRequest by its random and round-trips it', () => {
    const hrr: HandshakeMessage = {
      type: 'hello_retry_request',
      legacyVersion: 0x0303,
      legacySessionIdEcho: new Uint8Array(0),
      cipherSuite: 0x1301,
      legacyCompressionMethod: 0,
      extensions: [
        { kind: 'selected_version', version: TLS13_VERSION },
        { kind: 'key_share_hrr', selectedGroup: NamedGroup.secp256r1 },
      ],
    };
    const bytes = encodeHandshakeMessageBytes(hrr);
    expect(h(bytes.subarray(6, 38))).toBe(h(HELLO_RETRY_REQUEST_RANDOM));
    expect(decodeHandshakeMessage(new TlsReader(bytes))).toEqual(hrr);
  });

  it('decodes the RFC 9001 A.2 ClientHello with ALPN and quic_transport_parameters', () => {
    const crypto = hex(v9001.a2_client_initial.crypto_frame);
    const ch = decodeHandshakeMessage(new TlsReader(crypto, 4)); // skip CRYPTO type, offset, 2-byte length
    if (ch.type !== 'client_hello') throw new Error(ch.type);
    expect(findExtension(ch.extensions, 'server_name')?.hostName).toBe('example.com');
    expect(findExtension(ch.extensions, 'alpn')?.protocols).toEqual(['alpn']);
    expect(findExtension(ch.extensions, 'quic_transport_parameters')?.data.length).toBe(50);
    expect(h(encodeHandshakeMessageBytes(ch))).toBe(h(crypto.subarray(4)));
  });

  it('says NeedMore for every truncated prefix and consumes nothing', () => {
    const full = hex(m.client_hello);
    for (let n = 0; n < full.length; n++) {
      const r = new TlsReader(full, 0, n);
      expect(() => readHandshakeFrame(r)).toThrow(NeedMore);
      expect(r.offset).toBe(0);
    }
  });

  it('rejects malformed bodies with TlsError, never another exception', () => {
    for (const x of [m.client_hello, m.server_hello, m.encrypted_extensions, m.certificate, m.certificate_verify]) {
      const full = hex(x);
      // every shortened body with a consistent header is complete but malformed
      for (let n = 4; n < full.length; n++) {
        const cut = full.slice(0, n);
        const len = n - 4;
        cut[1] = len >> 16;
        cut[2] = (len >> 8) & 0xff;
        cut[3] = len & 0xff;
        try {
          decodeHandshakeMessage(new TlsReader(cut));
        } catch (e) {
          expect(e).toBeInstanceOf(TlsError);
        }
      }
    }
  });

  it('rejects duplicate extensions with illegal_parameter', () => {
    // EncryptedExtensions with two empty server_name extensions
    const bytes = hex('0800000a 0008 00000000 00000000');
    expect(() => decodeHandshakeMessage(new TlsReader(bytes))).toThrow(expect.objectContaining({ alert: 47 }));
  });

  it('builds the CertificateVerify signed content (RFC 8446 §4.4.3)', () => {
    const c = certificateVerifyContent('server', new Uint8Array(32).fill(1));
    expect(c.length).toBe(64 + 33 + 1 + 32);
    expect(new TextDecoder().decode(c.subarray(64, 97))).toBe('TLS 1.3, server CertificateVerify');
    expect(c[97]).toBe(0);
  });
});
