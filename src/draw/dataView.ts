/**
 * The data view of one variant at one frame, drawn onto any Canvas 2D context
 * (the screen, an exported image, the command-line exporter). 1-D data: the
 * examples at their label (0 or 1) and the model's ŷ(x). 2-D data: P(y=1|x) as
 * a heatmap, the 0.5 boundary, and the examples. An example whose gradient is
 * saturated is ringed when right and crossed when wrong.
 */
import type { Grid } from '../core/predict';
import type { ViewAxes } from '../core/projection';
import { spaced } from '../core/range';
import { contour } from './contour';
import { markOff } from './safe';
import { type DrawTheme, FONT, rgb } from './theme';
import { gridPixels, rasterLayer } from './raster';

export interface DataViewInput {
  dims: number;
  /** n×dims inputs and their labels. */
  x: Float64Array;
  y: Int32Array;
  /** The model over the view (predictGrid), which also fixes the ranges. */
  grid: Grid;
  /** Per example: saturated (|∂ŷ/∂z| tiny) and correct, 0 or 1. */
  saturated: Uint8Array;
  correct: Uint8Array;
  /** An example to highlight (the chain diagram's), or -1. */
  selected?: number;
  /** An example under the pointer, or -1. */
  hovered?: number;
  /**
   * Offscreen canvases of w×h pixels, one per key, made once and reused by the
   * caller: with them the heatmap is one smoothed image, the examples' dots
   * (which never move) are drawn once and copied, and their marks are redrawn only when one
   * changed; without, everything is drawn.
   */
  raster?: (key: 'heat' | 'points' | 'marks' | 'ring' | 'cross', w: number, h: number) => RasterCanvas;
  /** For data of more than two inputs: what the axes are (said in the view). */
  axes?: ViewAxes;
}

/** What the heatmap needs of an offscreen canvas (a DOM canvas, an OffscreenCanvas, @napi-rs/canvas). */
export interface RasterCanvas {
  getContext(type: '2d'): unknown;
}

export interface Size {
  width: number;
  height: number;
  /** Device pixels per CSS pixel, for drawings that rasterise offscreen (default 1). */
  pixelRatio?: number;
}

/** Shades of the heatmap between P = 0 and P = 1. */
export const HEAT_LEVELS = 64;
/** Marks' sizes in CSS pixels. */
const R = 3.5;
const PAD = 6;

/**
 * Below this height a view of more than two inputs says what its axes are in a caption line under
 * the plot rather than in a box over it, where it would hide examples of a short view.
 */
export const AXES_OVERLAY_MIN_HEIGHT = 360;
/** The caption: one line of 12 px text in a wide view, two in a narrow one (below `CAPTION_WIDE` px). */
const CAPTION_LINE = 15;
const CAPTION_WIDE = 420;
const captionLines = (size: Size): number => (size.width >= CAPTION_WIDE ? 1 : 2);

/** The part of a view of `size` its plot takes: all of it, less the axes' caption in a short view. */
export function dataPlotSize(input: Pick<DataViewInput, 'axes'>, size: Size): Size {
  return input.axes && size.height < AXES_OVERLAY_MIN_HEIGHT
    ? { ...size, height: Math.max(1, size.height - captionLines(size) * CAPTION_LINE - 2) }
    : size;
}

export function drawDataView(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  size: Size,
  theme: DrawTheme,
): void {
  const { width, height } = size;
  const plot = dataPlotSize(input, size);
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  if (input.dims === 1) drawLine(ctx, input, plot, theme);
  else drawPlane(ctx, input, plot, theme);
  if (input.axes && plot.height < height) drawAxesCaption(ctx, input.axes, size, plot.height, theme);
  else if (input.axes) drawAxes(ctx, input.axes, size, theme);
  ctx.restore();
}

/** The lines that say what a view of more than two inputs shows. */
export function axesText(axes: ViewAxes, theme: DrawTheme): string[] {
  const t = theme.t;
  if (axes.kind === 'logit') return [t('view.logitX'), t('view.logitY')];
  const held =
    axes.others === 0
      ? []
      : [t(axes.hold === 'mean' ? 'view.heldMean' : 'view.heldMedian', { n: axes.others })];
  return [t('view.axisX', { name: axes.x }), t('view.axisY', { name: axes.y }), ...held];
}

