/** SETTINGS frames (RFC 9113 §6.5) and the defined settings with their value rules (§6.5.2). */
import { ErrorCode, type H2Error, connectionError } from '../errors';
import { Flag, type Setting, type SettingsFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, PAYLOAD, checkRange, readU16, readU32, span, writeU16, writeU32 } from './wire';

/** Setting identifiers (RFC 9113 §6.5.2; RFC 8441 §3; RFC 9218 §2.1). */
export const SettingId = {
  HEADER_TABLE_SIZE: 0x1,
  ENABLE_PUSH: 0x2,
  MAX_CONCURRENT_STREAMS: 0x3,
  INITIAL_WINDOW_SIZE: 0x4,
  MAX_FRAME_SIZE: 0x5,
  MAX_HEADER_LIST_SIZE: 0x6,
  ENABLE_CONNECT_PROTOCOL: 0x8,
  NO_RFC7540_PRIORITIES: 0x9,
} as const;

const SETTING_NAMES = new Map<number, string>(Object.entries(SettingId).map(([k, v]) => [v, k]));

/** "INITIAL_WINDOW_SIZE" for 4; unknown ids (ignored on receipt, §6.5.2) as "0x2a". */
export function settingName(id: number): string {
  return SETTING_NAMES.get(id) ?? `0x${id.toString(16)}`;
}

/** Smallest and largest SETTINGS_MAX_FRAME_SIZE (§6.5.2). */
export const MIN_MAX_FRAME_SIZE = 16384;
export const MAX_MAX_FRAME_SIZE = 16777215;

/**
 * Checks one setting's value (§6.5.2): ENABLE_PUSH (and the other booleans) other than 0/1 is PROTOCOL_ERROR,
 * INITIAL_WINDOW_SIZE above 2^31-1 is FLOW_CONTROL_ERROR, MAX_FRAME_SIZE outside 2^14..2^24-1 is PROTOCOL_ERROR.
 */
export function checkSetting(s: Setting): H2Error | null {
  switch (s.id) {
    case SettingId.ENABLE_PUSH:
    case SettingId.ENABLE_CONNECT_PROTOCOL:
    case SettingId.NO_RFC7540_PRIORITIES:
      return s.value > 1 ? connectionError(ErrorCode.PROTOCOL_ERROR, `${settingName(s.id)} must be 0 or 1, got ${s.value}`) : null;
    case SettingId.INITIAL_WINDOW_SIZE:
      return s.value > MAX_31 ? connectionError(ErrorCode.FLOW_CONTROL_ERROR, `INITIAL_WINDOW_SIZE ${s.value} is above 2^31-1`) : null;
    case SettingId.MAX_FRAME_SIZE:
      return s.value < MIN_MAX_FRAME_SIZE || s.value > MAX_MAX_FRAME_SIZE
        ? connectionError(ErrorCode.PROTOCOL_ERROR, `MAX_FRAME_SIZE ${s.value} is outside ${MIN_MAX_FRAME_SIZE}..${MAX_MAX_FRAME_SIZE}`)
        : null;
    default:
      return null;
  }
}

/** Decodes a SETTINGS payload and checks every value (§6.5, §6.5.2). */
export function decodeSettings(ctx: PayloadContext): SettingsFrame {
  const { header, raw } = ctx;
  if (header.streamId !== 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, `SETTINGS on stream ${header.streamId}`);
  const ack = (header.flags & Flag.ACK) !== 0;
  if (ack) {
    if (header.length !== 0) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `SETTINGS ACK with a ${header.length}-octet payload`);
    return { type: 'SETTINGS', ack, settings: [] };
  }
  if (header.length % 6 !== 0) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `SETTINGS payload of ${header.length} octets is not a multiple of 6`);
  const settings: Setting[] = [];
  for (let off = PAYLOAD; off < PAYLOAD + header.length; off += 6) {
    const s = { id: readU16(raw, off), value: readU32(raw, off + 2) };
    const i = settings.length;
    span(ctx, `setting.${i}`, off, off + 6);
    const problem = checkSetting(s);
    if (problem) throw problem;
    settings.push(s);
  }
  return { type: 'SETTINGS', ack, settings };
}

/** Writes a SETTINGS payload (values are not checked: frame scripts may send illegal ones); returns its flags. */
export function encodeSettings(w: ByteWriter, f: SettingsFrame): number {
  for (const s of f.settings) {
    checkRange(s.id, 0, 0xffff, 'setting id');
    checkRange(s.value, 0, 0xffffffff, 'setting value');
    writeU16(w, s.id);
    writeU32(w, s.value);
  }
  return f.ack ? Flag.ACK : 0;
}
