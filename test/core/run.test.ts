import { describe, expect, it } from 'vitest';
import { adaptParams } from '../../src/core/network';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { Run } from '../../src/core/run';
import { runSimulation } from '../../src/core/simulation';
import { dataset, randomDataset, variant } from './helpers';

/** 1-D data, confidently wrong: class 0 at z > 1, class 1 at z < 0 for θ = 2, b = 0. */
const wrong = dataset([[1], [2], [-1], [-2]], [0, 0, 1, 1]);
const wrongStart = Float64Array.from([2, 0]);

describe('MATH.md §4.1: the clipped unit stalls', () => {
  it('from a saturated wrong start every gradient is exactly 0 and θ stays bit-identical for 100 steps', () => {
    for (const loss of ['nll', 'mse'] as const) {
      const run = new Run(variant('clipped', loss, { learningRate: 1 }), wrong, [], wrongStart, 1);
      run.advanceTo(100);
      expect(run.length).toBe(101);
      for (let t = 0; t <= 100; t++) {
        const f = run.frame(t);
        expect(Array.from(f.params)).toEqual([2, 0]);
        expect(Array.from(f.grad)).toEqual([0, 0]);
        expect(f.accuracy).toBe(0);
        expect(f.saturatedWrong).toBe(1);
      }
      if (loss === 'nll') expect(run.frame(100).loss).toBe(100);
      expect(run.frame(100).status).toBe('ok');
    }
  });
});

describe('MATH.md §4.3–4.4: from a confidently wrong start', () => {
  it('sigmoid + NLL learns while sigmoid + MSE barely moves', () => {
    const start = Float64Array.from([-8, 0]); // z = −8x: every example confidently wrong
    const data = dataset([[1], [2], [-1], [-2]], [1, 1, 0, 0]);
    const nll = new Run(variant('sigmoid', 'nll', { learningRate: 0.5 }), data, [], start, 1);
    const mse = new Run(variant('sigmoid', 'mse', { learningRate: 0.5 }), data, [], start, 1);
    nll.advanceTo(50);
    mse.advanceTo(50);
    // Step 0: ∂J/∂θ is ≈ −(mean |x|) for NLL and ≈ 2·σ′ ≈ 10⁻⁴ times that for MSE.
    expect(Math.abs(nll.frame(0).grad[0])).toBeGreaterThan(1.4);
    expect(Math.abs(mse.frame(0).grad[0])).toBeLessThan(1e-2);
    expect(nll.frame(50).loss).toBeLessThan(nll.frame(0).loss / 10);
    expect(nll.frame(50).accuracy).toBe(1);
    expect(mse.frame(50).loss).toBeGreaterThan(0.9 * mse.frame(0).loss);
    expect(mse.frame(0).saturatedWrong).toBe(1);
  });
});

describe('MATH.md §4.5: hidden units', () => {
  it('the gradient shrinks layer by layer with sigmoid hidden units, not with ReLU', () => {
    const data = randomDataset(200, 2, 2, 3);
    const ratios: Record<string, number> = {};
    for (const activation of ['sigmoid', 'relu'] as const) {
      const v = variant('sigmoid', 'nll', { activation });
      v.model.hidden = [16, 16, 16, 16];
      const sizes = [2, 16, 16, 16, 16, 1];
      // He-scaled weights, the same for both.
      const theta = heStart(sizes);
      const run = new Run(v, data, v.model.hidden, theta, 1);
      run.advanceTo(0);
      const norms = run.frame(0).gradNorms;
      ratios[activation] = norms[0] / norms[norms.length - 1];
    }
    expect(ratios.relu).toBeGreaterThan(0.1);
    expect(ratios.sigmoid).toBeLessThan(ratios.relu / 4);
  });
});

function heStart(sizes: number[]): Float64Array {
  let p = 0;
  for (let l = 0; l + 1 < sizes.length; l++) p += sizes[l + 1] * (sizes[l] + 1);
  const theta = new Float64Array(p);
  let k = 0;
  let s = 12345;
  for (let l = 0; l + 1 < sizes.length; l++) {
    for (let i = 0; i < sizes[l + 1] * sizes[l]; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      theta[k++] = ((s / 2147483648) * 2 - 1) * Math.sqrt(6 / sizes[l]);
    }
    k += sizes[l + 1];
  }
  return theta;
}

