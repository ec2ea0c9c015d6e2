/**
 * The presentation layer: what every panel draws at a frame (and sub-step),
 * built from a run source and the view's choices, for the screen and for both
 * exporters (the app's export worker and `npm run export`). No DOM, no Svelte:
 * the studio calls these per panel (each at its own pace while playing), and
 * `buildView` in view.ts calls the same functions for a whole frame. A run
 * source is anything with a variant, its network and its History: the core's
 * `Run` is one, and so is a studio's streamed track with its network.
 */
import { chainAt, type ChainView, recordedStep, wholeGradient } from '../core/chain';
import type { Experiment, ResolvedVariant } from '../core/experiment';
import { FLAG_CORRECT, FLAG_SATURATED } from '../core/heads';
import type { History, RunStatus } from '../core/history';
import { createNetwork, forwardRecord, type Network, paramName } from '../core/network';
import { dataRange, type Grid, predictGrid } from '../core/predict';
import { type DataProjection, type ProjectedView, projectView } from '../core/projection';
import { aroundExtent, type SurfaceSpec } from '../core/surface';
import { layerSizes, resolveVariants } from '../core/variants';
import { EN, type Translate } from '../i18n';
import type { CurvesInput } from './curves';
import type { DataViewInput } from './dataView';
import type { SurfaceViewInput } from './surface';
import type { UnitPlotsInput } from './units';

/** The training data as the panels need it. */
export interface SourceData {
  dims: number;
  n: number;
  x: Float64Array;
  y: Int32Array;
  classes?: number;
  names?: string[];
}

/** One variant's run: what it is, its network, and its recorded frames. */
export interface RunSource {
  readonly variant: ResolvedVariant;
  readonly net: Network;
  readonly history: History;
}

/** Everything the panels are built from: the data, a run per variant, and the experiment's last step. */
export interface ViewSource {
  readonly data: SourceData;
  readonly runs: readonly RunSource[];
  readonly steps: number;
}

/** A variant and its network, before any frame is recorded (the studio makes them from the experiment). */
export interface VariantModel {
  variant: ResolvedVariant;
  net: Network;
}

export function variantModels(experiment: Experiment, dims: number): VariantModel[] {
  return resolveVariants(experiment).map((variant) => {
    const sizes = layerSizes({ ...experiment.model, ...variant.model }, dims);
    return {
      variant,
      net: createNetwork(sizes, variant.model.activation, variant.model.output, variant.loss),
    };
  });
}

/** Heatmap resolution per axis (2-D) and curve points (1-D) of the data view. */
export const GRID_2D = 40;
export const GRID_1D = 160;
/** Loss-surface grid points per axis: on screen when stopped and in every export; on screen while playing. */
export const SURFACE_SIZE = 128;
export const SURFACE_SIZE_PLAYING = 32;
/** The coarsest surface shown while playing (a heavy network's). */
export const SURFACE_SIZE_PLAYING_MIN = 12;
/**
 * The work (grid points × examples × parameters) one surface may take while playing: a 32² surface
 * of a 2-8-8-1 network on 500 examples.
 */
const PLAYING_SURFACE_WORK = 32 * 32 * 500 * 105;

/**
 * Grid points per axis of a surface while playing: 32, or fewer for a heavy network on many
 * examples, so that its surfaces still follow the playhead every few seconds (2,000 examples of a
 * 2-32-32-1 network: 12², against some twenty seconds a batch of four at 32² on two cores).
 */
export function playingSurfaceSize(examples: number, paramCount: number): number {
  const work = Math.max(1, examples) * Math.max(1, paramCount);
  const size = Math.floor(Math.sqrt(PLAYING_SURFACE_WORK / work));
  return Math.max(SURFACE_SIZE_PLAYING_MIN, Math.min(SURFACE_SIZE_PLAYING, size));
}

/** Every example's forward values at a frame (the chain-rule factors come from core/run's exampleDetails). */
export interface FrameExamples {
  /** Logits per example. */
  width: number;
  z: Float64Array;
  yhat: Float64Array;
  loss: Float64Array;
  saturated: Uint8Array;
  correct: Uint8Array;
}

