/**
 * A whole view at one frame, for images and animations: every panel's input
 * built by the presentation layer (present.ts, the functions the studio builds
 * each panel with), and one function that lays the chosen panels out on any
 * Canvas 2D context with the same drawing functions as the screen.
 */
import type { ChainView } from '../core/chain';
import { type DataProjection, DEFAULT_PROJECTION } from '../core/projection';
import type { Simulation } from '../core/simulation';
import { computeSurface } from '../core/surface';
import { type ChainAnimation, drawChain } from './chain';
import { type CurvesInput, type CurvesRenderer } from './curves';
import { drawDataView, type DataViewInput, type Size } from './dataView';
import {
  chainView,
  curvesInput,
  dataRanges,
  dataViewInput,
  defaultSurfacePair,
  projectedData,
  shownStep,
  SURFACE_SIZE,
  surfaceData,
  surfaceGradient,
  surfaceJob,
  surfacePair,
  unitsInput,
  variantFrame,
  type ViewSource,
  worstExample as worstOf,
} from './present';
import { drawGuarded } from './safe';
import { drawSurface, type SurfaceViewInput } from './surface';
import { FONT, type DrawTheme } from './theme';
import { drawUnitPlots, type UnitPlotsInput } from './units';

export { defaultSurfacePair };

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

/** A simulation of the core as a view's source (its runs carry their variant, network and History). */
export function simulationSource(sim: Simulation): ViewSource {
  return { data: sim.data, runs: sim.runs, steps: sim.experiment.steps };
}

const sourceOf = (s: Simulation | ViewSource): ViewSource => ('experiment' in s ? simulationSource(s) : s);

/** The worst-classified example at frame 0 of the first run (the chain diagram's default). */
export function worstExample(sim: Simulation | ViewSource): number {
  return worstOf(sourceOf(sim));
}

/** What a view shows beyond the frame: the screen's choices, so an export looks like the studio. */
export interface ViewOptions {
  /** The chain diagram's example; −1 for the mean over the data. Default: the worst at frame 0. */
  example?: number;
  /**
   * The example selected (ringed in the data views; −1: none). Default: the chain's example when
   * one is named (as a click in the studio names it), none when it is the default worst or the mean.
   */
  selected?: number;
  /** Grid of the loss surface (default: the screen's, `SURFACE_SIZE`). */
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
 * export: a surface that depends only on its two parameters.
 */
export interface ViewCache {
  surfaces: Map<string, SurfaceViewInput['surface']>;
}

export function viewCache(): ViewCache {
  return { surfaces: new Map() };
}

/**
 * Every panel's input at frame t (each run must have been trained to t, or have diverged before),
 * built by the presentation layer's functions exactly as the studio builds each panel.
 */
export function buildView(
  sim: Simulation | ViewSource,
  t: number,
  opts: ViewOptions = {},
  cache: ViewCache = viewCache(),
): ViewModel {
  const source = sourceOf(sim);
  const data = source.data;
  const example = opts.example ?? worstOf(source);
  const selected = opts.selected ?? (opts.example !== undefined && opts.example >= 0 ? opts.example : -1);
  const size = opts.surfaceSize ?? SURFACE_SIZE;
  const want = new Set<ViewPanel>(opts.panels ?? VIEW_PANELS);
  const ranges = dataRanges(data);
  const nets = source.runs.map((r) => r.net);
  const variants = source.runs.map((run, k): VariantView => {
    const f = variantFrame(run, data, ranges, shownStep(run, t), {
      grid: want.has('data'),
      examples: want.has('data') || want.has('units'),
    });
    const pair = opts.pairs?.[k] ?? surfacePair(nets, k, -1, -1);
    let surface: VariantView['surface'] = null;
    if (want.has('surface')) {
      const job = surfaceJob(run, data, f, pair, size);
      const key = `${k}|${job.key}`;
      let grid = cache.surfaces.get(key);
      if (!grid) {
        grid = computeSurface(job.spec);
        // Only a surface that does not depend on the frame is worth keeping.
        if (run.net.paramCount === 2) cache.surfaces.set(key, grid);
      }
      surface = {
        ...surfaceData(run, f, pair, grid, surfaceGradient(run, data, f), opts.surfaceLog ?? true),
        mode: opts.surfaceMode ?? '2d',
        yaw: opts.yaw ?? 0.6,
        pitch: opts.pitch ?? 0.9,
      };
    }
    const projected = want.has('data')
      ? projectedData(run.net, data, f, opts.projection ?? DEFAULT_PROJECTION)
      : null;
    return {
      name: run.variant.name,
      color: run.variant.color,
      data: want.has('data') ? dataViewInput(data, f, projected, selected) : null,
      chain: want.has('chain') ? chainView(run, data, f, example) : null,
      chainParam: pair[0],
      surface,
      units: want.has('units') ? unitsInput(run, data, f, example, opts.naive ?? false) : null,
    };
  });
  // The whole run with a cursor at t, as the studio shows it (and drawn once for an animation).
  return { step: t, variants, curves: curvesInput(source.runs, source.steps, t, 0) };
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
  /**
   * Offscreen canvases for variant k's heatmaps and dots, as the screen gives its drawings (a
   * pixel export: the same smoothed heatmap as on screen). Without: drawn as cells (vector exports).
   */
  raster?: (k: number, panel: 'data' | 'surface') => DataViewInput['raster'];
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
          if (panel === 'data' && v.data)
            drawDataView(c, { ...v.data, raster: opts.raster?.(k, 'data') }, s, theme);
          else if (panel === 'chain' && v.chain)
            drawChain(c, v.chain, s, theme, opts.anim, undefined, { param: v.chainParam });
          else if (panel === 'surface' && v.surface)
            drawSurface(c, { ...v.surface, raster: opts.raster?.(k, 'surface') }, s, theme);
        });
        ctx.restore();
      });
    }
    y += h;
  });
  ctx.restore();
  return opts.cells ? Math.max(0, ...opts.cells.map((c) => c.y + c.height)) : y;
}
