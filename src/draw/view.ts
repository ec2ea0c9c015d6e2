/**
 * A whole view at one frame, for images and animations: every panel's input
 * computed from a simulation with the core alone (no DOM, no Svelte), and
 * one function that lays the chosen panels out on any Canvas 2D context with
 * the same drawing functions as the screen. Groundwork for the exporters.
 */
import { chainAt, type ChainView, wholeGradient } from '../core/chain';
import { FLAG_CORRECT, FLAG_SATURATED } from '../core/heads';
import { forwardRecord, paramName } from '../core/network';
import { dataRange, predictGrid } from '../core/predict';
import { type DataProjection, DEFAULT_PROJECTION, projectView } from '../core/projection';
import type { Run } from '../core/run';
import type { Simulation } from '../core/simulation';
import { computeSurface, rangeAround } from '../core/surface';
import { type ChainAnimation, drawChain } from './chain';
import { type CurvesInput, type CurvesRenderer } from './curves';
import { drawDataView, type DataViewInput, type Size } from './dataView';
import { drawGuarded } from './safe';
import { drawSurface, type SurfaceViewInput } from './surface';
import { FONT, type DrawTheme } from './theme';
import { drawUnitPlots, type UnitPlotsInput } from './units';

export const VIEW_PANELS = ['data', 'chain', 'surface', 'units', 'curves'] as const;
export type ViewPanel = (typeof VIEW_PANELS)[number];

export interface VariantView {
  name: string;
  color: string;
  data: DataViewInput | null;
  chain: ChainView | null;
  /** The parameter whose path the chain diagram labels (the surface's first, as on screen). */
  chainParam?: number;
  surface: Omit<SurfaceViewInput, 'raster'> | null;
  units: UnitPlotsInput | null;
}

export interface ViewModel {
  step: number;
  variants: VariantView[];
  curves: CurvesInput;
}

/** The worst-classified example at frame 0 of the first run (the chain diagram's default). */
export function worstExample(sim: Simulation): number {
  const loss = sim.runs[0].details(0).loss;
  let w = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] > loss[w]) w = i;
  return w;
}

/** What a view shows beyond the frame: the screen's choices, so an export looks like the studio. */
export interface ViewOptions {
  /** The chain diagram's example; −1 for the mean over the data. Default: the worst at frame 0. */
  example?: number;
  /** Grid of the loss surface (default 64). */
  surfaceSize?: number;
  /** The panels that will be drawn: the others are not computed (default all). */
  panels?: readonly ViewPanel[];
  /** The loss surface's two parameters per variant (default: the output unit's first weight and bias). */
  pairs?: ([number, number] | null)[];
  surfaceMode?: '2d' | '3d';
  surfaceLog?: boolean;
  yaw?: number;
  pitch?: number;
  /** Unit plots: draw the naive −log σ(z) too. */
  naive?: boolean;
  /** The data view of more than two inputs (default: the first two, the others at their means). */
  projection?: DataProjection;
}

/**
 * What does not change from frame to frame of one simulation, kept between the frames of an
 * export: a parameter's range over the whole run, and a surface that depends only on its two
 * parameters.
 */
export interface ViewCache {
  ranges: Map<string, [number, number]>;
  surfaces: Map<string, SurfaceViewInput['surface']>;
}

export function viewCache(): ViewCache {
  return { ranges: new Map(), surfaces: new Map() };
}

/** The output unit's first weight and bias (for softmax: class 1's). */
export function defaultSurfacePair(net: Run['net']): [number, number] {
  const L = net.layers - 1;
  return net.width > 1 ? [net.wOff[L] + net.sizes[L], net.bOff[L] + 1] : [net.wOff[L], net.bOff[L]];
}

