/**
 * The lanes layout: time runs to the right; a lane per connection with a row per stream (the connection-level
 * row first), each row split in two — what the client saw on top (blue), what the server saw below (orange) —
 * and a thin session row for the scenario's notes on top. A mark per event (or per pixel column when zoomed
 * out), coloured by kind, taller for more bytes; sent marks are solid, received ones hollow. A faint line per
 * side runs from a stream's first to its last event, so waiting and queuing read as lengths.
 */
import type { ConnectionInfo } from '../../../shared/events';
import { FLAG_RECEIVED, FLAG_SERVER } from '../store/event-columns';
import { Bins, binRow, markHeight } from './aggregate';
import { NOW_COLOR, PALETTE, RULER_SIZE, drawRulerAcross, labelOf, type DrawInput, type HitList } from './draw-common';
import { KIND_COLORS, Kind, isMilestone } from './event-kind';
import type { LaneIndex, RowEvents } from './lane-index';
import { formatEndpoint } from '../lib/format';
import type { Painter } from './painter';
import { timeToPx, type TimeView } from './time-scale';

/** Width of the label column on the left. */
export const GUTTER = 132;
/** Height of a side (client or server half) of a row when there is room; rows shrink to fit, down to MIN_SUB. */
const SUB_H = 24;
const MIN_SUB = 6;
/** Below this side height, marks carry no text labels. */
const LABEL_SUB = 14;
const MARK_W = 4;
const CLUSTER_PX = 10;
/** Which event names a cluster of marks: errors, then TLS (with its ALPN), heads, TCP, data; ends last. */
const LABEL_PRIORITY: readonly number[] = (() => {
  const p = new Array<number>(16).fill(1);
  p[Kind.Error] = 6;
  p[Kind.Tls] = 5;
  p[Kind.Head] = 4;
  p[Kind.Tcp] = 3;
  p[Kind.Data] = 2;
  p[Kind.End] = 0;
  return p;
})();
const SPAN_CLIENT = '#c9daf3';
const SPAN_SERVER = '#f3d6bb';

/** One horizontal band of the lanes layout, y from the top of the scrolled content. */
export interface RowLayout {
  readonly type: 'session' | 'lane' | 'conn' | 'stream';
  readonly y: number;
  readonly h: number;
  /** Height of each side (client above, server below) of a conn or stream row. */
  readonly sub: number;
  readonly conn: number;
  /** Stream id; -1 for the session, lane header and connection rows. */
  readonly stream: number;
  readonly row: RowEvents | null;
}

/** The bands of a layout, their total height, and where each (conn, stream) row is. */
export interface LanesLayout {
  readonly rows: readonly RowLayout[];
  readonly height: number;
  readonly byKey: ReadonlyMap<string, RowLayout>;
  /** Side height of the rows (the same for all). */
  readonly sub: number;
}

/** Which rows a layout shows and how much room it has. */
export interface LaneOptions {
  /** Rows whose first event is after this time are left out, as they were not there yet (replay). */
  readonly now: number;
  /** Only this connection's lane, when set. */
  readonly conn: number | null;
  /** Only this stream's rows (0: the connection rows), when set. */
  readonly stream: number | null;
  /** Height available below the ruler: rows shrink to fit it when there are many. */
  readonly height: number;
}

/** Options that show every row at full height. */
export const ALL_ROWS: LaneOptions = { now: Infinity, conn: null, stream: null, height: Infinity };

/** The key of a row in `byKey`: conn and stream (-1 for the connection row; conn 0 is the session row). */
export function rowKey(conn: number, stream: number): string {
  return conn === 0 ? 'session' : `${conn}/${stream <= 0 ? -1 : stream}`;
}

/** True when the row has an event at or before `now`. */
function started(row: RowEvents, now: number): boolean {
  return row.count > 0 && Math.min(row.first[0]!, row.first[1]!) <= now;
}

/** How many rows are shown under `options` (a cheap key: rows only appear as `now` grows). */
export function shownRowCount(index: LaneIndex, options: LaneOptions): number {
  let n = started(index.session, options.now) ? 1 : 0;
  for (const lane of index.lanes.values()) {
    if (options.conn !== null && lane.conn !== options.conn) continue;
    if (started(lane.connRow, options.now)) n++;
    for (const row of lane.streams.values()) if (started(row, options.now)) n++;
  }
  return n;
}

