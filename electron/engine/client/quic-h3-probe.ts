/**
 * TEMPORARY — the smallest HTTP/3 a QUIC lesson needs to have something to carry, until the HTTP/3 layer
 * (protocols/http3) lands and the raw client speaks it properly.
 *
 * A control stream preamble (stream type 0x00 and an empty SETTINGS frame, RFC 9114 §6.2.1, §7.2.4) and one GET
 * request as a HEADERS frame whose QPACK field section uses only the static table and literals (RFC 9204 §4.5:
 * Required Insert Count 0, so no encoder or decoder stream is needed).
 */
import { Writer } from '../protocols/quic/wire/writer';

/** The control stream's first bytes: stream type 0x00, SETTINGS (0x04) with no settings. */
export function controlStreamPreamble(): Uint8Array {
  return Uint8Array.of(0x00, 0x04, 0x00);
}

/** QPACK static table indexes (RFC 9204 Appendix A) this encoder uses. */
const STATIC = { authority: 0, pathRoot: 1, methodGet: 17, schemeHttps: 23, userAgent: 95 } as const;

/** A prefixed integer (RFC 7541 §5.1, used by RFC 9204 §4.1.1): `flags` are the bits above the N-bit prefix. */
function prefixedInt(out: number[], flags: number, prefixBits: number, value: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(flags | value);
    return;
  }
  out.push(flags | max);
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

/** A literal field line with a static name reference (RFC 9204 §4.5.4): 01NT index(4+), then the value, not Huffman-coded. */
function literalWithStaticName(out: number[], index: number, value: string): void {
  prefixedInt(out, 0x50, 4, index);
  const bytes = new TextEncoder().encode(value);
  prefixedInt(out, 0x00, 7, bytes.length);
  out.push(...bytes);
}

/** The HEADERS frame (RFC 9114 §7.2.2) of `GET https://authority/path`. */
export function getRequestHeaders(authority: string, path = '/', userAgent = 'Framescope'): Uint8Array {
  const section: number[] = [0x00, 0x00]; // Required Insert Count 0, Delta Base 0 (RFC 9204 §4.5.1)
  prefixedInt(section, 0xc0, 6, STATIC.methodGet); // indexed field line, static (§4.5.2)
  prefixedInt(section, 0xc0, 6, STATIC.schemeHttps);
  if (path === '/') prefixedInt(section, 0xc0, 6, STATIC.pathRoot);
  else literalWithStaticName(section, STATIC.pathRoot, path);
  literalWithStaticName(section, STATIC.authority, authority);
  literalWithStaticName(section, STATIC.userAgent, userAgent);
  const w = new Writer(section.length + 16);
  w.varint(0x01).varint(section.length).bytes(Uint8Array.from(section));
  return w.finish();
}

/** The type of the first HTTP/3 frame in `bytes` (RFC 9114 §7.1), or null when there is not a whole varint. */
export function firstFrameType(bytes: Uint8Array): number | null {
  if (bytes.length === 0) return null;
  const len = 1 << (bytes[0]! >> 6);
  if (bytes.length < len) return null;
  let v = bytes[0]! & 0x3f;
  for (let i = 1; i < len; i++) v = v * 256 + bytes[i]!;
  return v;
}
