import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { runSimulation } from '../../../src/core/simulation';
import { History } from '../../../src/core/history';
import {
  dataRanges,
  frameExamples,
  statusText,
  surfaceTrajectory,
  variantFrame,
  variantModels,
} from '../../../src/renderer/src/studio/frames';
import { fmt } from '../../../src/renderer/src/studio/format';

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
      const data = {
        dims: sim.data.dims,
        classes: sim.data.classes,
        n: sim.data.n,
        x: sim.data.x,
        y: sim.data.y,
      };
      const models = variantModels(exp, data.dims);
      sim.runs.forEach((run, k) => {
        const h = run.history;
        const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
        track.append(h.slice(0, run.length));
        for (const t of [0, 7, exp.steps]) {
          const f = variantFrame(models[k], track, data, dataRanges(data), t);
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
    const run = sim.runs[0];
    const h = run.history;
    const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
    track.append(h.slice(0, run.length));
    const [p, q] = [run.net.wOff[1], run.net.bOff[1]];
    const traj = surfaceTrajectory(track, p, q, 30);
    expect(traj).toHaveLength(62);
    for (let t = 0; t <= 30; t++) {
      expect(traj[2 * t]).toBe(run.frame(t).params[p]);
      expect(traj[2 * t + 1]).toBe(run.frame(t).params[q]);
    }
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
