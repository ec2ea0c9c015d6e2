import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNetwork, initParams } from '../../src/core/network';
import { Run } from '../../src/core/run';
import {
  computeSurface,
  gridCoord,
  prepareSurface,
  rangeAround,
  surfaceLevels,
  surfaceMinimum,
  surfaceForRun,
  trajectory,
  type SurfaceSpec,
  validateSurfaceSpec,
} from '../../src/core/surface';
import { randomDataset, variant } from './helpers';
import { runs } from './arbitraries';
import type {
  ActivationName,
  LossName,
  LossSpec,
  OutputSpec,
  OutputUnitName,
} from '../../src/core/experiment';

/** J at θ with parameters p and q replaced, computed by a fresh run's frame 0. */
function jAt(
  spec: SurfaceSpec,
  p: number,
  q: number,
  unit: OutputUnitName,
  loss: LossName,
  hidden: number[],
): number {
  const theta = spec.theta.slice();
  theta[spec.p] = p;
  theta[spec.q] = q;
  const dims = spec.net.sizes[0];
  const data = { dims, classes: 2, n: spec.y.length, x: spec.x, y: spec.y };
  const v = variant(unit, loss, {
    activation: spec.net.activation,
    classes: unit === 'softmax' ? spec.net.sizes[spec.net.sizes.length - 1] : 2,
  });
  const run = new Run(v, data, hidden, theta, 1);
  run.advanceTo(0);
  return run.frame(0).loss;
}

const cases: [OutputUnitName, LossName, number[]][] = [
  ['sigmoid', 'nll', []],
  ['sigmoid', 'mse', []],
  ['clipped', 'nll', []],
  ['linear', 'mse', []],
  ['softmax', 'nll', []],
  ['sigmoid', 'nll', [4, 3]],
  ['softmax', 'mse', [3]],
];

describe('loss surface', () => {
  for (const [unit, loss, hidden] of cases) {
    for (const where of ['output', 'first'] as const) {
      if (where === 'first' && hidden.length === 0) continue;
      it(`equals the core's J at sampled grid points: ${unit} + ${loss}, hidden [${hidden}], params in the ${where} layer`, () => {
        const data = randomDataset(90, 2, 2, 8);
        const width = unit === 'softmax' ? 2 : 1;
        const sizes = [2, ...hidden, width];
        const theta = initParams(sizes, { kind: 'xavier' }, 3);
        const P = theta.length;
        const spec: SurfaceSpec = {
          net: { sizes, activation: 'tanh', unit, loss },
          x: data.x,
          y: data.y,
          theta,
          p: where === 'output' ? P - width - 1 : 0,
          q: where === 'output' ? P - 1 : 1,
          pRange: [-3, 2],
          qRange: [-1.5, 4],
          size: 17,
        };
        const s = computeSurface(spec);
        for (const [r, c] of [
          [0, 0],
          [16, 16],
          [3, 11],
          [8, 8],
          [16, 0],
        ]) {
          const expected = jAt(
            spec,
            gridCoord(spec.pRange, 17, c),
            gridCoord(spec.qRange, 17, r),
            unit,
            loss,
            hidden,
          );
          expect(s.values[r * 17 + c]).toBeCloseTo(expected, 11);
        }
      });
    }
  }

  it('computes a coarse grid first, then an eighth, then the full size (streamed by the surface host)', () => {
    expect(surfaceLevels(128)).toEqual([8, 16, 128]);
    expect(surfaceLevels(32)).toEqual([8, 32]);
    expect(surfaceLevels(8)).toEqual([8]);
    expect(surfaceLevels(4)).toEqual([4]);
  });

  it('finds the minimum and builds ranges around a trajectory', () => {
    const values = new Float64Array(9).fill(5);
    values[5] = 1;
    const m = surfaceMinimum({ size: 3, pRange: [0, 2], qRange: [10, 12], values });
    expect(m).toEqual({ p: 2, q: 11, value: 1 });
    expect(rangeAround([1, 1, 1])).toEqual([0, 2]);
    expect(rangeAround([-4, 0, 4])).toEqual([-6, 6]);
    expect(rangeAround([NaN])).toEqual([-1, 1]);
  });

  it('names every problem of a bad specification', () => {
    const errors = validateSurfaceSpec({
      net: { sizes: [1, 1], activation: 'tanh', unit: 'sigmoid', loss: 'nll' },
      x: new Float64Array(1),
      y: new Int32Array(1),
      theta: new Float64Array(2),
      p: 0,
      q: 7,
      pRange: [1, 1],
      qRange: [0, NaN],
      size: 1000,
    });
    expect(errors).toEqual([
      'q: expected a parameter index 0..1, got 7',
      'size: expected an integer 2..256, got 1000',
      'pRange: expected finite [lo, hi] with lo < hi, got [1, 1]',
      'qRange: expected finite [lo, hi] with lo < hi, got [0, NaN]',
    ]);
  });
});

