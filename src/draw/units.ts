/**
 * The output-unit plots of one variant (MATH.md §2–§4): f(z) and f′(z); the
 * loss L(z) for y = 1 and y = 0 (and, on request, −log σ(z) computed the naive
 * way, showing where float64 gives ∞); ∂L/∂z; the odds and log-odds of the
 * current p; and the softmax with two classes built step by step. Every
 * training example sits as a dot at its z, coloured by class, so one sees
 * which of them sit on the flat, saturated parts.
 */
import type { LossSpec, OutputSpec } from '../core/experiment';
import { sci } from '../core/format';
import { SATURATION_THRESHOLD } from '../core/heads';
import { cancelsFlat, lossLabel, unitAt, unitOf } from '../core/units';
import type { Size } from './dataView';
import { wrapText } from './text';
import { FONT, type DrawTheme } from './theme';

export interface UnitPlotsInput {
  unit: OutputSpec;
  loss: LossSpec;
  /** Each example's logit (softmax: z₁ − z₀, the same thing for two classes). */
  z: Float64Array;
  y: Int32Array;
  /** The example whose p, odds and softmax are shown (−1: the first). */
  example: number;
  naive: boolean;
}

export { unitAt };

/** A typed unit's remarks that say where float64 breaks its formula (the naive −log σ's story). */
const FLOAT_BREAKS: ReadonlySet<string> = new Set([
  'formula.overflow',
  'formula.overflowAt',
  'formula.undefined',
  'formula.undefinedAt',
]);

/** −log σ(z) for y = 1 the naive way: log of the computed σ, which rounds to 0 for z < −745 and to 1 for z > 37. */
export function naiveNll(z: number, y: number): number {
  const s = 1 / (1 + Math.exp(-z));
  return y === 1 ? -Math.log(s) : -Math.log(1 - s);
}

/** Where the naive formula first gives ∞ going outwards from 0 on [−range, range] (y = 1: to the left; y = 0: to the right). */
export function naiveBreak(y: number, range: number): number | null {
  const steps = 4000;
  for (let k = 0; k <= steps; k++) {
    const z = ((y === 1 ? -1 : 1) * (range * k)) / steps;
    if (!Number.isFinite(naiveNll(z, y))) return z;
  }
  return null;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Extra title lines' height (the first line is in every box's layout). */
const TITLE_LINE = 14;

/**
 * A box's frame and title, the title wrapped to the box's width (never into the next box); returns
 * the box below the title's extra lines, for what the box holds.
 */
function frame(ctx: CanvasRenderingContext2D, b: Box, title: string, theme: DrawTheme): Box {
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
  ctx.fillStyle = theme.foreground;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const lines = wrapText(title, Math.max(20, b.w - 10), (s) => ctx.measureText(s).width);
  lines.forEach((line, i) => ctx.fillText(line, b.x + 5, b.y + 3 + i * TITLE_LINE));
  const extra = Math.max(0, lines.length - 1) * TITLE_LINE;
  return { x: b.x, y: b.y + extra, w: b.w, h: Math.max(0, b.h - extra) };
}

