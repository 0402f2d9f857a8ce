/**
 * QUIC v1, foundation layer: wire cursor and varints, packet numbers, frames, packet headers,
 * packet and header protection, Retry and Version Negotiation, transport parameters. The connection
 * state machine builds on these.
 */
export * from './wire/errors';
export * from './wire/varint';
export * from './wire/reader';
export * from './wire/writer';
export * from './wire/result';
export * from './wire/packet-number';
export * from './frames/types';
export * from './frames/codec';
export * from './frames/permissions';
export * from './packet/types';
export * from './packet/header';
export * from './packet/coalesced';
export * from './packet/protection';
export * from './packet/retry';
export * from './packet/version-negotiation';
export * from './transport-parameters';
