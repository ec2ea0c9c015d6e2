/** Special functions the formulas may call that JavaScript's Math lacks. */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * The error function in float64. For |x| < 3 the series
 * erf x = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all of one
 * sign (no cancellation); beyond, 1 − erfc x with erfc's continued fraction
 * e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))). Odd; ±1 beyond |x| ≈ 5.9.
 */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const ax = Math.abs(x);
  let r: number;
  if (ax < 3) {
    const x2 = 2 * ax * ax;
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    r = TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum;
  } else if (ax < 6) {
    let f = ax;
    for (let n = 60; n >= 1; n--) f = ax + n / 2 / f;
    r = 1 - (ONE_OVER_SQRT_PI * Math.exp(-ax * ax)) / f;
  } else r = 1;
  return x < 0 ? -r : r;
}
