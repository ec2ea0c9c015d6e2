/**
 * The loss surface of one variant: J over two parameters as a heatmap with
 * contour lines (linear or logarithmic colour), the gradient-descent
 * trajectory up to the current frame, the current −∇J as an arrow, and the
 * minimum found; or the same surface in 3-D, rotated by (yaw, pitch), with the
 * trajectory on it. A pure drawing, like every panel.
 */
import { sci } from '../core/chain';
import type { RasterCanvas, Size } from './dataView';
import { contour } from './contour';
import { gridPixels, rasterLayer } from './raster';
import { wrapText } from './text';
import { FONT, type DrawTheme } from './theme';

export interface SurfaceGrid {
  size: number;
  pRange: [number, number];
  qRange: [number, number];
  /** J at row r (q), column c (p): values[r·size + c]; NaN where not computed yet. */
  values: Float64Array;
}

export interface SurfaceViewInput {
  surface: SurfaceGrid | null;
  pName: string;
  qName: string;
  /** (p, q) of frames 0..t, interleaved. */
  trajectory: Float64Array;
  /** J of frames 0..t (heights of the trajectory in 3-D). */
  trajectoryJ: Float64Array;
  /** ∂J/∂p, ∂J/∂q at the current frame. */
  gradient: [number, number];
  log: boolean;
  mode: '2d' | '3d';
  /** 3-D view angles in radians. */
  yaw: number;
  pitch: number;
  raster?: (key: 'heat' | 'points' | 'marks', w: number, h: number) => RasterCanvas;
}

/** Colours from low J to high J (viridis stops). */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

export function colormap(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) => Math.round(STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f)) as [
    number,
    number,
    number,
  ];
}

const PAD = { left: 40, right: 8, top: 8, bottom: 30 };
/**
 * Below this plot size the numbers (‖∇J‖, the minimum) go in a caption under the axis instead of
 * over the plot, where they would hide much of a small heatmap.
 */
export const OVERLAY_MIN = { width: 300, height: 200 };
/** The caption: two lines of 12 px text. */
const CAPTION_H = 2 * 15 + 4;

/** Whether a 2-D view of `size` writes its numbers under the plot (a small plot) rather than over it. */
export function surfaceCaption(size: Size): boolean {
  return (
    size.width - PAD.left - PAD.right < OVERLAY_MIN.width ||
    size.height - PAD.top - PAD.bottom < OVERLAY_MIN.height
  );
}

/** The plot area and the mapping between parameters and pixels (2-D view). */
export function surfaceFrame(input: Pick<SurfaceViewInput, 'surface'>, size: Size) {
  const bottom = PAD.bottom + (surfaceCaption(size) ? CAPTION_H : 0);
  const w = Math.max(10, size.width - PAD.left - PAD.right);
  const h = Math.max(10, size.height - PAD.top - bottom);
  const s = input.surface;
  const pr = s?.pRange ?? [0, 1];
  const qr = s?.qRange ?? [0, 1];
  return {
    x: PAD.left,
    y: PAD.top,
    w,
    h,
    toPx: (p: number, q: number): [number, number] => [
      PAD.left + ((p - pr[0]) / (pr[1] - pr[0])) * w,
      PAD.top + h - ((q - qr[0]) / (qr[1] - qr[0])) * h,
    ],
    toParams: (px: number, py: number): [number, number] => [
      pr[0] + ((px - PAD.left) / w) * (pr[1] - pr[0]),
      qr[0] + ((PAD.top + h - py) / h) * (qr[1] - qr[0]),
    ],
    inside: (px: number, py: number): boolean =>
      px >= PAD.left && px <= PAD.left + w && py >= PAD.top && py <= PAD.top + h,
  };
}

/** J at the grid point nearest to (p, q), or NaN. */
export function surfaceValueAt(s: SurfaceGrid, p: number, q: number): number {
  const c = Math.round(((p - s.pRange[0]) / (s.pRange[1] - s.pRange[0])) * (s.size - 1));
  const r = Math.round(((q - s.qRange[0]) / (s.qRange[1] - s.qRange[0])) * (s.size - 1));
  if (c < 0 || r < 0 || c >= s.size || r >= s.size) return NaN;
  return s.values[r * s.size + c];
}

