/**
 * The list of lessons (scenarios): title and one-line summary; clicking selects one.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

/** The lessons, in the engine's order. */
export function LessonList() {
  const items = useStore(useShallow((s) => s.scenarios.map((x) => ({ id: x.id, title: x.title, summary: x.summary, protocol: x.protocol }))));
  const selected = useStore((s) => s.selectedScenario);
  const running = useStore((s) => (s.run.running ? s.run.scenario : null));
  const select = useStore((s) => s.selectScenario);
  if (items.length === 0) return <p className="muted lesson-empty">Loading lessons…</p>;
  return (
    <ul className="lesson-list" role="listbox" aria-label="Lessons" data-testid="lesson-list">
      {items.map((item) => (
        <li
          key={item.id}
          role="option"
          aria-selected={item.id === selected}
          tabIndex={0}
          className={`lesson-item${item.id === selected ? ' selected' : ''}`}
          data-testid={`lesson-${item.id}`}
          onClick={() => select(item.id)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              select(item.id);
            }
          }}
        >
          <div className="lesson-title">
            <span className={`proto proto-${item.protocol}`}>{item.protocol}</span>
            {item.title}
            {running === item.id && <span className="running-tag">running</span>}
          </div>
          <div className="lesson-summary">{item.summary}</div>
        </li>
      ))}
    </ul>
  );
}
