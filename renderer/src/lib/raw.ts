/**
 * Decoding an event's `raw` base64 once, with a small cache, and finding the field that owns a byte.
 */
import { fromBase64 } from '../../../shared/bytes';
import type { FieldSpan } from '../../../shared/events';

/** Raw bytes from base64 text, or null when there is none or it is not base64. */
export function rawBytes(raw: string | undefined): Uint8Array | null {
  return typeof raw === 'string' && raw.length > 0 ? fromBase64(raw) : null;
}

/** The field spans that are well formed and inside `length` bytes. */
export function validSpans(fields: readonly FieldSpan[] | undefined, length: number): FieldSpan[] {
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is FieldSpan =>
      !!f &&
      typeof f.path === 'string' &&
      Number.isInteger(f.start) &&
      Number.isInteger(f.end) &&
      f.start >= 0 &&
      f.end > f.start &&
      f.start < length,
  );
}

/**
 * For each byte, the index in `spans` of the narrowest span that contains it, or -1. Narrowest wins so that
 * clicking a header's value selects the value rather than the whole header section.
 */
export function ownerOfBytes(spans: readonly FieldSpan[], length: number): Int32Array {
  const owner = new Int32Array(length).fill(-1);
  const order = spans.map((_, i) => i).sort((a, b) => spanLength(spans[b]!) - spanLength(spans[a]!));
  for (const i of order) {
    const s = spans[i]!;
    owner.fill(i, s.start, Math.min(s.end, length));
  }
  return owner;
}

function spanLength(s: FieldSpan): number {
  return s.end - s.start;
}
