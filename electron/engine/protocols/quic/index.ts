/**
 * QUIC v1: wire cursor and varints, packet numbers, frames, packet headers, packet and header protection,
 * Retry and Version Negotiation, transport parameters; the sans-IO connection core (connection/), loss
 * detection and NewReno (recovery/), and streams with flow control (streams/).
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
export * from './connection/config';
export * from './connection/connection';
export * from './connection/events';
export * from './connection/range-set';
export * from './connection/ack-tracker';
export * from './connection/connection-ids';
export * from './connection/key-update';
export * from './recovery/rtt';
export * from './recovery/congestion';
export * from './recovery/pacer';
export * from './recovery/loss-detection';
export * from './streams/stream-id';
export * from './streams/stream';
export * from './streams/send-buffer';
export * from './streams/recv-buffer';
export * from './streams/stream-manager';
