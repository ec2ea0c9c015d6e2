import { describe, expect, it } from 'vitest';
import { evalHead, FLAG_CORRECT, FLAG_SATURATED } from '../../src/core/heads';
import { headCode, headProblem, scalarChain, softmaxChain } from '../../src/core/units';
import { sigmoid, sigmoidDerivative } from '../../src/core/scalar';

const hot = (unit: 'linear' | 'clipped' | 'sigmoid', loss: 'nll' | 'mse', z: number, y: number) => {
  const yhat = new Float64Array(1);
  const dz = new Float64Array(1);
  const flags = new Int32Array(1);
  const l = evalHead(headCode(unit, loss), [z], 0, 1, y, yhat, 0, dz, 0, flags);
  return { loss: l, yhat: yhat[0], dLdz: dz[0], flags: flags[0] };
};

describe('sigmoid + NLL (MATH.md §3, §4.4)', () => {
  it('at z = −1000, y = 1: loss 1000 and ∂L/∂z = −1, finite', () => {
    const c = scalarChain('sigmoid', 'nll', -1000, 1);
    expect(c.loss).toBe(1000);
    expect(c.dLdz).toBe(-1);
    const h = hot('sigmoid', 'nll', -1000, 1);
    expect(h.loss).toBe(1000);
    expect(h.dLdz).toBe(-1);
  });

  it('∂L/∂z = σ(z) − y → −1 when confidently wrong, → 0 only when right', () => {
    for (const z of [-5, -20, -50]) expect(scalarChain('sigmoid', 'nll', z, 1).dLdz).toBeLessThan(-0.99);
    expect(scalarChain('sigmoid', 'nll', 40, 1).dLdz).toBeGreaterThan(-1e-17);
    for (const z of [-3, -0.2, 0, 0.7, 4]) {
      expect(scalarChain('sigmoid', 'nll', z, 1).dLdz).toBeCloseTo(sigmoid(z) - 1, 15);
      expect(scalarChain('sigmoid', 'nll', z, 0).dLdz).toBeCloseTo(sigmoid(z), 15);
    }
  });

  it('the loss is ζ((1−2y)z) = −log σ((2y−1)z)', () => {
    for (const z of [-3, -0.2, 0, 0.7, 4]) {
      expect(scalarChain('sigmoid', 'nll', z, 1).loss).toBeCloseTo(-Math.log(sigmoid(z)), 14);
      expect(scalarChain('sigmoid', 'nll', z, 0).loss).toBeCloseTo(-Math.log(1 - sigmoid(z)), 14);
    }
  });
});

describe('sigmoid + MSE learns slowly when confidently wrong (§4.3)', () => {
  it('∂L/∂z = 2(σ(z) − y)σ′(z) → 0 as z → −∞ with y = 1', () => {
    const c10 = scalarChain('sigmoid', 'mse', -10, 1);
    expect(c10.dLdz).toBeCloseTo(2 * (sigmoid(-10) - 1) * sigmoidDerivative(-10), 18);
    expect(Math.abs(c10.dLdz)).toBeLessThan(1e-4);
    expect(Math.abs(scalarChain('sigmoid', 'mse', -30, 1).dLdz)).toBeLessThan(1e-12);
    expect(c10.dyhatdz).toBeLessThan(1e-3);
  });
});

