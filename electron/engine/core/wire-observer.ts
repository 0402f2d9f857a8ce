/**
 * What watches the plaintext bytes of one connection from one end: an HTTP/1.1 or HTTP/2 decoder.
 */

/** Receives a connection's bytes in both directions, in order, and its end. */
export interface WireObserver {
  /** Bytes this end sent. */
  sent(bytes: Uint8Array): void;
  /** Bytes this end received. */
  received(bytes: Uint8Array): void;
  /** The connection ended. */
  finish(): void;
}