/** A variant at one frame: θ, every example's forward values, the data view's grid, status and scalars. */
export interface VariantFrame {
  step: number;
  params: Float64Array;
  details: FrameExamples;
  grid: Grid;
  status: RunStatus;
  loss: number;
  accuracy: number;
  gradNorms: Float64Array;
  saturatedWrong: number;
  /**
   * True when this frame (of an earlier or later step) is shown in the playhead's stead while
   * playing: the nearest one computed so far. Undefined: the playhead's own frame. (Not the
   * playhead's step: then a stand-in would be a new frame, redrawn, on every animation frame.)
   */
  standsIn?: true;
}

export interface Ranges {
  x: [number, number];
  y?: [number, number];
}

/** The data view's axes: the data's extent (the first two inputs). */
export function dataRanges(data: SourceData): Ranges {
  return data.dims === 1
    ? { x: dataRange(data.x, 1, 0) }
    : { x: dataRange(data.x, data.dims, 0), y: dataRange(data.x, data.dims, 1) };
}

/** Whether a run's recorded frames belong to its network (a track of an experiment just replaced does not). */
export function matches(run: RunSource): boolean {
  return run.history.paramCount === run.net.paramCount;
}

/** One forward pass over the data: what the data view, its tooltip and the unit plots show. */
export function frameExamples(net: Network, data: SourceData, params: Float64Array): FrameExamples {
  const rec = forwardRecord(net, params, data.x, data.y, data.n);
  const saturated = new Uint8Array(data.n);
  const correct = new Uint8Array(data.n);
  for (let i = 0; i < data.n; i++) {
    saturated[i] = rec.flags[i] & FLAG_SATURATED ? 1 : 0;
    correct[i] = rec.flags[i] & FLAG_CORRECT ? 1 : 0;
  }
  return { width: net.width, z: rec.z, yhat: rec.yhat, loss: rec.loss, saturated, correct };
}

const NO_EXAMPLES: FrameExamples = {
  width: 0,
  z: new Float64Array(0),
  yhat: new Float64Array(0),
  loss: new Float64Array(0),
  saturated: new Uint8Array(0),
  correct: new Uint8Array(0),
};

/** What a frame's data view shows that takes a pass over the data: every example's forward values and the grid. */
export interface FrameComputed {
  details: FrameExamples;
  grid: Grid;
}

/**
 * The forward pass over the data and the data view's grid at θ (the heavy part of a frame, which
 * the studio's frame workers compute ahead of the playhead). `need` as in `variantFrame`.
 */
export function frameComputed(
  net: Network,
  data: SourceData,
  ranges: Ranges,
  params: Float64Array,
  need: { grid?: boolean; examples?: boolean } = {},
): FrameComputed {
  return {
    details: (need.examples ?? true) ? frameExamples(net, data, params) : NO_EXAMPLES,
    grid:
      (need.grid ?? true) && data.dims <= 2
        ? predictGrid(net, params, data.dims === 1 ? GRID_1D : GRID_2D, ranges.x, ranges.y)
        : { size: 0, xRange: ranges.x, values: new Float64Array(0) },
  };
}

/**
 * A variant at frame t (t < its history's length). `need` leaves out what no panel drawn needs:
 * the data view's grid, every example's forward values (then empty). `computed`: that part already
 * computed for this frame (by `frameComputed`, elsewhere).
 */
export function variantFrame(
  run: RunSource,
  data: SourceData,
  ranges: Ranges,
  t: number,
  need: { grid?: boolean; examples?: boolean } = {},
  computed?: FrameComputed,
): VariantFrame {
  const track = run.history;
  const params = track.paramsAt(t).slice();
  const L = track.layerCount;
  const { details, grid } = computed ?? frameComputed(run.net, data, ranges, params, need);
  return {
    step: t,
    params,
    details,
    grid,
    status: track.statusAt(t),
    loss: track.loss[t],
    accuracy: track.accuracy[t],
    gradNorms: track.gradNorms.slice(t * L, (t + 1) * L),
    saturatedWrong: track.saturatedWrong[t],
  };
}

/** The frame a run shows when the view is at t: its last one when it diverged before t. */
export function shownStep(run: RunSource, t: number): number {
  return Math.min(t, run.history.length - 1);
}

/** The worst-classified example at frame 0 of the first run (the chain diagram's default), or −1. */
export function worstExample(source: ViewSource): number {
  const run = source.runs[0];
  if (!run || run.history.length === 0 || !matches(run)) return -1;
  const loss = frameExamples(run.net, source.data, run.history.paramsAt(0)).loss;
  let w = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] > loss[w]) w = i;
  return w;
}