/** Every panel's input at frame t (each run must have been trained to t, or have diverged before). */
export function buildView(
  sim: Simulation,
  t: number,
  opts: ViewOptions = {},
  cache: ViewCache = viewCache(),
): ViewModel {
  const data = sim.data;
  const example = opts.example ?? worstExample(sim);
  const size = opts.surfaceSize ?? 64;
  const want = new Set<ViewPanel>(opts.panels ?? VIEW_PANELS);
  const variants = sim.runs.map((run: Run, k): VariantView => {
    const s = Math.min(t, run.length - 1);
    const theta = run.frame(s).params.slice();
    const net = run.net;
    // Every example's forward pass: for the data view and the unit plots only.
    const rec =
      want.has('data') || want.has('units') ? forwardRecord(net, theta, data.x, data.y, data.n) : null;
    const K = net.width;
    const flagsOf = (bit: number) => rec!.flags.map((f) => (f & bit ? 1 : 0));
    const projection = opts.projection ?? DEFAULT_PROJECTION;
    // More than two inputs: two of them on the axes, or every example along its z.
    const projected = data.dims > 2 && want.has('data') ? projectView(net, theta, data, projection) : null;
    const dataView: DataViewInput | null = projected
      ? {
          dims: projected.dims,
          x: projected.x,
          y: data.y,
          grid: projected.grid,
          saturated: flagsOf(FLAG_SATURATED),
          correct: flagsOf(FLAG_CORRECT),
          selected: example,
          axes: projected.axes,
        }
      : data.dims <= 2 && want.has('data')
        ? {
            dims: data.dims,
            x: data.x,
            y: data.y,
            grid: predictGrid(
              net,
              theta,
              data.dims === 1 ? 160 : 40,
              dataRange(data.x, data.dims, 0),
              data.dims === 2 ? dataRange(data.x, data.dims, 1) : undefined,
            ),
            saturated: flagsOf(FLAG_SATURATED),
            correct: flagsOf(FLAG_CORRECT),
            selected: example,
          }
        : null;
    const [p, q] = opts.pairs?.[k] ?? defaultSurfacePair(net);
    let surface: VariantView['surface'] = null;
    if (want.has('surface')) {
      // A parameter's range over the whole run (the trajectory's frame), the same at every frame.
      const range = (j: number): [number, number] => {
        const key = `${k}|${j}|${run.length}`;
        let r = cache.ranges.get(key);
        if (!r) {
          r = rangeAround(Float64Array.from({ length: run.length }, (_, i) => run.frame(i).params[j]));
          cache.ranges.set(key, r);
        }
        return r;
      };
      const pRange = range(p);
      const qRange = range(q);
      const trajectory = new Float64Array(2 * (s + 1));
      const trajectoryJ = new Float64Array(s + 1);
      for (let i = 0; i <= s; i++) {
        const f = run.frame(i);
        trajectory[2 * i] = f.params[p];
        trajectory[2 * i + 1] = f.params[q];
        trajectoryJ[i] = f.loss;
      }
      const g = wholeGradient(net, data, theta, run.recordedStep(s));
      // With only two parameters the surface does not depend on the frame.
      const key = `${k}|${p}|${q}|${pRange}|${qRange}|${size}|${net.paramCount === 2 ? '' : s}`;
      let grid = cache.surfaces.get(key);
      if (!grid) {
        grid = computeSurface({ net, x: data.x, y: data.y, theta, p, q, pRange, qRange, size });
        if (net.paramCount === 2) cache.surfaces.set(key, grid);
      }
      surface = {
        surface: grid,
        pName: paramName(net, p),
        qName: paramName(net, q),
        trajectory,
        trajectoryJ,
        gradient: [g[p], g[q]],
        log: opts.surfaceLog ?? true,
        mode: opts.surfaceMode ?? '2d',
        yaw: opts.yaw ?? 0.6,
        pitch: opts.pitch ?? 0.9,
      };
    }
    let units: UnitPlotsInput | null = null;
    if (want.has('units')) {
      const z = new Float64Array(data.n);
      for (let i = 0; i < data.n; i++) z[i] = K === 1 ? rec!.z[i] : rec!.z[i * K + 1] - rec!.z[i * K];
      units = { unit: net.unit, loss: net.loss, z, y: data.y, example, naive: opts.naive ?? false };
    }
    return {
      name: run.variant.name,
      color: run.variant.color,
      data: dataView,
      chain: want.has('chain') ? chainAt(net, data, theta, example, run.recordedStep(s)) : null,
      chainParam: p,
      surface,
      units,
    };
  });
  const curves: CurvesInput = {
    series: sim.runs.map((r) => ({
      name: r.variant.name,
      color: r.variant.color,
      // The whole run with a cursor at t, as the studio shows it (and drawn once for an animation).
      length: r.length,
      loss: r.history.loss,
      accuracy: r.history.accuracy,
      saturatedWrong: r.history.saturatedWrong,
      layers: r.history.layerCount,
      gradNorms: r.history.gradNorms,
    })),
    steps: sim.experiment.steps,
    cursor: t,
    version: 0,
  };
  return { step: t, variants, curves };
}

/** Height of the strip above each variant's drawing that names the variant. */
export const CAPTION = 20;

