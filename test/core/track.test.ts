import { translator } from '../../src/i18n';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { createSimulation, runSimulation } from '../../src/core/simulation';
import { type FrameBatch, History, STALL_WINDOW } from '../../src/core/history';
import type { Run } from '../../src/core/run';

/** A run's history as the host would stream it, in batches of `size`. */
function batches(run: Run, size: number): FrameBatch[] {
  const out: FrameBatch[] = [];
  for (let from = 0; from < run.length; from += size)
    out.push(run.history.slice(from, Math.min(run.length, from + size)));
  return out;
}

function track(run: Run, size = 7): History {
  const t = new History(run.net.paramCount, run.net.layers, run.history.keepsVelocity);
  for (const b of batches(run, size)) t.append(b);
  t.divergence = run.divergence;
  return t;
}

describe('History streamed to the studio (one store on both sides)', () => {
  const sim = runSimulation(DEFAULT_EXPERIMENT);
  const [clipped, mse, nll] = sim.runs.map((r) => track(r));

  it('holds exactly the frames streamed, whatever the batch size', () => {
    const a = track(sim.runs[2], 1);
    const b = track(sim.runs[2], 64);
    expect(a.length).toBe(301);
    for (let t = 0; t < a.length; t++) {
      expect(Array.from(a.paramsAt(t))).toEqual(Array.from(sim.runs[2].frame(t).params));
      expect(b.loss[t]).toBe(sim.runs[2].frame(t).loss);
    }
    expect(() => a.append(batches(sim.runs[2], 5)[0])).toThrow(/expected frames from 301/);
  });

  it('calls the clipped unit from a wrong start stalled from frame 0, once 50 steps have passed', () => {
    expect(clipped.statusAt(STALL_WINDOW - 1).state).toBe('running');
    expect(clipped.statusAt(STALL_WINDOW)).toEqual({ state: 'stalled', since: 0 });
    expect(clipped.statusAt(300)).toEqual({ state: 'stalled', since: 0 });
    expect(clipped.markers()).toEqual([{ state: 'stalled', step: STALL_WINDOW }]);
  });

  it('gives the command line and the exports the same statuses as the studio (one store)', () => {
    for (const [k, r] of sim.runs.entries()) {
      const streamed = [clipped, mse, nll][k] ?? track(r);
      expect(r.history.markers()).toEqual(streamed.markers());
      for (const t of [0, 49, 50, 120, 300]) expect(r.history.statusAt(t)).toEqual(streamed.statusAt(t));
      expect(Array.from(streamed.gradAt(7))).toEqual(Array.from(r.frame(7).grad));
      expect(streamed.batchAt(7)).toEqual(r.history.batchAt(7));
    }
  });

  it('calls a unit that starts at an optimum and never moves converged, not stalled', () => {
    // z = 100x: every example on its target, where the clipped unit is flat (J = 0, accuracy 1).
    const best: Experiment = {
      ...DEFAULT_EXPERIMENT,
      init: { kind: 'explicit', layers: [{ W: [[100]], b: [0] }] },
    };
    const run = runSimulation(best).runs[0];
    const t = track(run);
    expect(t.loss[0]).toBe(0);
    expect(t.accuracy[0]).toBe(1);
    expect(t.statusAt(STALL_WINDOW)).toEqual({ state: 'converged', since: 0 });
    expect(t.statusAt(300)).toEqual({ state: 'converged', since: 0 });
    expect(t.markers()).toEqual([{ state: 'converged', step: STALL_WINDOW }]);
    // The run's own history (the command line's and the exports') says the same.
    expect(run.history.markers()).toEqual(t.markers());
    expect(run.history.statusAt(300)).toEqual(t.statusAt(300));
  });

  it('keeps sigmoid + MSE running (it moves, slowly, with examples saturated and wrong)', () => {
    expect(mse.statusAt(300).state).toBe('running');
    expect(mse.markers()).toEqual([]);
  });

  it('calls a run converged when J stops changing with nothing saturated and wrong', () => {
    const long: Experiment = { ...DEFAULT_EXPERIMENT, steps: 3000, data: { kind: 'line', n: 40, noise: 2 } };
    const s = runSimulation(long);
    const t = track(s.runs[2], 100);
    const m = t.markers();
    expect(m).toHaveLength(1);
    expect(m[0].state).toBe('converged');
    const at = m[0].step;
    expect(t.statusAt(at).state).toBe('converged');
    expect(t.statusAt(at - 1).state).toBe('running');
    expect(t.saturatedWrong[at]).toBe(0);
    expect(Math.abs(t.loss[at - STALL_WINDOW] - t.loss[at])).toBeLessThanOrEqual(
      1e-4 * t.loss[at - STALL_WINDOW] + 1e-12,
    );
    expect(nll.statusAt(10).state).toBe('running');
  });

  it('reports divergence at the last frame with its reason', () => {
    const wild: Experiment = {
      ...DEFAULT_EXPERIMENT,
      model: { ...DEFAULT_EXPERIMENT.model, output: 'linear' },
      loss: 'mse',
      optimizer: { learningRate: 1e5, momentum: 0, batchSize: 0 },
      variants: [],
    };
    const s = runSimulation(wild);
    const t = track(s.runs[0]);
    const d = s.runs[0].divergence!;
    expect(d).not.toBeNull();
    expect(t.statusAt(t.length - 1)).toEqual({
      state: 'diverged',
      since: d.step,
      reason: d.reason,
      why: d.why,
    });
    expect(t.markers().at(-1)).toEqual({ state: 'diverged', step: d.step, reason: d.reason, why: d.why });
    // The reason in English (the command line's) and as a message to translate.
    expect(d.why).toEqual({ key: 'diverge.loss', params: { value: Infinity, step: d.step } });
    expect(translator('zh-CN')(d.why.key, d.why.params)).toMatch(/损失 J 在第 \d+ 步变为 Infinity/);
  });
});

describe('History capacity', () => {
  it('grows a history trained a slice at a time by doubling, not by copying it every slice', () => {
    // The worker host trains a run in slices of 15 steps (advanceTo(length + 15)); growing the
    // capacity to exactly what each slice asked for copied the whole history every slice.
    const run = createSimulation({ ...DEFAULT_EXPERIMENT, steps: 2000 }).runs[2];
    const sizes = new Set<number>([run.history.bytes]);
    while (run.length <= 2000) {
      run.advanceTo(Math.min(2000, run.length + 14));
      sizes.add(run.history.bytes);
    }
    expect(run.length).toBe(2001);
    // 64 → 2001 frames by doubling: a handful of sizes, not one per slice (130 before).
    expect(sizes.size).toBeLessThanOrEqual(7);
    // A caller that knows the length it needs gets exactly that (no doubling past it).
    const exact = new History(run.net.paramCount, run.net.layers, run.history.keepsVelocity);
    const one = exact.bytes;
    exact.reserve(5001);
    expect(exact.bytes).toBe((one / 64) * 5001);
  });
});
