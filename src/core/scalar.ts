/** Numerically stable scalar functions of MATH.md §2–3. */

/** σ(z) = 1/(1+e^(−z)); for z < 0 the form e^z/(1+e^z) avoids overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** σ′(z) = σ(z)σ(−z) = σ(z)(1−σ(z)), computed without the cancellation of 1 − σ(z). */
export function sigmoidDerivative(z: number): number {
  return sigmoid(z) * sigmoid(-z);
}

/** ζ(a) = log(1+e^a) = max(a, 0) + log1p(e^(−|a|)): finite for every finite a. */
export function softplus(a: number): number {
  return (a > 0 ? a : 0) + Math.log1p(Math.exp(-Math.abs(a)));
}

/** logit(p) = log(p/(1−p)), the log-odds; the inverse of σ. */
export function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/** log Σ e^(z_k), shifted by max(z) so no term overflows. */
export function logSumExp(z: ArrayLike<number>, offset = 0, k = z.length): number {
  let m = -Infinity;
  for (let c = 0; c < k; c++) if (z[offset + c] > m) m = z[offset + c];
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(z[offset + c] - m);
  return m + Math.log(s);
}

/** softmax(z)_c = e^(z_c − max z) / Σ_k e^(z_k − max z), written into `out`. */
export function softmaxInto(
  z: ArrayLike<number>,
  zOffset: number,
  k: number,
  out: Float64Array | number[],
  outOffset: number,
): void {
  let m = -Infinity;
  for (let c = 0; c < k; c++) if (z[zOffset + c] > m) m = z[zOffset + c];
  let s = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(z[zOffset + c] - m);
    out[outOffset + c] = e;
    s += e;
  }
  for (let c = 0; c < k; c++) out[outOffset + c] /= s;
}

export function softmax(z: ArrayLike<number>): number[] {
  const out: number[] = new Array<number>(z.length);
  softmaxInto(z, 0, z.length, out, 0);
  return out;
}
