/**
 * Turns HTTP/3 frames, QPACK field lines, instructions and tables into the JSON-friendly data of the `http3:` and
 * `qpack:` events (shared/events.ts): no Uint8Array, names as qlog spells them.
 */
import type {
  FieldSpan,
  H3FrameData,
  H3FrameTypeName,
  QpackEntryData,
  QpackFieldData,
  QpackInstructionData,
  QpackTableUpdatedData,
} from '../../../../shared/events';
import { HTTP2_RESERVED_FRAME_TYPES, settingName, type DecodedFrame, type FrameSpan, type H3Frame } from './frames';
import type { DecoderInstruction, EncoderInstruction, FieldLine, QpackEntryChange, QpackTableSnapshot } from './qpack';

/** qlog's name of a frame's type. */
export function qlogFrameType(frame: H3Frame): H3FrameTypeName {
  switch (frame.type) {
    case 'UNKNOWN':
      return frame.kind === 'reserved' ? 'reserved' : 'unknown';
    default:
      return frame.type.toLowerCase() as H3FrameTypeName;
  }
}

/** One QPACK field line as shown. */
export function qpackFieldData(f: FieldLine): QpackFieldData {
  const r = f.representation;
  const abs = f.absoluteIndex !== null ? { absoluteIndex: f.absoluteIndex } : {};
  const base = { representation: r.kind, name: f.name, value: f.value, ...abs, start: f.start, end: f.end };
  switch (r.kind) {
    case 'indexed':
      return { ...base, table: r.table, index: r.index };
    case 'indexed-post-base':
      return { ...base, table: 'dynamic', index: r.index };
    case 'literal-with-name-reference':
      return { ...base, table: r.table, index: r.nameIndex, neverIndex: r.neverIndex, valueHuffman: r.valueHuffman };
    case 'literal-with-post-base-name-reference':
      return { ...base, table: 'dynamic', index: r.nameIndex, neverIndex: r.neverIndex, valueHuffman: r.valueHuffman };
    case 'literal-with-literal-name':
      return { ...base, neverIndex: r.neverIndex, nameHuffman: r.nameHuffman, valueHuffman: r.valueHuffman };
  }
}

/** Decoded field section details for a HEADERS or PUSH_PROMISE frame's data. */
export interface SectionDetails {
  readonly headers: readonly (readonly [string, string])[];
  readonly fields: readonly FieldLine[];
  readonly requiredInsertCount: number;
  readonly base: number;
}

/** The `http3:frame_*` data of a frame on `streamId`, with a decoded section when there is one. */
export function frameEventData(streamId: number, d: DecodedFrame, extra: { section?: SectionDetails; blocked?: boolean; role?: string } = {}): H3FrameData {
  const f = d.frame;
  const base = {
    frame_type: qlogFrameType(f),
    type_code: d.typeCode,
    length: d.raw.length - d.headerLength,
    stream_id: streamId,
  };
  const section = extra.section
    ? {
        headers: extra.section.headers.map(([n, v]) => [n, v] as const),
        qpack: extra.section.fields.map(qpackFieldData),
        required_insert_count: extra.section.requiredInsertCount,
        base: extra.section.base,
      }
    : {};
  const blocked = extra.blocked ? { blocked: true } : {};
  const role = extra.role ? { role: extra.role } : {};
  switch (f.type) {
    case 'DATA':
      return base;
    case 'HEADERS':
      return { ...base, ...role, ...blocked, ...section };
    case 'PUSH_PROMISE':
      return { ...base, push_id: f.pushId, ...blocked, ...section };
    case 'CANCEL_PUSH':
    case 'MAX_PUSH_ID':
      return { ...base, push_id: f.pushId };
    case 'SETTINGS':
      return { ...base, settings: f.settings.map((s) => ({ id: s.id, name: settingName(s.id), value: s.value })) };
    case 'GOAWAY':
      return { ...base, id: f.id };
    case 'PRIORITY_UPDATE':
      return { ...base, prioritized_element_type: f.element, prioritized_element_id: f.elementId, priority_field_value: f.priorityFieldValue };
    case 'UNKNOWN': {
      const h2 = f.kind === 'http2' ? { http2_type: HTTP2_RESERVED_FRAME_TYPES.get(f.typeCode) ?? '' } : {};
      return { ...base, ...h2 };
    }
  }
}

