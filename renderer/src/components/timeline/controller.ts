/**
 * The timeline's engine room, outside React: it owns the canvas, the time views of both layouts, the row and
 * sequence indexes, and draws at most once per animation frame when the log, the selection, the view or the
 * size changed. React only renders the toolbar and the tooltip from the small state this publishes.
 */
import type { EventLog } from '../../store/event-log';
import { useStore, type TimelineLayout } from '../../store';
import { HitList, type DrawInput } from '../../timeline/draw-common';
import { GUTTER, drawLanes, lanesPointOf, layoutLanes, shownRowCount, type LaneOptions, type LanesLayout } from '../../timeline/draw-lanes';
import { syncView } from '../../store/view';
import { SEQ_HEAD, drawSequence, sequencePointOf } from '../../timeline/draw-sequence';
import { LaneIndex } from '../../timeline/lane-index';
import { CanvasPainter, SvgPainter, type Painter } from '../../timeline/painter';
import { SequenceIndex } from '../../timeline/sequence';
import { fitView, panBy, timeToPx, zoomAround, type TimeView } from '../../timeline/time-scale';

/** What the pointer is over, for the tooltip. */
export interface HoverInfo {
  /** CSS px in the canvas. */
  readonly x: number;
  readonly y: number;
  /** Index in the event log. */
  readonly index: number;
  /** How many events the mark stands for. */
  readonly count: number;
}

/** The state React shows: whether the view follows the end, and the hover. */
export interface TimelineUiState {
  readonly follow: boolean;
  readonly hover: HoverInfo | null;
  readonly empty: boolean;
}

/** Timing of the last frame, for tests and the bench. */
export interface DrawStats {
  ms: number;
  visited: number;
  marks: number;
  frames: number;
  /** Events in the log when the frame was drawn. */
  events: number;
  /** When the frame was drawn (performance.now() at its end). */
  at: number;
}

/** Owns one timeline canvas. */
export class TimelineController {
  readonly lanes = new LaneIndex();
  readonly hits = new HitList();
  readonly stats: DrawStats = { ms: 0, visited: 0, marks: 0, frames: 0, events: 0, at: 0 };
  layout: TimelineLayout = 'lanes';
  lanesView: TimeView = { t0: 0, msPerPx: 1 };
  seqView: TimeView = { t0: 0, msPerPx: 1 };
  scrollY = 0;
  /** Follow the end of the session as it grows. */
  follow = true;
  /** While following: show the whole session (true) or keep the zoom and pin the end (false). */
  fitMode = true;
  hovered = -1;
  width = 0;
  height = 0;

  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private dpr = 1;
  private frame: number | null = null;
  private sequence: SequenceIndex | null = null;
  private lanesLayout: LanesLayout | null = null;
  private layoutShape = '';
  private state: TimelineUiState = { follow: true, hover: null, empty: true };
  private readonly listeners = new Set<() => void>();

  constructor(readonly log: EventLog) {}

  /** Starts drawing on `canvas`; returns a function that stops. */
  attach(canvas: HTMLCanvasElement): () => void {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    const resize = new ResizeObserver(() => this.schedule());
    resize.observe(canvas);
    const stopLog = this.log.listen(() => this.schedule());
    const stopSel = useStore.subscribe((s, prev) => {
      if (s.selectedSeq !== prev.selectedSeq) this.onSelection(s.selectedSeq);
      if (s.session !== prev.session) this.fit();
      if (s.replayNow !== prev.replayNow || s.filter !== prev.filter) this.schedule();
    });
    this.schedule();
    return () => {
      resize.disconnect();
      stopLog();
      stopSel();
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
      this.canvas = null;
      this.ctx = null;
    };
  }

  /** Subscribe to the UI state (for useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The UI state (stable object between changes). */
  getState = (): TimelineUiState => this.state;

