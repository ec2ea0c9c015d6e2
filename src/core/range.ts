/**
 * Ranges for drawing that stay finite and non-empty at any magnitude float64
 * holds: spans like 1e308 − (−1e308) overflow to ∞ when computed directly, and
 * 1e300 ± 1 is 1e300 again.
 */

/**
 * [lo, hi] padded on each side by `fraction` of its span, by at least `min`, and by at
 * least a few ulps of its magnitude, so that lo < hi; both ends finite (at most ±MAX_VALUE).
 */
export function padRange(lo: number, hi: number, fraction: number, min: number): [number, number] {
  // Halves first: (hi − lo) itself may overflow.
  const span = 2 * (hi / 2 - lo / 2);
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  const pad = Math.max(Number.isFinite(span) ? span * fraction : Number.MAX_VALUE, min, magnitude * 2 ** -40);
  const a = Math.max(-Number.MAX_VALUE, lo - pad);
  const b = Math.min(Number.MAX_VALUE, hi + pad);
  return [a, b];
}

/**
 * Point i of `size` evenly spaced over [a, b]: a + (b − a)·i/(size − 1) as everywhere else,
 * and without b − a where that overflows, so finite for any finite a and b.
 */
export function spaced(a: number, b: number, size: number, i: number): number {
  if (size === 1) return a;
  const span = b - a;
  if (Number.isFinite(span)) return a + (span * i) / (size - 1);
  const f = i / (size - 1);
  return a * (1 - f) + b * f;
}
