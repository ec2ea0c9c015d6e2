import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { createFrameHost, type FrameHostMessage, type FrameHostRequest } from '../../src/draw/frameHost';
import { dataRanges, type RunSource, variantFrame, variantModels } from '../../src/draw/present';

const moons: Experiment = {
  ...DEFAULT_EXPERIMENT,
  data: { kind: 'moons', n: 120, noise: 0.1 },
  model: { hidden: [6, 4], activation: 'tanh', output: 'sigmoid', classes: 2 },
  init: { kind: 'xavier' },
  steps: 30,
  variants: [{ name: 'sigmoid' }, { name: 'softmax', model: { output: 'softmax' } }],
};

/** A host whose scheduled tasks run when the test says (as a worker's would, between messages). */
function host(): {
  send: (r: FrameHostRequest) => void;
  run: (tasks?: number) => void;
  posted: FrameHostMessage[];
} {
  const posted: FrameHostMessage[] = [];
  const queue: (() => void)[] = [];
  const send = createFrameHost({
    post: (m) => posted.push(structuredClone(m)),
    schedule: (fn) => queue.push(fn),
  });
  const run = (tasks = Infinity): void => {
    for (let i = 0; i < tasks && queue.length > 0; i++) queue.shift()!();
  };
  return { send: (r) => send(structuredClone(r)), run, posted };
}

describe('the frame host (the data view computed off the page)', () => {
  const sim = runSimulation(moons);
  const data = {
    dims: sim.data.dims,
    classes: sim.data.classes,
    n: sim.data.n,
    x: sim.data.x,
    y: sim.data.y,
  };
  const ranges = dataRanges(data);
  const models = variantModels(moons, data.dims);
  const runs: RunSource[] = sim.runs.map((r, k) => ({ ...models[k], history: r.history }));
  const job = (variant: number, step: number) => ({
    variant,
    step,
    params: runs[variant].history.paramsAt(step).slice(),
  });

  it('computes bit for bit the frames the page computes, earliest first', () => {
    const h = host();
    h.send({ type: 'load', id: 1, experiment: moons, data, ranges });
    h.send({ type: 'want', id: 1, from: 0, to: 30, jobs: [job(1, 20), job(0, 7), job(1, 7), job(0, 30)] });
    h.run();
    expect(h.posted.map((m) => (m.type === 'frame' ? `${m.variant}:${m.step}` : m.type))).toEqual([
      '0:7',
      '1:7',
      '1:20',
      '0:30',
    ]);
    for (const m of h.posted) {
      if (m.type !== 'frame') throw new Error(m.type);
      const f = variantFrame(runs[m.variant], data, ranges, m.step);
      for (const k of ['z', 'yhat', 'loss', 'saturated', 'correct'] as const) {
        expect(m.details[k].length).toBe(f.details[k].length);
        expect(Array.from(m.details[k]).every((v, i) => Object.is(v, f.details[k][i]))).toBe(true);
      }
      expect(m.details.width).toBe(f.details.width);
      expect(m.grid.size).toBe(40);
      expect(Array.from(m.grid.values).every((v, i) => Object.is(v, f.grid.values[i]))).toBe(true);
      expect(m.grid.xRange).toEqual(f.grid.xRange);
      expect(m.grid.yRange).toEqual(f.grid.yRange);
    }
  });

  it('drops frames the playhead has passed, computes none twice, and ignores a replaced experiment', () => {
    const h = host();
    h.send({ type: 'load', id: 2, experiment: moons, data, ranges });
    h.send({ type: 'want', id: 2, from: 0, to: 5, jobs: [0, 1, 2, 3, 4, 5].map((t) => job(0, t)) });
    h.run(2);
    // The playhead moved to 4 while frames 0 and 1 were computed: 2 and 3 are not wanted any more.
    h.send({ type: 'want', id: 2, from: 4, to: 6, jobs: [job(0, 6), job(0, 1)] });
    h.run();
    const steps = () => h.posted.map((m) => (m.type === 'frame' ? m.step : -1));
    expect(steps()).toEqual([0, 1, 4, 5, 6]);
    // A list that crossed the answers on the way asks again for frames just computed.
    h.send({ type: 'want', id: 2, from: 5, to: 6, jobs: [job(0, 5), job(0, 6)] });
    h.run();
    expect(steps()).toEqual([0, 1, 4, 5, 6]);
    // A request for the experiment before is not answered.
    h.send({ type: 'want', id: 1, from: 0, to: 9, jobs: [job(0, 9)] });
    h.run();
    expect(steps()).toEqual([0, 1, 4, 5, 6]);
  });
});
