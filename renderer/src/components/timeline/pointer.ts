/**
 * Mouse, touchpad, touchscreen and keyboard on the timeline canvas: Ctrl+wheel (or a touchpad pinch, which
 * Chromium sends as Ctrl+wheel) zooms around the pointer; two fingers on a touchscreen pinch-zoom around their
 * midpoint and pan as it moves; the wheel scrolls (lanes: the rows, or time with Shift / sideways; sequence:
 * time); dragging pans; a click without a drag selects; + − 0 and the arrow keys do the same.
 */
import { GUTTER } from '../../timeline/draw-lanes';
import { SEQ_HEAD } from '../../timeline/draw-sequence';
import type { TimelineController } from './controller';

const DRAG_THRESHOLD = 4;

/** Two touch points: their distance and midpoint. */
interface PinchGeometry {
  readonly distance: number;
  readonly mid: { x: number; y: number };
}

/** The geometry of the first two points of `points`, or null when fewer than two are down. */
export function pinchGeometry(points: ReadonlyMap<number, { x: number; y: number }>): PinchGeometry | null {
  const [a, b] = [...points.values()];
  if (!a || !b) return null;
  return { distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
}

/** Pixels of a wheel event's delta (lines and pages converted). */
function wheelPixels(e: WheelEvent, delta: number): number {
  if (e.deltaMode === 1) return delta * 16;
  if (e.deltaMode === 2) return delta * 400;
  return delta;
}

/** Binds the canvas's input to the controller; returns a function that unbinds. */
export function bindPointer(canvas: HTMLCanvasElement, c: TimelineController): () => void {
  const local = (e: MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  /** Position along the current layout's time axis. */
  const axisPx = (p: { x: number; y: number }) => (c.layout === 'lanes' ? p.x - GUTTER : p.y - SEQ_HEAD);

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const p = local(e);
    const dy = wheelPixels(e, e.deltaY);
    const dx = wheelPixels(e, e.deltaX);
    if (e.ctrlKey || e.metaKey) {
      c.zoom(axisPx(p), Math.exp(-dy * 0.0025));
      c.hoverAt(p.x, p.y);
      return;
    }
    if (c.layout === 'lanes') {
      if (e.shiftKey) c.pan(-(dy || dx));
      else {
        if (dx) c.pan(-dx);
        if (dy) c.scrollBy(dy);
      }
    } else c.pan(-dy);
  };

  let down: { x: number; y: number; last: { x: number; y: number }; id: number; dragging: boolean } | null = null;
  /** Touch points down on the canvas; two of them make a pinch (which ends any one-finger drag). */
  const touches = new Map<number, { x: number; y: number }>();
  let pinch: PinchGeometry | null = null;
  const onTouchMove = (e: PointerEvent): boolean => {
    if (!touches.has(e.pointerId)) return false;
    touches.set(e.pointerId, local(e));
    const now = pinchGeometry(touches);
    if (!now || !pinch) return now !== null;
    const along = (m: { x: number; y: number }) => axisPx(m);
    // what was under the old midpoint moves to the new one, then scales around it
    const shift = along(now.mid) - along(pinch.mid);
    if (shift) c.pan(shift);
    c.zoom(along(now.mid), now.distance / pinch.distance);
    pinch = now;
    return true;
  };
  const onDown = (e: PointerEvent) => {
    if (e.pointerType === 'touch') {
      touches.set(e.pointerId, local(e));
      canvas.setPointerCapture(e.pointerId);
      if (touches.size >= 2) {
        pinch = pinchGeometry(touches);
        down = null;
        canvas.classList.remove('dragging');
        c.leave();
        return;
      }
    }
    if (e.button !== 0) return;
    const p = local(e);
    down = { x: p.x, y: p.y, last: p, id: e.pointerId, dragging: false };
    canvas.setPointerCapture(e.pointerId);
    canvas.focus({ preventScroll: true });
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerType === 'touch' && onTouchMove(e)) return;
    const p = local(e);
    if (!down || down.id !== e.pointerId) {
      c.hoverAt(p.x, p.y);
      return;
    }
    if (!down.dragging && Math.hypot(p.x - down.x, p.y - down.y) >= DRAG_THRESHOLD) {
      down.dragging = true;
      canvas.classList.add('dragging');
      c.leave();
    }
    if (!down.dragging) return;
    const dx = p.x - down.last.x;
    const dy = p.y - down.last.y;
    down.last = p;
    if (c.layout === 'lanes') {
      c.pan(dx);
      c.scrollBy(-dy);
    } else c.pan(dy);
  };
  const endTouch = (e: PointerEvent) => {
    if (!touches.delete(e.pointerId)) return;
    if (touches.size < 2) pinch = null;
  };
  const onUp = (e: PointerEvent) => {
    const pinching = pinch !== null || touches.size >= 2;
    endTouch(e);
    if (pinching) {
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      return;
    }
    if (!down || down.id !== e.pointerId) return;
    const wasDrag = down.dragging;
    down = null;
    canvas.classList.remove('dragging');
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    const p = local(e);
    if (!wasDrag) c.clickAt(p.x, p.y);
    c.hoverAt(p.x, p.y);
  };
  const onCancel = (e: PointerEvent) => {
    endTouch(e);
    down = null;
    canvas.classList.remove('dragging');
  };
  const onLeave = () => {
    if (!down) c.leave();
  };
  const onKey = (e: KeyboardEvent) => {
    const center = c.axisSize / 2;
    switch (e.key) {
      case '+':
      case '=':
        c.zoom(center, 1.5);
        break;
      case '-':
        c.zoom(center, 1 / 1.5);
        break;
      case '0':
        c.fit();
        break;
      case 'ArrowLeft':
        c.pan(c.layout === 'lanes' ? 80 : 0);
        break;
      case 'ArrowRight':
        c.pan(c.layout === 'lanes' ? -80 : 0);
        break;
      case 'ArrowUp':
        if (c.layout === 'lanes') c.scrollBy(-40);
        else c.pan(60);
        break;
      case 'ArrowDown':
        if (c.layout === 'lanes') c.scrollBy(40);
        else c.pan(-60);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onCancel);
  canvas.addEventListener('pointerleave', onLeave);
  canvas.addEventListener('keydown', onKey);
  return () => {
    canvas.removeEventListener('wheel', onWheel);
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerup', onUp);
    canvas.removeEventListener('pointercancel', onCancel);
    canvas.removeEventListener('pointerleave', onLeave);
    canvas.removeEventListener('keydown', onKey);
  };
}