describe('MATH.md §4.6: softmax generalises the sigmoid', () => {
  it('softmax with step α follows the sigmoid with weights w₁ − w₀ and step 2α, step for step', () => {
    const data = randomDataset(60, 2, 2, 5);
    const soft0 = Float64Array.from([0.3, -0.7, -0.2, 0.5, 0.1, -0.4]); // W[2][2], b[2]
    const sig0 = adaptParams([2, 2], soft0, 1);
    expect(Array.from(sig0)).toEqual([-0.2 - 0.3, 0.5 - -0.7, -0.4 - 0.1]);
    const soft = new Run(variant('softmax', 'nll', { learningRate: 0.05 }), data, [], soft0, 1);
    const sig = new Run(variant('sigmoid', 'nll', { learningRate: 0.1 }), data, [], sig0, 1);
    soft.advanceTo(200);
    sig.advanceTo(200);
    for (let t = 0; t <= 200; t += 10) {
      const s = soft.frame(t).params;
      const g = sig.frame(t).params;
      expect(s[2] - s[0]).toBeCloseTo(g[0], 12);
      expect(s[3] - s[1]).toBeCloseTo(g[1], 12);
      expect(s[5] - s[4]).toBeCloseTo(g[2], 12);
      expect(soft.frame(t).loss).toBeCloseTo(sig.frame(t).loss, 12);
    }
  });
});

describe('training conventions (MATH.md §5)', () => {
  it('frame t holds θ_t, ∂J/∂θ at θ_t and the update to θ_{t+1}', () => {
    const run = new Run(
      variant('sigmoid', 'nll', { learningRate: 0.3 }),
      randomDataset(20, 1),
      [],
      Float64Array.from([0.1, 0]),
      1,
    );
    run.advanceTo(5);
    for (let t = 0; t < 5; t++) {
      const f = run.frame(t);
      const next = run.frame(t + 1).params;
      for (let k = 0; k < 2; k++) {
        expect(f.update[k]).toBe(0.3 * f.grad[k]);
        expect(next[k]).toBe(f.params[k] - f.update[k]);
      }
    }
  });

  it('momentum follows PyTorch: v ← μv + g, θ ← θ − αv', () => {
    const run = new Run(
      variant('sigmoid', 'nll', { learningRate: 0.2, momentum: 0.9 }),
      randomDataset(30, 2),
      [],
      Float64Array.from([0.1, -0.2, 0.05]),
      1,
    );
    run.advanceTo(20);
    const v = new Float64Array(3);
    const theta = Float64Array.from([0.1, -0.2, 0.05]);
    for (let t = 0; t < 20; t++) {
      const f = run.frame(t);
      expect(Array.from(f.params)).toEqual(Array.from(theta));
      for (let k = 0; k < 3; k++) {
        v[k] = 0.9 * v[k] + f.grad[k];
        theta[k] -= 0.2 * v[k];
        expect(f.update[k]).toBe(0.2 * v[k]);
      }
    }
  });

  it('the loss curve is J over the whole set at θ_t, also with mini-batches', () => {
    const data = randomDataset(50, 2);
    const run = new Run(
      variant('sigmoid', 'nll', { batchSize: 8 }),
      data,
      [],
      Float64Array.from([0.4, -0.3, 0.2]),
      1,
    );
    run.advanceTo(30);
    const full = new Run(variant('sigmoid', 'nll'), data, [], run.frame(17).params.slice(), 1);
    full.advanceTo(0);
    expect(run.frame(17).loss).toBe(full.frame(0).loss);
    // Batch gradients differ from the full gradient.
    expect(run.frame(17).grad[0]).not.toBe(full.frame(0).grad[0]);
  });

  it('mini-batches cover every example once per epoch, in a seeded order', () => {
    const data = randomDataset(20, 1);
    const a = new Run(variant('linear', 'mse', { batchSize: 6 }), data, [], Float64Array.from([0, 0]), 4);
    const b = new Run(variant('linear', 'mse', { batchSize: 6 }), data, [], Float64Array.from([0, 0]), 4);
    a.advanceTo(12);
    b.advanceTo(12);
    for (let t = 0; t <= 12; t++) expect(a.frame(t).params).toEqual(b.frame(t).params);
    const c = new Run(variant('linear', 'mse', { batchSize: 6 }), data, [], Float64Array.from([0, 0]), 5);
    c.advanceTo(12);
    expect(c.frame(12).params).not.toEqual(a.frame(12).params);
  });
});

