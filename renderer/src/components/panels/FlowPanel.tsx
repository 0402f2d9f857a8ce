/**
 * Flow-control windows of a connection as water levels over the session (a small canvas chart): per window,
 * blocked stretches in red and WINDOW_UPDATEs in green, with the moment marked.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { eventLog } from '../../store/event-log';
import { buildFlowSeries } from '../../panels/flow-series';
import { drawFlow, flowHeight } from '../../panels/draw-flow';
import { CanvasPainter } from '../../timeline/painter';
import { flowIndex, type PanelView } from './panel-data';

/** The windows chart. */
export function FlowPanel({ view, conn }: { readonly view: PanelView; readonly conn: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const index = flowIndex.sync(eventLog.columns);
  const series = buildFlowSeries(eventLog.events, index.list, index.length, conn);
  const height = flowHeight(series.length);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawFlow(new CanvasPainter(ctx), { series, width, start: view.start, end: view.end, moment: view.moment, replaying: view.replaying });
  });

  return (
    <div className="flow-panel" ref={box} data-testid="flow-panel" data-series={series.length}>
      {series.length === 0 ? (
        <p className="muted">No flow-control window changed on this connection.</p>
      ) : (
        <>
          <canvas ref={canvas} style={{ width: '100%', height }} aria-label="Flow-control windows over time" data-testid="flow-canvas" />
          <p className="flow-key">
            <i className="water-r" /> receive window <i className="water-s" /> send window <i className="blocked" /> blocked (window 0)
            <i className="update" /> WINDOW_UPDATE
          </p>
        </>
      )}
    </div>
  );
}
