/**
 * HTTP/3 settings (RFC 9114 §7.2.4.1, RFC 9204 §5): what we advertise and what the peer's SETTINGS frame means.
 * Unknown and reserved (grease) identifiers are ignored (§7.2.4); a duplicate identifier or an HTTP/2-only one
 * is H3_SETTINGS_ERROR (§7.2.4, §7.2.4.1).
 */
import { connectionError, H3ErrorCode } from './errors';
import { H3FrameType, H3SettingId, HTTP2_RESERVED_SETTINGS, reservedCode, settingName, type H3Setting } from './frames';

/** The settings that change how this implementation behaves. */
export interface H3Settings {
  /** SETTINGS_QPACK_MAX_TABLE_CAPACITY (RFC 9204 §5): default 0, no dynamic table. */
  readonly qpackMaxTableCapacity: number;
  /** SETTINGS_QPACK_BLOCKED_STREAMS (RFC 9204 §5): default 0. */
  readonly qpackBlockedStreams: number;
  /** SETTINGS_MAX_FIELD_SECTION_SIZE (RFC 9114 §4.2.2): default unlimited. */
  readonly maxFieldSectionSize: number;
}

/** The values in force before (or without) a SETTINGS frame (§7.2.4.2, RFC 9204 §5). */
export const DEFAULT_H3_SETTINGS: H3Settings = {
  qpackMaxTableCapacity: 0,
  qpackBlockedStreams: 0,
  maxFieldSectionSize: Infinity,
};

/**
 * The list we send: the given settings that differ from the defaults (a grease setting first when `grease` is a
 * number, its value the number; §7.2.4.1 asks endpoints to send reserved identifiers so that peers ignore them).
 */
export function localSettingsList(settings: H3Settings, grease: number | null): H3Setting[] {
  const list: H3Setting[] = [];
  if (grease !== null) list.push({ id: reservedCode(grease % 1000), value: grease });
  if (settings.qpackMaxTableCapacity > 0) list.push({ id: H3SettingId.QPACK_MAX_TABLE_CAPACITY, value: settings.qpackMaxTableCapacity });
  if (Number.isFinite(settings.maxFieldSectionSize)) list.push({ id: H3SettingId.MAX_FIELD_SECTION_SIZE, value: settings.maxFieldSectionSize });
  if (settings.qpackBlockedStreams > 0) list.push({ id: H3SettingId.QPACK_BLOCKED_STREAMS, value: settings.qpackBlockedStreams });
  return list;
}

/** The peer's settings from its SETTINGS frame. Throws H3Error (H3_SETTINGS_ERROR) for a duplicate or HTTP/2 identifier. */
export function peerSettings(list: readonly H3Setting[]): H3Settings {
  const seen = new Set<number>();
  let s: H3Settings = DEFAULT_H3_SETTINGS;
  for (const { id, value } of list) {
    const fail = (why: string) => connectionError(H3ErrorCode.H3_SETTINGS_ERROR, `${settingName(id)}: ${why}`, H3FrameType.SETTINGS);
    // §7.2.4: the same identifier more than once is H3_SETTINGS_ERROR.
    if (seen.has(id)) throw fail('sent more than once in SETTINGS (§7.2.4)');
    seen.add(id);
    // §7.2.4.1: HTTP/2 settings with no HTTP/3 meaning are H3_SETTINGS_ERROR.
    if (HTTP2_RESERVED_SETTINGS.has(id)) throw fail('is an HTTP/2 setting reserved in HTTP/3 (§7.2.4.1)');
    const v = Math.min(value, Number.MAX_SAFE_INTEGER);
    if (id === H3SettingId.QPACK_MAX_TABLE_CAPACITY) s = { ...s, qpackMaxTableCapacity: v };
    else if (id === H3SettingId.QPACK_BLOCKED_STREAMS) s = { ...s, qpackBlockedStreams: v };
    else if (id === H3SettingId.MAX_FIELD_SECTION_SIZE) s = { ...s, maxFieldSectionSize: v };
    // Anything else (grease, extensions we do not implement) is ignored (§7.2.4, §9).
  }
  return s;
}
