/**
 * The overview strip above the timeline: the whole session's events as a density band (client above, server
 * below) with the part the timeline shows drawn as a frame. Click or drag on it to move the timeline there.
 */
import { useEffect, useRef } from 'react';
import { eventLog } from '../../store/event-log';
import { FLAG_SERVER } from '../../store/event-columns';
import type { TimelineController } from './controller';
import { density, viewCenteredAt, viewSpan, type Density } from './overview';

const HEIGHT = 22;
/** While events pour in, the density (one pass over every event) is recomputed at most this often. */
const REBIN_MS = 250;

/** A thin canvas over the whole session; redraws when events arrive or the view moves. */
export function OverviewStrip({ controller }: { readonly controller: TimelineController }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let frame = 0;
    let drawnVersion = -1;
    let drawnView = '';
    let drawnWidth = -1;
    let bins: Density | null = null;
    let binnedAt = -Infinity;
    const tick = (now: number): void => {
      frame = requestAnimationFrame(tick);
      const width = canvas.clientWidth;
      const view = controller.view;
      const viewKey = `${view.t0}:${view.msPerPx}:${controller.axisSize}`;
      const logChanged = eventLog.version !== drawnVersion;
      if (!logChanged && viewKey === drawnView && width === drawnWidth) return;
      const rebin = !bins || width !== drawnWidth || (logChanged && now - binnedAt >= REBIN_MS);
      if (logChanged && !rebin && viewKey === drawnView) return; // the next rebin will catch up
      if (rebin) {
        bins = density(eventLog.columns, width, FLAG_SERVER);
        binnedAt = now;
        drawnVersion = eventLog.version;
      }
      if (!bins) return;
      drawnView = viewKey;
      drawnWidth = width;
      paint(canvas, bins, viewSpan(view, controller.axisSize));
    };
    frame = requestAnimationFrame(tick);

    const moveTo = (clientX: number): void => {
      if (!bins) return;
      const rect = canvas.getBoundingClientRect();
      const ms = bins.t0 + ((clientX - rect.left) / Math.max(1, rect.width)) * (bins.t1 - bins.t0);
      controller.moveView(viewCenteredAt(controller.view, controller.axisSize, ms));
    };
    let dragging = false;
    const down = (e: PointerEvent): void => {
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      moveTo(e.clientX);
    };
    const move = (e: PointerEvent): void => {
      if (dragging) moveTo(e.clientX);
    };
    const up = (e: PointerEvent): void => {
      dragging = false;
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    return () => {
      cancelAnimationFrame(frame);
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
    };
  }, [controller]);

  return (
    <canvas
      ref={canvasRef}
      className="timeline-overview"
      style={{ height: HEIGHT }}
      aria-label="Overview of the whole session: click or drag to move the timeline"
      title="The whole session: click or drag to move the timeline"
      data-testid="timeline-overview"
    />
  );
}

function paint(canvas: HTMLCanvasElement, bins: Density, span: { start: number; end: number }): void {
  const ratio = window.devicePixelRatio || 1;
  const width = bins.client.length;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.round(HEIGHT * ratio);
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#f4f6f9';
  g.fillRect(0, 0, width, HEIGHT);
  const half = HEIGHT / 2;
  const scale = bins.max > 0 ? (half - 2) / Math.log1p(bins.max) : 0;
  g.fillStyle = '#2563eb';
  for (let x = 0; x < width; x++) {
    const n = bins.client[x]!;
    if (n > 0) {
      const h = Math.max(1, Math.log1p(n) * scale);
      g.fillRect(x, half - h, 1, h);
    }
  }
  g.fillStyle = '#c2410c';
  for (let x = 0; x < width; x++) {
    const n = bins.server[x]!;
    if (n > 0) g.fillRect(x, half, 1, Math.max(1, Math.log1p(n) * scale));
  }
  const toX = (ms: number): number => ((ms - bins.t0) / (bins.t1 - bins.t0)) * width;
  const x0 = Math.max(0, toX(span.start));
  const x1 = Math.min(width, toX(span.end));
  g.fillStyle = 'rgba(255, 255, 255, 0.55)';
  if (x0 > 0) g.fillRect(0, 0, x0, HEIGHT);
  if (x1 < width) g.fillRect(x1, 0, width - x1, HEIGHT);
  g.strokeStyle = '#111827';
  g.lineWidth = 1;
  g.strokeRect(Math.floor(x0) + 0.5, 0.5, Math.max(2, Math.floor(x1 - x0)) - 1, HEIGHT - 1);
}
