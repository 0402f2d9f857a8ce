/**
 * Handshake message framing and dispatch (RFC 8446 §4): msg_type (1 byte), length (uint24), body.
 * Over QUIC these messages are carried in CRYPTO frames (RFC 9001 §4): `readHandshakeFrame` says
 * NeedMore until a whole message is buffered; a complete but invalid body is TlsError.
 */
import { NeedMore } from '../errors';
import { TlsReader, TlsWriter } from '../wire';
import { decodeCertificate, encodeCertificate, type Certificate } from './certificate';
import { decodeCertificateRequest, encodeCertificateRequest, type CertificateRequest } from './certificate-request';
import { decodeCertificateVerify, encodeCertificateVerify, type CertificateVerify } from './certificate-verify';
import { decodeClientHello, encodeClientHello, type ClientHello } from './client-hello';
import { decodeEncryptedExtensions, encodeEncryptedExtensions, type EncryptedExtensions } from './encrypted-extensions';
import { decodeFinished, encodeFinished, type Finished } from './finished';
import { decodeServerHello, encodeServerHello, type HelloRetryRequest, type ServerHello } from './server-hello';

/** HandshakeType code points (RFC 8446 §4). */
export const HandshakeType = {
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_request: 13,
  certificate_verify: 15,
  finished: 20,
  key_update: 24,
  message_hash: 254,
} as const;

/** A handshake message we do not decode (NewSessionTicket, KeyUpdate, ...), kept raw. */
export interface OtherHandshakeMessage {
  /** Discriminant. */
  readonly type: 'other';
  /** The HandshakeType byte. */
  readonly msgType: number;
  /** The raw body. */
  readonly body: Uint8Array;
}

/** Every handshake message, discriminated on `type`. */
export type HandshakeMessage =
  | ClientHello
  | ServerHello
  | HelloRetryRequest
  | EncryptedExtensions
  | CertificateRequest
  | Certificate
  | CertificateVerify
  | Finished
  | OtherHandshakeMessage;

/** One framed handshake message as it appeared on the wire. */
export interface HandshakeFrame {
  /** The HandshakeType byte. */
  readonly msgType: number;
  /** The body (a copy). */
  readonly body: Uint8Array;
  /** Header and body, exactly as received: what goes into the transcript hash. */
  readonly raw: Uint8Array;
}

/** Reads one framed handshake message; throws NeedMore (consuming nothing) until it is complete. */
export function readHandshakeFrame(r: TlsReader): HandshakeFrame {
  if (r.remaining < 4) throw new NeedMore(4 - r.remaining, 'handshake header');
  const start = r.offset;
  const length = (r.bytes[start + 1]! << 16) | (r.bytes[start + 2]! << 8) | r.bytes[start + 3]!;
  if (r.remaining < 4 + length) throw new NeedMore(4 + length - r.remaining, 'handshake message');
  const msgType = r.u8();
  r.u24();
  const body = r.fixed(length);
  return { msgType, body, raw: r.bytes.slice(start, start + 4 + length) };
}

/** Decodes a complete handshake body of the given type. */
export function decodeHandshakeBody(msgType: number, body: Uint8Array): HandshakeMessage {
  const r = new TlsReader(body);
  switch (msgType) {
    case HandshakeType.client_hello:
      return decodeClientHello(r);
    case HandshakeType.server_hello:
      return decodeServerHello(r);
    case HandshakeType.encrypted_extensions:
      return decodeEncryptedExtensions(r);
    case HandshakeType.certificate_request:
      return decodeCertificateRequest(r);
    case HandshakeType.certificate:
      return decodeCertificate(r);
    case HandshakeType.certificate_verify:
      return decodeCertificateVerify(r);
    case HandshakeType.finished:
      return decodeFinished(r);
    default:
      return { type: 'other', msgType, body: body.slice() };
  }
}

/** Reads and decodes one handshake message (NeedMore while incomplete, TlsError when malformed). */
export function decodeHandshakeMessage(r: TlsReader): HandshakeMessage {
  const frame = readHandshakeFrame(r);
  return decodeHandshakeBody(frame.msgType, frame.body);
}

/** The HandshakeType byte of a message. */
export function handshakeMsgType(m: HandshakeMessage): number {
  switch (m.type) {
    case 'client_hello':
      return HandshakeType.client_hello;
    case 'server_hello':
    case 'hello_retry_request':
      return HandshakeType.server_hello;
    case 'encrypted_extensions':
      return HandshakeType.encrypted_extensions;
    case 'certificate_request':
      return HandshakeType.certificate_request;
    case 'certificate':
      return HandshakeType.certificate;
    case 'certificate_verify':
      return HandshakeType.certificate_verify;
    case 'finished':
      return HandshakeType.finished;
    case 'other':
      return m.msgType;
  }
}

/** Encodes a handshake message with its 4-byte header. */
export function encodeHandshakeMessage(w: TlsWriter, m: HandshakeMessage): void {
  w.u8(handshakeMsgType(m));
  w.vector(3, (b) => {
    switch (m.type) {
      case 'client_hello':
        return encodeClientHello(b, m);
      case 'server_hello':
      case 'hello_retry_request':
        return encodeServerHello(b, m);
      case 'encrypted_extensions':
        return encodeEncryptedExtensions(b, m);
      case 'certificate_request':
        return encodeCertificateRequest(b, m);
      case 'certificate':
        return encodeCertificate(b, m);
      case 'certificate_verify':
        return encodeCertificateVerify(b, m);
      case 'finished':
        return encodeFinished(b, m);
      case 'other':
        b.bytes(m.body);
        return;
    }
  });
}

/** Encodes one handshake message to fresh bytes. */
export function encodeHandshakeMessageBytes(m: HandshakeMessage): Uint8Array {
  const w = new TlsWriter();
  encodeHandshakeMessage(w, m);
  return w.finish();
}
