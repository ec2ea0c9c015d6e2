/**
 * Typed units and losses train like the built-ins they equal: every step's loss,
 * parameters and gradient to 1e-9 relative (issue 19), through the same core the
 * studio, the exports and `npm run sim` run.
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/core/experiment';
import { runSimulation } from '../../../src/core/simulation';
import { validateExperiment } from '../../../src/core/validate';

const experiment = (variants: Experiment['variants'], over: Partial<Experiment> = {}): Experiment => {
  const raw = {
    version: 1,
    seed: 7,
    data: { kind: 'moons', n: 150, noise: 0.15 },
    model: { hidden: [6], activation: 'tanh', output: 'sigmoid', classes: 2 },
    loss: 'mse',
    optimizer: { learningRate: 0.5, momentum: 0.5, batchSize: 32 },
    init: { kind: 'xavier' },
    steps: 120,
    variants,
    ...over,
  };
  const v = validateExperiment(raw);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.experiment;
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

/** The worst relative difference between two runs over every step's loss, parameters and gradient. */
function worst(sim: ReturnType<typeof runSimulation>, i: number, j: number): number {
  const a = sim.runs[i];
  const b = sim.runs[j];
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let t = 0; t < a.length; t++) {
    const fa = a.frame(t);
    const fb = b.frame(t);
    w = Math.max(w, rel(fa.loss, fb.loss));
    for (let k = 0; k < fa.params.length; k++) {
      // Parameters near 0 compare on the scale of the vector (relative to its largest entry).
      const scale = Math.max(...fa.params.map(Math.abs));
      w = Math.max(w, Math.abs(fa.params[k] - fb.params[k]) / scale);
    }
    // The gradient likewise, relative to its largest entry (it shrinks towards 0 as training goes).
    const gscale = Math.max(...fa.grad.map(Math.abs), 1e-300);
    for (let k = 0; k < fa.grad.length; k++) w = Math.max(w, Math.abs(fa.grad[k] - fb.grad[k]) / gscale);
  }
  return w;
}

describe('a typed formula equal to a built-in trains like it', () => {
  it('1 / (1 + exp(-z)) with mse matches sigmoid + MSE to 1e-9 at every step', () => {
    const sim = runSimulation(
      experiment([
        { model: { output: 'sigmoid' }, loss: 'mse' },
        { model: { output: { name: 'typed σ', f: '1 / (1 + exp(-z))' } }, loss: 'mse' },
        { model: { output: { name: 'half tanh', f: '(tanh(z / 2) + 1) / 2' } }, loss: 'mse' },
        { model: { output: 'sigmoid' }, loss: { name: 'sq', L: '(p - y)^2' } },
      ]),
    );
    expect(sim.runs[0].length).toBe(121);
    expect(sim.runs[0].frame(120).loss).toBeLessThan(sim.runs[0].frame(0).loss);
    expect(worst(sim, 0, 1)).toBeLessThan(1e-9);
    expect(worst(sim, 0, 2)).toBeLessThan(1e-9);
    expect(worst(sim, 0, 3)).toBeLessThan(1e-9);
  }, 60_000);

  it('the typed cross-entropy matches sigmoid + NLL where nothing saturates', () => {
    const sim = runSimulation(
      experiment(
        [
          { model: { output: 'sigmoid' }, loss: 'nll' },
          { model: { output: 'sigmoid' }, loss: { name: 'CE', L: '-(y*log(p) + (1-y)*log(1-p))' } },
          {
            model: { output: { name: 'typed σ', f: '1 / (1 + exp(-z))' } },
            loss: { name: 'CE', L: '-(y*log(p) + (1-y)*log(1-p))' },
          },
          // Through a typed unit, the built-in nll is PyTorch's BCELoss on f: the same numbers here.
          { model: { output: { name: 'typed σ', f: '1 / (1 + exp(-z))' } }, loss: 'nll' },
        ],
        { steps: 60, optimizer: { learningRate: 0.2, momentum: 0, batchSize: 0 } },
      ),
    );
    // Nothing saturates: every example's ŷ stays well inside (0, 1).
    const d = sim.runs[0].details(60);
    expect(Math.min(...d.dyhatdz)).toBeGreaterThan(1e-3);
    for (const j of [1, 2, 3]) expect(worst(sim, 0, j), `variant ${j}`).toBeLessThan(1e-9);
  }, 60_000);

  it('a loss that reads z: softplus((1 − 2y)z) is sigmoid + NLL exactly in form', () => {
    const sim = runSimulation(
      experiment(
        [
          { model: { output: 'sigmoid' }, loss: 'nll' },
          { model: { output: 'sigmoid' }, loss: { name: 'ζ', L: 'log1p(exp((1 - 2*y)*z))' } },
        ],
        { steps: 60 },
      ),
    );
    expect(worst(sim, 0, 1)).toBeLessThan(1e-9);
  }, 60_000);

  it('a typed clip stalls exactly as the built-in clipped unit does (f′ = 0 sends back nothing)', () => {
    const base: Partial<Experiment> = {
      data: { kind: 'line', n: 40, noise: 0 },
      model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
      init: { kind: 'explicit', layers: [{ W: [[-8]], b: [0] }] },
      optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
      steps: 50,
    };
    const sim = runSimulation(
      experiment(
        [
          { model: { output: 'clipped' }, loss: 'nll' },
          { model: { output: { name: 'typed clip', f: 'max(0, min(1, z))' } }, loss: 'nll' },
        ],
        base,
      ),
    );
    const a = sim.runs[0];
    const b = sim.runs[1];
    for (let t = 0; t <= 50; t++) {
      expect(Array.from(b.frame(t).params)).toEqual(Array.from(a.frame(t).params));
      expect(b.frame(t).loss).toBe(a.frame(t).loss);
    }
  }, 60_000);
});