/** Lays the rows out top to bottom; with many rows they shrink (down to MIN_SUB per side) to fit `height`. */
export function layoutLanes(index: LaneIndex, options: LaneOptions = ALL_ROWS): LanesLayout {
  const { now, conn: onlyConn, stream: onlyStream } = options;
  // which rows, per lane
  const plan: { conn: number; connRow: boolean; streams: number[] }[] = [];
  let rowCount = 0;
  for (const conn of index.laneOrder) {
    if (onlyConn !== null && conn !== onlyConn) continue;
    const lane = index.lanes.get(conn)!;
    const streams = onlyStream === 0 ? [] : lane.streamOrder.filter((s) => (onlyStream === null || s === onlyStream) && started(lane.streams.get(s)!, now));
    const connStarted = started(lane.connRow, now);
    if (!connStarted && streams.length === 0) continue;
    // the connection row heads every lane shown (even before its first event), unless a stream is picked
    const connRow = onlyStream === null || (onlyStream === 0 && connStarted);
    plan.push({ conn, connRow, streams });
    rowCount += (connRow ? 1 : 0) + streams.length;
  }
  const session = onlyConn === null && started(index.session, now);
  const fixedFull = (session ? 24 : 0) + plan.length * 24 + 8;
  let sub = SUB_H;
  if (rowCount > 0 && fixedFull + rowCount * 2 * SUB_H > options.height) {
    const fixedSmall = (session ? 16 : 0) + plan.length * 16 + 8;
    sub = Math.max(MIN_SUB, Math.min(SUB_H, Math.floor((options.height - fixedSmall) / (2 * rowCount))));
  }
  const head = sub >= 18 ? 24 : 16;
  const rows: RowLayout[] = [];
  const byKey = new Map<string, RowLayout>();
  let y = 0;
  const put = (r: RowLayout, key?: string) => {
    rows.push(r);
    if (key) byKey.set(key, r);
    y += r.h;
  };
  if (session) put({ type: 'session', y, h: head, sub: head, conn: 0, stream: -1, row: index.session }, 'session');
  for (const p of plan) {
    const lane = index.lanes.get(p.conn)!;
    put({ type: 'lane', y, h: head, sub: head, conn: p.conn, stream: -1, row: null });
    if (p.connRow) put({ type: 'conn', y, h: sub * 2, sub, conn: p.conn, stream: -1, row: lane.connRow }, rowKey(p.conn, -1));
    for (const s of p.streams) put({ type: 'stream', y, h: sub * 2, sub, conn: p.conn, stream: s, row: lane.streams.get(s)! }, rowKey(p.conn, s));
  }
  return { rows, height: y + 8, byKey, sub };
}

/** Where the mark of event `i` is drawn (CSS px in the canvas), or null when it has no row. */
export function lanesPointOf(input: Pick<DrawInput, 'columns'>, layout: LanesLayout, view: TimeView, scrollY: number, i: number) {
  const { columns } = input;
  const r = layout.byKey.get(rowKey(columns.conn[i]!, columns.stream[i]!));
  if (!r) return null;
  const top = RULER_SIZE - scrollY + r.y;
  const x = GUTTER + Math.floor(timeToPx(view, columns.time[i]!)) + 0.5;
  if (r.type === 'session') return { x, y: top + r.h / 2 };
  const side = columns.flags[i]! & FLAG_SERVER;
  return { x, y: top + side * r.sub + r.sub / 2 };
}

/** A one-line description of a connection for its lane header. */
export function laneTitle(conn: number, info: ConnectionInfo | undefined): string {
  if (!info) return `#${conn}`;
  const alpn = info.alpn ? `ALPN ${info.alpn}` : info.tls ? 'no ALPN' : 'cleartext';
  return `#${conn}  ${info.protocol} · ${alpn} · ${formatEndpoint(info.client)} → ${formatEndpoint(info.server)}`;
}

const bins = new Bins();

