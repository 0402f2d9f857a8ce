/**
 * Extensible priorities (RFC 9218): the Priority Field Value, a Structured Fields Dictionary (RFC 8941) carried in
 * the `priority` header and in PRIORITY_UPDATE frames, with urgency `u` (0-7, default 3) and incremental `i`
 * (boolean, default false). Parsing is lenient as §4 asks: unknown keys and bad values are ignored.
 */

/** A stream's priority (RFC 9218 §4). */
export interface Priority {
  /** 0 (most urgent) to 7; default 3 (§4.1). */
  readonly urgency: number;
  /** Whether the response can be used in pieces (§4.2). */
  readonly incremental: boolean;
}

/** The priority a stream has when nothing says otherwise (§4.1, §4.2). */
export const DEFAULT_PRIORITY: Priority = { urgency: 3, incremental: false };

/** Parses a Priority Field Value such as "u=1, i"; missing or invalid members keep their defaults (§4). */
export function parsePriority(value: string, base: Priority = DEFAULT_PRIORITY): Priority {
  let { urgency, incremental } = base;
  for (const member of value.split(',')) {
    const [rawKey, ...rest] = member.split(';')[0]!.split('=');
    const key = rawKey!.trim();
    const v = rest.join('=').trim();
    if (key === 'u') {
      // §4.1: an integer 0..7; anything else is ignored.
      if (/^\d$/.test(v) && Number(v) <= 7) urgency = Number(v);
    } else if (key === 'i') {
      // §4.2: a Boolean; a bare key is true.
      if (v === '' || v === '?1') incremental = true;
      else if (v === '?0') incremental = false;
    }
  }
  return { urgency, incremental };
}

/** Formats a priority as a Priority Field Value, leaving out defaults ("" for the default priority). */
export function formatPriority(p: Priority): string {
  const parts: string[] = [];
  if (p.urgency !== DEFAULT_PRIORITY.urgency) parts.push(`u=${p.urgency}`);
  if (p.incremental) parts.push('i');
  return parts.join(', ');
}
