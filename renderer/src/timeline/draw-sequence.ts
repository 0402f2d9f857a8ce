/**
 * The sequence layout of one connection: the client's axis on the left, the server's on the right, time going
 * down on the session clock, an arrow per wire event from the sender's time to the receiver's (so its slope is
 * the time on the wire and in the peer's parser). What is not on the wire (TCP connect, TLS done) is a tick on
 * its side's axis; a wire event whose other end was not seen is a dashed stub. Labels are dropped where they
 * would overlap; arrows that land on the same pixels as the previous one are drawn once.
 */
import type { ConnectionInfo } from '../../../shared/events';
import { FLAG_RECEIVED, FLAG_SENT, FLAG_SERVER, type EventColumns } from '../store/event-columns';
import { formatEndpoint } from '../lib/format';
import { NOW_COLOR, PALETTE, RULER_DOWN_WIDTH, drawRulerDown, labelOf, type DrawInput, type HitList } from './draw-common';
import { KIND_COLORS, Kind } from './event-kind';
import type { Painter, TextStyle } from './painter';
import type { SequenceIndex } from './sequence';
import { timeToPx, type TimeView } from './time-scale';

/** Height of the header band with the two ends' names. */
export const SEQ_HEAD = 46;

/** The x of the client's and the server's axis for a drawing `width` wide. */
export function sequenceAxes(width: number): { client: number; server: number } {
  const plot = Math.max(0, width - RULER_DOWN_WIDTH);
  return { client: Math.round(RULER_DOWN_WIDTH + plot * 0.3) + 0.5, server: Math.round(RULER_DOWN_WIDTH + plot * 0.72) + 0.5 };
}

/** Where event `i` sits in the sequence layout (on its side's axis at its time). */
export function sequencePointOf(columns: EventColumns, view: TimeView, width: number, i: number): { x: number; y: number } {
  const axes = sequenceAxes(width);
  const x = columns.flags[i]! & FLAG_SERVER ? axes.server : axes.client;
  return { x, y: SEQ_HEAD + timeToPx(view, columns.time[i]!) };
}

class Occupancy {
  private readonly used: Uint8Array;
  constructor(height: number) {
    this.used = new Uint8Array(Math.max(1, Math.ceil(height)));
  }
  /** Claims rows [y - half, y + half] when all are free. */
  claim(y: number, half: number): boolean {
    const a = Math.max(0, Math.floor(y - half));
    const b = Math.min(this.used.length - 1, Math.ceil(y + half));
    for (let k = a; k <= b; k++) if (this.used[k]) return false;
    this.used.fill(1, a, b + 1);
    return true;
  }
}

function arrowHead(p: Painter, x1: number, y1: number, x2: number, y2: number, color: string, size = 7): void {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const s = size;
  p.polygon([x2, y2, x2 - s * Math.cos(a - 0.4), y2 - s * Math.sin(a - 0.4), x2 - s * Math.cos(a + 0.4), y2 - s * Math.sin(a + 0.4)], color);
}