/** The variant's colour and name, in a strip `CAPTION` high. */
function drawCaption(ctx: CanvasRenderingContext2D, v: VariantView, width: number, theme: DrawTheme): void {
  ctx.save();
  ctx.fillStyle = v.color;
  ctx.fillRect(6, 6, 10, 10);
  ctx.fillStyle = theme.foreground;
  ctx.font = `600 12px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let name = v.name;
  while (name.length > 1 && ctx.measureText(name).width > width - 28) name = name.slice(0, -2) + '…';
  ctx.fillText(name, 22, 11);
  ctx.restore();
}

/** Chain diagrams narrower than this are drawn one under another, full width (their labels need room). */
export const MIN_CHAIN_WIDTH = 420;

/** Whether a panel's variants are drawn one under another (else side by side). */
function stacked(panel: ViewPanel, width: number, variants: number): boolean {
  return panel === 'units' || (panel === 'chain' && width / Math.max(1, variants) < MIN_CHAIN_WIDTH);
}

/** Height in CSS pixels of each panel's row for a view `width` wide. */
export function panelHeight(panel: ViewPanel, width: number, variants: number): number {
  const per = Math.max(1, variants);
  switch (panel) {
    case 'data':
      return CAPTION + Math.round(Math.min(260, (width / per) * 0.75));
    case 'chain':
      return (CAPTION + 250) * (stacked('chain', width, per) ? per : 1);
    case 'surface':
      return CAPTION + Math.round(Math.min(280, (width / per) * 0.85));
    case 'units':
      return (CAPTION + 300) * per;
    case 'curves':
      return 380;
  }
}

/** Each chosen panel's row height; with `height`, the natural heights scaled so that they fill it. */
export function viewRows(
  panels: readonly ViewPanel[],
  width: number,
  variants: number,
  height?: number,
): number[] {
  const natural = panels.map((p) => panelHeight(p, width, variants));
  if (height === undefined) return natural;
  const total = natural.reduce((a, b) => a + b, 0);
  // Whole pixels, the rounding put in the last row, so the rows add up to `height` exactly.
  const rows = natural.map((h) => Math.floor((h * height) / total));
  rows[rows.length - 1] += height - rows.reduce((a, b) => a + b, 0);
  return rows;
}

export interface DrawViewOptions {
  /** The chain diagrams' sub-step (default: the step complete). */
  anim?: ChainAnimation;
  /** Row heights (default: `viewRows` without a height). */
  rows?: number[];
  /** Each panel's rectangle instead of rows (an export laid out in columns). */
  cells?: { x: number; y: number; width: number; height: number }[];
}

/** The chosen panels, one row each, variants side by side (unit plots stacked); returns the height used. */
export function drawView(
  ctx: CanvasRenderingContext2D,
  view: ViewModel,
  panels: readonly ViewPanel[],
  size: Size,
  theme: DrawTheme,
  curves: CurvesRenderer,
  opts: DrawViewOptions = {},
): number {
  const { width } = size;
  const n = view.variants.length;
  const rows = opts.rows ?? viewRows(panels, width, n);
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, size.height);
  let y = 0;
  let x0 = 0;
  // Each cell draws on a guarded context: a value off the chart is clamped and said in the cell.
  const cell = (
    x: number,
    w: number,
    h: number,
    draw: (c: CanvasRenderingContext2D, s: Size) => void,
  ): void => {
    ctx.save();
    ctx.translate(x0 + x, y);
    ctx.beginPath();
    ctx.rect(0, 0, w, h);
    ctx.clip();
    drawGuarded(ctx, w, h, theme, (c) => draw(c, { width: w, height: h, pixelRatio: size.pixelRatio }));
    ctx.restore();
  };
  panels.forEach((panel, r) => {
    const box = opts.cells?.[r];
    const h = box ? box.height : rows[r];
    if (box) {
      x0 = box.x;
      y = box.y;
    }
    const width = box ? box.width : size.width;
    const w = width / n;
    if (panel === 'curves') cell(0, width, h, (c, s) => curves.draw(c, view.curves, s, theme));
    else if (stacked(panel, width, n)) {
      view.variants.forEach((v, k) => {
        const hh = h / n;
        ctx.save();
        ctx.translate(0, k * hh);
        cell(0, width, CAPTION, (c, s) => drawCaption(c, v, s.width, theme));
        ctx.translate(0, CAPTION);
        cell(0, width, hh - CAPTION, (c, s) => {
          if (panel === 'units' && v.units) drawUnitPlots(c, v.units, s, theme);
          else if (panel === 'chain' && v.chain)
            drawChain(c, v.chain, s, theme, opts.anim, undefined, { param: v.chainParam });
        });
        ctx.restore();
      });
    } else {
      view.variants.forEach((v, k) => {
        cell(k * w, w - 4, CAPTION, (c, s) => drawCaption(c, v, s.width, theme));
        ctx.save();
        ctx.translate(0, CAPTION);
        cell(k * w, w - 4, h - CAPTION, (c, s) => {
          if (panel === 'data' && v.data) drawDataView(c, v.data, s, theme);
          else if (panel === 'chain' && v.chain)
            drawChain(c, v.chain, s, theme, opts.anim, undefined, { param: v.chainParam });
          else if (panel === 'surface' && v.surface) drawSurface(c, v.surface, s, theme);
        });
        ctx.restore();
      });
    }
    y += h;
  });
  ctx.restore();
  return opts.cells ? Math.max(0, ...opts.cells.map((c) => c.y + c.height)) : y;
}
