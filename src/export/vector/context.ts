/**
 * A Canvas 2D context that records what is drawn as vector items (paths,
 * text, images) instead of pixels, for SVG and PDF exports. It implements
 * the part of Canvas 2D that the drawings (src/draw) and Chart.js use: paths
 * and arcs, fill and stroke with dashes, transforms, clipping, text with
 * measureText, and drawImage — of a pixel canvas (kept as an image) or of
 * another recording canvas (inlined as vectors). Pure TypeScript: the app
 * and `npm run export` record the same items, so they write the same files.
 *
 * Text is measured with the interface font's own metrics (DejaVu Sans,
 * shipped in src/export/fonts), the same in every host. Parts of a drawing
 * that are pictures by nature (heatmaps, the 3-D surface) are drawn through
 * `rasterLayer` on a pixel canvas at the export's resolution.
 */
import { type PixelFill, RASTER_LAYER } from '../../draw/raster';
import { parseColor, type Rgba } from './color';
import { type FontSet, textRuns, type TrueTypeFont } from './font';

export type Mat = [number, number, number, number, number, number];
export type Seg =
  | ['M', number, number]
  | ['L', number, number]
  | ['C', number, number, number, number, number, number]
  | ['Z'];

export interface Clip {
  path: Seg[];
  rule: 'nonzero' | 'evenodd';
  parent: Clip | null;
}

export type Item =
  | { kind: 'fill'; path: Seg[]; rule: 'nonzero' | 'evenodd'; paint: Rgba; clip: Clip | null }
  | {
      kind: 'stroke';
      path: Seg[];
      paint: Rgba;
      width: number;
      dash: number[];
      dashOffset: number;
      cap: CanvasLineCap;
      join: CanvasLineJoin;
      miter: number;
      clip: Clip | null;
    }
  | {
      kind: 'text';
      /** Text space (x along the baseline, y down, in px of a 1 px font) → device. */
      matrix: Mat;
      size: number;
      bold: boolean;
      text: string;
      paint: Rgba;
      clip: Clip | null;
    }
  | {
      kind: 'image';
      /** Image pixels (x right, y down) → device. */
      matrix: Mat;
      width: number;
      height: number;
      rgba: Uint8ClampedArray;
      smooth: boolean;
      alpha: number;
      clip: Clip | null;
    };

/** A pixel canvas of the host (OffscreenCanvas, @napi-rs/canvas) for raster layers. */
export interface PixelCanvas {
  width: number;
  height: number;
  getContext(type: '2d', options?: { willReadFrequently?: boolean }): unknown;
}

export interface VectorHost {
  fonts: FontSet;
  createCanvas(width: number, height: number): PixelCanvas;
}

const IDENTITY: Mat = [1, 0, 0, 1, 0, 0];

