import { describe, expect, it } from 'vitest';
import { chainAt, gradientStep, sci } from '../../src/core/chain';
import type { Network } from '../../src/core/network';
import { SATURATION_THRESHOLD } from '../../src/core/heads';
import { makeDataset } from '../../src/core/datasets';
import type { Experiment } from '../../src/core/experiment';
import { createNetwork } from '../../src/core/network';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';

const moons: Experiment = {
  ...DEFAULT_EXPERIMENT,
  data: { kind: 'moons', n: 60, noise: 0.1 },
  model: { hidden: [4, 3], activation: 'sigmoid', output: 'sigmoid', classes: 2 },
  init: { kind: 'xavier' },
  steps: 20,
};

/** The chain at θ with plain gradient descent's step (α = 0.5). */
const chainOf = (net: Network, data: Parameters<typeof chainAt>[1], theta: Float64Array, i: number) =>
  chainAt(net, data, theta, i, gradientStep(net, data, theta, 0.5));

describe('chainAt', () => {
  it('gives the core’s values for every example, unit and loss, and its gradient as the product of the factors', () => {
    const sim = runSimulation(DEFAULT_EXPERIMENT);
    for (const run of sim.runs) {
      for (const t of [0, 50, 300]) {
        const theta = run.frame(t).params;
        const d = run.details(t);
        for (const i of [0, 7, 39]) {
          const v = chainAt(run.net, sim.data, theta, i, run.recordedStep(t));
          const K = v.K;
          expect(v.z).toEqual(Array.from(d.z.subarray(i * K, (i + 1) * K)));
          expect(v.yhat).toEqual(Array.from(d.yhat.subarray(i * K, (i + 1) * K)));
          expect(v.L).toBe(d.loss[i]);
          expect(v.dLdz).toEqual(Array.from(d.dLdz.subarray(i * K, (i + 1) * K)));
          expect(v.dyhatdz).toEqual(Array.from(d.dyhatdz.subarray(i * K, (i + 1) * K)));
          // No hidden layer: h = x, ∂L/∂θ_cj = ∂L/∂z_c · x_j and ∂L/∂b_c = ∂L/∂z_c, exactly.
          const out = v.layers[v.layers.length - 1];
          for (let c = 0; c < K; c++) {
            // (=== : a flat unit gives +0 or −0 by the sign of x, both exactly zero)
            expect(out.gradW[c][0] === v.dLdz[c] * v.acts[0][0]).toBe(true);
            expect(out.gradB[c] === v.dLdz[c]).toBe(true);
          }
        }
        // The mean: exactly the run's ∂J/∂θ (full batch), and J.
        const m = chainAt(run.net, sim.data, theta, -1, run.recordedStep(t));
        const flat = m.layers.flatMap((l) => [...l.gradW.flat(), ...l.gradB]);
        expect(flat).toEqual(Array.from(run.frame(t).grad));
        expect(m.L).toBe(run.frame(t).loss);
        expect(m.notes).toEqual([]);
      }
    }
  });

  it('backpropagates through hidden layers as the core does', () => {
    const sim = runSimulation(moons);
    const run = sim.runs[0];
    const theta = run.frame(5).params;
    let sum: number[] | null = null;
    for (let i = 0; i < sim.data.n; i++) {
      const v = chainAt(run.net, sim.data, theta, i, run.recordedStep(5));
      expect(v.acts.map((a) => a.length)).toEqual([2, 4, 3]);
      expect(v.gprime.map((g) => g.length)).toEqual([4, 3]);
      const flat = v.layers.flatMap((l) => [...l.gradW.flat(), ...l.gradB]);
      sum = sum ? sum.map((s, k) => s + flat[k]) : flat;
      // Norms per layer are the norms of the listed gradients.
      for (const l of v.layers) {
        expect(l.norm).toBeCloseTo(Math.hypot(...l.gradW.flat(), ...l.gradB), 12);
      }
    }
    const mean = run.frame(5).grad;
    sum!.forEach((s, k) => expect(s / sim.data.n).toBeCloseTo(mean[k], 12));
  });

  it('names each choking factor exactly when it is below 10⁻³ or 0, and says why', () => {
    const data = makeDataset({ kind: 'points', x: [[-1], [1], [0.05], [0.2]], y: [1, 1, 0, 1] }, 1);
    const at = (unit: 'clipped' | 'sigmoid' | 'softmax', loss: 'nll' | 'mse', theta: number[], i: number) =>
      chainOf(
        createNetwork([1, unit === 'softmax' ? 2 : 1], 'relu', unit, loss),
        data,
        Float64Array.from(theta),
        i,
      ).notes.map((n) => n.text);
    // z = −8 for x = 1 with θ = −8: confidently wrong.
    expect(at('clipped', 'nll', [-8, 0], 1)).toEqual([
      'f′(z) = 0: the clipped unit is flat here (z = −8), nothing flows back'.replace('−', '-'),
    ]);
    expect(at('clipped', 'nll', [0.5, 0.2], 3)).toEqual([]); // z = 0.3: inside, f′ = 1
    const mse = at('sigmoid', 'mse', [-8, 0], 1);
    expect(mse).toEqual([
      `σ′(z) = ${sci(1 / (1 + Math.exp(8)) - 1 / (1 + Math.exp(8)) ** 2)}: the sigmoid is saturated and squared error does not cancel it`,
    ]);
    expect(at('sigmoid', 'mse', [-8, 0], 3)).toEqual([]); // z = −1.6: σ′ ≈ 0.14
    const s8 = 1 / (1 + Math.exp(8));
    expect(at('sigmoid', 'nll', [-8, 0], 1)).toEqual([
      `σ′(z) = ${sci(s8 * (1 - s8))}, but the log cancels it: ∂L/∂z = ŷ − y = ${sci(s8 - 1)}`,
    ]);
    expect(at('sigmoid', 'nll', [20, 0], 1)).toEqual([
      `ŷ − y ≈ 0 (${sci(-1 / (1 + Math.exp(20)))}): saturated, but the answer is right`,
    ]);
    expect(at('sigmoid', 'mse', [20, 0], 1)[0]).toMatch(/saturated, but the answer is right$/);
    // Softmax: logits (−z/2, z/2).
    expect(at('softmax', 'nll', [-10, 10, 0, 0], 1)).toEqual([
      `ŷ − onehot(y) ≈ 0 (${sci(1 - 1 / (1 + Math.exp(-20)))}): saturated, but the answer is right`,
    ]);
    expect(at('softmax', 'nll', [10, -10, 0, 0], 1)[0]).toMatch(
      /the softmax is saturated, but the log cancels it/,
    );
    expect(at('softmax', 'mse', [10, -10, 0, 0], 1)[0]).toMatch(
      /the softmax is saturated and squared error does not cancel it/,
    );
    expect(at('softmax', 'nll', [0.5, -0.5, 0, 0], 3)).toEqual([]);
    expect(SATURATION_THRESHOLD).toBe(1e-3);
  });

  it('names hidden units that choke: dead ReLUs and saturated sigmoids', () => {
    const data = makeDataset({ kind: 'points', x: [[1], [-1]], y: [1, 0] }, 1);
    // One hidden layer of 2: W1 = [[1], [-1]], b1 = 0; output θ = [1, 1], b = 0.
    const relu = chainOf(
      createNetwork([1, 2, 1], 'relu', 'sigmoid', 'nll'),
      data,
      Float64Array.from([1, -1, 0, 0, 1, 1, 0]),
      0,
    );
    expect(relu.notes.map((n) => n.text)).toEqual([
      'layer 1: 1 of 2 relu units give g′ = 0 for this example: no gradient reaches their weights',
    ]);
    expect(relu.layers[0].gradW[1][0]).toBe(0);
    const sig = chainOf(
      createNetwork([1, 2, 1], 'sigmoid', 'sigmoid', 'nll'),
      data,
      Float64Array.from([20, 0.1, 0, 0, 1, 1, 0]),
      0,
    );
    expect(sig.notes.map((n) => n.text)).toEqual(['layer 1: 1 of 2 sigmoid units are saturated (g′ < 10⁻³)']);
  });

  it('writes small numbers as mantissa·10^exponent', () => {
    expect(sci(4.54e-5)).toBe('4.5·10⁻⁵');
    expect(sci(0)).toBe('0');
    expect(sci(0.25)).toBe('0.25');
    expect(sci(-3.3e-4)).toBe('-3.3·10⁻⁴');
    expect(sci(2.5e7)).toBe('2.5·10⁷');
  });
});

