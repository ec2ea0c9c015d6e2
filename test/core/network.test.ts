import { describe, expect, it } from 'vitest';
import type { ActivationName, LossName, OutputUnitName } from '../../src/core/experiment';
import {
  adaptParams,
  createNetwork,
  createWorkspace,
  emptyTotals,
  initParams,
  paramName,
  pass,
} from '../../src/core/network';
import { scalarChain } from '../../src/core/units';
import { createRng } from '../../src/core/rng';
import { randomDataset } from './helpers';

/** J(θ) over the whole dataset. */
function lossAt(
  net: ReturnType<typeof createNetwork>,
  theta: Float64Array,
  x: Float64Array,
  y: Int32Array,
): number {
  const t = emptyTotals();
  pass(net, theta, x, y, null, 0, y.length, null, createWorkspace(net), t);
  return t.loss / y.length;
}

const heads: [OutputUnitName, LossName][] = [
  ['linear', 'mse'],
  ['clipped', 'mse'],
  ['clipped', 'nll'],
  ['sigmoid', 'mse'],
  ['sigmoid', 'nll'],
  ['softmax', 'mse'],
  ['softmax', 'nll'],
];
const activations: ActivationName[] = ['relu', 'sigmoid', 'tanh', 'linear'];
const shapes = [[], [5], [4, 3], [3, 3, 3, 3]];

describe('backpropagation equals finite differences', () => {
  for (const [unit, loss] of heads) {
    for (const act of activations) {
      for (const hidden of shapes) {
        if (hidden.length === 0 && act !== 'tanh') continue; // no hidden layer: the activation is unused
        it(`${unit} + ${loss}, ${act}, hidden [${hidden}]`, () => {
          const classes = unit === 'softmax' ? 3 : 2;
          // 150 examples: more than one chunk of the pass.
          const data = randomDataset(150, 3, classes, 11);
          const sizes = [3, ...hidden, unit === 'softmax' ? classes : 1];
          const net = createNetwork(sizes, act, unit, loss);
          const theta = initParams(sizes, { kind: 'xavier' }, 5);
          // Keep the clipped unit well inside (0, 1), where it has a gradient and −log ŷ a bounded
          // curvature (near ŷ = 0 a central difference would measure the curvature, not a bug).
          if (unit === 'clipped') {
            const L = net.layers - 1;
            for (let k = net.wOff[L]; k < net.bOff[L]; k++) theta[k] *= 0.05;
            for (let k = net.bOff[L]; k < net.paramCount; k++) theta[k] = 0.5;
          }
          const rng = createRng(3, 'biases');
          for (let l = 0; l < net.layers - 1; l++) {
            for (let o = 0; o < sizes[l + 1]; o++) theta[net.bOff[l] + o] = 0.3 * rng.normal();
          }
          const grad = new Float64Array(net.paramCount);
          pass(net, theta, data.x, data.y, null, 0, data.n, grad, createWorkspace(net), emptyTotals());
          const h = 1e-6;
          for (let k = 0; k < net.paramCount; k++) {
            const tp = theta.slice();
            const tm = theta.slice();
            tp[k] += h;
            tm[k] -= h;
            const numeric = (lossAt(net, tp, data.x, data.y) - lossAt(net, tm, data.x, data.y)) / (2 * h);
            const analytic = grad[k] / data.n;
            expect(Math.abs(numeric - analytic), paramName(net, k)).toBeLessThan(
              1e-6 + 1e-5 * Math.abs(numeric),
            );
          }
        });
      }
    }
  }
});

describe('network layout', () => {
  it('flattens layer by layer, W row-major then b', () => {
    const net = createNetwork([2, 3, 1], 'relu', 'sigmoid', 'nll');
    expect(net.paramCount).toBe(2 * 3 + 3 + 3 + 1);
    expect(paramName(net, 0)).toBe('W1[0][0]');
    expect(paramName(net, 1)).toBe('W1[0][1]');
    expect(paramName(net, 2)).toBe('W1[1][0]');
    expect(paramName(net, 6)).toBe('b1[0]');
    expect(paramName(net, 9)).toBe('W2[0][0]');
    expect(paramName(net, 12)).toBe('b2[0]');
  });

  it('explicit initialisation lands where the flat order says', () => {
    const theta = initParams([2, 1], { kind: 'explicit', layers: [{ W: [[0.5, -0.2]], b: [0.1] }] }, 1);
    expect(Array.from(theta)).toEqual([0.5, -0.2, 0.1]);
  });

  it('seeded initialisation is deterministic and scaled by fan-in/out', () => {
    const a = initParams([2, 64, 1], { kind: 'xavier' }, 9);
    expect(initParams([2, 64, 1], { kind: 'xavier' }, 9)).toEqual(a);
    expect(initParams([2, 64, 1], { kind: 'xavier' }, 10)).not.toEqual(a);
    const limit = Math.sqrt(6 / 66);
    for (let k = 0; k < 128; k++) expect(Math.abs(a[k])).toBeLessThanOrEqual(limit);
    const he = initParams([100, 200, 1], { kind: 'he' }, 9);
    let s = 0;
    for (let k = 0; k < 20000; k++) s += he[k] * he[k];
    expect(s / 20000).toBeCloseTo(2 / 100, 2);
    expect(initParams([2, 3, 1], { kind: 'zeros' }, 9).every((v) => v === 0)).toBe(true);
  });

  it('adapts a scalar output layer to two softmax logits with the same probabilities, and back', () => {
    const sizes = [2, 1];
    const theta = Float64Array.from([0.8, -0.4, 0.2]);
    const two = adaptParams(sizes, theta, 2);
    expect(Array.from(two)).toEqual([-0.4, 0.2, 0.4, -0.2, -0.1, 0.1]);
    expect(Array.from(adaptParams([2, 2], two, 1))).toEqual([0.8, -0.4, 0.2]);
  });
});

describe('the inlined sigmoid + NLL head of the hot loop', () => {
  it('gives the same loss, ŷ, ∂L/∂z and flags as the chain of factors, out to z = ±1000', () => {
    const zs = [-1000, -745, -40, -7, -0.5, -1e-300, 0, 1e-9, 0.5, 7, 40, 745, 1000];
    const n = zs.length * 2;
    // No hidden layer, θ = 1, b = 0: z is the input itself.
    const x = Float64Array.from([...zs, ...zs]);
    const y = Int32Array.from({ length: n }, (_, i) => (i < zs.length ? 1 : 0));
    const net = createNetwork([1, 1], 'tanh', 'sigmoid', 'nll');
    const rec = {
      z: new Float64Array(n),
      yhat: new Float64Array(n),
      dLdz: new Float64Array(n),
      loss: new Float64Array(n),
      flags: new Uint8Array(n),
    };
    pass(net, Float64Array.from([1, 0]), x, y, null, 0, n, null, createWorkspace(net), emptyTotals(), rec);
    for (let i = 0; i < n; i++) {
      const c = scalarChain('sigmoid', 'nll', x[i], y[i]);
      expect(rec.loss[i], `L at z=${x[i]}, y=${y[i]}`).toBe(c.loss);
      expect(rec.yhat[i]).toBe(c.yhat);
      expect(rec.dLdz[i]).toBe(c.dLdz);
      expect(Boolean(rec.flags[i] & 2)).toBe(c.dyhatdz < 1e-3);
      expect(Boolean(rec.flags[i] & 1)).toBe((c.yhat > 0.5 ? 1 : 0) === y[i]);
    }
    expect(rec.loss[0]).toBe(1000);
    expect(rec.dLdz[0]).toBe(-1);
  });
});
