/**
 * The HPACK view of a header block (HEADERS / PUSH_PROMISE / CONTINUATION that completes it): one line per
 * representation (RFC 7541 §6) — indexed, literal with incremental indexing, without indexing, never indexed,
 * or a table size update — with the table and index it refers to, whether its literals are Huffman coded, and
 * its size. Pointing at a line lights its bytes in the hex dump (the `header.N` spans).
 */
import type { HpackFieldData } from '../../../../shared/events';
import { useStore } from '../../store';
import { hasSpan } from './field-match';
import type { FieldSpan } from '../../../../shared/events';

const REPRESENTATIONS: Readonly<Record<string, { label: string; hint: string; section: string }>> = {
  indexed: { label: 'indexed', hint: 'The whole field is a table entry: only its index is sent.', section: '6.1' },
  'literal-incremental': {
    label: 'literal + add to table',
    hint: 'Sent as a literal, and both ends add it to the dynamic table at index 62, so the next block can send just the index.',
    section: '6.2.1',
  },
  'literal-without-indexing': { label: 'literal, not indexed', hint: 'Sent as a literal; the table does not change.', section: '6.2.2' },
  'literal-never-indexed': {
    label: 'literal, never indexed',
    hint: 'A sensitive field: sent as a literal, and no intermediary may ever add it to a table.',
    section: '6.2.3',
  },
  'size-update': { label: 'table size update', hint: 'Changes the dynamic table’s maximum size.', section: '6.3' },
};

/** True when the event data has an HPACK representation list. */
export function hasHpack(data: unknown): data is { readonly hpack: readonly HpackFieldData[] } {
  return !!data && typeof data === 'object' && Array.isArray((data as { hpack?: unknown }).hpack) && (data as { hpack: unknown[] }).hpack.length > 0;
}

function tableRef(f: HpackFieldData): string {
  if (f.index === undefined || f.index === 0) return f.representation === 'size-update' ? '' : 'literal name';
  const table = f.table ?? (f.index <= 61 ? 'static' : 'dynamic');
  return f.representation === 'indexed' ? `${table} ${f.index}` : `name: ${table} ${f.index}`;
}

function huffman(f: HpackFieldData): string {
  if (f.representation === 'indexed' || f.representation === 'size-update') return '—';
  const parts: string[] = [];
  if (f.nameHuffman !== undefined) parts.push(`name ${f.nameHuffman ? 'H' : 'raw'}`);
  if (f.valueHuffman !== undefined) parts.push(`value ${f.valueHuffman ? 'H' : 'raw'}`);
  return parts.join(', ') || '—';
}

/** The header block, field by field. */
export function HpackView({ fields, spans }: { readonly fields: readonly HpackFieldData[]; readonly spans: readonly FieldSpan[] }) {
  const active = useStore((s) => s.hoveredField ?? s.selectedField);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  const total = fields.reduce((n, f) => n + Math.max(0, (f.end ?? 0) - (f.start ?? 0)), 0);
  const plain = fields.reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0) + 4, 0);
  return (
    <div className="hpack-view" data-testid="hpack-view">
      <p className="hint">
        {fields.length} representations in {total} bytes{plain > total ? ` (as HTTP/1.1 text: about ${plain})` : ''}. Point at one to see its bytes.
      </p>
      <table className="hpack-fields">
        <thead>
          <tr>
            <th>#</th>
            <th>representation</th>
            <th>table</th>
            <th>field</th>
            <th title="Huffman coding of the literal name / value (H) or raw octets">Huffman</th>
            <th>bytes</th>
          </tr>
        </thead>
        <tbody onMouseLeave={() => hoverField(null)}>
          {fields.map((f, k) => {
            const path = `header.${k}`;
            const linked = hasSpan(spans, path);
            const rep = REPRESENTATIONS[f.representation] ?? { label: String(f.representation), hint: '', section: '6' };
            const on = active === path;
            return (
              <tr
                key={k}
                className={`rep-${f.representation}${on ? ' active' : ''}${linked ? ' linked' : ''}`}
                data-testid="hpack-field"
                data-path={path}
                data-representation={f.representation}
                onMouseEnter={linked ? () => hoverField(path) : undefined}
                onClick={linked ? () => selectField(active === path ? null : path) : undefined}
              >
                <td className="n">{k}</td>
                <td>
                  <span className={`rep-badge rep-${f.representation}`} title={`${rep.hint} RFC 7541 §${rep.section}`}>
                    {rep.label}
                  </span>
                </td>
                <td className="ref">{tableRef(f)}</td>
                <td className="field">
                  {f.representation === 'size-update' ? (
                    <>max size {f.maxSize}</>
                  ) : (
                    <>
                      <b>{f.name}</b>: {f.value}
                    </>
                  )}
                </td>
                <td className="huff">{huffman(f)}</td>
                <td className="bytes">{Math.max(0, (f.end ?? 0) - (f.start ?? 0))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="refs">
        <a href="https://www.rfc-editor.org/rfc/rfc7541#section-6" target="_blank" rel="noreferrer noopener">
          RFC 7541 §6 Binary Format
        </a>
        <a href="https://www.rfc-editor.org/rfc/rfc7541#appendix-A" target="_blank" rel="noreferrer noopener" className="see-also">
          Appendix A Static Table
        </a>
      </p>
    </div>
  );
}
