/**
 * What the panels draw at one frame, per variant, computed on the UI thread
 * from the streamed parameters with the core (a few hundred microseconds for
 * 500 points): scrubbing back is instant and needs no round trip to the worker.
 */
import { EN, type Translate } from '../../../i18n';
import type { Experiment, ResolvedVariant } from '../../../core/experiment';
import { createNetwork, forwardRecord, type Network } from '../../../core/network';
import { dataRange, type Grid, predictGrid } from '../../../core/predict';
import { FLAG_CORRECT, FLAG_SATURATED } from '../../../core/heads';
import type { History, RunStatus } from '../../../core/history';
import { layerSizes, resolveVariants } from '../../../core/variants';
import type { DataViewInput } from '../../../draw/dataView';
import type { SimData } from '../sim/client.svelte';

/** Heatmap resolution per axis (2-D) and curve points (1-D). */
export const GRID_2D = 40;
export const GRID_1D = 160;

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
}

export interface Ranges {
  x: [number, number];
  y?: [number, number];
}

export function dataRanges(data: SimData): Ranges {
  return data.dims === 1
    ? { x: dataRange(data.x, 1, 0) }
    : { x: dataRange(data.x, data.dims, 0), y: dataRange(data.x, data.dims, 1) };
}

/** A variant at frame t (t < track.length). */
export function variantFrame(
  model: VariantModel,
  track: History,
  data: SimData,
  ranges: Ranges,
  t: number,
): VariantFrame {
  const params = track.paramsAt(t).slice();
  const L = track.layers;
  return {
    step: t,
    params,
    details: frameExamples(model.net, data, params),
    grid:
      data.dims <= 2
        ? predictGrid(model.net, params, data.dims === 1 ? GRID_1D : GRID_2D, ranges.x, ranges.y)
        : { size: 0, xRange: ranges.x, values: new Float64Array(0) },
    status: track.statusAt(t),
    loss: track.loss[t],
    accuracy: track.accuracy[t],
    gradNorms: track.gradNorms.slice(t * L, (t + 1) * L),
    saturatedWrong: track.saturatedWrong[t],
  };
}

export function dataViewInput(
  data: SimData,
  f: VariantFrame,
  selected: number,
  hovered: number,
  raster?: DataViewInput['raster'],
): DataViewInput {
  return {
    raster,
    dims: data.dims,
    x: data.x,
    y: data.y,
    grid: f.grid,
    saturated: f.details.saturated,
    correct: f.details.correct,
    selected,
    hovered,
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

/** One forward pass over the data: what the data view and its tooltip show. */
export function frameExamples(net: Network, data: SimData, params: Float64Array): FrameExamples {
  const rec = forwardRecord(net, params, data.x, data.y, data.n);
  const saturated = new Uint8Array(data.n);
  const correct = new Uint8Array(data.n);
  for (let i = 0; i < data.n; i++) {
    saturated[i] = rec.flags[i] & FLAG_SATURATED ? 1 : 0;
    correct[i] = rec.flags[i] & FLAG_CORRECT ? 1 : 0;
  }
  return { width: net.width, z: rec.z, yhat: rec.yhat, loss: rec.loss, saturated, correct };
}

/** (p, q) of frames 0..t of a track, interleaved: the trajectory drawn on the loss surface. */
export function surfaceTrajectory(track: History, p: number, q: number, t: number): Float64Array {
  const P = track.paramCount;
  const out = new Float64Array(2 * (t + 1));
  for (let i = 0; i <= t; i++) {
    out[2 * i] = track.params[i * P + p];
    out[2 * i + 1] = track.params[i * P + q];
  }
  return out;
}
