/**
 * The left panel: the lesson list and, under it, the selected lesson.
 */
import { LessonDetail } from './LessonDetail';
import { LessonList } from './LessonList';

/** Lessons list and detail. */
export function LessonPanel() {
  return (
    <div className="lesson-panel">
      <h2 className="panel-title">Lessons</h2>
      <LessonList />
      <LessonDetail />
    </div>
  );
}
