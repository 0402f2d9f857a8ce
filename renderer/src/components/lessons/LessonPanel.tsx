/**
 * The left panel: the lesson list, the selected lesson, and a footer with Run and Stop that stays in view.
 */
import { useStore } from '../../store';
import { LessonDetail } from './LessonDetail';
import { LessonList } from './LessonList';
import { RunControls } from './RunControls';

/** Lessons list, detail and run bar. */
export function LessonPanel() {
  const scenario = useStore((s) => s.scenarios.find((x) => x.id === s.selectedScenario) ?? null);
  return (
    <div className="lesson-panel">
      <div className="lesson-scroll">
        <h2 className="panel-title">Lessons</h2>
        <LessonList />
        <LessonDetail />
      </div>
      {scenario && <RunControls scenario={scenario} />}
    </div>
  );
}