/** The chain diagram's example: −1 for the mean, else the selected example, else the worst. */
export function chainExample(mode: 'example' | 'mean', selected: number, worst: number): number {
  return mode === 'mean' ? -1 : selected >= 0 ? selected : worst;
}

/** More than two inputs: where each example sits in the chosen projection and the model over it. */
export function projectedData(
  net: Network,
  data: SourceData,
  frame: VariantFrame,
  projection: DataProjection,
): ProjectedView | null {
  return data.dims > 2 ? projectView(net, frame.params, data, projection) : null;
}

/** The data view's input (`projected`: from `projectedData`, for more than two inputs). */
export function dataViewInput(
  data: SourceData,
  f: VariantFrame,
  projected: ProjectedView | null,
  selected: number,
  hovered = -1,
  raster?: DataViewInput['raster'],
): DataViewInput {
  const common = {
    raster,
    y: data.y,
    saturated: f.details.saturated,
    correct: f.details.correct,
    selected,
    hovered,
  };
  return projected
    ? { ...common, dims: projected.dims, x: projected.x, grid: projected.grid, axes: projected.axes }
    : { ...common, dims: data.dims, x: data.x, grid: f.grid };
}

/** The chain diagram of `example` (−1: the mean) at a frame, with the update the run recorded there. */
export function chainView(run: RunSource, data: SourceData, f: VariantFrame, example: number): ChainView {
  return chainAt(run.net, data, f.params, example, recordedStep(run.history, f.step, run.variant.optimizer));
}

/** The unit plots: every example at its z (softmax of two classes: z₁ − z₀). */
export function unitsInput(
  run: RunSource,
  data: SourceData,
  f: VariantFrame,
  example: number,
  naive: boolean,
): UnitPlotsInput {
  const K = f.details.width;
  const z = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++)
    z[i] = K === 1 ? f.details.z[i] : f.details.z[i * K + 1] - f.details.z[i * K];
  return { unit: run.net.unit, loss: run.net.loss, z, y: data.y, example, naive };
}

/** The output unit's first weight and bias (for softmax: class 1's). */
export function defaultSurfacePair(
  net: Pick<Network, 'layers' | 'width' | 'wOff' | 'bOff' | 'sizes'>,
): [number, number] {
  const L = net.layers - 1;
  return net.width > 1 ? [net.wOff[L] + net.sizes[L], net.bOff[L] + 1] : [net.wOff[L], net.bOff[L]];
}

/**
 * The surface's parameters for variant k: the chosen (p, q) (indices into the first variant's θ;
 * −1: the default) where the variant has as many parameters as the first, else its default pair.
 */
export function surfacePair(
  nets: readonly Pick<Network, 'paramCount' | 'layers' | 'width' | 'wOff' | 'bOff' | 'sizes'>[],
  k: number,
  p: number,
  q: number,
): [number, number] {
  const P = nets[k].paramCount;
  if (P === nets[0]?.paramCount && p >= 0 && q >= 0 && p < P && q < P && p !== q) return [p, q];
  return defaultSurfacePair(nets[k]);
}