describe('the whole set’s gradient in a chain view', () => {
  const experiment = (batchSize: number, momentum: number): Experiment => ({
    ...DEFAULT_EXPERIMENT,
    data: { kind: 'moons', n: 60, noise: 0.2 },
    model: { hidden: [4], activation: 'tanh', output: 'sigmoid', classes: 2 },
    optimizer: { learningRate: 0.3, momentum, batchSize },
    steps: 12,
    variants: [
      { name: 'sigmoid', model: { output: 'sigmoid' }, loss: 'nll' },
      { name: 'softmax', model: { output: 'softmax' }, loss: 'mse' },
    ],
  });
  it('is the run’s recorded one when it trained on the whole set (bit for bit the same as a new pass)', () => {
    for (const momentum of [0, 0.9]) {
      const sim = runSimulation(experiment(0, momentum));
      for (const run of sim.runs) {
        for (const t of [0, 5, 12]) {
          const recorded = run.recordedStep(t);
          expect(recorded.whole).toEqual({ J: run.history.loss[t] });
          const theta = run.history.paramsAt(t).slice();
          for (const example of [-1, 7]) {
            const fast = chainAt(run.net, sim.data, theta, example, recorded);
            const fresh = chainAt(run.net, sim.data, theta, example, { ...recorded, whole: undefined });
            expect(fast.J).toBe(fresh.J);
            expect(fast.meanGrad).toEqual(fresh.meanGrad);
            expect(fast.layers).toEqual(fresh.layers);
          }
        }
      }
    }
  });
  it('is computed again over the whole set when the run used mini-batches', () => {
    const sim = runSimulation(experiment(16, 0));
    const run = sim.runs[0];
    const recorded = run.recordedStep(3);
    expect(recorded.whole).toBeUndefined();
    const v = chainAt(run.net, sim.data, run.history.paramsAt(3).slice(), -1, recorded);
    // The batch's gradient is not the whole set's.
    const last = v.meanGrad.length - 1;
    expect(v.meanGrad[last].gradW[0][0]).not.toBe(recorded.grad[run.net.wOff[last]]);
    expect(v.J).toBe(run.history.loss[3]);
  });
});