export function multiply(m: Mat, n: Mat): Mat {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Mat, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** How much lengths grow under m (uniform part). */
export function scaleOf(m: Mat): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

export function transformPath(path: Seg[], m: Mat): Seg[] {
  return path.map((s): Seg => {
    switch (s[0]) {
      case 'M':
      case 'L': {
        const [x, y] = apply(m, s[1], s[2]);
        return [s[0], x, y];
      }
      case 'C': {
        const [a, b] = apply(m, s[1], s[2]);
        const [c, d] = apply(m, s[3], s[4]);
        const [e, f] = apply(m, s[5], s[6]);
        return ['C', a, b, c, d, e, f];
      }
      default:
        return s;
    }
  });
}

interface State {
  matrix: Mat;
  clip: Clip | null;
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  miterLimit: number;
  dash: number[];
  lineDashOffset: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  imageSmoothingEnabled: boolean;
  globalCompositeOperation: GlobalCompositeOperation;
}

/** A font shorthand ("600 12px system-ui, …") → size in px and weight. */
export function parseFont(font: string): { size: number; bold: boolean } {
  const m = /(\d+(?:\.\d+)?)px/.exec(font);
  const size = m ? parseFloat(m[1]) : 10;
  const head = m ? font.slice(0, m.index) : font;
  const bold = /\bbold(er)?\b/.test(head) || /\b([6-9]00)\b/.test(head);
  return { size, bold };
}

/** A recording canvas: what Chart.js and the drawings see as an offscreen canvas in a vector export. */
export class VectorCanvas {
  private ctx: VectorContext | null = null;

  constructor(
    private readonly host: VectorHost,
    public width: number,
    public height: number,
  ) {}

  getContext(type: '2d'): VectorContext | null {
    if (type !== '2d') return null;
    this.ctx ??= new VectorContext(this, this.host);
    return this.ctx;
  }

  /** What has been drawn (device coordinates of this canvas). */
  get items(): Item[] {
    return this.ctx?.items ?? [];
  }
}

/** The canvas's default style, as a fresh Canvas 2D context has it. */
function defaultState(): State {
  return {
    matrix: IDENTITY,
    clip: null,
    fillStyle: '#000000',
    strokeStyle: '#000000',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    miterLimit: 10,
    dash: [],
    lineDashOffset: 0,
    globalAlpha: 1,
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    imageSmoothingEnabled: true,
    globalCompositeOperation: 'source-over',
  };
}

export class VectorContext {
  items: Item[] = [];
  private s: State = defaultState();
  private readonly stack: State[] = [];
  private path: Seg[] = [];
  private start: [number, number] | null = null;
  private current: [number, number] | null = null;

  constructor(
    readonly canvas: VectorCanvas,
    private readonly host: VectorHost,
  ) {}

  // ---- state --------------------------------------------------------------------------------------
  get fillStyle(): State['fillStyle'] {
    return this.s.fillStyle;
  }
  set fillStyle(v: State['fillStyle']) {
    this.s.fillStyle = v;
  }
  get strokeStyle(): State['strokeStyle'] {
    return this.s.strokeStyle;
  }
  set strokeStyle(v: State['strokeStyle']) {
    this.s.strokeStyle = v;
  }
  get lineWidth(): number {
    return this.s.lineWidth;
  }
  set lineWidth(v: number) {
    if (Number.isFinite(v) && v > 0) this.s.lineWidth = v;
  }
  get lineCap(): CanvasLineCap {
    return this.s.lineCap;
  }
  set lineCap(v: CanvasLineCap) {
    this.s.lineCap = v;
  }
  get lineJoin(): CanvasLineJoin {
    return this.s.lineJoin;
  }
  set lineJoin(v: CanvasLineJoin) {
    this.s.lineJoin = v;
  }
  get miterLimit(): number {
    return this.s.miterLimit;
  }
  set miterLimit(v: number) {
    if (Number.isFinite(v) && v > 0) this.s.miterLimit = v;
  }
  get lineDashOffset(): number {
    return this.s.lineDashOffset;
  }
  set lineDashOffset(v: number) {
    if (Number.isFinite(v)) this.s.lineDashOffset = v;
  }
  get globalAlpha(): number {
    return this.s.globalAlpha;
  }
  set globalAlpha(v: number) {
    if (Number.isFinite(v) && v >= 0 && v <= 1) this.s.globalAlpha = v;
  }
  get font(): string {
    return this.s.font;
  }
  set font(v: string) {
    this.s.font = v;
  }
  get textAlign(): CanvasTextAlign {
    return this.s.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    this.s.textAlign = v;
  }
  get textBaseline(): CanvasTextBaseline {
    return this.s.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.s.textBaseline = v;
  }
  get imageSmoothingEnabled(): boolean {
    return this.s.imageSmoothingEnabled;
  }
  set imageSmoothingEnabled(v: boolean) {
    this.s.imageSmoothingEnabled = v;
  }
  get globalCompositeOperation(): GlobalCompositeOperation {
    return this.s.globalCompositeOperation;
  }
  set globalCompositeOperation(v: GlobalCompositeOperation) {
    if (v !== 'source-over') throw new Error(`vector export: compositing (${v}) is not supported`);
    this.s.globalCompositeOperation = v;
  }
  // Accepted and ignored (no drawing here uses them).
  direction: CanvasDirection = 'ltr';
  fontKerning: CanvasFontKerning = 'auto';
  imageSmoothingQuality: ImageSmoothingQuality = 'low';
  shadowBlur = 0;
  shadowColor = 'rgba(0,0,0,0)';
  shadowOffsetX = 0;
  shadowOffsetY = 0;
  filter = 'none';

  save(): void {
    this.stack.push({ ...this.s, dash: [...this.s.dash] });
  }
  restore(): void {
    const s = this.stack.pop();
    if (s) this.s = s;
  }
  reset(): void {
    this.s = defaultState();
    this.stack.length = 0;
    this.items = [];
    this.beginPath();
  }

  setLineDash(segments: number[]): void {
    if (!segments.every((v) => Number.isFinite(v) && v >= 0)) return;
    this.s.dash = segments.length % 2 === 1 ? [...segments, ...segments] : [...segments];
  }
  getLineDash(): number[] {
    return [...this.s.dash];
  }

  // ---- transforms ---------------------------------------------------------------------------------
  setTransform(a: number | DOMMatrix2DInit = 1, b = 0, c = 0, d = 1, e = 0, f = 0): void {
    if (typeof a === 'object') {
      const m = a;
      this.s.matrix = [m.a ?? 1, m.b ?? 0, m.c ?? 0, m.d ?? 1, m.e ?? 0, m.f ?? 0];
    } else this.s.matrix = [a, b, c, d, e, f];
  }
  resetTransform(): void {
    this.s.matrix = IDENTITY;
  }
  getTransform(): { a: number; b: number; c: number; d: number; e: number; f: number } {
    const [a, b, c, d, e, f] = this.s.matrix;
    return { a, b, c, d, e, f };
  }
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.s.matrix = multiply(this.s.matrix, [a, b, c, d, e, f]);
  }
  translate(x: number, y: number): void {
    this.transform(1, 0, 0, 1, x, y);
  }
  scale(x: number, y: number): void {
    this.transform(x, 0, 0, y, 0, 0);
  }
  rotate(angle: number): void {
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    this.transform(c, s, -s, c, 0, 0);
  }

  // ---- paths (kept in device coordinates, as the canvas does) ------------------------------------
  beginPath(): void {
    this.path = [];
    this.start = null;
    this.current = null;
  }
  moveTo(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const p = apply(this.s.matrix, x, y);
    this.path.push(['M', p[0], p[1]]);
    this.start = p;
    this.current = p;
  }
  lineTo(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (!this.current) return this.moveTo(x, y);
    const p = apply(this.s.matrix, x, y);
    this.path.push(['L', p[0], p[1]]);
    this.current = p;
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (![x1, y1, x2, y2, x, y].every(Number.isFinite)) return;
    if (!this.current) this.moveTo(x1, y1);
    const m = this.s.matrix;
    const a = apply(m, x1, y1);
    const b = apply(m, x2, y2);
    const p = apply(m, x, y);
    this.path.push(['C', a[0], a[1], b[0], b[1], p[0], p[1]]);
    this.current = p;
  }
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void {
    if (![cx, cy, x, y].every(Number.isFinite)) return;
    if (!this.current) this.moveTo(cx, cy);
    // The current point back in user space, for the exact cubic of the quadratic.
    const inv = invert(this.s.matrix);
    const [x0, y0] = apply(inv, this.current![0], this.current![1]);
    this.bezierCurveTo(
      x0 + (2 / 3) * (cx - x0),
      y0 + (2 / 3) * (cy - y0),
      x + (2 / 3) * (cx - x),
      y + (2 / 3) * (cy - y),
      x,
      y,
    );
  }
  closePath(): void {
    if (!this.current) return;
    this.path.push(['Z']);
    this.current = this.start;
  }
  rect(x: number, y: number, w: number, h: number): void {
    if (![x, y, w, h].every(Number.isFinite)) return;
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
    this.moveTo(x, y);
  }
  roundRect(x: number, y: number, w: number, h: number, radii: number | number[] = 0): void {
    const r = Math.min(
      Math.abs(Array.isArray(radii) ? (radii[0] ?? 0) : radii),
      Math.abs(w) / 2,
      Math.abs(h) / 2,
    );
    if (r === 0) return this.rect(x, y, w, h);
    this.moveTo(x + r, y);
    this.arc(x + w - r, y + r, r, -Math.PI / 2, 0);
    this.arc(x + w - r, y + h - r, r, 0, Math.PI / 2);
    this.arc(x + r, y + h - r, r, Math.PI / 2, Math.PI);
    this.arc(x + r, y + r, r, Math.PI, (3 * Math.PI) / 2);
    this.closePath();
  }
  arc(x: number, y: number, r: number, a0: number, a1: number, ccw = false): void {
    this.ellipse(x, y, r, r, 0, a0, a1, ccw);
  }
  ellipse(
    x: number,
    y: number,
    rx: number,
    ry: number,
    rotation: number,
    a0: number,
    a1: number,
    ccw = false,
  ): void {
    if (![x, y, rx, ry, rotation, a0, a1].every(Number.isFinite)) return;
    if (rx < 0 || ry < 0) throw new RangeError('The radius provided is negative.');
    const tau = 2 * Math.PI;
    let sweep: number;
    if (!ccw) {
      sweep = a1 - a0 >= tau ? tau : (((a1 - a0) % tau) + tau) % tau;
    } else {
      sweep = a0 - a1 >= tau ? -tau : -((((a0 - a1) % tau) + tau) % tau);
    }
    const cos = Math.cos(rotation);
    const sin = Math.sin(rotation);
    const point = (a: number): [number, number] => {
      const px = rx * Math.cos(a);
      const py = ry * Math.sin(a);
      return [x + px * cos - py * sin, y + px * sin + py * cos];
    };
    const deriv = (a: number): [number, number] => {
      const px = -rx * Math.sin(a);
      const py = ry * Math.cos(a);
      return [px * cos - py * sin, px * sin + py * cos];
    };
    const [sx, sy] = point(a0);
    if (this.current) this.lineTo(sx, sy);
    else this.moveTo(sx, sy);
    const n = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2) - 1e-9));
    const d = sweep / n;
    const k = (4 / 3) * Math.tan(d / 4);
    for (let i = 0; i < n; i++) {
      const s = a0 + i * d;
      const e = s + d;
      const p0 = point(s);
      const p1 = point(e);
      const t0 = deriv(s);
      const t1 = deriv(e);
      this.bezierCurveTo(
        p0[0] + k * t0[0],
        p0[1] + k * t0[1],
        p1[0] - k * t1[0],
        p1[1] - k * t1[1],
        p1[0],
        p1[1],
      );
    }
  }

  // ---- painting -----------------------------------------------------------------------------------
  private paint(style: State['fillStyle']): Rgba {
    const c = parseColor(style);
    return { ...c, a: c.a * this.s.globalAlpha };
  }

  fill(a?: CanvasFillRule | Path2D, b?: CanvasFillRule): void {
    if (typeof a === 'object') throw new Error('vector export: Path2D is not supported');
    const rule = (a ?? b) === 'evenodd' ? 'evenodd' : 'nonzero';
    if (this.path.length === 0) return;
    const paint = this.paint(this.s.fillStyle);
    if (paint.a <= 0) return;
    this.items.push({ kind: 'fill', path: this.path.slice(), rule, paint, clip: this.s.clip });
  }

  stroke(p?: Path2D): void {
    if (p !== undefined) throw new Error('vector export: Path2D is not supported');
    if (this.path.length === 0) return;
    const paint = this.paint(this.s.strokeStyle);
    if (paint.a <= 0) return;
    const k = scaleOf(this.s.matrix);
    this.items.push({
      kind: 'stroke',
      path: this.path.slice(),
      paint,
      width: this.s.lineWidth * k,
      dash: this.s.dash.map((v) => v * k),
      dashOffset: this.s.lineDashOffset * k,
      cap: this.s.lineCap,
      join: this.s.lineJoin,
      miter: this.s.miterLimit,
      clip: this.s.clip,
    });
  }

  clip(a?: CanvasFillRule | Path2D, b?: CanvasFillRule): void {
    if (typeof a === 'object') throw new Error('vector export: Path2D is not supported');
    const rule = (a ?? b) === 'evenodd' ? 'evenodd' : 'nonzero';
    this.s.clip = { path: this.path.slice(), rule, parent: this.s.clip };
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    if (![x, y, w, h].every(Number.isFinite) || w === 0 || h === 0) return;
    const saved = this.saveP();
    this.beginPath();
    this.rect(x, y, w, h);
    this.fill();
    this.restoreP(saved);
  }

  strokeRect(x: number, y: number, w: number, h: number): void {
    if (![x, y, w, h].every(Number.isFinite)) return;
    const saved = this.saveP();
    this.beginPath();
    this.rect(x, y, w, h);
    this.stroke();
    this.restoreP(saved);
  }

  /** Clearing the whole canvas forgets what was drawn; a vector drawing cannot punch holes elsewhere. */
  clearRect(x: number, y: number, w: number, h: number): void {
    const m = this.s.matrix;
    const [x0, y0] = apply(m, x, y);
    const [x1, y1] = apply(m, x + w, y + h);
    if (
      m[1] === 0 &&
      m[2] === 0 &&
      Math.min(x0, x1) <= 0 &&
      Math.min(y0, y1) <= 0 &&
      Math.max(x0, x1) >= this.canvas.width &&
      Math.max(y0, y1) >= this.canvas.height
    )
      this.items = [];
  }

  private saveP(): [Seg[], [number, number] | null, [number, number] | null] {
    return [this.path, this.start, this.current];
  }
  private restoreP([p, s, c]: [Seg[], [number, number] | null, [number, number] | null]): void {
    this.path = p;
    this.start = s;
    this.current = c;
  }

  // ---- text ---------------------------------------------------------------------------------------
  private fontOf(): { font: TrueTypeFont; size: number; bold: boolean } {
    const { size, bold } = parseFont(this.s.font);
    return { font: bold ? this.host.fonts.bold : this.host.fonts.regular, size, bold };
  }

  measureText(text: string): TextMetrics {
    const { font, size } = this.fontOf();
    const width = textRuns(font, String(text)).reduce((w, r) => w + r.width, 0) * size;
    const ascent = font.ascent * size;
    const descent = font.descent * size;
    return {
      width,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: width,
      actualBoundingBoxAscent: ascent,
      actualBoundingBoxDescent: descent,
      fontBoundingBoxAscent: ascent,
      fontBoundingBoxDescent: descent,
      emHeightAscent: ascent,
      emHeightDescent: descent,
      alphabeticBaseline: 0,
      hangingBaseline: ascent * 0.8,
      ideographicBaseline: -descent,
    } as TextMetrics;
  }

  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    this.text(String(text), x, y, maxWidth, this.s.fillStyle);
  }

  strokeText(text: string, x: number, y: number, maxWidth?: number): void {
    // Outlined text is not used by the drawings: written as filled text in the stroke colour.
    this.text(String(text), x, y, maxWidth, this.s.strokeStyle);
  }

  private text(
    text: string,
    x: number,
    y: number,
    maxWidth: number | undefined,
    style: State['fillStyle'],
  ): void {
    if (![x, y].every(Number.isFinite) || text === '') return;
    const { font, size, bold } = this.fontOf();
    const paint = this.paint(style);
    if (paint.a <= 0) return;
    const width = this.measureText(text).width;
    const squeeze = maxWidth !== undefined && maxWidth > 0 && width > maxWidth ? maxWidth / width : 1;
    const w = width * squeeze;
    const align = this.s.textAlign;
    const dx = align === 'center' ? -w / 2 : align === 'right' || align === 'end' ? -w : 0;
    const base = this.s.textBaseline;
    const dy =
      base === 'top'
        ? font.ascent * size
        : base === 'middle'
          ? ((font.ascent - font.descent) / 2) * size
          : base === 'bottom' || base === 'ideographic'
            ? -font.descent * size
            : base === 'hanging'
              ? font.ascent * 0.8 * size
              : 0;
    const matrix = multiply(this.s.matrix, [squeeze, 0, 0, 1, x + dx, y + dy]);
    this.items.push({ kind: 'text', matrix, size, bold, text, paint, clip: this.s.clip });
  }

  // ---- images -------------------------------------------------------------------------------------
  drawImage(image: unknown, ...args: number[]): void {
    const src = image as { width: number; height: number };
    let [sx, sy, sw, sh] = [0, 0, src.width, src.height];
    let dx: number, dy: number, dw: number, dh: number;
    if (args.length === 2) [dx, dy, dw, dh] = [args[0], args[1], sw, sh];
    else if (args.length === 4) [dx, dy, dw, dh] = args as [number, number, number, number];
    else if (args.length === 8) [sx, sy, sw, sh, dx, dy, dw, dh] = args as typeof args & [number];
    else throw new TypeError('drawImage: wrong number of arguments');
    if (![sx, sy, sw, sh, dx, dy, dw, dh].every(Number.isFinite) || sw <= 0 || sh <= 0) return;
    // Source pixels → destination rectangle → device.
    const m = multiply(this.s.matrix, [dw / sw, 0, 0, dh / sh, dx - (sx * dw) / sw, dy - (sy * dh) / sh]);
    if (image instanceof VectorCanvas) {
      // Another recording: its items inlined, clipped to the source rectangle.
      this.save();
      this.beginPath();
      this.rect(dx, dy, dw, dh);
      this.clip();
      this.inline(image.items, m);
      this.restore();
      this.beginPath();
      return;
    }
    const ctx = (image as PixelCanvas).getContext('2d') as CanvasRenderingContext2D | null;
    if (!ctx) throw new Error('vector export: this image cannot be read');
    const x0 = Math.max(0, Math.floor(sx));
    const y0 = Math.max(0, Math.floor(sy));
    const w = Math.min(src.width - x0, Math.ceil(sw));
    const h = Math.min(src.height - y0, Math.ceil(sh));
    if (w <= 0 || h <= 0) return;
    const rgba = ctx.getImageData(x0, y0, w, h).data;
    this.items.push({
      kind: 'image',
      matrix: multiply(m, [1, 0, 0, 1, x0, y0]),
      width: w,
      height: h,
      rgba: new Uint8ClampedArray(rgba),
      smooth: this.s.imageSmoothingEnabled,
      alpha: this.s.globalAlpha,
      clip: this.s.clip,
    });
  }

  /** Items of another recording, transformed by m, under the current clip. */
  private inline(items: Item[], m: Mat): void {
    const k = scaleOf(m);
    const clips = new Map<Clip, Clip>();
    const rebase = (c: Clip | null): Clip | null => {
      if (c === null) return this.s.clip;
      let r = clips.get(c);
      if (!r) {
        r = { path: transformPath(c.path, m), rule: c.rule, parent: rebase(c.parent) };
        clips.set(c, r);
      }
      return r;
    };
    const alpha = this.s.globalAlpha;
    for (const it of items) {
      const clip = rebase(it.clip);
      switch (it.kind) {
        case 'fill':
          this.items.push({
            ...it,
            path: transformPath(it.path, m),
            paint: { ...it.paint, a: it.paint.a * alpha },
            clip,
          });
          break;
        case 'stroke':
          this.items.push({
            ...it,
            path: transformPath(it.path, m),
            paint: { ...it.paint, a: it.paint.a * alpha },
            width: it.width * k,
            dash: it.dash.map((v) => v * k),
            dashOffset: it.dashOffset * k,
            clip,
          });
          break;
        case 'text':
          this.items.push({
            ...it,
            matrix: multiply(m, it.matrix),
            paint: { ...it.paint, a: it.paint.a * alpha },
            clip,
          });
          break;
        case 'image':
          this.items.push({ ...it, matrix: multiply(m, it.matrix), alpha: it.alpha * alpha, clip });
          break;
      }
    }
  }

  /**
   * Draws `draw` on a pixel canvas at the export's resolution and keeps it as one image of
   * width × height (user units) at the origin: heatmaps and the 3-D surface.
   */
  [RASTER_LAYER](
    width: number,
    height: number,
    draw: (ctx: CanvasRenderingContext2D) => void,
    pixels?: PixelFill,
  ): void {
    const k = scaleOf(this.s.matrix);
    const pw = Math.max(1, Math.ceil(width * k - 1e-6));
    const ph = Math.max(1, Math.ceil(height * k - 1e-6));
    let rgba: Uint8ClampedArray;
    if (pixels) {
      // Computed here, byte for byte the same in every host.
      rgba = new Uint8ClampedArray(4 * pw * ph);
      pixels(rgba, pw, ph, k);
    } else {
      const canvas = this.host.createCanvas(pw, ph);
      const c = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      c.setTransform(k, 0, 0, k, 0, 0);
      draw(c);
      rgba = c.getImageData(0, 0, pw, ph).data;
    }
    this.items.push({
      kind: 'image',
      matrix: multiply(this.s.matrix, [1 / k, 0, 0, 1 / k, 0, 0]),
      width: pw,
      height: ph,
      rgba: new Uint8ClampedArray(rgba),
      smooth: false,
      alpha: this.s.globalAlpha,
      clip: this.s.clip,
    });
  }

  // Pixel access does not exist in a vector drawing.
  getImageData(): ImageData {
    throw new Error('vector export: pixels cannot be read from a vector drawing');
  }
  putImageData(): void {
    throw new Error('vector export: draw pixels through a raster layer (drawImage of a canvas)');
  }
  createImageData(): ImageData {
    throw new Error('vector export: draw pixels through a raster layer (drawImage of a canvas)');
  }
  createLinearGradient(): CanvasGradient {
    throw new Error('vector export: gradients are not supported');
  }
  createRadialGradient(): CanvasGradient {
    throw new Error('vector export: gradients are not supported');
  }
  createPattern(): CanvasPattern {
    throw new Error('vector export: patterns are not supported');
  }
  isPointInPath(): boolean {
    return false;
  }
}

function invert(m: Mat): Mat {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) return IDENTITY;
  const a = m[3] / det;
  const b = -m[1] / det;
  const c = -m[2] / det;
  const d = m[0] / det;
  return [a, b, c, d, -(a * m[4] + c * m[5]), -(b * m[4] + d * m[5])];
}

/** A recording of one page: its size in pixels and what is drawn on it. */
export interface VectorPage {
  width: number;
  height: number;
  items: Item[];
}

export function textRunsOf(fonts: FontSet, bold: boolean, text: string) {
  return textRuns(bold ? fonts.bold : fonts.regular, text);
}
