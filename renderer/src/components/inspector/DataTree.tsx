/**
 * An event's decoded `data` as a readable tree. Header lists show as "name: value" rows; other arrays and
 * objects nest. Any shape renders: depth and breadth are capped, and odd values are shown as text.
 */
import type { FieldSpan } from '../../../../shared/events';
import { useStore } from '../../store';
import { hasSpan } from './field-match';

const MAX_DEPTH = 6;
const MAX_ENTRIES = 200;

interface Props {
  readonly data: unknown;
  readonly spans: readonly FieldSpan[];
}

/** The decoded fields of an event. */
export function DataTree({ data, spans }: Props) {
  if (data === null || typeof data !== 'object') {
    return (
      <div className="data-tree" data-testid="field-tree">
        <Value value={data} />
      </div>
    );
  }
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return <p className="muted">No fields.</p>;
  return (
    <div className="data-tree" data-testid="field-tree">
      <Entries entries={entries} prefix="" depth={0} spans={spans} />
    </div>
  );
}

interface EntriesProps {
  readonly entries: readonly (readonly [string, unknown])[];
  readonly prefix: string;
  readonly depth: number;
  readonly spans: readonly FieldSpan[];
}

function Entries({ entries, prefix, depth, spans }: EntriesProps) {
  const shown = entries.slice(0, MAX_ENTRIES);
  return (
    <ul className="tree-level">
      {shown.map(([key, value]) => (
        <Node key={key} name={key} value={value} path={prefix ? `${prefix}.${key}` : key} depth={depth} spans={spans} />
      ))}
      {entries.length > shown.length && <li className="muted">… {entries.length - shown.length} more</li>}
    </ul>
  );
}

interface NodeProps {
  readonly name: string;
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
  readonly spans: readonly FieldSpan[];
}

function Node({ name, value, path, depth, spans }: NodeProps) {
  const active = useStore((s) => {
    const a = s.hoveredField ?? s.selectedField;
    return a !== null && (a === path || a.startsWith(`${path}.`) || path.startsWith(`${a}.`));
  });
  const exact = useStore((s) => (s.hoveredField ?? s.selectedField) === path);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  const linked = hasSpan(spans, path);
  const label = (
    <span
      className={`tree-key${linked ? ' linked' : ''}`}
      onMouseEnter={linked ? () => hoverField(path) : undefined}
      onMouseLeave={linked ? () => hoverField(null) : undefined}
      onClick={linked ? () => selectField(exact ? null : path) : undefined}
      title={linked ? 'Show these bytes' : undefined}
    >
      {name}
    </span>
  );
  const className = `tree-node${active ? ' active' : ''}${exact ? ' exact' : ''}`;
  if (isHeaderList(value)) {
    return (
      <li className={className} data-path={path}>
        {label} <span className="muted">({value.length})</span>
        <HeaderRows headers={value} path={path} spans={spans} />
      </li>
    );
  }
  if (isInlineList(value) && !hasSpan(spans, `${path}.0`)) {
    return (
      <li className={className} data-path={path}>
        {label}
        <span className="tree-sep">: </span>
        {value.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          value.map((v, i) => (
            <span key={i}>
              {i > 0 && <span className="tree-sep">, </span>}
              <Value value={v} />
            </span>
          ))
        )}
      </li>
    );
  }
  if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    return (
      <li className={className} data-path={path}>
        {label}
        {entries.length === 0 ? <span className="muted"> {Array.isArray(value) ? '[]' : '{}'}</span> : null}
        {entries.length > 0 && <Entries entries={entries} prefix={path} depth={depth + 1} spans={spans} />}
      </li>
    );
  }
  return (
    <li className={className} data-path={path}>
      {label}
      <span className="tree-sep">: </span>
      <Value value={value} />
    </li>
  );
}

interface HeaderRowsProps {
  readonly headers: readonly (readonly [string, string])[];
  readonly path: string;
  readonly spans: readonly FieldSpan[];
}

function HeaderRows({ headers, path, spans }: HeaderRowsProps) {
  const active = useStore((s) => s.hoveredField ?? s.selectedField);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  return (
    <table className="header-table" data-testid="header-table">
      <tbody>
        {headers.slice(0, MAX_ENTRIES).map(([name, value], i) => {
          const p = `${path}.${i}`;
          const linked = hasSpan(spans, p);
          const on = active !== null && (active === p || active.startsWith(`${p}.`) || active === path);
          return (
            <tr
              key={i}
              className={`${linked ? 'linked' : ''}${on ? ' active' : ''}`}
              data-path={p}
              onMouseEnter={linked ? () => hoverField(p) : undefined}
              onMouseLeave={linked ? () => hoverField(null) : undefined}
              onClick={linked ? () => selectField(active === p ? null : p) : undefined}
            >
              <th scope="row">{name}:</th>
              <td>{value}</td>
            </tr>
          );
        })}
        {headers.length > MAX_ENTRIES && (
          <tr>
            <td colSpan={2} className="muted">
              … {headers.length - MAX_ENTRIES} more
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** True for a short list of plain values, shown on one line. */
function isInlineList(value: unknown): value is readonly (string | number | boolean | null)[] {
  return (
    Array.isArray(value) &&
    value.length <= 32 &&
    value.every((v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
  );
}

/** True for a list of [name, value] string pairs (HeaderField[]). */
function isHeaderList(value: unknown): value is readonly (readonly [string, string])[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')
  );
}

function Value({ value }: { readonly value: unknown }) {
  if (typeof value === 'string') return <span className="v-string">{escapeControls(value)}</span>;
  if (typeof value === 'number' || typeof value === 'bigint') return <span className="v-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="v-bool">{String(value)}</span>;
  if (value === null || value === undefined) return <span className="v-null">{String(value)}</span>;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return <span className="v-other">{text.length > 300 ? `${text.slice(0, 300)}…` : text}</span>;
}

/** Shows CR, LF, TAB and other control characters visibly. */
function escapeControls(text: string): string {
  const shown = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
  return shown.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\r' ? '\\r' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
