/**
 * Tells an HTTP/2-with-prior-knowledge (h2c) connection from an HTTP/1.1 one on a cleartext port by its first
 * bytes: h2c starts with the 24-byte client connection preface "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
 * (RFC 9113 §3.3, §3.4). The bytes read are put back on the socket, so whoever reads next sees them all.
 */
import type { Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** Decides from the bytes so far: 'h2' (whole preface), 'h1' (a byte differs), or undefined (need more). */
export function classifyPreface(bytes: Uint8Array): 'h1' | 'h2' | undefined {
  const n = Math.min(bytes.length, PREFACE.length);
  for (let i = 0; i < n; i++) if (bytes[i] !== PREFACE[i]) return 'h1';
  return bytes.length >= PREFACE.length ? 'h2' : undefined;
}

/**
 * Reads the socket's first bytes until the protocol is known, then puts them back (unshift) and resolves.
 * A socket that ends or errs first resolves as 'h1' (the HTTP/1.1 side reports what it got).
 */
export function sniffPreface(socket: Socket): Promise<'h1' | 'h2'> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const done = (kind: 'h1' | 'h2'): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onEnd);
      socket.pause();
      const seen = Buffer.concat(parts);
      if (seen.length > 0) socket.unshift(seen);
      resolve(kind);
    };
    const onData = (chunk: Buffer): void => {
      parts.push(chunk);
      const kind = classifyPreface(Buffer.concat(parts));
      if (kind) done(kind);
    };
    const onEnd = (): void => done('h1');
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onEnd);
  });
}
