/**
 * A horizontal drag handle: between the timeline and the event list (the timeline's share of the height), or
 * between the inspector and the panels under it (the inspector's share).
 */
import { useCallback, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../store';

/** Drag handle for the timeline's (or the inspector's) height. */
export function RowSplitter({ target = 'timeline' }: { readonly target?: 'timeline' | 'inspector' }) {
  const setFraction = useStore((s) => (target === 'timeline' ? s.setTimelineFraction : s.setInspectorFraction));
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
      aria-label={target === 'timeline' ? 'Resize the timeline' : 'Resize the inspector'}
      onPointerDown={onPointerDown}
      data-testid={`${target}-splitter`}
    />
  );
}