/** The value range of the finite values, and the colour position of a value (log or linear). */
function scaleOf(values: Float64Array, log: boolean): { lo: number; hi: number; t: (v: number) => number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const u = log ? Math.log10(Math.max(v, 1e-12)) : v;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  if (!(hi > lo)) hi = lo + 1;
  return { lo, hi, t: (v) => ((log ? Math.log10(Math.max(v, 1e-12)) : v) - lo) / (hi - lo) };
}

/** The grid point of lowest J: [p, q, J]. */
export function gridMinimum(s: SurfaceGrid): [number, number, number] | null {
  let best = -1;
  for (let k = 0; k < s.values.length; k++) {
    const v = s.values[k];
    if (Number.isFinite(v) && (best < 0 || v < s.values[best])) best = k;
  }
  if (best < 0) return null;
  const g = (r: [number, number], i: number): number => r[0] + ((r[1] - r[0]) * i) / (s.size - 1);
  return [g(s.pRange, best % s.size), g(s.qRange, Math.floor(best / s.size)), s.values[best]];
}

/** A text's box (CSS px). */
export interface TextRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a 2-D view drew where: its plot, and the boxes of its numbers (over the plot, or in the caption under it). */
export interface SurfaceLayout {
  plot: TextRect;
  texts: TextRect[];
}

export function drawSurface(
  ctx: CanvasRenderingContext2D,
  input: SurfaceViewInput,
  size: Size,
  theme: DrawTheme,
): SurfaceLayout | null {
  let lay: SurfaceLayout | null = null;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.font = `12px ${FONT}`;
  if (!input.surface) {
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(theme.t('draw.computingSurface'), size.width / 2, size.height / 2);
  } else if (input.mode === '3d') draw3d(ctx, input, input.surface, size, theme);
  else {
    const f = surfaceFrame(input, size);
    lay = { plot: { x: f.x, y: f.y, w: f.w, h: f.h }, texts: draw2d(ctx, input, input.surface, size, theme) };
  }
  ctx.restore();
  return lay;
}