/** `s`, cut with an ellipsis to `room` px if wider. */
function shorten(ctx: CanvasRenderingContext2D, s: string, room: number): string {
  while (s.length > 1 && ctx.measureText(s).width > room) s = s.slice(0, -2) + '…';
  return s;
}

/**
 * The axes' words under the plot: on one line in a wide view (the longest part shortened first
 * until it fits); in a narrow one, x's on the first line and y's on the second, what the other
 * inputs are held at after it where it fits (the panel's tools say it too).
 */
function drawAxesCaption(
  ctx: CanvasRenderingContext2D,
  axes: ViewAxes,
  size: Size,
  top: number,
  theme: DrawTheme,
): void {
  ctx.save();
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const sep = '   ';
  const room = Math.max(20, size.width - 8);
  const parts = axesText(axes, theme);
  const fits = (s: string): boolean => ctx.measureText(s).width <= room;
  let lines: string[];
  if (captionLines(size) === 1) {
    while (!fits(parts.join(sep))) {
      const k = parts.reduce((a, p, i) => (p.length > parts[a].length ? i : a), 0);
      if (parts[k].length <= 2) break;
      parts[k] = parts[k].slice(0, -2) + '…';
    }
    lines = [parts.join(sep)];
  } else {
    const [x, y, ...held] = parts;
    const second = [y, ...held].join(sep);
    lines = [x, fits(second) ? second : y];
  }
  ctx.fillStyle = theme.foreground;
  lines.forEach((line, i) => ctx.fillText(shorten(ctx, line, room), 4, top + 2 + i * CAPTION_LINE));
  ctx.restore();
}

/** The axes' words in the top-left corner, on a veil of the background, shortened to fit. */
function drawAxes(ctx: CanvasRenderingContext2D, axes: ViewAxes, size: Size, theme: DrawTheme): void {
  const lines = axesText(axes, theme);
  ctx.save();
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const room = Math.max(20, size.width - 16);
  const fitted = lines.map((line) => shorten(ctx, line, room));
  const w = Math.min(room, Math.max(...fitted.map((s) => ctx.measureText(s).width))) + 8;
  const h = fitted.length * 15 + 4;
  ctx.globalAlpha = 0.78;
  ctx.fillStyle = theme.background;
  ctx.fillRect(4, 4, w, h);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.foreground;
  fitted.forEach((s, k) => ctx.fillText(s, 8, 7 + 15 * k));
  ctx.restore();
}

/** Maps a value of [lo, hi] to [a, b] (in halves: hi − lo may overflow when lo and hi do not). */
function scale(lo: number, hi: number, a: number, b: number): (v: number) => number {
  return (v) => a + ((v / 2 - lo / 2) / (hi / 2 - lo / 2)) * (b - a);
}

/** The 1-D view's plot box: room on the left for ŷ's axis labels and below for x's. */
function lineBox(
  width: number,
  height: number,
): { left: number; right: number; top: number; bottom: number } {
  return { left: 34, right: width - PAD - 4, top: PAD + 6, bottom: height - 22 };
}

/** About `count` round ticks over [lo, hi] (steps of 1, 2 or 5 × 10ⁿ). */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw / 1.5) ?? 10 * p;
  const out: number[] = [];
  // Each tick a whole multiple of the step, never a running sum: 0 is 0, not −2.8·10⁻¹⁷.
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)) || 0);
  return out;
}

/**
 * Stack levels of the 1-D view: examples of one label whose marks would coincide (closer than a
 * mark) are stacked towards the middle, one mark apart, instead of drawn on top of each other.
 */
