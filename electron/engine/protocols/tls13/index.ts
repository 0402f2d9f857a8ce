/**
 * TLS 1.3 for QUIC: crypto provider, key schedule, QUIC key derivation, handshake message and extension
 * codecs, certificate validation, and the sans-IO client and server handshake cores (handshake/).
 */
export * from './errors';
export * from './crypto';
export * from './certificates';
export * from './hkdf';
export * from './cipher-suites';
export * from './key-schedule';
export * from './quic-keys';
export * from './wire';
export * from './extensions/types';
export * from './extensions/codec';
export * from './messages/handshake';
export * from './messages/client-hello';
export * from './messages/server-hello';
export * from './messages/encrypted-extensions';
export * from './messages/certificate-request';
export * from './messages/certificate';
export * from './messages/certificate-verify';
export * from './messages/finished';
export * from './handshake/index';
