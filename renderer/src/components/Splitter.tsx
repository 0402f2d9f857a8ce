/**
 * A vertical drag handle between two panels that resizes the side panel it belongs to.
 */
import { useCallback, type PointerEvent as ReactPointerEvent } from 'react';
import { useStore } from '../store';

interface Props {
  readonly side: 'left' | 'right';
}

/** Drag handle for the left or right panel's width. */
export function Splitter({ side }: Props) {
  const setPanelWidth = useStore((s) => s.setPanelWidth);
  const onPointerDown = useCallback(
    (down: ReactPointerEvent<HTMLDivElement>) => {
      down.preventDefault();
      const handle = down.currentTarget;
      handle.setPointerCapture(down.pointerId);
      const startX = down.clientX;
      const state = useStore.getState();
      const startWidth = side === 'left' ? state.leftWidth : state.rightWidth;
      const move = (e: PointerEvent) => {
        const dx = e.clientX - startX;
        setPanelWidth(side, side === 'left' ? startWidth + dx : startWidth - dx);
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
    [side, setPanelWidth],
  );
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={side === 'left' ? 'Resize the lessons panel' : 'Resize the inspector'}
      onPointerDown={onPointerDown}
    />
  );
}
