/**
 * The data view of one variant at one frame, drawn onto any Canvas 2D context
 * (the screen, an exported image, the command-line exporter). 1-D data: the
 * examples at their label (0 or 1) and the model's ŷ(x). 2-D data: P(y=1|x) as
 * a heatmap, the 0.5 boundary, and the examples. An example whose gradient is
 * saturated is ringed when right and crossed when wrong.
 */
import type { Grid } from '../core/predict';
import { type DrawTheme, rgb } from './theme';

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

export function drawDataView(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  size: Size,
  theme: DrawTheme,
): void {
  const { width, height } = size;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  if (input.dims === 1) drawLine(ctx, input, size, theme);
  else drawPlane(ctx, input, size, theme);
  ctx.restore();
}

/** Maps a value of [lo, hi] to [a, b]. */
function scale(lo: number, hi: number, a: number, b: number): (v: number) => number {
  return (v) => a + ((v - lo) / (hi - lo)) * (b - a);
}

function drawLine(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  { width, height }: Size,
  theme: DrawTheme,
): void {
  const { grid } = input;
  const sx = scale(grid.xRange[0], grid.xRange[1], PAD, width - PAD);
  const sy = scale(0, 1, height - PAD, PAD);
  // The levels 0, ½ and 1.
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  for (const level of [0, 0.5, 1]) {
    ctx.beginPath();
    ctx.moveTo(PAD, sy(level));
    ctx.lineTo(width - PAD, sy(level));
    ctx.stroke();
  }
  // ŷ(x), clipped to the view (the linear unit can leave [0, 1]).
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  ctx.strokeStyle = theme.foreground;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let i = 0; i < grid.size; i++) {
    const px = sx(grid.xRange[0] + ((grid.xRange[1] - grid.xRange[0]) * i) / (grid.size - 1));
    const py = sy(grid.values[i]);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.restore();
  for (let i = 0; i < input.y.length; i++) drawExample(ctx, input, i, sx(input.x[i]), sy(input.y[i]), theme);
}

function drawPlane(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  { width, height }: Size,
  theme: DrawTheme,
): void {
  const { grid } = input;
  const yRange = grid.yRange ?? [0, 1];
  const G = grid.size;
  const [c0, c1] = [rgb(theme.heat[0]), rgb(theme.heat[1])];
  const cw = width / G;
  const ch = height / G;
  // Heatmap: each cell coloured by P(y = 1 | x) between the two class tints, in
  // HEAT_LEVELS shades (one fill per shade keeps a 64×64 map cheap at 60 fps).
  const byLevel: number[][] = Array.from({ length: HEAT_LEVELS + 1 }, () => []);
  for (let k = 0; k < G * G; k++) {
    const p = Math.min(1, Math.max(0, grid.values[k]));
    byLevel[Math.round(p * HEAT_LEVELS)].push(k);
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
  // The 0.5 boundary: a segment across every cell whose corners straddle ½ (marching squares, linear).
  ctx.strokeStyle = theme.foreground;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  const px = (c: number): number => (c + 0.5) * cw;
  const py = (r: number): number => height - (r + 0.5) * ch;
  for (let r = 0; r + 1 < G; r++) {
    for (let c = 0; c + 1 < G; c++) {
      const corners: [number, number, number][] = [
        [c, r, grid.values[r * G + c]],
        [c + 1, r, grid.values[r * G + c + 1]],
        [c + 1, r + 1, grid.values[(r + 1) * G + c + 1]],
        [c, r + 1, grid.values[(r + 1) * G + c]],
      ];
      const hits: [number, number][] = [];
      for (let k = 0; k < 4; k++) {
        const [ax, ay, av] = corners[k];
        const [bx, by, bv] = corners[(k + 1) % 4];
        if (av - 0.5 === 0 && bv - 0.5 === 0) continue;
        if ((av - 0.5) * (bv - 0.5) <= 0 && av !== bv) {
          const t = (0.5 - av) / (bv - av);
          hits.push([px(ax + (bx - ax) * t), py(ay + (by - ay) * t)]);
        }
      }
      if (hits.length >= 2) {
        ctx.moveTo(hits[0][0], hits[0][1]);
        ctx.lineTo(hits[1][0], hits[1][1]);
        if (hits.length === 4) {
          ctx.moveTo(hits[2][0], hits[2][1]);
          ctx.lineTo(hits[3][0], hits[3][1]);
        }
      }
    }
  }
  ctx.stroke();
  const sx = scale(grid.xRange[0], grid.xRange[1], 0, width);
  const sy = scale(yRange[0], yRange[1], height, 0);
  for (let i = 0; i < input.y.length; i++)
    drawExample(ctx, input, i, sx(input.x[2 * i]), sy(input.x[2 * i + 1]), theme);
}

/** A dot in its class colour; saturated and right: a ring; saturated and wrong: a cross. */
function drawExample(
  ctx: CanvasRenderingContext2D,
  input: DataViewInput,
  i: number,
  x: number,
  y: number,
  theme: DrawTheme,
): void {
  ctx.fillStyle = theme.classes[input.y[i] % theme.classes.length];
  ctx.strokeStyle = theme.background;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.arc(x, y, R, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  if (input.saturated[i]) {
    if (input.correct[i]) {
      ctx.strokeStyle = theme.muted;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.arc(x, y, R + 3, 0, 2 * Math.PI);
      ctx.stroke();
    } else {
      ctx.strokeStyle = theme.wrong;
      ctx.lineWidth = 1.8;
      ctx.beginPath();
      ctx.moveTo(x - R - 2.5, y - R - 2.5);
      ctx.lineTo(x + R + 2.5, y + R + 2.5);
      ctx.moveTo(x + R + 2.5, y - R - 2.5);
      ctx.lineTo(x - R - 2.5, y + R + 2.5);
      ctx.stroke();
    }
  }
  if (input.hovered === i) {
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.arc(x, y, R + 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (input.selected === i) {
    ctx.strokeStyle = theme.foreground;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, R + 5, 0, 2 * Math.PI);
    ctx.stroke();
  }
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

export function placement(input: Pick<DataViewInput, 'dims' | 'x' | 'y' | 'grid'>, size: Size): Placement {
  const { width, height } = size;
  const { grid } = input;
  const line = input.dims === 1;
  const yRange = grid.yRange ?? [0, 1];
  const sx = line
    ? scale(grid.xRange[0], grid.xRange[1], PAD, width - PAD)
    : scale(grid.xRange[0], grid.xRange[1], 0, width);
  const sy = line ? scale(0, 1, height - PAD, PAD) : scale(yRange[0], yRange[1], height, 0);
  const ix = line
    ? scale(PAD, width - PAD, grid.xRange[0], grid.xRange[1])
    : scale(0, width, grid.xRange[0], grid.xRange[1]);
  const iy = scale(height, 0, yRange[0], yRange[1]);
  const at = (i: number): [number, number] =>
    line ? [sx(input.x[i]), sy(input.y[i])] : [sx(input.x[2 * i]), sy(input.x[2 * i + 1])];
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