/** Rounded outwards to a step of the span's order, so that ranges change rarely while training. */
export function niceRange([lo, hi]: [number, number]): [number, number] {
  const step = 10 ** Math.floor(Math.log10(Math.max(hi - lo, 1e-9))) / 2;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/** Parameter j's range over every recorded frame of a run, rounded: the surface's axis. */
export function surfaceRange(history: History, j: number): [number, number] {
  const [lo, hi] = extentOf(history, j);
  return niceRange(aroundExtent(lo, hi));
}

/**
 * Parameter j's finite extent over a track's frames, kept per track and extended by the frames
 * recorded since the last call: a track only grows, and the studio asks for both surface
 * parameters' ranges of every variant a few times a second while 10,000 frames train (a scan of
 * the whole history each time was a good part of a frame). The same min and max as a full scan.
 */
const EXTENTS = new WeakMap<History, Map<number, { length: number; lo: number; hi: number }>>();
function extentOf(history: History, j: number): [number, number] {
  let perParam = EXTENTS.get(history);
  if (!perParam) EXTENTS.set(history, (perParam = new Map()));
  let e = perParam.get(j);
  // A track shorter than when last seen (never, today) is scanned again from its start.
  if (!e || e.length > history.length) perParam.set(j, (e = { length: 0, lo: Infinity, hi: -Infinity }));
  const P = history.paramCount;
  const params = history.params;
  let { lo, hi } = e;
  for (let i = e.length; i < history.length; i++) {
    const v = params[i * P + j];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  e.length = history.length;
  e.lo = lo;
  e.hi = hi;
  return [lo, hi];
}

/** What a surface is computed from, and the key it is kept under (the same key: the same grid). */
export interface SurfaceJob {
  key: string;
  spec: SurfaceSpec;
  /** The frame it is of (null: the same at every frame, with only two parameters). */
  step: number | null;
}

/**
 * The surface of (p, q) at a frame: the other parameters held at θ_t, over each parameter's range
 * in the whole run so far. With only two parameters it does not depend on the frame.
 */
export function surfaceJob(
  run: RunSource,
  data: SourceData,
  f: VariantFrame,
  [p, q]: [number, number],
  size: number,
  ranges: { p: [number, number]; q: [number, number] } = {
    p: surfaceRange(run.history, p),
    q: surfaceRange(run.history, q),
  },
): SurfaceJob {
  const net = run.net;
  const step = net.paramCount === 2 ? null : f.step;
  return {
    key: `${p}|${q}|${ranges.p}|${ranges.q}|${size}|${step ?? ''}`,
    step,
    spec: {
      net: { sizes: net.sizes, activation: net.activation, unit: net.unit, loss: net.loss },
      x: data.x,
      y: data.y,
      theta: f.params,
      p,
      q,
      pRange: ranges.p,
      qRange: ranges.q,
      size,
    },
  };
}

/** The loss surface's drawing but for the view's angles and mode: grid, trajectory to t, −∇J. */
export type SurfaceData = Omit<SurfaceViewInput, 'mode' | 'yaw' | 'pitch' | 'raster'> & {
  /**
   * The frame the surface was computed at, when it is not the frame shown: while playing, the
   * nearest surface computed stands in for one not computed yet (the screen says so).
   */
  surfaceStep?: number;
};

/** `gradient`: ∂J/∂θ over the whole data at the frame (`surfaceGradient`); `grid`: the surface, or null while computed. */
export function surfaceData(
  run: RunSource,
  f: VariantFrame,
  [p, q]: [number, number],
  grid: SurfaceViewInput['surface'],
  gradient: Float64Array,
  log: boolean,
): SurfaceData {
  const track = run.history;
  const P = track.paramCount;
  const t = f.step;
  const trajectory = new Float64Array(2 * (t + 1));
  for (let i = 0; i <= t; i++) {
    trajectory[2 * i] = track.params[i * P + p];
    trajectory[2 * i + 1] = track.params[i * P + q];
  }
  return {
    surface: grid,
    pName: paramName(run.net, p),
    qName: paramName(run.net, q),
    trajectory,
    trajectoryJ: track.loss.slice(0, t + 1),
    gradient: [gradient[p], gradient[q]],
    log,
  };
}

/**
 * ∂J/∂θ over the whole training set at a frame (the surface's −∇J arrow): the run's recorded one
 * when it trained on the whole set (no extra pass over the data), else one pass.
 */
export function surfaceGradient(run: RunSource, data: SourceData, f: VariantFrame): Float64Array {
  return wholeGradient(run.net, data, f.params, recordedStep(run.history, f.step, run.variant.optimizer));
}

/** The curves of every run; `cursor`: the frame marked (null: none, the screen draws its own). */
export function curvesInput(
  runs: readonly RunSource[],
  steps: number,
  cursor: number | null,
  version: number,
): CurvesInput {
  return {
    series: runs.map((r) => ({
      name: r.variant.name,
      color: r.variant.color,
      length: r.history.length,
      loss: r.history.loss,
      accuracy: r.history.accuracy,
      saturatedWrong: r.history.saturatedWrong,
      layers: r.history.layerCount,
      gradNorms: r.history.gradNorms,
    })),
    steps,
    cursor,
    version,
  };
}

/** Status as a person reads it. */
export function statusText(s: RunStatus, t: Translate = EN, step = -1): string {
  switch (s.state) {
    case 'diverged':
      return s.reason
        ? t('status.divergedWhy', { step: s.since, reason: s.why ? t(s.why.key, s.why.params) : s.reason })
        : t('status.diverged', { step: s.since });
    case 'stalled':
      return t('status.stalled', { step: s.since });
    case 'converged':
      return t('status.converged', { step: s.since });
    default:
      // At step 0 nothing has been trained yet.
      return step === 0 ? t('status.ready') : t('status.running');
  }
}