describe('the surface of a run', () => {
  it('holds the other parameters at frame t, frames the trajectory, and its J at θ_t equals the frame’s loss', () => {
    const data = randomDataset(60, 2, 2, 4);
    const run = new Run(
      variant('sigmoid', 'nll', { learningRate: 0.5 }),
      data,
      [3],
      initParams([2, 3, 1], { kind: 'xavier' }, 2),
      1,
    );
    run.advanceTo(40);
    const P = run.net.paramCount;
    const spec = surfaceForRun(run, 40, P - 2, P - 1, 33);
    const path = trajectory(run, P - 2, 40);
    expect(path[0]).toBe(run.frame(0).params[P - 2]);
    expect(path[40]).toBe(run.frame(40).params[P - 2]);
    for (const v of path) {
      expect(v).toBeGreaterThan(spec.pRange[0]);
      expect(v).toBeLessThan(spec.pRange[1]);
    }
    // A surface whose grid passes through θ_t: J there is the frame's loss.
    const theta = run.frame(40).params;
    const exact = surfaceForRun(run, 40, P - 2, P - 1, 3, {
      pRange: [theta[P - 2] - 1, theta[P - 2] + 1],
      qRange: [theta[P - 1] - 1, theta[P - 1] + 1],
    });
    expect(computeSurface(exact).values[4]).toBeCloseTo(run.frame(40).loss, 13);
    expect(() => surfaceForRun(run, 41, 0, 1, 8)).toThrow(RangeError);
  });
});

/**
 * The shortcuts (issue 21): both parameters in the output layer (affine logits) or in one
 * hidden layer (only the units they feed change) against every grid point through the
 * whole forward pass, for networks, units, losses and parameter pairs drawn at random.
 */
