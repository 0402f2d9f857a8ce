/**
 * The list of lessons (scenarios): title and one-line summary; clicking selects one.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

/** The lessons, in the engine's order. */
export function LessonList() {
  const ids = useStore(useShallow((s) => s.scenarios.map((x) => x.id)));
  if (ids.length === 0) return <p className="muted lesson-empty">Loading lessons…</p>;
  return (
    <ul className="lesson-list" role="listbox" aria-label="Lessons" data-testid="lesson-list">
      {ids.map((id) => (
        <LessonItem key={id} id={id} />
      ))}
    </ul>
  );
}

/** One lesson of the list. */
function LessonItem({ id }: { readonly id: string }) {
  const scenario = useStore((s) => s.scenarios.find((x) => x.id === id));
  const selected = useStore((s) => s.selectedScenario === id);
  const running = useStore((s) => s.run.running && s.run.scenario === id);
  const select = useStore((s) => s.selectScenario);
  if (!scenario) return null;
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={0}
      className={`lesson-item${selected ? ' selected' : ''}`}
      data-testid={`lesson-${id}`}
      onClick={() => select(id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select(id);
        }
      }}
    >
      <div className="lesson-title">
        <span className={`proto proto-${scenario.protocol}`}>{scenario.protocol}</span>
        {scenario.title}
        {running && <span className="running-tag">running</span>}
      </div>
      <div className="lesson-summary">{scenario.summary}</div>
    </li>
  );
}