function stackLevels(
  x: Float64Array,
  y: Int32Array,
  px: (v: number) => number,
  maxLevel: number,
): Int32Array {
  const n = y.length;
  const level = new Int32Array(n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b] || x[a] - x[b]);
  let lastX: number[] = [];
  let label = NaN;
  for (const i of order) {
    if (y[i] !== label) {
      label = y[i];
      lastX = [];
    }
    const p = px(x[i]);
    // A level takes the mark when it clears the level's last one: a mark's width and a pixel apart.
    let l = lastX.findIndex((q) => p - q >= 2 * R + 1);
    if (l < 0) l = lastX.length;
    if (l > maxLevel) {
      // No room for more levels: the one whose last mark is furthest left.
      l = lastX.indexOf(Math.min(...lastX));
    }
    lastX[l] = p;
    level[i] = l;
  }
  return level;
}

function drawLine(ctx: CanvasRenderingContext2D, input: DataViewInput, size: Size, theme: DrawTheme): void {
  const { width, height } = size;
  const { grid } = input;
  const box = lineBox(width, height);
  const sx = scale(grid.xRange[0], grid.xRange[1], box.left, box.right);
  const sy = scale(0, 1, box.bottom, box.top);
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'middle';
  // The levels 0, ½ and 1, labelled on the left.
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  for (const level of [0, 0.5, 1]) {
    ctx.beginPath();
    ctx.moveTo(box.left, sy(level));
    ctx.lineTo(box.right, sy(level));
    ctx.stroke();
    ctx.fillText(level === 0.5 ? '0.5' : String(level), box.left - 6, sy(level));
  }
  // The x axis with its ticks.
  ctx.strokeStyle = theme.muted;
  ctx.beginPath();
  ctx.moveTo(box.left, box.bottom + 6);
  ctx.lineTo(box.right, box.bottom + 6);
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const ticks = niceTicks(
    grid.xRange[0],
    grid.xRange[1],
    Math.max(2, Math.floor((box.right - box.left) / 60)),
  );
  for (const v of ticks) {
    const x = sx(v);
    ctx.beginPath();
    ctx.moveTo(x, box.bottom + 6);
    ctx.lineTo(x, box.bottom + 9);
    ctx.stroke();
    const text = String(v);
    const w = ctx.measureText(text).width;
    // Below the tick mark, not through the label's top.
    ctx.fillText(text, Math.max(w / 2 + 1, Math.min(width - w / 2 - 1, x)), box.bottom + 11);
  }
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  // ŷ(x), clipped to the view (the linear unit can leave [0, 1]).
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  ctx.strokeStyle = theme.foreground;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i < grid.size; i++) {
    const px = sx(spaced(grid.xRange[0], grid.xRange[1], grid.size, i));
    const py = sy(grid.values[i]);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.restore();
  drawExamples(ctx, input, placementIn(input, size).at, theme, size);
}

function drawPlane(ctx: CanvasRenderingContext2D, input: DataViewInput, size: Size, theme: DrawTheme): void {
  const { width, height } = size;
  const { grid } = input;
  const yRange = grid.yRange ?? [0, 1];
  const G = grid.size;
  const cw = width / G;
  const ch = height / G;
  if (input.raster && G > 0) drawHeatImage(ctx, input, input.raster('heat', G, G), width, height, theme);
  else
    rasterLayer(
      ctx,
      width,
      height,
      (c) => drawHeatCells(c, input, width, height, theme),
      gridPixels(G, width, height, heatColour(input, theme)),
    );
  // The 0.5 boundary: a segment across every cell whose corners straddle ½.
  ctx.strokeStyle = theme.foreground;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  const v = grid.values;
  contour(
    ctx,
    (k) => v[k],
    G,
    0.5,
    (c) => (c + 0.5) * cw,
    (r) => height - (r + 0.5) * ch,
  );
  ctx.stroke();
  const sx = scale(grid.xRange[0], grid.xRange[1], 0, width);
  const sy = scale(yRange[0], yRange[1], height, 0);
  drawExamples(ctx, input, (i) => [sx(input.x[2 * i]), sy(input.x[2 * i + 1])], theme, size);
}

