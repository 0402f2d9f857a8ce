/**
 * How a highlighted field path (from the tree or the byte map) picks the byte spans to light up.
 */
import type { FieldSpan } from '../../../../shared/events';

/**
 * The indexes of the spans that `active` designates: spans with that path or below it ("headers" lights
 * every "headers.N"); when none, the nearest ancestor's span ("headers.2.1" lights "headers.2").
 */
export function matchingSpans(spans: readonly FieldSpan[], active: string | null): Set<number> {
  const out = new Set<number>();
  if (active === null) return out;
  spans.forEach((s, i) => {
    if (s.path === active || s.path.startsWith(`${active}.`)) out.add(i);
  });
  let path = active;
  while (out.size === 0) {
    const dot = path.lastIndexOf('.');
    if (dot < 0) break;
    path = path.slice(0, dot);
    spans.forEach((s, i) => {
      if (s.path === path) out.add(i);
    });
  }
  return out;
}

/** True when some span has this path or a path below it. */
export function hasSpan(spans: readonly FieldSpan[], path: string): boolean {
  return spans.some((s) => s.path === path || s.path.startsWith(`${path}.`));
}