/** Draws the lanes layout; fills `hits`. Returns how many events were visited and marks drawn. */
export function drawLanes(
  input: DrawInput,
  layout: LanesLayout,
  view: TimeView,
  scrollY: number,
  hits: HitList,
): { visited: number; marks: number } {
  const { painter: p, width, height, columns, selected } = input;
  const plotW = Math.max(0, width - GUTTER);
  const top = RULER_SIZE - scrollY;
  let visited = 0;
  let marks = 0;
  hits.reset();
  p.fillRect(0, 0, width, height, PALETTE.bg);

  const visibleRows = layout.rows.filter((r) => top + r.y + r.h > RULER_SIZE && top + r.y < height);
  // backgrounds
  p.clip(0, RULER_SIZE, width, height - RULER_SIZE);
  for (const r of visibleRows) {
    const y = top + r.y;
    if (r.type === 'session') p.fillRect(GUTTER, y, plotW, r.h, PALETTE.sessionTint);
    else if (r.type === 'lane') p.fillRect(0, y, width, r.h, PALETTE.laneHead);
    else {
      p.fillRect(GUTTER, y, plotW, r.sub, PALETTE.clientTint);
      p.fillRect(GUTTER, y + r.sub, plotW, r.sub, PALETTE.serverTint);
      p.line(GUTTER, y + r.h - 0.5, width, y + r.h - 0.5, '#ffffff', 1);
    }
  }
  p.unclip();
  drawRulerAcross(p, view, GUTTER, width, height);

  // selection guide: a line down the whole plot at the selected event's time
  if (selected >= 0 && selected < columns.length) {
    const x = GUTTER + Math.floor(timeToPx(view, columns.time[selected]!)) + 0.5;
    if (x >= GUTTER && x <= width) p.line(x, RULER_SIZE, x, height, PALETTE.select, 1, [4, 3]);
  }

  p.clip(GUTTER, RULER_SIZE, plotW, height - RULER_SIZE);
  for (const r of visibleRows) {
    if (!r.row) continue;
    const y = top + r.y;
    if (r.type === 'stream') drawSpans(p, input, r, view, y);
    bins.reset();
    visited += binRow(columns, r.row, view, plotW, bins, 4, selected, input.now, input.mask);
    marks += bins.length;
    drawBins(input, r, y, hits);
  }
  if (input.now !== Infinity) drawNow(p, view, input.now, width, height);
  p.unclip();

  // the gutter: row labels over a white column (lane headers run across it)
  p.fillRect(0, RULER_SIZE, GUTTER, height - RULER_SIZE, PALETTE.bg);
  p.line(GUTTER - 0.5, RULER_SIZE, GUTTER - 0.5, height, PALETTE.border, 1);
  p.clip(0, RULER_SIZE, width, height - RULER_SIZE);
  for (const r of visibleRows) drawRowLabel(p, input, r, top + r.y, width);
  p.unclip();
  return { visited, marks };
}

/** The time of the last event of `side` in `row` at or before `now` (-Infinity when none). */
function lastOfSide(columns: DrawInput['columns'], row: RowEvents, side: number, now: number): number {
  if (row.last[side]! <= now) return row.last[side]!;
  const { time, flags } = columns;
  for (let k = row.upperBound(time, now) - 1; k >= 0; k--) {
    const i = row.idx[k]!;
    if ((flags[i]! & FLAG_SERVER) === side) return time[i]!;
  }
  return -Infinity;
}

function drawSpans(p: Painter, input: DrawInput, r: RowLayout, view: TimeView, y: number): void {
  const row = r.row!;
  for (let side = 0; side < 2; side++) {
    const a = row.first[side]!;
    const b = lastOfSide(input.columns, row, side, input.now);
    if (!(b >= a)) continue;
    const x1 = GUTTER + timeToPx(view, a);
    const x2 = GUTTER + timeToPx(view, b);
    // a waterfall bar: how long this side was busy with the exchange (as in a browser's network panel)
    const left = Math.max(GUTTER - 4, x1);
    const right = Math.min(GUTTER + 1e6, x2);
    const cy = y + side * r.sub + r.sub / 2;
    const h = Math.max(2, Math.min(8, r.sub - 6));
    p.fillRect(left, cy - h / 2, Math.max(1, right - left), h, side ? SPAN_SERVER : SPAN_CLIENT);
  }
}

/** The replay cursor: a line at `now`, the time after it veiled (nothing there has happened yet). */
function drawNow(p: Painter, view: TimeView, now: number, width: number, height: number): void {
  const x = Math.round(GUTTER + timeToPx(view, now)) + 0.5;
  if (x > width) return;
  const from = Math.max(GUTTER, x);
  if (from < width) p.fillRect(from, RULER_SIZE, width - from, height - RULER_SIZE, 'rgba(244,244,241,0.75)');
  if (x >= GUTTER) p.line(x, RULER_SIZE, x, height, NOW_COLOR, 2);
}