function draw2d(
  ctx: CanvasRenderingContext2D,
  input: SurfaceViewInput,
  s: SurfaceGrid,
  size: Size,
  theme: DrawTheme,
): TextRect[] {
  const f = surfaceFrame(input, size);
  const G = s.size;
  const sc = scaleOf(s.values, input.log);
  // Heatmap: one image (smoothed) when an offscreen canvas is at hand, else cells.
  const color = (v: number): [number, number, number] =>
    Number.isFinite(v)
      ? colormap(sc.t(v))
      : (theme.grid.match(/\w\w/g)!.map((h) => parseInt(h, 16)) as [number, number, number]);
  if (input.raster) {
    const canvas = input.raster('heat', G, G);
    const c2 = canvas.getContext('2d') as CanvasRenderingContext2D;
    const img = c2.createImageData(G, G);
    for (let r = 0; r < G; r++) {
      for (let c = 0; c < G; c++) {
        const [R, Gr, B] = color(s.values[r * G + c]);
        const o = 4 * ((G - 1 - r) * G + c);
        img.data[o] = R;
        img.data[o + 1] = Gr;
        img.data[o + 2] = B;
        img.data[o + 3] = 255;
      }
    }
    c2.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(canvas as unknown as CanvasImageSource, 0, 0, G, G, f.x, f.y, f.w, f.h);
  } else {
    const cw = f.w / G;
    const ch = f.h / G;
    ctx.save();
    ctx.translate(f.x, f.y);
    rasterLayer(
      ctx,
      f.w,
      f.h,
      (c2) => {
        for (let r = 0; r < G; r++) {
          for (let c = 0; c < G; c++) {
            const [R, Gr, B] = color(s.values[r * G + c]);
            c2.fillStyle = `rgb(${R},${Gr},${B})`;
            c2.fillRect(c * cw, f.h - (r + 1) * ch, Math.ceil(cw) + 0.5, Math.ceil(ch) + 0.5);
          }
        }
      },
      gridPixels(G, f.w, f.h, (c, r) => color(s.values[r * G + c])),
    );
    ctx.restore();
  }
  // Contours at ten evenly spaced levels of the colour scale.
  ctx.strokeStyle = 'rgba(255,255,255,0.55)';
  ctx.lineWidth = 0.8;
  ctx.beginPath();
  const px = (c: number): number => f.x + ((c + 0.5) / G) * f.w;
  const py = (r: number): number => f.y + f.h - ((r + 0.5) / G) * f.h;
  const level = (k: number): number => sc.lo + ((sc.hi - sc.lo) * k) / 10;
  // The colour-scale value of every grid point, once (not once per contour level).
  const scaled = input.log ? s.values.map((v) => Math.log10(Math.max(v, 1e-12))) : s.values;
  const val = (k: number): number => scaled[k];
  for (let k = 1; k < 10; k++) contour(ctx, val, G, level(k), px, py);
  ctx.stroke();
  // Axes.
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // The range's ends under the plot's corners, moved in where a centred label would leave the canvas.
  for (const [v, x] of [
    [s.pRange[0], f.x],
    [s.pRange[1], f.x + f.w],
  ] as const) {
    const text = sci(v);
    const half = ctx.measureText(text).width / 2;
    ctx.fillText(text, Math.max(half + 1, Math.min(size.width - half - 1, x)), f.y + f.h + 3);
  }
  ctx.fillStyle = theme.foreground;
  ctx.fillText(input.pName, f.x + f.w / 2, f.y + f.h + 15);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.muted;
  for (const [v, y] of [
    [s.qRange[0], f.y + f.h - 4],
    [s.qRange[1], f.y + 6],
  ] as const) {
    const text = sci(v);
    ctx.fillText(text, Math.max(f.x - 3, ctx.measureText(text).width + 1), y);
  }
  ctx.save();
  ctx.translate(10, f.y + f.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = theme.foreground;
  ctx.fillText(input.qName, 0, 0);
  ctx.restore();
  // The minimum found on the grid.
  const min = gridMinimum(s);
  if (min) {
    const [mx, my] = f.toPx(min[0], min[1]);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(mx - 5, my);
    ctx.lineTo(mx + 5, my);
    ctx.moveTo(mx, my - 5);
    ctx.lineTo(mx, my + 5);
    ctx.stroke();
  }
  // The trajectory, start and current point.
  const T = input.trajectory.length / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.x, f.y, f.w, f.h);
  ctx.clip();
  if (T > 0) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let t = 0; t < T; t++) {
      const [x, y] = f.toPx(input.trajectory[2 * t], input.trajectory[2 * t + 1]);
      if (t === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    const [sx, sy] = f.toPx(input.trajectory[0], input.trajectory[1]);
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(sx, sy, 3, 0, 2 * Math.PI);
    ctx.fill();
    const [cx, cy] = f.toPx(input.trajectory[2 * T - 2], input.trajectory[2 * T - 1]);
    ctx.fillStyle = theme.wrong;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(cx, cy, 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    // −∇J: the direction of the next step, 36 px long (its length in the label); nothing when exactly 0.
    const [gp, gq] = input.gradient;
    const dx = (-gp / (s.pRange[1] - s.pRange[0])) * f.w;
    const dy = (gq / (s.qRange[1] - s.qRange[0])) * f.h;
    const len = Math.hypot(dx, dy);
    if (len > 0) {
      const ux = dx / len;
      const uy = dy / len;
      const ex = cx + ux * 36;
      const ey = cy + uy * 36;
      ctx.strokeStyle = theme.wrong;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.lineTo(ex, ey);
      ctx.moveTo(ex, ey);
      ctx.lineTo(ex - 7 * ux + 4 * uy, ey - 7 * uy - 4 * ux);
      ctx.moveTo(ex, ey);
      ctx.lineTo(ex - 7 * ux - 4 * uy, ey - 7 * uy + 4 * ux);
      ctx.stroke();
    }
  }
  ctx.restore();
  const g = Math.hypot(...input.gradient);
  const grad = `‖∇J‖ = ${sci(g)}`;
  if (!surfaceCaption(size)) {
    // The current point and its arrow stay in view: the overlay goes to the bottom when it would hide them.
    const now: [number, number][] = [];
    if (T > 0) {
      const [cx, cy] = f.toPx(input.trajectory[2 * T - 2], input.trajectory[2 * T - 1]);
      now.push([cx, cy], ...arrowEnd(input, s, f, cx, cy));
    }
    const texts = [
      grad,
      ...(min ? [theme.t('draw.surfaceMin', { J: sci(min[2]), p: sci(min[0]), q: sci(min[1]) })] : []),
    ];
    return overlay(ctx, texts, f.x + 4, f.y + 3, f.w - 8, theme, { avoid: now, bottom: f.y + f.h - 3 });
  }
  // A small plot: the numbers under its axis, a line each, the minimum's place left out if it does not fit.
  const room = size.width - 8;
  const minText = min
    ? [
        theme.t('draw.surfaceMin', { J: sci(min[2]), p: sci(min[0]), q: sci(min[1]) }),
        theme.t('draw.surfaceMinShort', { J: sci(min[2]) }),
      ].find((t) => ctx.measureText(t).width <= room)
    : undefined;
  const lines = [grad, ...(min ? [minText ?? theme.t('draw.surfaceMinShort', { J: sci(min[2]) })] : [])];
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.foreground;
  const top = f.y + f.h + PAD.bottom + 2;
  return lines.map((t, i) => {
    const text = fitWidth(ctx, t, room);
    ctx.fillText(text, 4, top + i * 15);
    return { x: 4, y: top + i * 15, w: ctx.measureText(text).width, h: 15 };
  });
}

/** `text`, cut with an ellipsis to `max` px if wider. */
function fitWidth(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  let s = text;
  while (s.length > 1 && ctx.measureText(s).width > max) s = s.slice(0, -2) + '…';
  return s;
}

/** Where the −∇J arrow from (cx, cy) ends (none for an exactly zero gradient). */
function arrowEnd(
  input: SurfaceViewInput,
  s: SurfaceGrid,
  f: { w: number; h: number },
  cx: number,
  cy: number,
): [number, number][] {
  const [gp, gq] = input.gradient;
  const dx = (-gp / (s.pRange[1] - s.pRange[0])) * f.w;
  const dy = (gq / (s.qRange[1] - s.qRange[0])) * f.h;
  const len = Math.hypot(dx, dy);
  return len > 0 ? [[cx + (dx / len) * 36, cy + (dy / len) * 36]] : [];
}

/** Lines of text on a backing, wrapped to `max` px: an overlay that stays inside the plot. */
function overlay(
  ctx: CanvasRenderingContext2D,
  texts: string[],
  x: number,
  y: number,
  max: number,
  theme: DrawTheme,
  place?: { avoid: [number, number][]; bottom: number },
): TextRect[] {
  const width = (t: string): number => ctx.measureText(t).width;
  const lines = texts.flatMap((t) => wrapText(t, Math.max(20, max - 4), width));
  const w = Math.min(max, Math.max(...lines.map(width)) + 4);
  const h = lines.length * 15 + 2;
  const covers = (top: number): boolean =>
    place!.avoid.some(([px, py]) => px >= x - 8 && px <= x + w + 6 && py >= top - 7 && py <= top + h + 6);
  if (place && covers(y) && !covers(place.bottom - h)) y = place.bottom - h;
  ctx.save();
  ctx.globalAlpha = 0.8;
  ctx.fillStyle = theme.background;
  ctx.fillRect(x - 2, y - 1, w, lines.length * 15 + 2);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.foreground;
  lines.forEach((t, i) => ctx.fillText(t, x, y + i * 15));
  return lines.map((t, i) => ({ x, y: y + i * 15, w: width(t), h: 15 }));
}

/** The 3-D projection of (p, q, J) for a view of `size`. */
export function projector(
  s: SurfaceGrid,
  input: Pick<SurfaceViewInput, 'yaw' | 'pitch' | 'log'>,
  size: Size,
) {
  const sc = scaleOf(s.values, input.log);
  const S = Math.min(size.width, size.height) * 0.62;
  const cx = size.width / 2;
  const cy = size.height / 2 + 10;
  const cy_ = Math.cos(input.yaw);
  const sy_ = Math.sin(input.yaw);
  const cp = Math.cos(input.pitch);
  const sp = Math.sin(input.pitch);
  return (p: number, q: number, J: number): [number, number, number] => {
    const x = (p - s.pRange[0]) / (s.pRange[1] - s.pRange[0]) - 0.5;
    const y = (q - s.qRange[0]) / (s.qRange[1] - s.qRange[0]) - 0.5;
    const z = (Number.isFinite(J) ? sc.t(J) : 0) * 0.6 - 0.3;
    const rx = x * cy_ - y * sy_;
    const ry = x * sy_ + y * cy_;
    // Pitch tilts the ground plane towards the viewer; depth grows away from it.
    const sxp = cx + rx * S;
    const syp = cy - (z * cp - ry * sp) * S;
    const depth = ry * cp + z * sp;
    return [sxp, syp, depth];
  };
}

function draw3d(
  ctx: CanvasRenderingContext2D,
  input: SurfaceViewInput,
  s: SurfaceGrid,
  size: Size,
  theme: DrawTheme,
): void {
  const sc = scaleOf(s.values, input.log);
  const project = projector(s, input, size);
  // A mesh of at most 40×40 cells, drawn back to front.
  const step = Math.max(1, Math.ceil((s.size - 1) / 40));
  const idx: number[] = [];
  for (let r = 0; r < s.size; r += step) idx.push(r);
  if (idx[idx.length - 1] !== s.size - 1) idx.push(s.size - 1);
  const coord = (range: [number, number], i: number): number =>
    range[0] + ((range[1] - range[0]) * i) / (s.size - 1);
  const pts = idx.map((r) =>
    idx.map((c) => project(coord(s.pRange, c), coord(s.qRange, r), s.values[r * s.size + c])),
  );
  const cells: { d: number; r: number; c: number }[] = [];
  for (let r = 0; r + 1 < idx.length; r++) {
    for (let c = 0; c + 1 < idx.length; c++) {
      cells.push({ d: (pts[r][c][2] + pts[r + 1][c + 1][2]) / 2, r, c });
    }
  }
  cells.sort((a, b) => b.d - a.d);
  // The mesh is a picture: one raster layer in a vector export.
  rasterLayer(ctx, size.width, size.height, (c2) => {
    c2.lineWidth = 0.4;
    c2.strokeStyle = 'rgba(0,0,0,0.25)';
    for (const { r, c } of cells) {
      const v = s.values[idx[r] * s.size + idx[c]];
      const [R, G, B] = Number.isFinite(v) ? colormap(sc.t(v)) : [128, 128, 128];
      c2.fillStyle = `rgb(${R},${G},${B})`;
      c2.beginPath();
      c2.moveTo(pts[r][c][0], pts[r][c][1]);
      c2.lineTo(pts[r][c + 1][0], pts[r][c + 1][1]);
      c2.lineTo(pts[r + 1][c + 1][0], pts[r + 1][c + 1][1]);
      c2.lineTo(pts[r + 1][c][0], pts[r + 1][c][1]);
      c2.closePath();
      c2.fill();
      c2.stroke();
    }
  });
  // The trajectory on the surface (its J at each frame).
  const T = input.trajectory.length / 2;
  if (T > 0) {
    ctx.strokeStyle = theme.wrong;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let t = 0; t < T; t++) {
      const [x, y] = project(input.trajectory[2 * t], input.trajectory[2 * t + 1], input.trajectoryJ[t]);
      if (t === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
    const [x, y] = project(
      input.trajectory[2 * T - 2],
      input.trajectory[2 * T - 1],
      input.trajectoryJ[T - 1],
    );
    ctx.fillStyle = theme.wrong;
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, 2 * Math.PI);
    ctx.fill();
  }
  overlay(ctx, [theme.t('draw.surface3d', { p: input.pName, q: input.qName })], 6, 4, size.width - 12, theme);
}
