/**
 * The byte map of an event: each decoded field with its byte range and the bytes as text. Hover or click a
 * row to light its bytes in the hex dump.
 */
import { printable } from '../../../../shared/bytes';
import type { FieldSpan } from '../../../../shared/events';
import { useStore } from '../../store';

interface Props {
  readonly bytes: Uint8Array;
  readonly spans: readonly FieldSpan[];
}

const MAX_ROWS = 300;

/** Field → byte range rows. */
export function FieldSpans({ bytes, spans }: Props) {
  const active = useStore((s) => s.hoveredField ?? s.selectedField);
  const selected = useStore((s) => s.selectedField);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  if (spans.length === 0) return null;
  return (
    <table className="field-spans" data-testid="field-spans">
      <thead>
        <tr>
          <th>field</th>
          <th>bytes</th>
          <th>as text</th>
        </tr>
      </thead>
      <tbody onMouseLeave={() => hoverField(null)}>
        {spans.slice(0, MAX_ROWS).map((s, i) => {
          const on = active !== null && (s.path === active || s.path.startsWith(`${active}.`));
          return (
            <tr
              key={`${s.path}:${s.start}:${i}`}
              className={`${on ? 'active' : ''} f${i % 3}`}
              data-testid="field-span"
              data-path={s.path}
              onMouseEnter={() => hoverField(s.path)}
              onClick={() => selectField(selected === s.path ? null : s.path)}
            >
              <td className="fs-path">{s.path}</td>
              <td className="fs-range">
                {s.start}–{s.end} <span className="muted">({s.end - s.start})</span>
              </td>
              <td className="fs-text">{printable(bytes.subarray(s.start, Math.min(s.end, bytes.length)), 48)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