/** A plot of curves over z with the examples as dots. */
function plot(
  ctx: CanvasRenderingContext2D,
  b: Box,
  zr: [number, number],
  yr: [number, number],
  curves: { f: (z: number) => number; color: string; dash?: number[] }[],
  dots: { z: number; v: number; color: string }[],
  theme: DrawTheme,
): (z: number, v: number) => [number, number] {
  // Below the plot, a strip for the range's labels (no curve or dot runs under them).
  const inner = { x: b.x + 6, y: b.y + 18, w: b.w - 12, h: Math.max(0, b.h - 18 - 16) };
  const X = (z: number): number => inner.x + ((z - zr[0]) / (zr[1] - zr[0])) * inner.w;
  const Y = (v: number): number => inner.y + inner.h - ((v - yr[0]) / (yr[1] - yr[0])) * inner.h;
  ctx.save();
  ctx.beginPath();
  ctx.rect(inner.x, inner.y, inner.w, inner.h);
  ctx.clip();
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  ctx.moveTo(X(0), inner.y);
  ctx.lineTo(X(0), inner.y + inner.h);
  if (yr[0] < 0 && yr[1] > 0) {
    ctx.moveTo(inner.x, Y(0));
    ctx.lineTo(inner.x + inner.w, Y(0));
  }
  ctx.stroke();
  for (const c of curves) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = 1.6;
    ctx.setLineDash(c.dash ?? []);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i <= 200; i++) {
      const z = zr[0] + ((zr[1] - zr[0]) * i) / 200;
      const v = c.f(z);
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      const py = Math.max(inner.y - 50, Math.min(inner.y + inner.h + 50, Y(v)));
      if (pen) ctx.lineTo(X(z), py);
      else ctx.moveTo(X(z), py);
      pen = true;
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const d of dots) {
    if (!Number.isFinite(d.v)) continue;
    ctx.fillStyle = d.color;
    ctx.beginPath();
    ctx.arc(X(Math.max(zr[0], Math.min(zr[1], d.z))), Y(d.v), 2.6, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
  ctx.fillStyle = theme.muted;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(sci(zr[0]), inner.x, b.y + b.h - 1);
  ctx.textAlign = 'right';
  ctx.fillText(sci(zr[1]), inner.x + inner.w, b.y + b.h - 1);
  return (z, v) => [X(z), Y(v)];
}

const odds = (q: number): number => q / (1 - q);
const logOdds = (q: number): number => Math.log(q / (1 - q));
/** The odds plot's range of p (its ends are its range labels). */
const ODDS_RANGE: [number, number] = [0.001, 0.999];

/**
 * The line "logit(p) = … = z" in the odds plot's top-left corner, where neither curve goes (logit p
 * < 0 and the odds < 1 at the left), as far as a curve or the example's dot stays out of its band;
 * on a backing (a curve may pass under it). Where the corner holds none of its two longer forms (a
 * plot too short: the odds' dashes cross it all along), in the strip under the plot, between the
 * range's labels.
 */
function drawLogitLine(
  ctx: CanvasRenderingContext2D,
  b: Box,
  map: (z: number, v: number) => [number, number],
  ze: number,
  dot: { z: number; v: number },
  theme: DrawTheme,
): void {
  const forms = [`logit(p) = log(p/(1−p)) = ${sci(ze)} = z`, `logit(p) = ${sci(ze)} = z`, sci(ze)];
  const GAP = 4;
  const left = b.x + 5;
  // The band the line takes (12 px text on a 14 px backing) and what comes into it first.
  const band = b.y + 18 + 14 + GAP;
  let free = b.x + b.w - 5;
  for (let i = 0; i <= 200; i++) {
    const q = ODDS_RANGE[0] + ((ODDS_RANGE[1] - ODDS_RANGE[0]) * i) / 200;
    const [x] = map(q, 0);
    if ([logOdds(q), odds(q)].some((v) => map(q, Math.min(v, 7))[1] < band)) {
      free = Math.min(free, x - GAP);
      break;
    }
  }
  const [dx, dy] = map(dot.z, dot.v);
  if (dy - 2.6 < band) free = Math.min(free, dx - 2.6 - GAP);
  const corner = fitting(ctx, forms.slice(0, 2), free - left - 2);
  // The strip under the plot: between the range's labels, a gap from each.
  const labels = ODDS_RANGE.map((v) => ctx.measureText(sci(v)).width);
  const strip = { x: b.x + 6 + labels[0] + 3 * GAP, w: b.w - 12 - labels[0] - labels[1] - 6 * GAP };
  const under = corner === '' ? fitting(ctx, forms, strip.w) : '';
  ctx.fillStyle = theme.foreground;
  if (under !== '') {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(under, strip.x + strip.w / 2, b.y + b.h - 1);
    return;
  }
  const line = corner !== '' ? corner : fitting(ctx, forms.slice(2), free - left - 2);
  if (line === '') return;
  ctx.save();
  ctx.globalAlpha = 0.8;
  ctx.fillStyle = theme.background;
  ctx.fillRect(left - 1, b.y + 18, ctx.measureText(line).width + 2, 14);
  ctx.restore();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(line, left, b.y + 19);
}

/** The first of `forms` (longest first) that is at most `max` px wide, or '' when none is. */
function fitting(ctx: CanvasRenderingContext2D, forms: string[], max: number): string {
  return forms.find((f) => ctx.measureText(f).width <= max) ?? '';
}

/** A box's least height: its title, a plot of 30 px and the range's labels under it. */
const MIN_BOX_H = 64;

/**
 * Columns of the six boxes: three across where each gets 220 px, else two (three rows), else one
 * below another; but more columns (each at least 150 px wide) where the rows would be too short,
 * as in a short drawing zoomed for a room.
 */
export function unitColumns({ width, height }: Size): number {
  let cols = width >= 660 ? 3 : width >= 400 ? 2 : 1;
  while (cols < 3 && height / Math.ceil(6 / cols) < MIN_BOX_H && width / (cols + 1) >= 150) cols++;
  return cols;
}

export function drawUnitPlots(
  ctx: CanvasRenderingContext2D,
  input: UnitPlotsInput,
  size: Size,
  theme: DrawTheme,
): void {
  const { width, height } = size;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `12px ${FONT}`;
  const n = input.z.length;
  let zmax = 6;
  for (let i = 0; i < n; i++)
    if (Number.isFinite(input.z[i])) zmax = Math.max(zmax, Math.abs(input.z[i]) * 1.1);
  zmax = Math.min(zmax, 60);
  const zr: [number, number] = [-zmax, zmax];
  const cols = unitColumns(size);
  const rows = Math.ceil(6 / cols);
  const gw = width / cols;
  const gh = height / rows;
  const box = (i: number): Box => ({
    x: (i % cols) * gw + 2,
    y: Math.floor(i / cols) * gh + 2,
    w: gw - 4,
    h: gh - 4,
  });
  const cls = (y: number): string => theme.classes[y % theme.classes.length];
  const at = (z: number, y: number) => unitAt(input.unit, input.loss, z, y);
  const unit = unitOf(input.unit);
  const f = unit.symbol;
  const dots = (g: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({ z: input.z[i], v: g(i), color: cls(input.y[i]) }));

  // 1. f(z) and f′(z).
  const [lo, hi] = unit.range;
  const yr1: [number, number] = [
    Number.isFinite(lo) ? lo - 0.05 * (hi - lo) : -zmax,
    Number.isFinite(hi) ? hi + 0.05 * (hi - lo) : zmax,
  ];
  const b1 = frame(ctx, box(0), theme.t('draw.unitF', { f }), theme);
  plot(
    ctx,
    b1,
    zr,
    yr1,
    [
      { f: (z) => at(z, 1).yhat, color: theme.foreground },
      { f: (z) => at(z, 1).dyhatdz, color: theme.muted, dash: [4, 3] },
    ],
    dots((i) => at(input.z[i], input.y[i]).yhat),
    theme,
  );

  // 2. L(z) for y = 1 and y = 0, and the naive formula.
  let lmax = 1;
  for (const z of zr) for (const y of [0, 1]) lmax = Math.max(lmax, Math.min(at(z, y).loss, 60));
  const b2 = frame(ctx, box(1), `L(z): y = 1, y = 0 (${lossLabel(input.loss)})`, theme);
  // The naive −log σ(z) beside the loss, where it is the NLL of a unit into [0, 1]; a typed unit
  // says instead where its own formula (f or f′) overflows or is undefined in float64.
  const typed = unit.vector ? undefined : unit.typed;
  const naive = input.naive && input.loss === 'nll' && unit.problems.nll === undefined && !typed;
  plot(
    ctx,
    b2,
    zr,
    [0, lmax * 1.05],
    [
      { f: (z) => at(z, 1).loss, color: cls(1) },
      { f: (z) => at(z, 0).loss, color: cls(0) },
      ...(naive
        ? [
            { f: (z: number) => naiveNll(z, 1), color: theme.wrong, dash: [2, 2] },
            { f: (z: number) => naiveNll(z, 0), color: theme.wrong, dash: [2, 2] },
          ]
        : []),
    ],
    dots((i) => at(input.z[i], input.y[i]).loss),
    theme,
  );
  if (naive) {
    const b = b2;
    ctx.fillStyle = theme.wrong;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const z1 = naiveBreak(1, 800);
    const z0 = naiveBreak(0, 800);
    ctx.fillText(theme.t('draw.naive1', { z: z1 === null ? '—' : sci(z1) }), b.x + 5, b.y + 17);
    ctx.fillText(theme.t('draw.naive0', { z: z0 === null ? '—' : sci(z0) }), b.x + 5, b.y + 30);
  }
  if (input.naive && typed) {
    const b = b2;
    ctx.fillStyle = theme.wrong;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    const breaks = typed.warnings.filter((w) => FLOAT_BREAKS.has(w.key));
    const lines = breaks.length > 0 ? breaks : [{ key: 'formula.finite' as const, params: {} }];
    lines.slice(0, 2).forEach((w, i) => ctx.fillText(theme.t(w.key, w.params), b.x + 5, b.y + 17 + 13 * i));
  }

  // 3. ∂L/∂z.
  let gmax = 0.5;
  for (let i = 0; i <= 40; i++) {
    const z = zr[0] + ((zr[1] - zr[0]) * i) / 40;
    for (const y of [0, 1]) gmax = Math.max(gmax, Math.min(Math.abs(at(z, y).dLdz), 1e3));
  }
  const b3 = frame(ctx, box(2), '∂L/∂z: y = 1, y = 0', theme);
  plot(
    ctx,
    b3,
    zr,
    [-gmax * 1.1, gmax * 1.1],
    [
      { f: (z) => at(z, 1).dLdz, color: cls(1) },
      { f: (z) => at(z, 0).dLdz, color: cls(0) },
    ],
    dots((i) => at(input.z[i], input.y[i]).dLdz),
    theme,
  );

  // 4. Odds and log-odds of the example's p: logit(σ(z)) = z.
  const e = input.example >= 0 && input.example < n ? input.example : 0;
  const ze = n > 0 ? input.z[e] : 0;
  const p = 1 / (1 + Math.exp(-ze));
  const oddsBox = frame(ctx, box(3), theme.t('draw.odds', { p: sci(p) }), theme);
  const dot = {
    z: Math.min(0.999, Math.max(0.001, p)),
    v: Math.max(-7, Math.min(7, ze)),
    color: theme.wrong,
  };
  const map = plot(
    ctx,
    oddsBox,
    ODDS_RANGE,
    [-7, 7],
    [
      { f: logOdds, color: theme.foreground },
      { f: odds, color: theme.muted, dash: [4, 3] },
    ],
    [dot],
    theme,
  );
  drawLogitLine(ctx, oddsBox, map, ze, dot, theme);

  // 5. The softmax with two classes at the example's z: exponentiate (0, z), normalise.
  const b5 = frame(ctx, box(4), theme.t('draw.softmax2'), theme);
  const ex = [1, Math.exp(Math.min(ze, 700))];
  const sum = ex[0] + ex[1];
  const probs = [ex[0] / sum, ex[1] / sum];
  const bw = (b5.w - 40) / 4;
  const base = b5.y + b5.h - 30;
  const emax = Math.max(...ex);
  const bars = [
    [ex[0] / emax, 'e⁰', '1'],
    [ex[1] / emax, 'e^z', sci(ex[1])],
    [probs[0], 'p₀', sci(probs[0])],
    [probs[1], 'p₁', sci(probs[1])],
  ] as const;
  // Values wider than a bar's slot would touch their neighbours: then only e^z's and p₁'s are
  // written (e⁰ is 1, and p₀ is 1 − p₁), each with an empty slot beside it.
  const crowded = bars.some(([, , value]) => ctx.measureText(value).width > bw + 3);
  const hmax = b5.h - 70;
  ctx.textAlign = 'center';
  // Each bar's name under it and its value over it: "name = value" on one line is wider than a bar.
  bars.forEach(([v, name, value], i) => {
    const x = b5.x + 12 + i * (bw + 5) + (i >= 2 ? 10 : 0);
    const h = Math.max(1, v * hmax);
    ctx.fillStyle = i % 2 === 0 ? cls(0) : cls(1);
    ctx.fillRect(x, base - h, bw, h);
    ctx.fillStyle = theme.foreground;
    ctx.textBaseline = 'top';
    ctx.fillText(name, x + bw / 2, base + 3);
    ctx.textBaseline = 'bottom';
    if (!crowded || i % 2 === 1) ctx.fillText(value, x + bw / 2, base - h - 2);
  });
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.muted;
  ctx.fillText(
    fitting(ctx, [`p₁ = e^z/(1 + e^z) = σ(z) = ${sci(p)}`, `p₁ = σ(z) = ${sci(p)}`], b5.w - 8),
    b5.x + b5.w / 2,
    base + 16,
  );

  // 6. The summary for this unit and loss.
  const b6 = frame(ctx, box(5), theme.t('draw.where'), theme);
  let flatWrong = 0;
  let flatRight = 0;
  for (let i = 0; i < n; i++) {
    const u = at(input.z[i], input.y[i]);
    if (Math.abs(u.dyhatdz) < SATURATION_THRESHOLD) {
      const right = (u.yhat >= 0.5 ? 1 : 0) === input.y[i];
      if (right) flatRight++;
      else flatWrong++;
    }
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.foreground;
  const wrap = (t: string, indent = ''): string[] =>
    wrapText(t, Math.max(20, b6.w - 12 - ctx.measureText(indent).width), (s) => ctx.measureText(s).width).map(
      (l) => indent + l,
    );
  // Each sentence wrapped to the box, and its colour: the saturated and wrong in red when there are any.
  const lines: [string, boolean][] = [
    ...wrap(theme.t('draw.whereN', { n, flat: flatRight + flatWrong })).map(
      (l) => [l, false] as [string, boolean],
    ),
    ...wrap(theme.t('draw.whereRight', { n: flatRight }), '  ').map((l) => [l, false] as [string, boolean]),
    ...wrap(theme.t('draw.whereWrong', { n: flatWrong }), '  ').map(
      (l) => [l, flatWrong > 0] as [string, boolean],
    ),
    ...wrap(cancelsFlat(input.unit, input.loss) ? theme.t('draw.whereNll') : theme.t('draw.whereFlat')).map(
      (l) => [l, false] as [string, boolean],
    ),
  ];
  // A short box (a lesson's scene in a small window) shows the lines that fit whole, never half a line.
  lines.forEach(([l, wrong], i) => {
    if (b6.y + 22 + (i + 1) * 15 > b6.y + b6.h) return;
    ctx.fillStyle = wrong ? theme.wrong : theme.foreground;
    ctx.fillText(l, b6.x + 6, b6.y + 22 + i * 15);
  });
  ctx.restore();
}
