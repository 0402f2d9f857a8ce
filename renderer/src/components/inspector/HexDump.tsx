/**
 * The raw bytes of an event as a hex dump: offset, 16 bytes in hex, the same bytes as ASCII. Bytes of the
 * highlighted field light up; hovering a byte highlights its field and clicking selects it. Each field has a
 * faint tint of its own so the structure of the message shows at a glance.
 */
import { memo, useMemo, useState, type MouseEvent } from 'react';
import type { FieldSpan } from '../../../../shared/events';
import { formatBytes } from '../../lib/format';
import { ownerOfBytes } from '../../lib/raw';
import { useStore } from '../../store';
import { matchingSpans } from './field-match';

const PER_LINE = 16;
const FIRST_LIMIT = 4096;
const MAX_LIMIT = 1 << 20;

interface Props {
  readonly bytes: Uint8Array;
  readonly spans: readonly FieldSpan[];
}

/** Hex dump with field highlighting. */
export function HexDump({ bytes, spans }: Props) {
  const [limit, setLimit] = useState(FIRST_LIMIT);
  const active = useStore((s) => s.hoveredField ?? s.selectedField);
  const selectedField = useStore((s) => s.selectedField);
  const hoverField = useStore((s) => s.hoverField);
  const selectField = useStore((s) => s.selectField);
  const shown = Math.min(bytes.length, limit);
  const owner = useMemo(() => ownerOfBytes(spans, shown), [spans, shown]);
  const lit = useMemo(() => {
    const mask = new Uint8Array(shown);
    for (const i of matchingSpans(spans, active)) {
      const s = spans[i]!;
      mask.fill(1, s.start, Math.min(s.end, shown));
    }
    return mask;
  }, [spans, active, shown]);

  const width = shown > 0xffff ? 6 : 4;
  const lines = [];
  for (let start = 0; start < shown; start += PER_LINE) {
    const end = Math.min(shown, start + PER_LINE);
    let key = '';
    for (let i = start; i < end; i++) key += lit[i] ? '1' : '0';
    lines.push(<HexLine key={start} bytes={bytes} owner={owner} start={start} end={end} litKey={key} width={width} />);
  }

  const offsetOf = (e: MouseEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-offset]');
    return el ? Number(el.dataset.offset) : -1;
  };
  const pathAt = (offset: number) => (offset >= 0 ? (spans[owner[offset] ?? -1]?.path ?? null) : null);

  return (
    <div className="hex-wrap">
      <div
        className="hex-dump"
        data-testid="hex-dump"
        onMouseOver={(e) => hoverField(pathAt(offsetOf(e)))}
        onMouseLeave={() => hoverField(null)}
        onClick={(e) => {
          const offset = offsetOf(e);
          if (offset < 0) return;
          const path = pathAt(offset);
          selectField(path !== null && path === selectedField ? null : path);
        }}
      >
        {lines}
      </div>
      {shown < bytes.length && (
        <div className="hex-more">
          Showing {formatBytes(shown)} of {formatBytes(bytes.length)}.{' '}
          {limit < MAX_LIMIT && (
            <button type="button" className="small" onClick={() => setLimit(Math.min(MAX_LIMIT, limit * 16))}>
              Show more
            </button>
          )}
        </div>
      )}
    </div>
  );
}

interface LineProps {
  readonly bytes: Uint8Array;
  readonly owner: Int32Array;
  readonly start: number;
  readonly end: number;
  /** '1' for each lit byte of the line: the memo key for highlighting. */
  readonly litKey: string;
  readonly width: number;
}

const HexLine = memo(function HexLine({ bytes, owner, start, end, litKey, width }: LineProps) {
  const hex = [];
  const ascii = [];
  for (let i = start; i < start + PER_LINE; i++) {
    if (i >= end) {
      hex.push(
        <span key={i} className="b pad">
          {'  '}
        </span>,
      );
      continue;
    }
    const b = bytes[i]!;
    const o = owner[i]!;
    const on = litKey[i - start] === '1';
    const cls = `b${o >= 0 ? ` f${o % 3}` : ''}${on ? ' on' : ''}${b === 13 || b === 10 ? ' crlf' : ''}`;
    hex.push(
      <span key={i} className={cls} data-offset={i} data-testid="hex-byte">
        {b < 16 ? `0${b.toString(16)}` : b.toString(16)}
      </span>,
    );
    ascii.push(
      <span key={i} className={cls} data-offset={i}>
        {b >= 32 && b < 127 ? String.fromCharCode(b) : '.'}
      </span>,
    );
  }
  return (
    <div className="hex-line">
      <span className="hex-off">{start.toString(16).padStart(width, '0')}</span>
      <span className="hex-bytes">{hex}</span>
      <span className="hex-ascii">{ascii}</span>
    </div>
  );
});