/** The heatmap as one G×G image, smoothed when stretched: pixel (c, r) is grid point (c, G−1−r). */
function drawHeatImage(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  canvas: RasterCanvas,
  width: number,
  height: number,
  theme: DrawTheme,
): void {
  const { grid } = input;
  const G = grid.size;
  const c2 = canvas.getContext('2d') as CanvasRenderingContext2D;
  const kept = HEAT_IMAGES.get(canvas);
  const image = kept && kept.width === G && kept.height === G ? kept : c2.createImageData(G, G);
  HEAT_IMAGES.set(canvas, image);
  const [c0, c1] = [rgb(theme.heat[0]), rgb(theme.heat[1])];
  const d = image.data;
  const muted = rgb(theme.muted);
  for (let r = 0; r < G; r++) {
    for (let c = 0; c < G; c++) {
      const v = grid.values[r * G + c];
      const o = 4 * ((G - 1 - r) * G + c);
      if (!Number.isFinite(v)) {
        // Where the model's answer is not a number: the muted colour, and said in the picture.
        markOff(ctx);
        d.set(muted, o);
        d[o + 3] = 255;
        continue;
      }
      const p = Math.min(1, Math.max(0, v));
      d[o] = Math.round(c0[0] + (c1[0] - c0[0]) * p);
      d[o + 1] = Math.round(c0[1] + (c1[1] - c0[1]) * p);
      d[o + 2] = Math.round(c0[2] + (c1[2] - c0[2]) * p);
      d[o + 3] = 255;
    }
  }
  c2.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(canvas as unknown as CanvasImageSource, 0, 0, G, G, 0, 0, width, height);
}

/** The colour of cell (c, r) of the heatmap, in the same HEAT_LEVELS shades as the cells. */
function heatColour(
  input: DataViewInput,
  theme: DrawTheme,
): (c: number, r: number) => [number, number, number] {
  const G = input.grid.size;
  const [c0, c1] = [rgb(theme.heat[0]), rgb(theme.heat[1])];
  return (c, r) => {
    const p = Math.round(Math.min(1, Math.max(0, input.grid.values[r * G + c])) * HEAT_LEVELS) / HEAT_LEVELS;
    return [0, 1, 2].map((k) => Math.round(c0[k] + (c1[k] - c0[k]) * p)) as [number, number, number];
  };
}

