/** The client connection preface (RFC 9113 §3.4). */

/** "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n": 24 octets the client sends first, before its SETTINGS frame (§3.4). */
export const CLIENT_PREFACE: Uint8Array = new Uint8Array([...'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'].map((c) => c.charCodeAt(0)));

/**
 * Compares the start of `bytes` with the preface: 'match' when all 24 octets are there, 'partial' when what is
 * there so far matches, 'mismatch' otherwise (§3.4: a server treats that as a connection error PROTOCOL_ERROR).
 */
export function matchPreface(bytes: Uint8Array): 'match' | 'partial' | 'mismatch' {
  const n = Math.min(bytes.length, CLIENT_PREFACE.length);
  for (let i = 0; i < n; i++) if (bytes[i] !== CLIENT_PREFACE[i]) return 'mismatch';
  return n === CLIENT_PREFACE.length ? 'match' : 'partial';
}
