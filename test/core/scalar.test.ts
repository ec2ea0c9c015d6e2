import { describe, expect, it } from 'vitest';
import { logit, sigmoid, sigmoidDerivative, softmax, softplus, logSumExp } from '../../src/core/scalar';

describe('sigmoid (MATH.md §2)', () => {
  it('is stable at both ends', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-700)).toBeGreaterThan(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('σ′(±10) ≈ 4.5·10⁻⁵ and σ′ ≤ 1/4 with its maximum at 0 (§4.2)', () => {
    // σ′(10) = e^(−10)/(1 + e^(−10))² = 4.5395807735951673·10⁻⁵
    expect(sigmoidDerivative(10)).toBeCloseTo(4.5395807735951673e-5, 18);
    expect(sigmoidDerivative(-10)).toBeCloseTo(4.5395807735951673e-5, 18);
    expect(sigmoidDerivative(10).toPrecision(2)).toBe('0.000045');
    expect(sigmoidDerivative(0)).toBe(0.25);
    for (let z = -20; z <= 20; z += 0.37) expect(sigmoidDerivative(z)).toBeLessThanOrEqual(0.25);
    expect(sigmoidDerivative(40)).toBeLessThan(1e-17);
  });

  it('logit(σ(z)) = z: the log-odds are the logit (derivation 1)', () => {
    for (let z = -30; z <= 5; z += 0.25)
      expect(Math.abs(logit(sigmoid(z)) - z)).toBeLessThan(1e-12 * Math.max(1, Math.abs(z)));
  });

  it('softmax([0, z])₁ = σ(z) exactly: the sigmoid is softmax with K = 2 (derivation 2)', () => {
    for (let z = -800; z <= 800; z += 0.731) {
      expect(softmax([0, z])[1]).toBe(sigmoid(z));
      expect(softmax([0, z])[0]).toBe(sigmoid(-z));
    }
  });
});

describe('softplus and logsumexp', () => {
  it('ζ(a) = log(1 + e^a), finite for large |a|', () => {
    for (const a of [-30, -2, -0.5, 0, 0.5, 2, 30])
      expect(softplus(a)).toBeCloseTo(Math.log(1 + Math.exp(a)), 12);
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
  });

  it('logsumexp does not overflow', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 10);
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 14);
    const p = softmax([1000, 0, -1000]);
    expect(p[0]).toBe(1);
    expect(p.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
