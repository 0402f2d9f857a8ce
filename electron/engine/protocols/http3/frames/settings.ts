/**
 * SETTINGS frames (RFC 9114 §7.2.4), type 0x04, first on each control stream and only once: identifier/value
 * varint pairs. Also the setting identifiers (§7.2.4.1, §11.2.2, RFC 9204 §5) and their names.
 */
import type { Writer } from '../../quic';
import type { PayloadCursor } from './payload';
import { isReservedCode, type H3Setting, type SettingsFrame } from './types';

/** Setting identifiers (RFC 9114 §7.2.4.1, RFC 9204 §5, RFC 9220 §3, RFC 9297 §2.1.1). */
export const H3SettingId = {
  QPACK_MAX_TABLE_CAPACITY: 0x01,
  MAX_FIELD_SECTION_SIZE: 0x06,
  QPACK_BLOCKED_STREAMS: 0x07,
  ENABLE_CONNECT_PROTOCOL: 0x08,
  H3_DATAGRAM: 0x33,
} as const;

/** HTTP/2 settings with no HTTP/3 counterpart (§7.2.4.1, §11.2.2): receiving one is H3_SETTINGS_ERROR. */
export const HTTP2_RESERVED_SETTINGS: ReadonlyMap<number, string> = new Map([
  [0x02, 'ENABLE_PUSH'],
  [0x03, 'MAX_CONCURRENT_STREAMS'],
  [0x04, 'INITIAL_WINDOW_SIZE'],
  [0x05, 'MAX_FRAME_SIZE'],
]);

/** "QPACK_MAX_TABLE_CAPACITY" for 1; "reserved(0x21)" for grease; "http2 MAX_FRAME_SIZE(0x5)"; else hex. */
export function settingName(id: number): string {
  for (const [name, value] of Object.entries(H3SettingId)) if (value === id) return name;
  const h2 = HTTP2_RESERVED_SETTINGS.get(id);
  if (h2) return `http2 ${h2}(0x${id.toString(16)})`;
  if (isReservedCode(id)) return `reserved(0x${id.toString(16)})`;
  return `0x${id.toString(16)}`;
}

/** Decodes a SETTINGS payload: pairs until the end (a pair cut short is H3_FRAME_ERROR). */
export function decodeSettingsPayload(c: PayloadCursor): SettingsFrame {
  const settings: H3Setting[] = [];
  while (!c.atEnd) {
    const i = settings.length;
    const id = c.varint(`settings.${i}.id`);
    const value = c.varint(`settings.${i}.value`);
    settings.push({ id, value });
  }
  return { type: 'SETTINGS', settings };
}

/** Writes a SETTINGS payload. */
export function encodeSettingsPayload(w: Writer, f: SettingsFrame): void {
  for (const s of f.settings) w.varint(s.id).varint(s.value);
}