/** Frame spans plus one span per field line of a section whose bytes start at `offset` in raw. */
export function frameFieldSpans(d: DecodedFrame, section?: SectionDetails): FieldSpan[] {
  const spans: FieldSpan[] = d.spans.map((s: FrameSpan) => ({ path: s.path, start: s.start, end: s.end }));
  if (section) {
    const fs = d.spans.find((s) => s.path === 'field_section');
    if (fs) section.fields.forEach((f, i) => spans.push({ path: `headers.${i}`, start: fs.start + f.start, end: fs.start + f.end }));
  }
  return spans;
}

/** A QPACK encoder instruction as shown. */
export function encoderInstructionData(ins: EncoderInstruction, start: number, end: number, inserted?: QpackEntryChange): QpackInstructionData {
  const abs = inserted ? { absolute_index: inserted.absoluteIndex } : {};
  const base = { stream_type: 'encoder' as const, start, end, ...abs };
  switch (ins.type) {
    case 'set-dynamic-table-capacity':
      return { ...base, instruction_type: 'set_dynamic_table_capacity', capacity: ins.capacity };
    case 'insert-with-name-reference':
      return {
        ...base,
        instruction_type: 'insert_with_name_reference',
        table_type: ins.table,
        name_index: ins.nameIndex,
        ...(inserted ? { name: inserted.name } : {}),
        value: ins.value,
        huffman_encoded_value: ins.valueHuffman,
      };
    case 'insert-with-literal-name':
      return {
        ...base,
        instruction_type: 'insert_without_name_reference',
        name: ins.name,
        value: ins.value,
        huffman_encoded_name: ins.nameHuffman,
        huffman_encoded_value: ins.valueHuffman,
      };
    case 'duplicate':
      return { ...base, instruction_type: 'duplicate', index: ins.index, ...(inserted ? { name: inserted.name, value: inserted.value } : {}) };
  }
}

/** A QPACK decoder instruction as shown. */
export function decoderInstructionData(ins: DecoderInstruction, start: number, end: number): QpackInstructionData {
  const base = { stream_type: 'decoder' as const, start, end };
  switch (ins.type) {
    case 'section-acknowledgment':
      return { ...base, instruction_type: 'section_acknowledgement', stream_id: ins.streamId };
    case 'stream-cancellation':
      return { ...base, instruction_type: 'stream_cancellation', stream_id: ins.streamId };
    case 'insert-count-increment':
      return { ...base, instruction_type: 'insert_count_increment', increment: ins.increment };
  }
}

function entry(e: QpackEntryChange & { references?: number }): QpackEntryData {
  return { absoluteIndex: e.absoluteIndex, name: e.name, value: e.value, size: e.size, ...(e.references !== undefined ? { references: e.references } : {}) };
}

/** The `qpack:table_updated` data of a table snapshot. */
export function tableEventData(
  side: 'encoder' | 'decoder',
  t: QpackTableSnapshot,
  cause: string,
  inserted: readonly QpackEntryChange[] = [],
  evicted: readonly QpackEntryChange[] = [],
): QpackTableUpdatedData {
  return {
    side,
    entries: t.entries.map(entry),
    size: t.size,
    capacity: t.capacity,
    maxCapacity: t.maxCapacity,
    insertCount: t.insertCount,
    knownReceivedCount: t.knownReceivedCount,
    inserted: inserted.map(entry),
    evicted: evicted.map(entry),
    cause,
  };
}
