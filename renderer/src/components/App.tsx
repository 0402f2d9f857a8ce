/**
 * The window: top bar, notices, and three panels (lessons, events, inspector) with drag handles between;
 * the centre column holds the timeline above the event list, with a drag handle between them too.
 */
import { useStore } from '../store';
import { ErrorBoundary } from './ErrorBoundary';
import { EventList } from './events/EventList';
import { Inspector } from './inspector/Inspector';
import { LessonPanel } from './lessons/LessonPanel';
import { Notices } from './top/Notices';
import { RowSplitter } from './RowSplitter';
import { Timeline } from './timeline/Timeline';
import { Splitter } from './Splitter';
import { TopBar } from './top/TopBar';

/** The whole app. */
export function App() {
  const leftWidth = useStore((s) => s.leftWidth);
  const rightWidth = useStore((s) => s.rightWidth);
  const timelineFraction = useStore((s) => s.timelineFraction);
  return (
    <div className="app">
      <ErrorBoundary name="top bar">
        <TopBar />
      </ErrorBoundary>
      <Notices />
      <main className="workspace" style={{ gridTemplateColumns: `${leftWidth}px 5px minmax(0, 1fr) 5px ${rightWidth}px` }}>
        <aside className="panel lessons-panel" aria-label="Lessons" data-testid="lessons-panel">
          <ErrorBoundary name="lessons">
            <LessonPanel />
          </ErrorBoundary>
        </aside>
        <Splitter side="left" />
        <section className="center" aria-label="Events">
          <div className="center-timeline" style={{ flexBasis: `${(timelineFraction * 100).toFixed(2)}%` }} aria-label="Timeline" role="region">
            <ErrorBoundary name="timeline">
              <Timeline />
            </ErrorBoundary>
          </div>
          <RowSplitter />
          <div className="center-list">
            <ErrorBoundary name="events">
              <EventList />
            </ErrorBoundary>
          </div>
        </section>
        <Splitter side="right" />
        <aside className="panel inspector-panel" aria-label="Inspector">
          <ErrorBoundary name="inspector">
            <Inspector />
          </ErrorBoundary>
        </aside>
      </main>
    </div>
  );
}
