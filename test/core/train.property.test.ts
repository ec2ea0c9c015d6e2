/**
 * Every experiment the validator accepts trains five steps, twice to the same
 * bits, with finite frames until it either ends or diverges cleanly (its last
 * frame marked diverged, with a reason).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { createSimulation } from '../../src/core/simulation';
import { validateExperiment } from '../../src/core/validate';
import { extremeExperiment, mutatedExample, runs } from './arbitraries';

const STEPS = 5;

/** Every frame of every run, as plain numbers (NaN written as a string so that toEqual compares bits). */
function train(e: Experiment): unknown[] {
  const sim = createSimulation({ ...e, steps: Math.min(e.steps, STEPS) });
  return sim.runs.map((run) => {
    run.advanceTo(Math.min(e.steps, STEPS));
    const frames = [];
    for (let t = 0; t < run.length; t++) {
      const f = run.frame(t);
      const last = t === run.length - 1;
      if (f.status === 'diverged') {
        expect(last).toBe(true);
        expect(f.reason).toMatch(/\S/);
        expect(run.divergence).not.toBeNull();
      } else {
        expect(Number.isFinite(f.loss)).toBe(true);
        for (const v of f.params) expect(Number.isFinite(v)).toBe(true);
      }
      frames.push({ loss: f.loss, params: [...f.params], grad: [...f.grad], status: f.status });
    }
    if (run.divergence === null) expect(run.length).toBe(Math.min(e.steps, STEPS) + 1);
    return frames;
  });
}

function property(raw: unknown): void {
  const r = validateExperiment(raw);
  if (!r.ok) return;
  expect(train(r.experiment)).toEqual(train(r.experiment));
}

describe('training generated experiments', () => {
  it('mutations of the examples train 5 steps deterministically, finite or cleanly diverged', () => {
    fc.assert(fc.property(mutatedExample, property), { numRuns: runs(150) });
  }, 120_000);

  it('experiments with extreme numbers train 5 steps deterministically, finite or cleanly diverged', () => {
    fc.assert(fc.property(extremeExperiment, property), { numRuns: runs(200) });
  }, 120_000);
});