describe('divergence', () => {
  it('stops at the first non-finite value, marks that frame, never throws', () => {
    const data = randomDataset(40, 2);
    const run = new Run(
      variant('linear', 'mse', { learningRate: 50 }),
      data,
      [],
      Float64Array.from([0.1, 0.1, 0]),
      1,
    );
    expect(() => run.advanceTo(5000)).not.toThrow();
    const last = run.length - 1;
    expect(last).toBeLessThan(5000);
    expect(run.divergence?.step).toBe(last);
    const f = run.frame(last);
    expect(f.status).toBe('diverged');
    expect(f.reason).toMatch(/became (NaN|Infinity|-Infinity) at step \d+/);
    for (let t = 0; t < last; t++) {
      expect(run.frame(t).status).toBe('ok');
      expect(Number.isFinite(run.frame(t).loss)).toBe(true);
    }
    run.advanceTo(6000);
    expect(run.length).toBe(last + 1);
    expect(() => run.frame(last + 1)).toThrow(RangeError);
  });
});

describe('per-example details', () => {
  it('recomputes each example’s z, ŷ, L and chain factors at any frame', () => {
    const run = new Run(variant('sigmoid', 'mse'), wrong, [], Float64Array.from([-6, 0.5]), 1);
    run.advanceTo(3);
    const f = run.frame(3);
    const d = run.details(3);
    for (let i = 0; i < 4; i++) {
      const x = wrong.x[i];
      const z = f.params[0] * x + f.params[1];
      expect(d.z[i]).toBeCloseTo(z, 14);
      const s = 1 / (1 + Math.exp(-z));
      expect(d.yhat[i]).toBeCloseTo(s, 14);
      expect(d.loss[i]).toBeCloseTo((s - wrong.y[i]) ** 2, 14);
      expect(d.dLdyhat[i]).toBeCloseTo(2 * (s - wrong.y[i]), 14);
      expect(d.dyhatdz[i]).toBeCloseTo(s * (1 - s), 14);
      expect(d.dLdz[i]).toBeCloseTo(d.dLdyhat[i] * d.dyhatdz[i], 14);
      expect(d.saturated[i]).toBe(d.dyhatdz[i] < 1e-3 ? 1 : 0);
    }
    let mean = 0;
    for (let i = 0; i < 4; i++) mean += d.loss[i] / 4;
    expect(mean).toBeCloseTo(f.loss, 15);
  });
});

describe('per-example details with softmax', () => {
  it('gives ∂L/∂ŷ and the Jacobian diagonal for every class', () => {
    const data = randomDataset(12, 2, 3, 6);
    const run = new Run(
      variant('softmax', 'nll', { classes: 3 }),
      data,
      [],
      Float64Array.from([0.2, -0.1, 0.4, 0.3, -0.5, 0.1, 0, 0.1, -0.1]),
      1,
    );
    run.advanceTo(2);
    const d = run.details(2);
    expect(d.width).toBe(3);
    for (let i = 0; i < data.n; i++) {
      let sum = 0;
      for (let c = 0; c < 3; c++) {
        const p = d.yhat[i * 3 + c];
        sum += p;
        expect(d.dyhatdz[i * 3 + c]).toBeCloseTo(p * (1 - p), 15);
        expect(d.dLdyhat[i * 3 + c]).toBe(c === data.y[i] ? -1 / p : 0);
        expect(d.dLdz[i * 3 + c]).toBeCloseTo(p - (c === data.y[i] ? 1 : 0), 15);
      }
      expect(sum).toBeCloseTo(1, 15);
      expect(d.loss[i]).toBeCloseTo(-Math.log(d.yhat[i * 3 + data.y[i]]), 13);
    }
  });
});

describe('memory', () => {
  it('a whole run holds its history once, reserved at its final size (not doubled while it grows)', () => {
    const steps = 300;
    const sim = runSimulation({ ...DEFAULT_EXPERIMENT, steps });
    for (const run of sim.runs) {
      expect(run.length).toBe(steps + 1);
      const h = run.history;
      // θ and ∂J/∂θ (and the momentum buffer when kept) for exactly steps + 1 frames.
      expect(h.params.length).toBe((steps + 1) * h.paramCount);
      expect(h.grads.length).toBe((steps + 1) * h.paramCount);
    }
  });
});
