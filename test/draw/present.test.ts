import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation, type Simulation } from '../../src/core/simulation';
import { type FrameBatch, History } from '../../src/core/history';
import { rangeAround } from '../../src/core/surface';
import {
  dataRanges,
  defaultSurfacePair,
  frameExamples,
  niceRange,
  type RunSource,
  statusText,
  SURFACE_SIZE,
  surfaceData,
  surfaceGradient,
  surfaceJob,
  surfacePair,
  surfaceRange,
  variantFrame,
  variantModels,
  type ViewSource,
  worstExample,
  playingSurfaceSize,
  SURFACE_SIZE_PLAYING,
  SURFACE_SIZE_PLAYING_MIN,
} from '../../src/draw/present';
import { buildView } from '../../src/draw/view';
import { fmt } from '../../src/renderer/src/studio/format';

/** A simulation's data as the studio holds it. */
const dataOf = (sim: Simulation) => ({
  dims: sim.data.dims,
  classes: sim.data.classes,
  n: sim.data.n,
  x: sim.data.x,
  y: sim.data.y,
});

/** The studio's source for a simulation: networks made from the experiment over tracks streamed in slices. */
function streamed(sim: Simulation): ViewSource {
  const data = dataOf(sim);
  const models = variantModels(sim.experiment, data.dims);
  const runs: RunSource[] = sim.runs.map((run, k) => {
    const h = run.history;
    const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
    for (let t = 0; t < run.length; t += 37) track.append(h.slice(t, Math.min(run.length, t + 37)));
    track.divergence = h.divergence;
    return { ...models[k], history: track };
  });
  return { data, runs, steps: sim.experiment.steps };
}

const moons: Experiment = {
  ...DEFAULT_EXPERIMENT,
  data: { kind: 'moons', n: 80, noise: 0.1 },
  model: { hidden: [5], activation: 'tanh', output: 'sigmoid', classes: 2 },
  init: { kind: 'xavier' },
  steps: 40,
};

describe('the frames the panels draw', () => {
  it('computes on the UI thread exactly what the core computes for the run', () => {
    for (const exp of [DEFAULT_EXPERIMENT, moons]) {
      const sim = runSimulation(exp);
      const data = dataOf(sim);
      const models = variantModels(exp, data.dims);
      sim.runs.forEach((run, k) => {
        const h = run.history;
        const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
        track.append(h.slice(0, run.length));
        for (const t of [0, 7, exp.steps]) {
          const f = variantFrame({ ...models[k], history: track }, data, dataRanges(data), t);
          const d = run.details(t);
          expect(f.details.z).toEqual(d.z);
          expect(f.details.yhat).toEqual(d.yhat);
          expect(f.details.loss).toEqual(d.loss);
          expect(f.details.saturated).toEqual(d.saturated);
          expect(f.details.correct).toEqual(d.correct);
          expect(f.loss).toBe(run.frame(t).loss);
          expect(Array.from(f.gradNorms)).toEqual(Array.from(run.frame(t).gradNorms));
          expect(frameExamples(models[k].net, data, f.params).yhat).toEqual(d.yhat);
        }
      });
    }
  });

  it('gives the loss surface the frames’ own parameters as its trajectory', () => {
    const sim = runSimulation(moons);
    const source = streamed(sim);
    const run = source.runs[0];
    const [p, q] = [run.net.wOff[1], run.net.bOff[1]];
    const f = variantFrame(run, source.data, dataRanges(source.data), 30);
    const s = surfaceData(run, f, [p, q], null, surfaceGradient(run, source.data, f), true);
    expect(s.trajectory).toHaveLength(62);
    expect(s.trajectoryJ).toHaveLength(31);
    for (let t = 0; t <= 30; t++) {
      expect(s.trajectory[2 * t]).toBe(sim.runs[0].frame(t).params[p]);
      expect(s.trajectory[2 * t + 1]).toBe(sim.runs[0].frame(t).params[q]);
      expect(s.trajectoryJ[t]).toBe(sim.runs[0].frame(t).loss);
    }
    expect(s.pName).toBe('W2[0][0]');
    expect(s.qName).toBe('b2[0]');
  });

  it('asks for the surface the exports draw: the same rounded ranges, grid and frame (issue 14)', () => {
    const sim = runSimulation(moons);
    const screen = streamed(sim);
    for (const t of [0, 25, moons.steps]) {
      const view = buildView(sim, t, { panels: ['surface'] });
      screen.runs.forEach((run, k) => {
        const f = variantFrame(run, screen.data, dataRanges(screen.data), t);
        const pair = surfacePair(
          screen.runs.map((r) => r.net),
          k,
          -1,
          -1,
        );
        const job = surfaceJob(run, screen.data, f, pair, SURFACE_SIZE);
        // The frame it is of, but for a model of two parameters (one surface for the whole run).
        expect(job.step).toBe(run.net.paramCount === 2 ? null : t);
        const exported = view.variants[k].surface!;
        expect(exported.surface!.size).toBe(SURFACE_SIZE);
        expect(exported.surface!.pRange).toEqual(job.spec.pRange);
        expect(exported.surface!.qRange).toEqual(job.spec.qRange);
        expect(Array.from(job.spec.theta)).toEqual(Array.from(sim.runs[k].frame(t).params));
        // The ranges span the whole run, rounded outwards: they hold every frame's value.
        const P = run.history.paramCount;
        for (let i = 0; i < run.history.length; i++) {
          const v = run.history.params[i * P + pair[0]];
          expect(v).toBeGreaterThanOrEqual(job.spec.pRange[0]);
          expect(v).toBeLessThanOrEqual(job.spec.pRange[1]);
        }
        const g = surfaceGradient(run, screen.data, f);
        const drawn = surfaceData(run, f, pair, exported.surface, g, true);
        expect(Array.from(exported.trajectory)).toEqual(Array.from(drawn.trajectory));
        expect(exported.gradient).toEqual(drawn.gradient);
      });
    }
  });

  it('rounds a surface’s range outwards to half a step of its order', () => {
    expect(niceRange([0.13, 0.87])).toEqual([0.1, 0.9]);
    expect(niceRange([-3.2, 7.1])).toEqual([-5, 10]);
    const r = rangeAround([0.3, 2.7]);
    const n = niceRange(r);
    expect(n[0]).toBeLessThanOrEqual(r[0]);
    expect(n[1]).toBeGreaterThanOrEqual(r[1]);
  });

  it('pairs the chosen parameters only where a variant has as many as the first', () => {
    const sim = runSimulation({ ...DEFAULT_EXPERIMENT, steps: 2 });
    const nets = sim.runs.map((r) => r.net);
    const softmax = nets.findIndex((n) => n.width > 1);
    expect(surfacePair(nets, 0, 0, 1)).toEqual([0, 1]);
    expect(surfacePair(nets, 0, 1, 1)).toEqual(defaultSurfacePair(nets[0]));
    if (softmax > 0) expect(surfacePair(nets, softmax, 0, 1)).toEqual(defaultSurfacePair(nets[softmax]));
  });

  it('finds the worst-classified example at the start, from the streamed track as from the run', () => {
    const sim = runSimulation(moons);
    const w = worstExample(streamed(sim));
    const loss = sim.runs[0].details(0).loss;
    for (let i = 0; i < loss.length; i++) expect(loss[i]).toBeLessThanOrEqual(loss[w]);
  });

  it('words statuses and numbers for people', () => {
    expect(statusText({ state: 'diverged', since: 12, reason: 'J is NaN' })).toBe(
      'diverged at step 12: J is NaN',
    );
    expect(statusText({ state: 'stalled', since: 0 })).toBe('stalled since step 0 (no parameter moved)');
    expect(statusText({ state: 'converged', since: 90 })).toBe('converged at step 90');
    expect(fmt(4.5e-5)).toBe('4.50e−5');
    expect(fmt(-0)).toBe('−0');
    expect(fmt(0.046572)).toBe('0.04657');
    expect(fmt(Infinity)).toBe('∞');
  });
});

