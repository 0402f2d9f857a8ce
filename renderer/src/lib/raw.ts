/**
 * Decoding an event's `raw` base64 once, with a small cache, and finding the field that owns a byte.
 */
import { fromBase64 } from '../../../shared/bytes';
import type { FieldSpan, SessionEvent } from '../../../shared/events';

const cache = new WeakMap<SessionEvent, Uint8Array | null>();

/** The event's raw bytes, or null when it has none or they are not base64. */
export function rawBytes(event: SessionEvent): Uint8Array | null {
  if (cache.has(event)) return cache.get(event) ?? null;
  const bytes = typeof event.raw === 'string' && event.raw.length > 0 ? fromBase64(event.raw) : null;
  cache.set(event, bytes);
  return bytes;
}

/** The event's field spans that are well formed and inside `length` bytes. */
export function validSpans(event: SessionEvent, length: number): FieldSpan[] {
  if (!Array.isArray(event.fields)) return [];
  return event.fields.filter(
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
