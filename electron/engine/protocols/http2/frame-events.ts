/**
 * Turns frames, header blocks and HPACK tables into the JSON-friendly data of `h2:frame` and
 * `hpack:table_updated` (shared/events.ts): no Uint8Array, flags by name, error codes by name.
 */
import { toHex } from '../../../../shared/bytes';
import type { H2FrameData, H2FrameTypeName, H2SettingData, HpackFieldData, HpackTableUpdatedData } from '../../../../shared/events';
import { errorCodeName } from './errors';
import { settingName } from './frames/settings';
import { flagNames, knownFrameType, type Frame, type FrameHeader, type Setting } from './frames/types';
import type { DecodedBlock, DecodedField } from './hpack';

/** Settings as shown: id, name and value. */
export function settingsData(settings: readonly Setting[]): H2SettingData[] {
  return settings.map((s) => ({ id: s.id, name: settingName(s.id), value: s.value }));
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** One HPACK representation as shown. */
export function hpackFieldData(f: DecodedField): HpackFieldData {
  switch (f.kind) {
    case 'indexed':
      return { representation: f.kind, name: f.name, value: f.value, index: f.index, table: f.table, start: f.start, end: f.end };
    case 'size-update':
      return { representation: f.kind, maxSize: f.maxSize, start: f.start, end: f.end };
    default:
      return {
        representation: f.kind,
        name: f.name,
        value: f.value,
        ...(f.nameIndex !== null ? { index: f.nameIndex, table: f.nameTable ?? 'static' } : {}),
        ...(f.nameHuffman !== null ? { nameHuffman: f.nameHuffman } : {}),
        valueHuffman: f.valueHuffman,
        start: f.start,
        end: f.end,
      };
  }
}

/**
 * The `h2:frame` data of a frame. `block` is the header block the frame completes, if any; `malformed` the
 * reason a frame could not be decoded (then `frame` is absent and only the header is known).
 */
export function frameEventData(header: FrameHeader, frame: Frame | null, block?: DecodedBlock, malformed?: string): H2FrameData {
  const known = knownFrameType(header.type);
  const base = {
    type: (known ?? 'UNKNOWN') as H2FrameTypeName,
    frameType: header.type,
    flags: flagNames(header.type, header.flags),
    length: header.length,
    streamId: header.streamId,
    ...(malformed !== undefined ? { malformed } : {}),
  };
  const blockData = block ? { headers: block.headers.map(([n, v]) => [n, v] as const), hpack: block.fields.map(hpackFieldData) } : {};
  if (!frame) return base;
  switch (frame.type) {
    case 'DATA':
      return { ...base, dataLength: frame.data.length, ...pad(frame.padLength) };
    case 'HEADERS':
      return { ...base, ...pad(frame.padLength), ...(frame.priority ? { priority: { ...frame.priority } } : {}), headerBlockLength: frame.headerBlock.length, ...blockData };
    case 'PRIORITY':
      return { ...base, priority: { exclusive: frame.exclusive, dependency: frame.dependency, weight: frame.weight } };
    case 'RST_STREAM':
      return { ...base, errorCode: frame.errorCode, errorName: errorCodeName(frame.errorCode) };
    case 'SETTINGS':
      return { ...base, settings: settingsData(frame.settings) };
    case 'PUSH_PROMISE':
      return { ...base, ...pad(frame.padLength), promisedStreamId: frame.promisedStreamId, headerBlockLength: frame.headerBlock.length, ...blockData };
    case 'PING':
      return { ...base, opaque: toHex(frame.opaque) };
    case 'GOAWAY':
      return { ...base, lastStreamId: frame.lastStreamId, errorCode: frame.errorCode, errorName: errorCodeName(frame.errorCode), debugData: latin1(frame.debugData) };
    case 'WINDOW_UPDATE':
      return { ...base, increment: frame.increment };
    case 'CONTINUATION':
      return { ...base, headerBlockLength: frame.headerBlock.length, ...blockData };
    case 'PRIORITY_UPDATE':
      return { ...base, prioritizedStreamId: frame.prioritizedStreamId, priorityFieldValue: frame.priorityFieldValue };
    case 'unknown':
      return base;
  }
}

function pad(padLength: number | undefined): { padLength?: number } {
  return padLength === undefined ? {} : { padLength };
}

/** The `hpack:table_updated` data after a block, or null when the block left the table as it was. */
export function tableEventData(block: DecodedBlock): HpackTableUpdatedData | null {
  const resized = block.fields.some((f) => f.kind === 'size-update');
  if (!resized && block.inserted.length === 0 && block.evicted.length === 0) return null;
  return {
    entries: block.table.entries.map((e) => ({ index: e.index, name: e.name, value: e.value, size: e.size })),
    size: block.table.size,
    maxSize: block.table.maxSize,
    inserted: block.inserted.map((e) => ({ name: e.name, value: e.value, size: e.size })),
    evicted: block.evicted.map((e) => ({ name: e.name, value: e.value, size: e.size })),
  };
}

/** Field spans of a header block's representations inside a frame whose fragment starts at `offset` in raw. */
export function blockFieldSpans(block: DecodedBlock, offset: number): { path: string; start: number; end: number }[] {
  return block.fields.map((f, i) => ({ path: `header.${i}`, start: offset + f.start, end: offset + f.end }));
}