describe("a surface parameter's range over a growing track", () => {
  it('is, after every slice streamed in, the range around a full scan of the frames so far', () => {
    const sim = runSimulation(moons);
    const h = sim.runs[0].history;
    const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
    const P = h.paramCount;
    for (let t = 0; t < sim.runs[0].length; t += 7) {
      track.append(h.slice(t, Math.min(sim.runs[0].length, t + 7)));
      for (const j of [0, 3, P - 1]) {
        const column = Array.from({ length: track.length }, (_, i) => track.params[i * P + j]);
        expect(surfaceRange(track, j)).toEqual(niceRange(rangeAround(column)));
      }
    }
  });

  it('skips values that are not finite, as the full scan does, and starts again for a new track', () => {
    const track = new History(2, 1, false);
    const frame = (a: number, b: number): FrameBatch => ({
      from: track.length,
      count: 1,
      params: Float64Array.of(a, b),
      grads: new Float64Array(2),
      velocity: new Float64Array(0),
      gradNorms: new Float64Array(1),
      loss: Float64Array.of(1),
      accuracy: Float64Array.of(0.5),
      saturatedRight: new Float64Array(1),
      saturatedWrong: new Float64Array(1),
      batches: new Int32Array(3),
    });
    const seen: number[] = [];
    for (const v of [0.5, Infinity, -2, NaN, 4]) {
      track.append(frame(v, 0));
      seen.push(v);
      expect(surfaceRange(track, 0)).toEqual(niceRange(rangeAround(seen)));
    }
    const fresh = new History(2, 1, false);
    fresh.append({ ...frame(1, 0), from: 0 });
    expect(surfaceRange(fresh, 0)).toEqual(niceRange(rangeAround([1])));
  });
});

describe('the loss surface while playing', () => {
  it('is 32² for the usual networks and coarser for a heavy one, never below its floor', () => {
    // 2-8-8-1 (105 parameters) on 500 examples: the work a playing surface may take.
    expect(playingSurfaceSize(500, 105)).toBe(SURFACE_SIZE_PLAYING);
    expect(playingSurfaceSize(200, 17)).toBe(SURFACE_SIZE_PLAYING);
    expect(playingSurfaceSize(3, 3)).toBe(SURFACE_SIZE_PLAYING);
    // Four times the work: half the points per axis.
    expect(playingSurfaceSize(2000, 105)).toBe(16);
    // 2-32-32-1 (1,185 parameters) on 2,000 examples: the floor.
    expect(playingSurfaceSize(2000, 1185)).toBe(SURFACE_SIZE_PLAYING_MIN);
    expect(playingSurfaceSize(0, 0)).toBe(SURFACE_SIZE_PLAYING);
  });
});