/** Draws the sequence layout of connection `seq.conn`; fills `hits`. Returns the number of arrows drawn. */
export function drawSequence(input: DrawInput, seq: SequenceIndex, info: ConnectionInfo | undefined, view: TimeView, hits: HitList): { visited: number; marks: number } {
  const { painter: p, width, height, columns, events, selected, hovered } = input;
  const { time, flags, kind, stream } = columns;
  const axes = sequenceAxes(width);
  const mid = (axes.client + axes.server) / 2;
  const ty = (t: number) => SEQ_HEAD + timeToPx(view, t);
  hits.reset();
  p.fillRect(0, 0, width, height, PALETTE.bg);
  drawRulerDown(p, view, SEQ_HEAD, height, width);
  p.clip(RULER_DOWN_WIDTH, SEQ_HEAD, width - RULER_DOWN_WIDTH, height - SEQ_HEAD);
  p.line(axes.client, SEQ_HEAD, axes.client, height, PALETTE.client, 2);
  p.line(axes.server, SEQ_HEAD, axes.server, height, PALETTE.server, 2);

  if (selected >= 0 && selected < columns.length && columns.conn[selected] === seq.conn) {
    const y = Math.round(ty(time[selected]!)) + 0.5;
    p.line(RULER_DOWN_WIDTH, y, width, y, PALETTE.select, 1, [4, 3]);
  }

  const occMid = new Occupancy(height);
  const occLeft = new Occupancy(height);
  const occRight = new Occupancy(height);
  const label: TextStyle = { size: 11, color: PALETTE.text, align: 'center', baseline: 'middle' };
  let lastA = NaN;
  let lastB = NaN;
  let lastSig = -1;
  let drawn = 0;
  const serverSide = (i: number) => (flags[i]! & FLAG_SERVER) !== 0;
  const xOf = (i: number) => (serverSide(i) ? axes.server : axes.client);
  const { now, mask } = input;
  const shown = (i: number) => i >= 0 && time[i]! <= now && (mask === null || mask[i] === 1);
  for (let k = 0; k < seq.length; k++) {
    const fromK = seq.from[k]!;
    const toK = seq.to[k]!;
    const a = shown(fromK) ? fromK : -1;
    const b = shown(toK) ? toK : -1;
    if (a < 0 && b < 0) continue;
    const inFlight = a >= 0 && b < 0 && toK >= 0 && time[toK]! > now;
    const head = a >= 0 ? a : b;
    const ya = a >= 0 ? ty(time[a]!) : NaN;
    const yb = b >= 0 ? ty(time[b]!) : NaN;
    const lo = Math.min(a >= 0 ? ya : yb, b >= 0 ? yb : ya);
    const hi = Math.max(a >= 0 ? ya : yb, b >= 0 ? yb : ya);
    if (hi < SEQ_HEAD - 10 || lo > height + 10) continue;
    // the same pixels, kind and side as the arrow just drawn: draw once
    const ra = Math.round(ya);
    const rb = Math.round(yb);
    const sig = (kind[head]! << 8) | flags[head]! | (a >= 0 ? 1 << 16 : 0) | (b >= 0 ? 1 << 17 : 0);
    const isSel = selected >= 0 && (a === selected || b === selected);
    if (!isSel && sig === lastSig && (ra === lastA || (ra !== ra && lastA !== lastA)) && (rb === lastB || (rb !== rb && lastB !== lastB))) continue;
    lastA = ra;
    lastB = rb;
    lastSig = sig;
    drawn++;
    const color = KIND_COLORS[kind[head]!] ?? KIND_COLORS[Kind.Other]!;
    const wire = (flags[head]! & (FLAG_SENT | FLAG_RECEIVED)) !== 0;
    const hot = isSel || (hovered >= 0 && (a === hovered || b === hovered));
    if (!wire) {
      // a tick on the axis, labelled outside
      const x = xOf(a);
      const out = serverSide(a) ? 1 : -1;
      if (isSel) p.fillRect(x - 8, ya - 6, 16, 12, PALETTE.selectBg);
      p.line(x - 7, ya, x + 7, ya, color, hot ? 3 : 2);
      hits.add(x - 8, ya, x + 8, ya, a, -1, 1);
      const text = labelOf(events[a]);
      const occ = out < 0 ? occLeft : occRight;
      if (text && occ.claim(ya, 6)) p.text(x + out * 12, ya, text, { size: 11, color, bold: true, align: out < 0 ? 'right' : 'left' });
      continue;
    }
    let x1: number, y1: number, x2: number, y2: number;
    let dashed = false;
    if (a >= 0 && b >= 0) {
      x1 = xOf(a);
      y1 = ya;
      x2 = xOf(b);
      y2 = yb;
    } else if (a >= 0) {
      x1 = xOf(a);
      y1 = ya;
      x2 = x1 + (mid - x1) * 0.8;
      y2 = ya;
      dashed = true;
    } else {
      x2 = xOf(b);
      y2 = yb;
      x1 = x2 + (mid - x2) * 0.8;
      y1 = yb;
      dashed = true;
    }
    if (isSel) p.line(x1, y1, x2, y2, PALETTE.selectBg, 7);
    p.line(x1, y1, x2, y2, color, hot ? 2.5 : 1.5, dashed ? [5, 4] : undefined);
    if (b >= 0) arrowHead(p, x1, y1, x2, y2, color);
    hits.add(x1, y1, x2, y2, a, b, 1);
    const s = stream[head]!;
    const note = inFlight ? ' (in flight)' : a >= 0 ? ' (not seen arriving)' : ' (not seen leaving)';
    const text = `${s > 0 ? `#${s} ` : ''}${labelOf(events[head])}${dashed ? note : ''}`;
    const ly = (y1 + y2) / 2 - 8;
    if (occMid.claim(ly, 6)) {
      const w = p.measure(text, label);
      const lx = (x1 + x2) / 2;
      p.fillRect(lx - w / 2 - 2, ly - 7, w + 4, 14, 'rgba(255,255,255,0.85)');
      p.text(lx, ly, text, { ...label, color: isSel ? PALETTE.text : color, bold: isSel });
    }
  }
  if (now !== Infinity) {
    const y = Math.round(ty(now)) + 0.5;
    if (y < height) p.fillRect(RULER_DOWN_WIDTH, Math.max(SEQ_HEAD, y), width - RULER_DOWN_WIDTH, height - Math.max(SEQ_HEAD, y), 'rgba(244,244,241,0.75)');
    if (y >= SEQ_HEAD) p.line(RULER_DOWN_WIDTH, y, width, y, NOW_COLOR, 2);
  }
  p.unclip();

  // header band
  p.fillRect(0, 0, width, SEQ_HEAD, PALETTE.rulerBg);
  p.line(0, SEQ_HEAD - 0.5, width, SEQ_HEAD - 0.5, PALETTE.border, 1);
  const title = info ? `connection #${seq.conn} · ${info.protocol}${info.alpn ? ` (ALPN ${info.alpn})` : ''}` : `connection #${seq.conn}`;
  p.text(8, 13, title, { size: 12, color: PALETTE.text, bold: true });
  p.text(8, 33, 'time ↓', { size: 11, color: PALETTE.muted });
  p.text(axes.client, 33, `client ${info ? formatEndpoint(info.client) : ''}`.trim(), { size: 12, color: PALETTE.client, bold: true, align: 'center' });
  p.text(axes.server, 33, `server ${info ? formatEndpoint(info.server) : ''}`.trim(), { size: 12, color: PALETTE.server, bold: true, align: 'center' });
  if (seq.length === 0) p.text(width / 2, SEQ_HEAD + 40, 'No events on this connection yet.', { size: 13, color: PALETTE.muted, align: 'center' });
  return { visited: seq.length, marks: drawn };
}
