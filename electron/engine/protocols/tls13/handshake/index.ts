/** The TLS 1.3 handshake for QUIC (RFC 8446, RFC 9001 §4): client and server cores and their types. */
export * from './types';
export { TlsClientHandshake, ClientState } from './client';
export { TlsServerHandshake, ServerState } from './server';
export { MAX_HANDSHAKE_MESSAGE } from './core';
export type { HandshakeCore } from './core';
