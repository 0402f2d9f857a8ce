/**
 * An event's bytes as text, one line per line on the wire, with CR and LF drawn visibly — how HTTP/1.1 heads
 * and chunk size lines really look. Shown only for bytes that are (nearly all) printable text. Linked to the
 * same field highlighting as the hex dump.
 */
import { useMemo, type MouseEvent } from 'react';
import type { FieldSpan } from '../../../../shared/events';
import { ownerOfBytes } from '../../lib/raw';
import { useStore } from '../../store';
import { matchingSpans } from './field-match';

const MAX_TEXT = 8192;

/** True when the bytes read as text: at least 90% printable ASCII, CR, LF or TAB. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const n = Math.min(bytes.length, MAX_TEXT);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b >= 32 && b < 127) || b === 13 || b === 10 || b === 9) printable++;
  }
  return printable / n >= 0.9;
}

interface Props {
  readonly bytes: Uint8Array;
  readonly spans: readonly FieldSpan[];
}

interface Segment {
  readonly start: number;
  readonly text: string;
  readonly owner: number;
  readonly lit: boolean;
  readonly eol: boolean;
}

/** The bytes as text lines. */
export function RawText({ bytes, spans }: Props) {
  const active = useStore((s) => s.hoveredField ?? s.selectedField);
  const selectedField = useStore((s) => s.selectedField);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  const shown = Math.min(bytes.length, MAX_TEXT);
  const owner = useMemo(() => ownerOfBytes(spans, shown), [spans, shown]);
  const lines = useMemo(() => {
    const lit = new Uint8Array(shown);
    for (const i of matchingSpans(spans, active)) lit.fill(1, spans[i]!.start, Math.min(spans[i]!.end, shown));
    const out: Segment[][] = [[]];
    let current = out[0]!;
    let i = 0;
    while (i < shown) {
      const b = bytes[i]!;
      const o = owner[i]!;
      const l = lit[i] === 1;
      if (b === 13 || b === 10) {
        current.push({ start: i, text: b === 13 ? '\\r' : '\\n', owner: o, lit: l, eol: true });
        i++;
        if (b === 10) {
          current = [];
          out.push(current);
        }
        continue;
      }
      let text = '';
      const start = i;
      while (i < shown && bytes[i] !== 13 && bytes[i] !== 10 && owner[i] === o && (lit[i] === 1) === l) {
        const c = bytes[i]!;
        text += c >= 32 && c < 127 ? String.fromCharCode(c) : c === 9 ? '\\t' : '·';
        i++;
      }
      current.push({ start, text, owner: o, lit: l, eol: false });
    }
    if (out.length > 1 && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }, [bytes, owner, spans, active, shown]);

  const pathAt = (e: MouseEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-offset]');
    if (!el) return null;
    return spans[owner[Number(el.dataset.offset)] ?? -1]?.path ?? null;
  };

  return (
    <div
      className="raw-text"
      data-testid="raw-text"
      onMouseOver={(e) => hoverField(pathAt(e))}
      onMouseLeave={() => hoverField(null)}
      onClick={(e) => {
        const path = pathAt(e);
        selectField(path !== null && path === selectedField ? null : path);
      }}
    >
      {lines.map((segments, n) => (
        <div key={n} className="raw-line">
          {segments.map((s) => (
            <span
              key={s.start}
              data-offset={s.start}
              className={`${s.owner >= 0 ? `f${s.owner % 3}` : ''}${s.lit ? ' on' : ''}${s.eol ? ' eol' : ''}`}
            >
              {s.text}
            </span>
          ))}
        </div>
      ))}
      {shown < bytes.length && <div className="muted">… {bytes.length - shown} more bytes in the hex dump</div>}
    </div>
  );
}
