/**
 * A whole view at one frame, for images and animations: every panel's input
 * computed from a simulation with the core alone (no DOM, no Svelte), and
 * one function that lays the chosen panels out on any Canvas 2D context with
 * the same drawing functions as the screen. Groundwork for the exporters.
 */
import { chainAt, type ChainView, datasetGradient } from '../core/chain';
import { FLAG_CORRECT, FLAG_SATURATED } from '../core/heads';
import { forwardRecord } from '../core/network';
import { dataRange, predictGrid } from '../core/predict';
import type { Run } from '../core/run';
import type { Simulation } from '../core/simulation';
import { computeSurface, rangeAround } from '../core/surface';
import { drawChain } from './chain';
import { type CurvesInput, type CurvesRenderer } from './curves';
import { drawDataView, type DataViewInput, type Size } from './dataView';
import { drawSurface, type SurfaceViewInput } from './surface';
import type { DrawTheme } from './theme';
import { drawUnitPlots, type UnitPlotsInput } from './units';

export const VIEW_PANELS = ['data', 'chain', 'surface', 'units', 'curves'] as const;
export type ViewPanel = (typeof VIEW_PANELS)[number];

export interface VariantView {
  name: string;
  color: string;
  data: DataViewInput | null;
  chain: ChainView;
  surface: Omit<SurfaceViewInput, 'raster'>;
  units: UnitPlotsInput;
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

/** Every panel's input at frame t (each run must have been trained to t, or have diverged before). */
export function buildView(
  sim: Simulation,
  t: number,
  opts: { example?: number; surfaceSize?: number } = {},
): ViewModel {
  const data = sim.data;
  const example = opts.example ?? worstExample(sim);
  const size = opts.surfaceSize ?? 64;
  const variants = sim.runs.map((run: Run): VariantView => {
    const s = Math.min(t, run.length - 1);
    const theta = run.frame(s).params.slice();
    const net = run.net;
    const rec = forwardRecord(net, theta, data.x, data.y, data.n);
    const K = net.width;
    const flags = (bit: number) => rec.flags.map((f) => (f & bit ? 1 : 0));
    const dataView: DataViewInput | null =
      data.dims <= 2
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
            saturated: flags(FLAG_SATURATED),
            correct: flags(FLAG_CORRECT),
            selected: example,
          }
        : null;
    const L = net.layers - 1;
    const [p, q] = K > 1 ? [net.wOff[L] + net.sizes[L], net.bOff[L] + 1] : [net.wOff[L], net.bOff[L]];
    const col = (j: number): Float64Array =>
      Float64Array.from({ length: run.length }, (_, i) => run.frame(i).params[j]);
    const pRange = rangeAround(col(p));
    const qRange = rangeAround(col(q));
    const trajectory = new Float64Array(2 * (s + 1));
    const trajectoryJ = new Float64Array(s + 1);
    for (let i = 0; i <= s; i++) {
      const f = run.frame(i);
      trajectory[2 * i] = f.params[p];
      trajectory[2 * i + 1] = f.params[q];
      trajectoryJ[i] = f.loss;
    }
    const g = datasetGradient(net, data, theta).grad;
    const z = new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) z[i] = K === 1 ? rec.z[i] : rec.z[i * K + 1] - rec.z[i * K];
    return {
      name: run.variant.name,
      color: run.variant.color,
      data: dataView,
      chain: chainAt(net, data, theta, example, run.variant.optimizer.learningRate),
      surface: {
        surface: computeSurface({ net, x: data.x, y: data.y, theta, p, q, pRange, qRange, size }),
        pName: `θ`,
        qName: 'b',
        trajectory,
        trajectoryJ,
        gradient: [g[p], g[q]],
        log: true,
        mode: '2d',
        yaw: 0.6,
        pitch: 0.9,
      },
      units: { unit: net.unit, loss: net.loss, z, y: data.y, example, naive: false },
    };
  });
  const curves: CurvesInput = {
    series: sim.runs.map((r) => ({
      name: r.variant.name,
      color: r.variant.color,
      length: Math.min(r.length, t + 1),
      loss: r.history.loss,
      accuracy: r.history.accuracy,
      saturatedWrong: r.history.saturatedWrong,
      layers: r.history.layerCount,
      gradNorms: r.history.gradNorms,
    })),
    steps: sim.experiment.steps,
    cursor: t,
    version: t,
  };
  return { step: t, variants, curves };
}

/** Height in CSS pixels of each panel's row for a view `width` wide. */
export function panelHeight(panel: ViewPanel, width: number, variants: number): number {
  const per = Math.max(1, variants);
  switch (panel) {
    case 'data':
      return Math.round(Math.min(260, (width / per) * 0.75));
    case 'chain':
      return 250;
    case 'surface':
      return Math.round(Math.min(280, (width / per) * 0.85));
    case 'units':
      return 300 * per;
    case 'curves':
      return 380;
  }
}

/** The chosen panels, one row each, variants side by side (unit plots stacked); returns the height used. */
export function drawView(
  ctx: CanvasRenderingContext2D,
  view: ViewModel,
  panels: readonly ViewPanel[],
  size: Size,
  theme: DrawTheme,
  curves: CurvesRenderer,
): number {
  const { width } = size;
  const n = view.variants.length;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, size.height);
  let y = 0;
  const cell = (x: number, w: number, h: number, draw: (s: Size) => void): void => {
    ctx.save();
    ctx.translate(x, y);
    ctx.beginPath();
    ctx.rect(0, 0, w, h);
    ctx.clip();
    draw({ width: w, height: h, pixelRatio: size.pixelRatio });
    ctx.restore();
  };
  for (const panel of panels) {
    const h = panelHeight(panel, width, n);
    const w = width / n;
    if (panel === 'curves') cell(0, width, h, (s) => curves.draw(ctx, view.curves, s, theme));
    else if (panel === 'units') {
      view.variants.forEach((v, k) => {
        const hh = h / n;
        ctx.save();
        ctx.translate(0, k * hh);
        cell(0, width, hh, (s) => drawUnitPlots(ctx, v.units, s, theme));
        ctx.restore();
      });
    } else {
      view.variants.forEach((v, k) =>
        cell(k * w, w - 4, h, (s) => {
          if (panel === 'data' && v.data) drawDataView(ctx, v.data, s, theme);
          else if (panel === 'chain') drawChain(ctx, v.chain, s, theme);
          else if (panel === 'surface') drawSurface(ctx, v.surface, s, theme);
        }),
      );
    }
    y += h;
  }
  ctx.restore();
  return y;
}
