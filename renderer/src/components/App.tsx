/**
 * The window: top bar, notices, and three panels (lessons, events, inspector) with drag handles between;
 * the centre column holds the filter bar, the timeline and its replay bar above the event list (with a drag
 * handle between); the right column the inspector above the tabbed HPACK / windows / stream-state panels.
 */
import { useStore } from '../store';
import { ErrorBoundary } from './ErrorBoundary';
import { FilterBar } from './filters/FilterBar';
import { SidePanels } from './panels/SidePanels';
import { ReplayBar } from './replay/ReplayBar';
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
  const inspectorFraction = useStore((s) => s.inspectorFraction);
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
          <ErrorBoundary name="filters">
            <FilterBar />
          </ErrorBoundary>
          <div className="center-timeline" style={{ flexBasis: `${(timelineFraction * 100).toFixed(2)}%` }} aria-label="Timeline" role="region">
            <ErrorBoundary name="timeline">
              <Timeline />
            </ErrorBoundary>
            <ErrorBoundary name="replay">
              <ReplayBar />
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
        <aside className="right-column" aria-label="Inspector and panels">
          <div className="panel inspector-panel" style={{ flexBasis: `${(inspectorFraction * 100).toFixed(2)}%` }} aria-label="Inspector" role="region">
            <ErrorBoundary name="inspector">
              <Inspector />
            </ErrorBoundary>
          </div>
          <RowSplitter target="inspector" />
          <div className="panel side-panel">
            <ErrorBoundary name="panels">
              <SidePanels />
            </ErrorBoundary>
          </div>
        </aside>
      </main>
    </div>
  );
}
