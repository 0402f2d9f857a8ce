/**
 * Lookups into the HPACK static table (RFC 7541 Appendix A) for encoders: exact (name, value) and name only.
 */
import { STATIC_TABLE } from './static-table.generated';

const BY_PAIR = new Map<string, number>();
const BY_NAME = new Map<string, number>();
STATIC_TABLE.forEach(([name, value], i) => {
  const key = name + '\0' + value;
  if (!BY_PAIR.has(key)) BY_PAIR.set(key, i + 1);
  if (!BY_NAME.has(name)) BY_NAME.set(name, i + 1);
});

/** Static index (1..61) of an entry equal to name and value, or 0. */
export function staticFindPair(name: string, value: string): number {
  return BY_PAIR.get(name + '\0' + value) ?? 0;
}

/** Lowest static index (1..61) of an entry with this name, or 0. */
export function staticFindName(name: string): number {
  return BY_NAME.get(name) ?? 0;
}

/** The static entry at index 1..61, or undefined. */
export function staticEntry(index: number): readonly [string, string] | undefined {
  return STATIC_TABLE[index - 1];
}
