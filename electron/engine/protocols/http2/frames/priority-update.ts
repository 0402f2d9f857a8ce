/**
 * PRIORITY_UPDATE frames (RFC 9218 §7.1), type 0x10, on stream 0: the prioritized stream id and a Priority Field
 * Value (§4, a Structured Fields Dictionary such as "u=1, i"). Also a small reader and writer of that value.
 */
import { ErrorCode, connectionError } from '../errors';
import type { PriorityUpdateFrame } from './types';
import { type ByteWriter, type PayloadContext, MAX_31, PAYLOAD, checkRange, readU32, span, writeU32 } from './wire';

/** Decodes a PRIORITY_UPDATE payload (RFC 9218 §7.1): stream 0 only, at least 4 octets, a non-zero stream id. */
export function decodePriorityUpdate(ctx: PayloadContext): PriorityUpdateFrame {
  const { header, raw } = ctx;
  if (header.streamId !== 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, `PRIORITY_UPDATE on stream ${header.streamId}`);
  if (header.length < 4) throw connectionError(ErrorCode.FRAME_SIZE_ERROR, `PRIORITY_UPDATE payload of ${header.length} octets (needs at least 4)`);
  const end = PAYLOAD + header.length;
  span(ctx, 'prioritized-stream', PAYLOAD, PAYLOAD + 4);
  if (end > PAYLOAD + 4) span(ctx, 'priority-field-value', PAYLOAD + 4, end);
  const prioritizedStreamId = readU32(raw, PAYLOAD) % 0x80000000;
  if (prioritizedStreamId === 0) throw connectionError(ErrorCode.PROTOCOL_ERROR, 'PRIORITY_UPDATE for stream 0');
  let text = '';
  for (let i = PAYLOAD + 4; i < end; i++) text += String.fromCharCode(raw[i]!);
  return { type: 'PRIORITY_UPDATE', prioritizedStreamId, priorityFieldValue: text };
}

/** Writes a PRIORITY_UPDATE payload (the value as Latin-1 octets); no flags. */
export function encodePriorityUpdate(w: ByteWriter, f: PriorityUpdateFrame): number {
  checkRange(f.prioritizedStreamId, 0, MAX_31, 'prioritized stream id');
  writeU32(w, f.prioritizedStreamId);
  for (let i = 0; i < f.priorityFieldValue.length; i++) w.u8(f.priorityFieldValue.charCodeAt(i));
  return 0;
}

/** The Extensible Priorities parameters (RFC 9218 §4): urgency 0..7 (default 3) and incremental (default false). */
export interface PriorityParams {
  readonly urgency: number;
  readonly incremental: boolean;
}

/** Reads u and i from a Priority Field Value; members it cannot read are ignored, as §4 asks. */
export function parsePriorityField(value: string): PriorityParams {
  let urgency = 3;
  let incremental = false;
  for (const member of value.split(',')) {
    const [rawKey, ...rest] = member.trim().split(';')[0]!.split('=');
    const key = rawKey!.trim();
    const v = rest.join('=').trim();
    if (key === 'u' && /^[0-7]$/.test(v)) urgency = Number(v);
    else if (key === 'i' && (v === '' || v === '?1' || v === '?0')) incremental = v !== '?0';
  }
  return { urgency, incremental };
}

/** Writes the Priority Field Value for urgency and incremental, omitting defaults: "u=1, i", "" for defaults. */
export function formatPriorityField(p: PriorityParams): string {
  checkRange(p.urgency, 0, 7, 'urgency');
  const parts: string[] = [];
  if (p.urgency !== 3) parts.push(`u=${p.urgency}`);
  if (p.incremental) parts.push('i');
  return parts.join(', ');
}
