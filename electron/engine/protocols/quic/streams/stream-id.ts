/**
 * Stream identifiers (RFC 9000 §2.1): the low two bits say who opened the stream and whether it is
 * bidirectional. 0x0 client-initiated bidi, 0x1 server-initiated bidi, 0x2 client uni, 0x3 server uni.
 */

/** Which end. */
export type Role = 'client' | 'server';

/** True when the stream was opened by the client. */
export function isClientInitiated(id: number): boolean {
  return (id & 0x1) === 0;
}

/** True for a bidirectional stream. */
export function isBidirectional(id: number): boolean {
  return (id & 0x2) === 0;
}

/** True when `role` opened the stream. */
export function isInitiatedBy(id: number, role: Role): boolean {
  return isClientInitiated(id) === (role === 'client');
}

/** The id of the `index`-th (from 0) stream of a type. */
export function streamIdOf(index: number, initiator: Role, bidi: boolean): number {
  return index * 4 + (initiator === 'client' ? 0 : 1) + (bidi ? 0 : 2);
}

/** The index (from 0) of a stream within its type. */
export function streamIndex(id: number): number {
  return Math.floor(id / 4);
}
