/**
 * The few drawing calls the timeline makes, behind one interface with two ends: a canvas (what is on screen,
 * and the PNG export) and SVG text (the SVG export, for slides). Drawing code calls a Painter, so the SVG is
 * exactly the visible view, mark for mark.
 */

/** Font families pinned by the app (see styles/base.css), used by name on canvas and in SVG. */
export const UI_FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif";
/** Monospace family, for times and numbers. */
export const MONO_FONT = "'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** How a text is set. */
export interface TextStyle {
  readonly size: number;
  readonly color: string;
  readonly mono?: boolean;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly align?: 'left' | 'center' | 'right';
  /** Vertical anchor: 'middle' centres on y, 'alphabetic' puts the baseline on y. */
  readonly baseline?: 'middle' | 'alphabetic' | 'top';
}

/** Drawing calls in CSS pixels. */
export interface Painter {
  fillRect(x: number, y: number, w: number, h: number, color: string): void;
  strokeRect(x: number, y: number, w: number, h: number, color: string, width: number): void;
  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dash?: readonly number[]): void;
  /** A filled polygon from [x0, y0, x1, y1, ...]. */
  polygon(points: readonly number[], color: string): void;
  text(x: number, y: number, text: string, style: TextStyle): void;
  /** Width of `text` in px with that style. */
  measure(text: string, style: TextStyle): number;
  /** Restricts drawing to a rectangle until the matching unclip(). */
  clip(x: number, y: number, w: number, h: number): void;
  unclip(): void;
}

/** The CSS font shorthand of a style. */
export function fontOf(style: TextStyle): string {
  return `${style.italic ? 'italic ' : ''}${style.bold ? 'bold ' : ''}${style.size}px ${style.mono ? MONO_FONT : UI_FONT}`;
}

/** A Painter on a 2D canvas context already scaled to CSS pixels. Caches styles to save state changes. */
export class CanvasPainter implements Painter {
  private fill = '';
  private font = '';
  private readonly widths = new Map<string, number>();

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    if (color !== this.fill) {
      this.ctx.fillStyle = color;
      this.fill = color;
    }
    this.ctx.fillRect(x, y, w, h);
  }

  strokeRect(x: number, y: number, w: number, h: number, color: string, width: number): void {
    const ctx = this.ctx;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash([]);
    ctx.strokeRect(x, y, w, h);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dash?: readonly number[]): void {
    const ctx = this.ctx;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash ? [...dash] : []);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  }

  polygon(points: readonly number[], color: string): void {
    const ctx = this.ctx;
    if (color !== this.fill) {
      ctx.fillStyle = color;
      this.fill = color;
    }
    ctx.beginPath();
    ctx.moveTo(points[0]!, points[1]!);
    for (let k = 2; k + 1 < points.length; k += 2) ctx.lineTo(points[k]!, points[k + 1]!);
    ctx.closePath();
    ctx.fill();
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const ctx = this.ctx;
    this.setFont(style);
    if (style.color !== this.fill) {
      ctx.fillStyle = style.color;
      this.fill = style.color;
    }
    ctx.textAlign = style.align ?? 'left';
    ctx.textBaseline = style.baseline ?? 'middle';
    ctx.fillText(text, x, y);
  }

  measure(text: string, style: TextStyle): number {
    const key = `${fontOf(style)}|${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      this.setFont(style);
      w = this.ctx.measureText(text).width;
      if (this.widths.size > 5000) this.widths.clear();
      this.widths.set(key, w);
    }
    return w;
  }

  clip(x: number, y: number, w: number, h: number): void {
    const ctx = this.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    this.fill = '';
    this.font = '';
  }

  unclip(): void {
    this.ctx.restore();
    this.fill = '';
    this.font = '';
  }

  private setFont(style: TextStyle): void {
    const font = fontOf(style);
    if (font !== this.font) {
      this.ctx.font = font;
      this.font = font;
    }
  }
}

/** Escapes text for SVG/XML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function n(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** A Painter that writes SVG elements; `measure` is borrowed (a canvas's, so text lays out the same). */
export class SvgPainter implements Painter {
  private readonly parts: string[] = [];
  private clips = 0;
  private open = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly measurer: (text: string, style: TextStyle) => number,
  ) {}

  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${color}"/>`);
  }

  strokeRect(x: number, y: number, w: number, h: number, color: string, width: number): void {
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${color}" stroke-width="${n(width)}"/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dash?: readonly number[]): void {
    const d = dash && dash.length ? ` stroke-dasharray="${dash.join(' ')}"` : '';
    this.parts.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${color}" stroke-width="${n(width)}"${d}/>`);
  }

  polygon(points: readonly number[], color: string): void {
    this.parts.push(`<polygon points="${points.map(n).join(' ')}" fill="${color}"/>`);
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const anchor = style.align === 'center' ? 'middle' : style.align === 'right' ? 'end' : 'start';
    const baseline = style.baseline === 'alphabetic' ? 'alphabetic' : style.baseline === 'top' ? 'hanging' : 'central';
    const family = (style.mono ? MONO_FONT : UI_FONT).replace(/'/g, '');
    const weight = style.bold ? ' font-weight="bold"' : '';
    const italic = style.italic ? ' font-style="italic"' : '';
    this.parts.push(
      `<text x="${n(x)}" y="${n(y)}" font-family="${family}" font-size="${style.size}"${weight}${italic} fill="${style.color}" text-anchor="${anchor}" dominant-baseline="${baseline}">${escapeXml(text)}</text>`,
    );
  }

  measure(text: string, style: TextStyle): number {
    return this.measurer(text, style);
  }

  clip(x: number, y: number, w: number, h: number): void {
    const id = `c${this.clips++}`;
    this.parts.push(`<clipPath id="${id}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"/></clipPath><g clip-path="url(#${id})">`);
    this.open++;
  }

  unclip(): void {
    if (this.open === 0) return;
    this.open--;
    this.parts.push('</g>');
  }

  /** The finished SVG document. */
  toString(): string {
    const close = '</g>'.repeat(this.open);
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}">\n` +
      `${this.parts.join('\n')}${close}\n</svg>\n`
    );
  }
}