function drawBins(input: DrawInput, r: RowLayout, y: number, hits: HitList): void {
  const { painter: p, columns, events, selected, hovered, width } = input;
  const session = r.type === 'session';
  const sub = r.sub;
  const labels = sub >= LABEL_SUB;
  // labels first, then the marks on top. Marks closer than CLUSTER_PX make a cluster with one label after
  // its last mark, naming its most telling event ("200 OK +1"); labels never overlap each other.
  for (let side = 0; side < (!labels ? 0 : session ? 1 : 2); side++) {
    let labelEnd = -Infinity;
    let k = nextOfSide(0, side, session);
    while (k < bins.length) {
      let best = bins.rep[k]!;
      let total = bins.count[k]!;
      let lastX = bins.col[k]!;
      let j = nextOfSide(k + 1, side, session);
      while (j < bins.length && bins.col[j]! - lastX <= CLUSTER_PX) {
        const i = bins.rep[j]!;
        if (LABEL_PRIORITY[columns.kind[i]!]! > LABEL_PRIORITY[columns.kind[best]!]!) best = i;
        total += bins.count[j]!;
        lastX = bins.col[j]!;
        j = nextOfSide(j + 1, side, session);
      }
      const nextX = j < bins.length ? GUTTER + bins.col[j]! : width;
      const start = GUTTER + lastX + 6;
      k = j;
      if (start < labelEnd + 8 || start > width - 20) continue;
      const kind = columns.kind[best]!;
      if (kind === Kind.End && nextX - start < 40) continue; // "end" only where nothing else wants the room
      const base = labelOf(events[best]);
      if (!base) continue;
      const text = total > 1 ? `${base} +${(total - 1).toLocaleString('en-US')}` : base;
      const milestone = isMilestone(kind) || kind === Kind.Error;
      const style = { size: 12, color: milestone ? (KIND_COLORS[kind] ?? PALETTE.text) : PALETTE.text, bold: milestone, italic: session };
      const room = Math.min(260, width - start - 4, nextX - start - 6);
      const cy = session ? y + r.h / 2 : y + side * sub + sub / 2;
      const w = p.measure(text, style);
      if (w <= room) {
        p.text(start, cy, text, style);
        labelEnd = start + w;
      } else if (room > 40) {
        const short = fitText(p, text, room, style);
        p.text(start, cy, short, style);
        labelEnd = start + p.measure(short, style);
      }
    }
  }
  for (let k = 0; k < bins.length; k++) {
    const i = bins.rep[k]!;
    const side = session ? 0 : bins.side[k]!;
    const subTop = session ? y : y + side * sub;
    const subH = session ? r.h : sub;
    const x = GUTTER + bins.col[k]! + 0.5;
    const kind = columns.kind[i]!;
    const color = KIND_COLORS[kind] ?? KIND_COLORS[Kind.Other]!;
    const milestone = isMilestone(kind) || kind === Kind.Error;
    const h = milestone ? subH - 4 : session ? Math.min(10, subH - 4) : markHeight(columns.bytes[i]!, Math.min(6, subH - 4), subH - 3);
    const my = subTop + (subH - h) / 2;
    const mine = i === selected;
    if (mine) p.fillRect(x - 5, subTop + 1, 10, subH - 2, PALETTE.selectBg);
    if (milestone) {
      p.fillRect(x - 1, my, 2, h, color);
    } else if (columns.flags[i]! & FLAG_RECEIVED) {
      p.fillRect(x - MARK_W / 2, my, MARK_W, h, '#ffffff');
      p.strokeRect(x - MARK_W / 2 + 0.5, my + 0.5, MARK_W - 1, h - 1, color, 1.5);
    } else {
      p.fillRect(x - MARK_W / 2, my, MARK_W, h, color);
    }
    if (mine) p.strokeRect(x - 5.5, subTop + 0.5, 11, subH - 1, PALETTE.select, 2);
    else if (i === hovered) p.strokeRect(x - 4.5, subTop + 1.5, 9, subH - 3, PALETTE.hover, 1);
    hits.add(x, subTop + 2, x, subTop + subH - 2, i, -1, bins.count[k]!);
  }
}

/** The next bin at or after k on `side` (every bin in the session row). */
function nextOfSide(k: number, side: number, session: boolean): number {
  while (k < bins.length && !session && bins.side[k] !== side) k++;
  return k;
}

function fitText(p: Painter, text: string, room: number, style: Parameters<Painter['measure']>[1]): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.measure(`${text.slice(0, mid)}…`, style) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? `${text.slice(0, lo)}…` : '';
}

function drawRowLabel(p: Painter, input: DrawInput, r: RowLayout, y: number, width: number): void {
  const info = input.connections.get(r.conn);
  switch (r.type) {
    case 'session':
      p.text(8, y + r.h / 2, 'session notes', { size: 12, color: PALETTE.muted, italic: true });
      break;
    case 'lane':
      p.fillRect(0, y, width, r.h, PALETTE.laneHead);
      p.text(8, y + r.h / 2, laneTitle(r.conn, info), { size: 12, color: PALETTE.text, bold: true });
      break;
    default: {
      const h1 = info?.protocol === 'h1';
      const name = r.type === 'conn' ? 'connection' : h1 ? `exchange ${r.stream}` : `stream ${r.stream}`;
      p.text(8, y + r.h / 2, name, { size: 12, color: PALETTE.text, bold: r.type === 'conn' });
      if (r.sub >= 12) {
        p.text(GUTTER - 6, y + r.sub / 2, 'client', { size: 11, color: PALETTE.client, align: 'right', bold: true });
        p.text(GUTTER - 6, y + r.sub + r.sub / 2, 'server', { size: 11, color: PALETTE.server, align: 'right', bold: true });
      } else {
        // too thin for words: a colour key, blue over orange
        p.fillRect(GUTTER - 10, y + 1, 4, r.sub - 2, PALETTE.client);
        p.fillRect(GUTTER - 10, y + r.sub + 1, 4, r.sub - 2, PALETTE.server);
      }
    }
  }
}