/** The heatmap cell by cell (where no offscreen canvas is at hand). */
function drawHeatCells(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  width: number,
  height: number,
  theme: DrawTheme,
): void {
  const { grid } = input;
  const G = grid.size;
  const [c0, c1] = [rgb(theme.heat[0]), rgb(theme.heat[1])];
  const cw = width / G;
  const ch = height / G;
  // Heatmap: each cell coloured by P(y = 1 | x) between the two class tints, in
  // HEAT_LEVELS shades (one fill per shade keeps a 64×64 map cheap at 60 fps).
  const byLevel: number[][] = Array.from({ length: HEAT_LEVELS + 1 }, () => []);
  const notFinite: number[] = [];
  for (let k = 0; k < G * G; k++) {
    const v = grid.values[k];
    if (!Number.isFinite(v)) notFinite.push(k);
    else byLevel[Math.round(Math.min(1, Math.max(0, v)) * HEAT_LEVELS)].push(k);
  }
  if (notFinite.length > 0) {
    // Cells where the model's answer is not a number: in the muted colour, and said in the picture.
    markOff(ctx);
    ctx.fillStyle = theme.muted;
    ctx.beginPath();
    for (const k of notFinite) {
      const r = Math.floor(k / G);
      const c = k % G;
      ctx.rect(Math.floor(c * cw), Math.floor(height - (r + 1) * ch), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
    }
    ctx.fill();
  }
  for (let level = 0; level <= HEAT_LEVELS; level++) {
    const cells = byLevel[level];
    if (cells.length === 0) continue;
    const p = level / HEAT_LEVELS;
    const mix = (k: number): number => Math.round(c0[k] + (c1[k] - c0[k]) * p);
    ctx.fillStyle = `rgb(${mix(0)},${mix(1)},${mix(2)})`;
    ctx.beginPath();
    for (const k of cells) {
      const r = Math.floor(k / G);
      const c = k % G;
      // Row 0 is the lowest y: drawn at the bottom. Cells overlap by a pixel to avoid seams.
      ctx.rect(Math.floor(c * cw), Math.floor(height - (r + 1) * ch), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
    }
    ctx.fill();
  }
}

/** What each layer canvas holds now. */
const LAYERS = new WeakMap<RasterCanvas, string>();
/** Where the examples sit in each points layer (CSS pixels), for the layer's signature. */
const PLACED = new WeakMap<RasterCanvas, { signature: string; pos: Float64Array; classes: number }>();
/** Each heatmap layer's image, reused from frame to frame while the grid keeps its size. */
const HEAT_IMAGES = new WeakMap<RasterCanvas, ImageData>();
const IDS = new WeakMap<object, number>();
let nextId = 1;
function arrayId(a: object): number {
  let id = IDS.get(a);
  if (id === undefined) IDS.set(a, (id = nextId++));
  return id;
}

/** What each marks layer holds now: its placement and theme, and every example's mark (0 none, 1 ring, 2 cross). */
const MARKS = new WeakMap<RasterCanvas, { key: string; flags: Uint8Array }>();

function markFlags(input: DataViewInput): { bytes: Uint8Array; marks: number } {
  const n = input.y.length;
  const bytes = new Uint8Array(n);
  let marks = 0;
  for (let i = 0; i < n; i++) {
    if (!input.saturated[i]) continue;
    bytes[i] = input.correct[i] ? 1 : 2;
    marks++;
  }
  return { bytes, marks };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rings for the saturated right examples, crosses for the saturated wrong ones. */
const MARK_KINDS = [
  ['ring', false],
  ['cross', true],
] as const;

/**
 * Saturated and right: a ring; saturated and wrong: a cross. Each mark is stroked alone: Skia
 * strokes one path of a thousand overlapping circles about five times slower than a thousand
 * small ones (some 60 ms a view in Chromium with 1,400 saturated examples).
 */
function drawMarks(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  pos: Float64Array,
  theme: DrawTheme,
): void {
  const n = input.y.length;
  for (const [kind, wrong] of MARK_KINDS) {
    ctx.strokeStyle = wrong ? theme.wrong : theme.muted;
    for (let i = 0; i < n; i++) {
      if (!input.saturated[i] || (input.correct[i] === 0) !== wrong) continue;
      markPath(ctx, kind, pos[2 * i], pos[2 * i + 1]);
      ctx.stroke();
    }
  }
}

/**
 * One mark's path centred at (x, y), and its line width: a ring of radius R + 3 (line 1.2) or a
 * cross of half-size R + 2.5 (line 1.8). The one geometry of the vector marks and of the sprites.
 */
function markPath(ctx: CanvasRenderingContext2D, kind: 'ring' | 'cross', x: number, y: number): void {
  ctx.beginPath();
  if (kind === 'ring') {
    ctx.lineWidth = 1.2;
    ctx.arc(x, y, R + 3, 0, 2 * Math.PI);
  } else {
    const d = R + 2.5;
    ctx.lineWidth = 1.8;
    ctx.moveTo(x - d, y - d);
    ctx.lineTo(x + d, y + d);
    ctx.moveTo(x + d, y - d);
    ctx.lineTo(x - d, y + d);
  }
}

/**
 * The marks of drawMarks stamped into a layer of device pixels: each ring and each cross drawn once
 * into a small canvas (a sprite) and copied to every example that has it, its centre on the nearest
 * device pixel. Stroking 1,400 rings one by one took Chromium some 23 ms a view, copying them 5.
 */
function stampMarks(
  lc: CanvasRenderingContext2D,
  input: DataViewInput,
  raster: NonNullable<DataViewInput['raster']>,
  pos: Float64Array,
  theme: DrawTheme,
  ratio: number,
): void {
  const n = input.y.length;
  lc.setTransform(1, 0, 0, 1, 0, 0);
  for (const [kind, wrong] of MARK_KINDS) {
    const sprite = markSprite(raster, kind, wrong ? theme.wrong : theme.muted, ratio);
    const src = sprite.canvas as unknown as CanvasImageSource;
    for (let i = 0; i < n; i++) {
      if (!input.saturated[i] || (input.correct[i] === 0) !== wrong) continue;
      lc.drawImage(
        src,
        Math.round(pos[2 * i] * ratio) - sprite.half,
        Math.round(pos[2 * i + 1] * ratio) - sprite.half,
      );
    }
  }
}

/** What each sprite canvas holds now (its kind, colour and ratio). */
const SPRITES = new WeakMap<RasterCanvas, string>();

/** A ring (right and saturated) or a cross (wrong and saturated) as markPath draws it, centred in a square of device pixels. */
function markSprite(
  raster: NonNullable<DataViewInput['raster']>,
  kind: 'ring' | 'cross',
  color: string,
  ratio: number,
): { canvas: RasterCanvas; half: number } {
  const half = Math.ceil((R + 5) * ratio);
  const canvas = raster(kind, 2 * half, 2 * half);
  const key = `${color}@${ratio}`;
  if (SPRITES.get(canvas) !== key) {
    const c = canvas.getContext('2d') as CanvasRenderingContext2D;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, 2 * half, 2 * half);
    c.setTransform(ratio, 0, 0, ratio, half, half);
    c.strokeStyle = color;
    markPath(c, kind, 0, 0);
    c.stroke();
    SPRITES.set(canvas, key);
  }
  return { canvas, half };
}

/** One path per class: a dot in its colour, outlined in the background's. */
function drawDots(
  ctx: CanvasRenderingContext2D,
  y: Int32Array,
  pos: Float64Array,
  classes: number,
  theme: DrawTheme,
): void {
  ctx.lineWidth = 1;
  for (let c = 0; c < classes; c++) {
    ctx.fillStyle = theme.classes[c % theme.classes.length];
    ctx.strokeStyle = theme.background;
    ctx.beginPath();
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== c) continue;
      ctx.moveTo(pos[2 * i] + R, pos[2 * i + 1]);
      ctx.arc(pos[2 * i], pos[2 * i + 1], R, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.stroke();
  }
}

/**
 * The examples: a dot in its class colour (one path per class); saturated and right: a ring;
 * saturated and wrong: a cross (`drawMarks`).
 */
function drawExamples(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  at: (i: number) => [number, number],
  theme: DrawTheme,
  size: Size,
): void {
  const n = input.y.length;
  const place = (): { pos: Float64Array; classes: number } => {
    const pos = new Float64Array(2 * n);
    let classes = 0;
    for (let i = 0; i < n; i++) {
      const [x, y] = at(i);
      pos[2 * i] = x;
      pos[2 * i + 1] = y;
      classes = Math.max(classes, input.y[i] + 1);
    }
    return { pos, classes };
  };
  let pos: Float64Array;
  if (input.raster) {
    // The dots never move from frame to frame: drawn once into a layer, then copied; their
    // positions are kept with the layer (placing thousands of examples every frame was a good part
    // of a heavy frame, and of its garbage).
    const ratio = size.pixelRatio ?? 1;
    const w = Math.max(1, Math.round(size.width * ratio));
    const h = Math.max(1, Math.round(size.height * ratio));
    const layer = input.raster('points', w, h);
    const signature = `${w}x${h}@${ratio}|${arrayId(input.x)}|${arrayId(input.y)}|${theme.background}${theme.classes.join()}`;
    const placed = PLACED.get(layer);
    const p = placed && placed.signature === signature ? placed : { signature, ...place() };
    PLACED.set(layer, p);
    pos = p.pos;
    const classes = p.classes;
    if (LAYERS.get(layer) !== signature) {
      const lc = layer.getContext('2d') as CanvasRenderingContext2D;
      lc.setTransform(1, 0, 0, 1, 0, 0);
      lc.clearRect(0, 0, w, h);
      lc.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawDots(lc, input.y, pos, classes, theme);
      LAYERS.set(layer, signature);
    }
    ctx.drawImage(layer as unknown as CanvasImageSource, 0, 0, size.width, size.height);
    // The rings and crosses change only when an example's saturation or correctness does: kept in a
    // layer of their own, redrawn when one of them changed.
    const flags = markFlags(input);
    if (flags.marks > 0) {
      const marks = input.raster('marks', w, h);
      const kept = MARKS.get(marks);
      const key = `${signature}|${theme.muted}|${theme.wrong}`;
      if (!kept || kept.key !== key || !sameBytes(kept.flags, flags.bytes)) {
        const lc = marks.getContext('2d') as CanvasRenderingContext2D;
        lc.setTransform(1, 0, 0, 1, 0, 0);
        lc.clearRect(0, 0, w, h);
        stampMarks(lc, input, input.raster, pos, theme, ratio);
        MARKS.set(marks, { key, flags: flags.bytes });
      }
      ctx.drawImage(marks as unknown as CanvasImageSource, 0, 0, size.width, size.height);
    }
  } else {
    const p = place();
    pos = p.pos;
    drawDots(ctx, input.y, pos, p.classes, theme);
    drawMarks(ctx, input, pos, theme);
  }
  const ring = (i: number | undefined, r: number, color: string, width: number): void => {
    if (i === undefined || i < 0 || i >= n) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(pos[2 * i], pos[2 * i + 1], r, 0, 2 * Math.PI);
    ctx.stroke();
  };
  ring(input.hovered, R + 7, theme.muted, 1);
  ring(input.selected, R + 5, theme.foreground, 2);
}

/** Where the examples sit in a view of `size`, and the way back from the view to the data. */
export interface Placement {
  /** Example i's position in CSS pixels. */
  at(i: number): [number, number];
  /** The input under a point of the view (1-D: [x]; 2-D: [x1, x2]). */
  toData(px: number, py: number): number[];
  /** The example nearest to a point within `radius` pixels, or -1. */
  nearest(px: number, py: number, radius?: number): number;
}

export function placement(
  input: Pick<DataViewInput, 'dims' | 'x' | 'y' | 'grid' | 'axes'>,
  size: Size,
): Placement {
  return placementIn(input, dataPlotSize(input, size));
}

/** Where the examples sit in a plot of `size` (the view less its caption). */
function placementIn(input: Pick<DataViewInput, 'dims' | 'x' | 'y' | 'grid'>, size: Size): Placement {
  const { width, height } = size;
  const { grid } = input;
  const line = input.dims === 1;
  const yRange = grid.yRange ?? [0, 1];
  const box = lineBox(width, height);
  const sx = line
    ? scale(grid.xRange[0], grid.xRange[1], box.left, box.right)
    : scale(grid.xRange[0], grid.xRange[1], 0, width);
  const sy = line ? scale(0, 1, box.bottom, box.top) : scale(yRange[0], yRange[1], height, 0);
  const ix = line
    ? scale(box.left, box.right, grid.xRange[0], grid.xRange[1])
    : scale(0, width, grid.xRange[0], grid.xRange[1]);
  const iy = scale(height, 0, yRange[0], yRange[1]);
  // 1-D: coincident examples stacked towards the middle (label 1 downwards, 0 upwards).
  const gap = 2 * R + 1;
  const levels = line
    ? stackLevels(input.x, input.y, sx, Math.max(0, Math.floor((box.bottom - box.top) / 2 / gap) - 1))
    : null;
  const at = (i: number): [number, number] =>
    line
      ? [sx(input.x[i]), sy(input.y[i]) + (input.y[i] >= 0.5 ? 1 : -1) * levels![i] * gap]
      : [sx(input.x[2 * i]), sy(input.x[2 * i + 1])];
  return {
    at,
    toData: (px, py) => (line ? [ix(px)] : [ix(px), iy(py)]),
    nearest(px, py, radius = 8) {
      let best = -1;
      let bestD = radius * radius;
      for (let i = 0; i < input.y.length; i++) {
        const [x, y] = at(i);
        const d = (x - px) ** 2 + (y - py) ** 2;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
      return best;
    },
  };
}
