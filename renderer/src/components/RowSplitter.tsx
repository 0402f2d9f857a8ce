/**
 * A horizontal drag handle between the timeline and the event list: sets the timeline's share of the height.
 */
import { useCallback, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../store';

/** Drag handle for the timeline's height. */
export function RowSplitter() {
  const setFraction = useStore((s) => s.setTimelineFraction);
  const onPointerDown = useCallback(
    (down: ReactPointerEvent<HTMLDivElement>) => {
      down.preventDefault();
      const handle = down.currentTarget;
      const column = handle.parentElement;
      if (!column) return;
      handle.setPointerCapture(down.pointerId);
      const move = (e: PointerEvent) => {
        const r = column.getBoundingClientRect();
        if (r.height > 0) setFraction((e.clientY - r.top) / r.height);
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    [setFraction],
  );
  return (
    <div
      className="row-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the timeline"
      onPointerDown={onPointerDown}
      data-testid="timeline-splitter"
    />
  );
}
