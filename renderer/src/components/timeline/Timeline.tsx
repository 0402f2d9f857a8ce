/**
 * The timeline panel: a toolbar (Lanes | Sequence, Fit, Follow, export), a legend, and the canvas the
 * controller draws on, with a tooltip for the mark under the pointer. Exposes `window.__framescopeTimeline`
 * for end-to-end tests (where an event is drawn, draw timings).
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from '../../store';
import { eventLog } from '../../store/event-log';
import { TimelineController } from './controller';
import { OverviewStrip } from './OverviewStrip';
import { bindPointer } from './pointer';
import { TimelineLegend, TimelineToolbar } from './TimelineToolbar';
import { TimelineTooltip } from './TimelineTooltip';

/** The timeline above the event list. */
export function Timeline() {
  const [controller] = useState(() => new TimelineController(eventLog));
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layout = useStore((s) => s.timelineLayout);
  const ui = useSyncExternalStore(controller.subscribe, controller.getState);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const detach = controller.attach(canvas);
    const unbind = bindPointer(canvas, controller);
    window.__framescopeTimeline = {
      pointOf: (seq) => controller.pointOf(seq),
      layout: () => controller.layout,
      stats: () => ({ ...controller.stats }),
      drawNow: () => {
        controller.draw();
        return { ...controller.stats };
      },
    };
    return () => {
      unbind();
      detach();
      delete window.__framescopeTimeline;
    };
  }, [controller]);

  useEffect(() => controller.setLayout(layout), [controller, layout]);

  return (
    <div className="timeline" data-testid="timeline" data-layout={layout}>
      <TimelineToolbar controller={controller} follow={ui.follow} />
      <TimelineLegend layout={layout} />
      <OverviewStrip controller={controller} />
      <div className="timeline-stage">
        <canvas
          ref={canvasRef}
          className="timeline-canvas"
          tabIndex={0}
          aria-label={layout === 'lanes' ? 'Timeline: connections and streams over time' : 'Sequence diagram: client and server'}
          data-testid="timeline-canvas"
        />
        {ui.empty && (
          <div className="timeline-empty" data-testid="timeline-empty">
            The timeline fills in as events arrive: a lane per connection, a row per stream.
          </div>
        )}
        {ui.hover && <TimelineTooltip hover={ui.hover} />}
      </div>
    </div>
  );
}