  private publish(patch: Partial<TimelineUiState>): void {
    const next = { ...this.state, ...patch };
    if (next.follow === this.state.follow && next.hover === this.state.hover && next.empty === this.state.empty) return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  /** Redraws on the next animation frame. */
  schedule(): void {
    if (this.frame !== null || !this.canvas) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.draw();
    });
  }

  /** Switches between lanes and sequence. */
  setLayout(layout: TimelineLayout): void {
    if (layout === this.layout) return;
    // show the same stretch of time in the new layout (unless following, which fits anyway)
    const from = this.view;
    const size = this.axisSize;
    this.layout = layout;
    if (!this.follow && size > 0 && this.width > 0) {
      const view = fitView(from.t0, from.t0 + size * from.msPerPx, this.axisSize, 0);
      if (layout === 'lanes') this.lanesView = view;
      else this.seqView = view;
    }
    this.hovered = -1;
    this.publish({ hover: null });
    this.draw();
  }

  /** Shows the whole session and follows it as it grows. */
  fit(): void {
    this.follow = true;
    this.fitMode = true;
    this.scrollY = 0;
    this.publish({ follow: true });
    this.schedule();
  }

  /** Follows the end at the current zoom (or fits, when nothing was zoomed). */
  resumeFollow(): void {
    this.follow = true;
    this.publish({ follow: true });
    this.schedule();
  }

  /** The view of the current layout. */
  get view(): TimeView {
    return this.layout === 'lanes' ? this.lanesView : this.seqView;
  }

  /** Length of the time axis in CSS px for the current layout. */
  get axisSize(): number {
    return this.layout === 'lanes' ? this.width - GUTTER : this.height - SEQ_HEAD;
  }

  /** Sets the view of the current layout after a person moved it: stops following. */
  moveView(view: TimeView): void {
    if (this.layout === 'lanes') this.lanesView = view;
    else this.seqView = view;
    this.follow = false;
    this.fitMode = false;
    this.publish({ follow: false });
    this.schedule();
  }

  /** Zooms the current layout by `factor` around `px` along its time axis. */
  zoom(px: number, factor: number): void {
    this.moveView(zoomAround(this.view, px, factor));
  }

  /** Pans the current layout by `dpx` along its time axis. */
  pan(dpx: number): void {
    if (dpx !== 0) this.moveView(panBy(this.view, dpx));
  }

  /** Scrolls the lanes vertically. */
  scrollBy(dy: number): void {
    const max = Math.max(0, (this.lanesLayout?.height ?? 0) - (this.height - 26));
    const next = Math.min(max, Math.max(0, this.scrollY + dy));
    if (next !== this.scrollY) {
      this.scrollY = next;
      this.schedule();
    }
  }

  /** Sets the hovered event from a hit at (x, y). */
  hoverAt(x: number, y: number): void {
    const hit = this.hits.find(x, y);
    const index = hit?.index ?? -1;
    if (index !== this.hovered) {
      this.hovered = index;
      this.schedule();
    }
    this.publish({ hover: hit ? { x, y, index: hit.index, count: hit.count } : null });
  }

  /** Clears the hover. */
  leave(): void {
    if (this.hovered >= 0) this.schedule();
    this.hovered = -1;
    this.publish({ hover: null });
  }

  /** Selects the event at (x, y), if any; the list scrolls to it and the inspector shows it. */
  clickAt(x: number, y: number): void {
    const hit = this.hits.find(x, y);
    if (!hit) return;
    const event = this.log.events[hit.index];
    if (!event) return;
    const store = useStore.getState();
    store.setFollow(false); // so the list reveals the row
    this.selfSelect = true;
    store.selectEvent(event.seq);
    this.selfSelect = false;
  }

  private selfSelect = false;

  private onSelection(seq: number | null): void {
    if (seq !== null && !this.selfSelect) this.reveal(this.log.indexOfSeq(seq));
    this.schedule();
  }

  /** Brings event `i` into view (keeping the zoom) when it is outside. */
  private reveal(i: number): void {
    const c = this.log.columns;
    if (i < 0 || i >= c.length || this.width === 0) return;
    // while following (live, or a replay cursor), the view ends at the newest event shown, which the selection
    // is at or before: moving the view would leave the follow, so a replay would zoom in on its first event
    const px = timeToPx(this.view, c.time[i]!);
    const size = this.axisSize;
    if (!this.follow && (px < 0 || px > size)) this.moveView({ t0: c.time[i]! - (size / 2) * this.view.msPerPx, msPerPx: this.view.msPerPx });
    if (this.layout === 'lanes' && this.lanesLayout) {
      const p = lanesPointOf({ columns: c }, this.lanesLayout, this.lanesView, this.scrollY, i);
      if (p && (p.y < 26 || p.y > this.height)) this.scrollBy(p.y - this.height / 2);
    }
  }

  /** Where event `seq` is drawn now, in CSS px relative to the canvas (for tests). */
  pointOf(seq: number): { x: number; y: number } | null {
    const i = this.log.indexOfSeq(seq);
    const c = this.log.columns;
    if (i < 0 || i >= c.length) return null;
    this.sync();
    if (this.layout === 'lanes') return this.lanesLayout ? lanesPointOf({ columns: c }, this.lanesLayout, this.lanesView, this.scrollY, i) : null;
    return sequencePointOf(c, this.seqView, this.width, i);
  }

  /** The connection the sequence layout shows: the selected event's, or the first. */
  sequenceConn(): number {
    const seq = useStore.getState().selectedSeq;
    const i = seq === null ? -1 : this.log.indexOfSeq(seq);
    const c = i >= 0 ? this.log.columns.conn[i]! : 0;
    if (c > 0 && this.lanes.lanes.has(c)) return c;
    return this.lanes.laneOrder[0] ?? 0;
  }

  /** The replay cursor, or Infinity when not replaying. */
  get now(): number {
    return useStore.getState().replayNow ?? Infinity;
  }

  private sync(): void {
    const c = this.log.columns;
    syncView();
    this.lanes.sync(c);
    this.lanes.ensureSorted(c);
    const { filter } = useStore.getState();
    const options: LaneOptions = { now: this.now, conn: filter.conn, stream: filter.stream, height: Math.max(0, this.height - 26) };
    // rows only appear as `now` grows, so their count names the set shown
    const rowsShown = options.now === Infinity ? -1 : shownRowCount(this.lanes, options);
    const shape = `${this.lanes.shape}|${filter.conn}|${filter.stream}|${options.height}|${rowsShown}`;
    if (shape !== this.layoutShape || !this.lanesLayout) {
      this.lanesLayout = layoutLanes(this.lanes, options);
      this.layoutShape = shape;
    }
    if (this.layout === 'sequence') {
      const conn = this.sequenceConn();
      if (!this.sequence || this.sequence.conn !== conn) this.sequence = new SequenceIndex(conn);
      this.sequence.sync(c);
    }
    if (this.follow) this.applyFollow();
  }

  private applyFollow(): void {
    const c = this.log.columns;
    if (c.length === 0) return;
    const size = this.axisSize;
    if (size <= 0) return;
    let view: TimeView;
    // while replaying, the session ends at the cursor, as the live run did at that moment
    const now = this.now;
    const end = now === Infinity ? c.maxTime : Math.max(c.minTime, Math.min(c.maxTime, now));
    if (this.fitMode) view = fitView(c.minTime, end, size, 24);
    else {
      const v = this.view;
      view = { t0: Math.min(c.minTime - 24 * v.msPerPx, end - (size - 24) * v.msPerPx), msPerPx: v.msPerPx };
    }
    if (this.layout === 'lanes') this.lanesView = view;
    else this.seqView = view;
  }

  private input(painter: Painter): DrawInput {
    const seq = useStore.getState().selectedSeq;
    return {
      painter,
      width: this.width,
      height: this.height,
      columns: this.log.columns,
      events: this.log.events,
      connections: this.log.connections,
      selected: seq === null ? -1 : this.log.indexOfSeq(seq),
      hovered: this.hovered,
      mask: syncView().drawMask,
      now: this.now,
    };
  }

  private render(painter: Painter): void {
    const input = this.input(painter);
    let result;
    if (this.layout === 'lanes') {
      const layout = this.lanesLayout!;
      this.scrollY = Math.min(this.scrollY, Math.max(0, layout.height - (this.height - 26)));
      result = drawLanes(input, layout, this.lanesView, this.scrollY, this.hits);
    } else {
      const seq = this.sequence!;
      result = drawSequence(input, seq, this.log.connections.get(seq.conn), this.seqView, this.hits);
    }
    this.stats.visited = result.visited;
    this.stats.marks = result.marks;
  }

  /** Draws now. */
  draw(): void {
    const canvas = this.canvas;
    const ctx = this.ctx;
    if (!canvas || !ctx) return;
    const start = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (w !== this.width || h !== this.height || dpr !== this.dpr) {
      this.width = w;
      this.height = h;
      this.dpr = dpr;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.sync();
    this.render(new CanvasPainter(ctx));
    this.publish({ empty: this.log.columns.length === 0 });
    const end = performance.now();
    this.stats.ms = end - start;
    this.stats.at = end;
    this.stats.events = this.log.columns.length;
    this.stats.frames++;
  }

  /** The visible view as a PNG (without the hover outline). */
  async toPng(): Promise<Blob | null> {
    const hovered = this.hovered;
    this.hovered = -1;
    this.draw();
    this.hovered = hovered;
    const canvas = this.canvas;
    const blob = canvas ? await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png')) : null;
    this.schedule();
    return blob;
  }

  /** The visible view as SVG text. */
  toSvg(): string {
    if (!this.ctx) return '';
    this.sync();
    const measurer = new CanvasPainter(this.ctx);
    const svg = new SvgPainter(this.width, this.height, (t, s) => measurer.measure(t, s));
    const hovered = this.hovered;
    this.hovered = -1;
    this.render(svg);
    this.hovered = hovered;
    this.schedule(); // the hit list now holds the SVG's geometry, which is the same; redraw anyway
    return svg.toString();
  }
}
