/**
 * The tabbed panel under the inspector: the HPACK tables, the flow-control windows and the stream states of
 * one HTTP/2 connection, at the selected moment (the replay cursor, else the selected event). For an HTTP/3
 * connection with QPACK events the first tab shows its QPACK tables instead.
 */
import { useStore, type SidePanelTab } from '../../store';
import { formatTime } from '../../lib/format';
import { FlowPanel } from './FlowPanel';
import { HpackPanel } from './HpackPanel';
import { QpackPanel } from './QpackPanel';
import { StreamStatesPanel } from './StreamStatesPanel';
import { isH3Connection, usePanelView } from './panel-data';

const TABS: readonly { id: SidePanelTab; label: string }[] = [
  { id: 'hpack', label: 'HPACK tables' },
  { id: 'windows', label: 'Flow windows' },
  { id: 'streams', label: 'Stream states' },
];

/** Tabs, a connection picker, and the chosen panel. */
export function SidePanels() {
  const tab = useStore((s) => s.sideTab);
  const setTab = useStore((s) => s.setSideTab);
  const setConn = useStore((s) => s.setPanelConn);
  const view = usePanelView();
  const h3 = isH3Connection(view.conn);
  return (
    <div className="side-panels" data-testid="side-panels" data-tab={tab}>
      <div className="side-tabs" role="tablist" aria-label="Panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'on' : ''}
            onClick={() => setTab(t.id)}
            data-testid={`side-tab-${t.id}`}
          >
            {t.id === 'hpack' && h3 ? 'QPACK tables' : t.label}
          </button>
        ))}
        <span className="spacer" />
        {view.conns.length > 1 && (
          <select value={view.conn ?? ''} onChange={(e) => setConn(Number(e.target.value))} aria-label="Connection shown" data-testid="panel-conn">
            {view.conns.map((c) => (
              <option key={c} value={c}>
                conn #{c}
              </option>
            ))}
          </select>
        )}
        <span className="side-moment" data-testid="panel-moment" title="The panels show the session up to this moment: the replay cursor, or the selected event">
          {view.moment === Infinity ? 'at the end' : `at ${formatTime(view.moment)} ms`}
        </span>
      </div>
      <div className="side-body" role="tabpanel">
        {view.conn === null ? (
          <p className="muted side-empty">No HTTP/2 connection in this session: these panels show HPACK, flow control and stream states of HTTP/2.</p>
        ) : h3 && tab === 'hpack' ? (
          <QpackPanel view={view} conn={view.conn} />
        ) : h3 ? (
          <p className="muted side-empty">Conn #{view.conn} is HTTP/3: QUIC does its own flow control and stream states (see its quic: events); this panel draws HTTP/2's.</p>
        ) : tab === 'hpack' ? (
          <HpackPanel view={view} conn={view.conn} />
        ) : tab === 'windows' ? (
          <FlowPanel view={view} conn={view.conn} />
        ) : (
          <StreamStatesPanel view={view} conn={view.conn} />
        )}
      </div>
    </div>
  );
}
