/**
 * Lookups into the QPACK static table (RFC 9204 Appendix A) for the encoder: exact field and name-only matches.
 */
import { QPACK_STATIC_TABLE } from './static-table.generated';

const BY_FIELD = new Map<string, number>();
const BY_NAME = new Map<string, number>();
for (const [i, [name, value]] of QPACK_STATIC_TABLE.entries()) {
  if (!BY_FIELD.has(name + '\0' + value)) BY_FIELD.set(name + '\0' + value, i);
  if (!BY_NAME.has(name)) BY_NAME.set(name, i);
}

/** Static index of an entry with this name and value. */
export function staticFieldIndex(name: string, value: string): number | undefined {
  return BY_FIELD.get(name + '\0' + value);
}

/** Static index of the first entry with this name. */
export function staticNameIndex(name: string): number | undefined {
  return BY_NAME.get(name);
}