describe('loss surface shortcuts equal the full forward pass', () => {
  const HEADS: [OutputSpec, LossSpec, number][] = [
    ['sigmoid', 'nll', 1],
    ['sigmoid', 'mse', 1],
    ['clipped', 'mse', 1],
    ['linear', 'mse', 1],
    ['softmax', 'nll', 2],
    ['softmax', 'mse', 3],
    ['softmax', 'nll', 4],
    [{ name: 'typed σ', f: '1 / (1 + exp(-z))' }, 'nll', 1],
    ['sigmoid', { name: 'sq', L: '(p - y)^2' }, 1],
  ];
  const ACTS: ActivationName[] = ['tanh', 'relu', 'sigmoid', 'linear'];

  function specFor(
    dims: number,
    hidden: number[],
    head: number,
    act: number,
    layer: number,
    pick: [number, number],
    n: number,
    seed: number,
  ): SurfaceSpec {
    const [unit, loss, width] = HEADS[head];
    const sizes = [dims, ...hidden, width];
    const net = createNetwork(sizes, ACTS[act], unit, loss);
    const l = Math.min(layer, net.layers - 1);
    const first = net.wOff[l];
    const count = (l + 1 < net.layers ? net.wOff[l + 1] : net.paramCount) - first;
    const p = first + (pick[0] % count);
    let q = first + (pick[1] % count);
    if (q === p) q = first + ((pick[0] + 1) % count);
    const data = randomDataset(n, dims, Math.max(2, width), seed);
    return {
      net: { sizes, activation: ACTS[act], unit, loss },
      x: data.x,
      y: data.y,
      theta: initParams(sizes, { kind: 'xavier' }, seed),
      p,
      q,
      pRange: [-2.5, 1.5],
      qRange: [-1, 3],
      size: 5,
    };
  }

  it('agree to 1e-12 (relative) at every grid point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: HEADS.length - 1 }),
        fc.integer({ min: 0, max: ACTS.length - 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.tuple(fc.nat(400), fc.nat(400)),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 1000 }),
        (dims, hidden, head, act, layer, pick, n, seed) => {
          const spec = specFor(dims, hidden, head, act, layer, pick, n, seed);
          const prep = prepareSurface(spec);
          // Same layer: a shortcut must be taken, or this property would compare the full pass with itself.
          expect(prep.general).toBeNull();
          const fast = computeSurface(spec).values;
          const full = computeSurface(spec, { fullPass: true }).values;
          for (let k = 0; k < full.length; k++) {
            if (!Number.isFinite(full[k])) expect(fast[k]).toBe(full[k]);
            else
              expect(Math.abs(fast[k] - full[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(full[k])));
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('takes the one-layer shortcut for two parameters of a hidden layer, the full pass across layers', () => {
    const same = specFor(2, [8, 8], 0, 0, 0, [0, 1], 500, 1);
    expect(prepareSurface(same).layer?.units).toEqual([0]);
    const twoUnits = specFor(2, [8, 8], 0, 0, 1, [0, 9], 50, 1);
    expect(prepareSurface(twoUnits).layer?.units).toEqual([0, 1]);
    const bias = { ...same, q: 16 }; // b1[0]: the bias of the same unit as W1[0][0]
    expect(prepareSurface(bias).layer?.units).toEqual([0]);
    // tanh units feeding the last hidden layer and one logit: the loop with the tanh written in.
    expect(prepareSurface(same).layer?.tanhIntoLogit).toBe(true);
    expect(prepareSurface(twoUnits).layer?.tanhIntoLogit).toBe(false); // layer 1 feeds the logit itself
    expect(prepareSurface(specFor(2, [8, 8], 0, 1, 0, [0, 1], 50, 1)).layer?.tanhIntoLogit).toBe(false); // relu
    expect(prepareSurface(specFor(2, [8, 8], 5, 0, 0, [0, 1], 50, 1)).layer?.tanhIntoLogit).toBe(false); // two logits
    for (const [head, pick] of [
      [0, [0, 1]], // sigmoid + NLL (inlined softplus), one unit
      [0, [0, 9]], // two units
      [1, [3, 12]], // sigmoid + MSE (the training's head), two units
      [7, [1, 16]], // a typed unit, a weight and the bias of one unit
    ] as const) {
      const s = { ...specFor(2, [8, 8], head, 0, 0, [...pick], 200, 3), size: 7 };
      expect(prepareSurface(s).layer?.tanhIntoLogit).toBe(true);
      const fast = computeSurface(s).values;
      const full = computeSurface(s, { fullPass: true }).values;
      for (let k = 0; k < full.length; k++)
        expect(Math.abs(fast[k] - full[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(full[k])));
    }
    const across = { ...same, q: same.theta.length - 1 };
    expect(prepareSurface(across).general).not.toBeNull();
    expect(prepareSurface(same, { fullPass: true }).general).not.toBeNull();
    // A change the shortcut would miss (a weight of the next layer moved) shows in both paths alike.
    const moved = same.theta.slice();
    moved[30] += 0.5;
    const a = computeSurface({ ...same, theta: moved, size: 3 }).values;
    const b = computeSurface({ ...same, theta: moved, size: 3 }, { fullPass: true }).values;
    const c = computeSurface({ ...same, size: 3 }).values;
    for (let k = 0; k < a.length; k++) {
      expect(a[k]).toBeCloseTo(b[k], 12);
      expect(a[k]).not.toBeCloseTo(c[k], 6);
    }
  });
});
