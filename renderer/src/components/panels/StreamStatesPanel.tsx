/**
 * Each stream's states (RFC 9113 §5.1) over the session as coloured spans, one row per stream and end, with
 * the moment marked; the state at the moment is named at the row's end.
 */
import { eventLog } from '../../store/event-log';
import { STATE_COLORS, STATE_LABELS, buildStreamStates, type StateSpan } from '../../panels/stream-spans';
import { formatTime } from '../../lib/format';
import { stateIndex, type PanelView } from './panel-data';

const ORDER = ['idle', 'open', 'half_closed_local', 'half_closed_remote', 'reserved_local', 'reserved_remote', 'closed'];

/** The state of a stream at time t. */
function stateAt(spans: readonly StateSpan[], t: number): StateSpan | undefined {
  let found: StateSpan | undefined;
  for (const s of spans) if (s.from <= t) found = s;
  return found;
}

/** The stream-state spans. */
export function StreamStatesPanel({ view, conn }: { readonly view: PanelView; readonly conn: number }) {
  const index = stateIndex.sync(eventLog.columns);
  const end = view.replaying ? view.moment : view.end;
  const streams = buildStreamStates(eventLog.events, index.list, Math.min(index.length, countBelow(index.list, index.length, view.replaying ? view.count : Infinity)), conn, view.start, end);
  const span = Math.max(1e-3, view.end - view.start);
  const pct = (t: number) => `${(((t - view.start) / span) * 100).toFixed(3)}%`;
  const at = view.moment === Infinity ? view.end : view.moment;
  if (streams.length === 0) return <p className="muted" data-testid="streams-panel">No stream changed state on this connection yet.</p>;
  return (
    <div className="streams-panel" data-testid="streams-panel">
      <div className="state-rows">
        {streams.map((s) => {
          const now = stateAt(s.spans, at);
          return (
            <div className="state-row" key={s.key} data-testid="stream-state-row" data-stream={s.stream} data-state={now?.state ?? ''}>
              <span className="state-name">
                <b>stream {s.stream}</b> <span className={`end ${s.vantage}`}>{s.vantage}</span>
              </span>
              <span className="state-track">
                {s.spans.map((x, k) =>
                  x.to > x.from || k === s.spans.length - 1 ? (
                    <i
                      key={k}
                      className={`st st-${x.state}`}
                      style={{ left: pct(x.from), width: `max(2px, ${pct(view.start + (x.to - x.from))})`, background: STATE_COLORS[x.state] ?? '#ccc' }}
                      title={`${STATE_LABELS[x.state] ?? x.state} from ${formatTime(x.from)} ms${x.cause ? ` (${x.cause})` : ''}`}
                    />
                  ) : null,
                )}
                {view.moment !== Infinity && <b className={`moment${view.replaying ? ' now' : ''}`} style={{ left: pct(Math.min(view.end, view.moment)) }} />}
              </span>
              <span className="state-now" style={{ color: now && now.state !== 'idle' ? (STATE_COLORS[now.state] ?? undefined) : undefined }}>
                {now ? (STATE_LABELS[now.state] ?? now.state) : ''}
              </span>
            </div>
          );
        })}
      </div>
      <p className="state-axis">
        <span>{formatTime(view.start)} ms</span>
        <span>{formatTime(view.end)} ms</span>
      </p>
      <p className="state-key">
        {ORDER.map((k) => (
          <span key={k}>
            <i style={{ background: STATE_COLORS[k] }} />
            {STATE_LABELS[k]}
          </span>
        ))}
      </p>
    </div>
  );
}

/** How many entries of the ascending `list` are below `count`. */
function countBelow(list: Int32Array, length: number, count: number): number {
  let k = 0;
  while (k < length && list[k]! < count) k++;
  return k;
}
