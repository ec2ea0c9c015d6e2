/** Numbers as the panels show them: 4 significant digits, exponents for the very small and large. */
export function fmt(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return Object.is(v, -0) ? '−0' : '0';
  const a = Math.abs(v);
  const s = a < 1e-3 || a >= 1e6 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return s.replace('-', '−');
}

/** A vector of K values: one number when K = 1, else (a, b, …). */
export function fmtVector(values: Float64Array, i: number, width: number): string {
  if (width === 1) return fmt(values[i]);
  const parts: string[] = [];
  for (let c = 0; c < width; c++) parts.push(fmt(values[i * width + c]));
  return `(${parts.join(', ')})`;
}