describe('clipped unit (§2, §3)', () => {
  it('f′ is 1 on [0, 1] inclusive and 0 outside', () => {
    expect(scalarChain('clipped', 'mse', 0, 1).dyhatdz).toBe(1);
    expect(scalarChain('clipped', 'mse', 1, 1).dyhatdz).toBe(1);
    expect(scalarChain('clipped', 'mse', -1e-9, 1).dyhatdz).toBe(0);
    expect(scalarChain('clipped', 'mse', 1 + 1e-9, 1).dyhatdz).toBe(0);
  });

  it('with NLL a saturated wrong example has loss 100 and gradient exactly 0 (never NaN)', () => {
    for (const [z, y] of [
      [-2, 1],
      [3, 0],
    ]) {
      const c = scalarChain('clipped', 'nll', z, y);
      expect(c.loss).toBe(100);
      expect(Number.isFinite(c.dLdyhat)).toBe(true);
      expect(Math.abs(c.dLdyhat)).toBe(1e12);
      expect(c.dLdz).toBe(0);
      expect(hot('clipped', 'nll', z, y).dLdz).toBe(0);
    }
  });

  it('with NLL inside (0, 1): ∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ))', () => {
    const c = scalarChain('clipped', 'nll', 0.3, 1);
    expect(c.loss).toBeCloseTo(-Math.log(0.3), 15);
    expect(c.dLdz).toBeCloseTo((0.3 - 1) / (0.3 * 0.7), 12);
  });
});

describe('combinations', () => {
  it('rejects nll with linear', () => {
    expect(headProblem('linear', 'nll')).toMatch(/cannot be used with the linear unit/);
    expect(() => headCode('linear', 'nll')).toThrow();
  });

  it('the hot loop agrees with the chain of factors for every scalar head', () => {
    const heads = [
      ['linear', 'mse'],
      ['clipped', 'mse'],
      ['clipped', 'nll'],
      ['sigmoid', 'mse'],
      ['sigmoid', 'nll'],
    ] as const;
    for (const [u, l] of heads) {
      for (const z of [-40, -3, -0.5, 0, 0.25, 0.5, 1, 1.5, 7, 40]) {
        for (const y of [0, 1]) {
          const c = scalarChain(u, l, z, y);
          const h = hot(u, l, z, y);
          expect(h.loss).toBe(c.loss);
          expect(h.yhat).toBe(c.yhat);
          expect(h.dLdz).toBeCloseTo(c.dLdz, 14);
          expect(Boolean(h.flags & FLAG_SATURATED)).toBe(Math.abs(c.dyhatdz) < 1e-3);
          expect(Boolean(h.flags & FLAG_CORRECT)).toBe((c.yhat > 0.5 ? 1 : 0) === y);
        }
      }
    }
  });
});

describe('softmax + NLL (§3)', () => {
  it('L = logsumexp(z) − z_y and ∂L/∂z = ŷ − onehot(y)', () => {
    const c = softmaxChain('nll', [1, -2, 0.5], 2);
    const lse = Math.log(Math.exp(1) + Math.exp(-2) + Math.exp(0.5));
    expect(c.loss).toBeCloseTo(lse - 0.5, 14);
    expect(c.dLdz[0]).toBeCloseTo(c.yhat[0], 15);
    expect(c.dLdz[1]).toBeCloseTo(c.yhat[1], 15);
    expect(c.dLdz[2]).toBeCloseTo(c.yhat[2] - 1, 15);
    // The chain ∂L/∂ŷ · Jacobian gives the same vector.
    for (let d = 0; d < 3; d++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += c.dLdyhat[k] * c.jacobian[k * 3 + d];
      expect(s).toBeCloseTo(c.dLdz[d], 14);
    }
  });

  it('is finite far from the start', () => {
    const c = softmaxChain('nll', [1000, -1000], 1);
    expect(c.loss).toBe(2000);
    expect(c.dLdz).toEqual([1, -1]);
  });

  it('with MSE the gradient is the Jacobian chain', () => {
    const c = softmaxChain('mse', [0.3, -1.1, 2], 0);
    for (let d = 0; d < 3; d++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += c.dLdyhat[k] * c.jacobian[k * 3 + d];
      expect(s).toBeCloseTo(c.dLdz[d], 14);
    }
    const t = [1, 0, 0];
    expect(c.loss).toBeCloseTo(c.yhat.reduce((a, p, k) => a + (p - t[k]) ** 2, 0) / 3, 15);
  });
});
