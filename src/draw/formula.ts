/**
 * The editor's preview of a typed unit or loss: f(z) and f′(z) on the left, the
 * loss L against z for y = 1 and y = 0 on the right, over z ∈ [−range, range].
 * Non-finite values leave gaps; values far outside the frame are clipped.
 */
import type { Size } from './dataView';
import { FONT, type DrawTheme } from './theme';

export interface FormulaPreviewInput {
  f(z: number): number;
  der(z: number): number;
  /** L at z for label y (through f). */
  loss(z: number, y: number): number;
  range: number;
}

interface Curve {
  v: Float64Array;
  color: string;
  dash?: number[];
}

const SAMPLES = 241;

export function drawFormulaPreview(
  ctx: CanvasRenderingContext2D,
  input: FormulaPreviewInput,
  size: Size,
  theme: DrawTheme,
): void {
  const { width, height } = size;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `11px ${FONT}`;
  const zs = Float64Array.from(
    { length: SAMPLES },
    (_, i) => -input.range + (2 * input.range * i) / (SAMPLES - 1),
  );
  const sample = (g: (z: number) => number) => zs.map((z) => g(z));
  const [c0, c1] = theme.classes;
  const gap = 6;
  const half = (width - gap) / 2;
  const f = sample(input.f);
  const d = sample(input.der);
  panel(
    ctx,
    { x: 0, y: 0, w: half, h: height },
    zs,
    [
      { v: f, color: theme.foreground },
      { v: d, color: theme.muted, dash: [4, 3] },
    ],
    [
      ['f(z)', theme.foreground],
      ['f′(z)', theme.muted],
    ],
    theme,
    [0, 1],
  );
  panel(
    ctx,
    { x: half + gap, y: 0, w: half, h: height },
    zs,
    [
      { v: sample((z) => input.loss(z, 1)), color: c1 },
      { v: sample((z) => input.loss(z, 0)), color: c0, dash: [4, 3] },
    ],
    [
      ['L, y = 1', c1],
      ['L, y = 0', c0],
    ],
    theme,
    [0, 0],
  );
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The y-range of some curves: finite values only, at least `base`, at most 12 wide. */
function yRange(curves: Curve[], base: [number, number]): [number, number] {
  let lo = base[0];
  let hi = base[1];
  for (const c of curves)
    for (const v of c.v) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  lo = Math.max(lo, -6);
  hi = Math.min(hi, Math.max(lo + 1, 6));
  if (hi - lo < 1e-9) hi = lo + 1;
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

function panel(
  ctx: CanvasRenderingContext2D,
  b: Box,
  zs: Float64Array,
  curves: Curve[],
  legend: [string, string][],
  theme: DrawTheme,
  base: [number, number],
): void {
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
  const inner = { x: b.x + 6, y: b.y + 18, w: b.w - 12, h: b.h - 34 };
  if (inner.w < 10 || inner.h < 10) return;
  const [lo, hi] = yRange(curves, base);
  const z0 = zs[0];
  const z1 = zs[zs.length - 1];
  const X = (z: number) => inner.x + ((z - z0) / (z1 - z0)) * inner.w;
  const Y = (v: number) => inner.y + inner.h - ((v - lo) / (hi - lo)) * inner.h;
  ctx.save();
  ctx.beginPath();
  ctx.rect(inner.x, inner.y, inner.w, inner.h);
  ctx.clip();
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  ctx.moveTo(X(0), inner.y);
  ctx.lineTo(X(0), inner.y + inner.h);
  for (const level of [0, 1]) {
    if (level > lo && level < hi) {
      ctx.moveTo(inner.x, Y(level));
      ctx.lineTo(inner.x + inner.w, Y(level));
    }
  }
  ctx.stroke();
  for (const c of curves) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(c.dash ?? []);
    ctx.beginPath();
    let pen = false;
    zs.forEach((z, i) => {
      const v = c.v[i];
      if (!Number.isFinite(v)) {
        pen = false;
        return;
      }
      const y = Math.max(inner.y - 40, Math.min(inner.y + inner.h + 40, Y(v)));
      if (pen) ctx.lineTo(X(z), y);
      else ctx.moveTo(X(z), y);
      pen = true;
    });
    ctx.stroke();
  }
  ctx.restore();
  ctx.setLineDash([]);
  // Legend on top, z-range below.
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  let x = b.x + 6;
  for (const [label, color] of legend) {
    ctx.fillStyle = color;
    ctx.fillRect(x, b.y + 8, 10, 2);
    ctx.fillStyle = theme.foreground;
    ctx.fillText(label, x + 13, b.y + 3);
    x += 18 + ctx.measureText(label).width + 8;
  }
  // The z-axis below (its ends and its name), the value range at the plot's left edge.
  ctx.fillStyle = theme.muted;
  ctx.textBaseline = 'bottom';
  ctx.fillText(fmt(z0), inner.x, b.y + b.h - 2);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(z1), inner.x + inner.w, b.y + b.h - 2);
  ctx.textAlign = 'center';
  ctx.fillText('z', X(0), b.y + b.h - 2);
  ctx.textAlign = 'left';
  ctx.fillText(fmt(lo), inner.x + 2, inner.y + inner.h);
  ctx.textBaseline = 'top';
  ctx.fillText(fmt(hi), inner.x + 2, inner.y);
}

const fmt = (v: number): string => String(Number(v.toPrecision(2)));
