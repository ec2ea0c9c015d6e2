/**
 * The hot-loop kernels of the output units (MATH.md §2–§4): from z and a label,
 * ŷ, L and ∂L/∂z without closures or allocation. Which kernel a (unit, loss)
 * pair runs is named by its record in `units.ts`; these are the same numbers
 * (tests hold them equal), written for speed.
 */

/** A factor below this (|∂ŷ/∂z|, or any factor of the chain) counts as saturated: the "vanishing" mark. */
export const SATURATION_THRESHOLD = 1e-3;
/** PyTorch BCELoss clamps each log at −100 … */
export const LOG_CLAMP = -100;
/** … and divides by max(ŷ(1−ŷ), 10⁻¹²) in its gradient. */
export const BCE_EPSILON = 1e-12;

// Numeric kernel codes for the hot loops.
export const HEAD_LINEAR_MSE = 0;
export const HEAD_CLIPPED_MSE = 1;
export const HEAD_CLIPPED_NLL = 2;
export const HEAD_SIGMOID_MSE = 3;
export const HEAD_SIGMOID_NLL = 4;
export const HEAD_SOFTMAX_MSE = 5;
export const HEAD_SOFTMAX_NLL = 6;
/** A scalar unit without a kernel of its own: its record's f, f′, L and ∂L/∂z. */
export const HEAD_GENERIC = 7;

/** What the generic kernel calls (a scalar unit's record and loss). */
export interface GenericHead {
  f(z: number): number;
  der(z: number): number;
  loss(z: number, y: number): number;
  dLdz(z: number, y: number): number;
}

/** Result flags of `evalHead`, packed in one small integer. */
export const FLAG_CORRECT = 1;
export const FLAG_SATURATED = 2;

function clampedLog(v: number): number {
  const l = Math.log(v);
  return l < LOG_CLAMP ? LOG_CLAMP : l;
}

/**
 * The hot-loop form of a head: from z (k values at z[zo]) and label y, writes ŷ
 * and ∂L/∂z, returns L. `flags[0]` receives FLAG_CORRECT | FLAG_SATURATED.
 * `generic` is read by HEAD_GENERIC only.
 */
export function evalHead(
  code: number,
  z: ArrayLike<number>,
  zo: number,
  k: number,
  y: number,
  yhat: Float64Array,
  yo: number,
  dz: Float64Array,
  dzo: number,
  flags: Int32Array,
  generic: GenericHead | null = null,
): number {
  if (code === HEAD_SOFTMAX_MSE || code === HEAD_SOFTMAX_NLL) {
    const l = evalSoftmaxHead(code, z, zo, k, y, yhat, yo, dz, dzo);
    let best = 0;
    let maxDiag = 0;
    for (let c = 0; c < k; c++) {
      const p = yhat[yo + c];
      if (p > yhat[yo + best]) best = c;
      const d = p * (1 - p);
      if (d > maxDiag) maxDiag = d;
    }
    flags[0] = (best === y ? FLAG_CORRECT : 0) | (maxDiag < SATURATION_THRESHOLD ? FLAG_SATURATED : 0);
    return l;
  }
  const zz = z[zo];
  let p: number, der: number, l: number, g: number;
  switch (code) {
    case HEAD_SIGMOID_NLL: {
      // One exp serves σ(z), σ(−z) and the softplus: e = e^(−|z|).
      const e = Math.exp(-Math.abs(zz));
      const big = 1 / (1 + e); // σ(|z|)
      const small = e / (1 + e); // σ(−|z|)
      p = zz >= 0 ? big : small;
      der = big * small;
      const a = y === 1 ? -zz : zz; // L = ζ((1−2y)z)
      l = (a > 0 ? a : 0) + Math.log1p(e);
      g = y === 1 ? -(zz >= 0 ? small : big) : p; // σ(z) − y
      break;
    }
    case HEAD_SIGMOID_MSE: {
      const e = Math.exp(-Math.abs(zz));
      const big = 1 / (1 + e);
      const small = e / (1 + e);
      p = zz >= 0 ? big : small;
      der = big * small;
      l = (p - y) * (p - y);
      g = 2 * (p - y) * der;
      break;
    }
    case HEAD_CLIPPED_NLL: {
      p = zz < 0 ? 0 : zz > 1 ? 1 : zz;
      der = zz >= 0 && zz <= 1 ? 1 : 0;
      l = y === 1 ? -clampedLog(p) : -clampedLog(1 - p);
      const d = p * (1 - p);
      g = der === 0 ? 0 : (p - y) / (d > BCE_EPSILON ? d : BCE_EPSILON);
      break;
    }
    case HEAD_CLIPPED_MSE:
      p = zz < 0 ? 0 : zz > 1 ? 1 : zz;
      der = zz >= 0 && zz <= 1 ? 1 : 0;
      l = (p - y) * (p - y);
      g = der === 0 ? 0 : 2 * (p - y);
      break;
    case HEAD_LINEAR_MSE:
      p = zz;
      der = 1;
      l = (zz - y) * (zz - y);
      g = 2 * (zz - y);
      break;
    case HEAD_GENERIC:
      if (generic === null) throw new Error('the generic kernel needs its unit and loss');
      p = generic.f(zz);
      der = generic.der(zz);
      l = generic.loss(zz, y);
      g = generic.dLdz(zz, y);
      break;
    default:
      throw new Error(`unknown head kernel ${code}`);
  }
  yhat[yo] = p;
  dz[dzo] = g;
  flags[0] = ((p > 0.5 ? 1 : 0) === y ? FLAG_CORRECT : 0) | (der < SATURATION_THRESHOLD ? FLAG_SATURATED : 0);
  return l;
}

/** Softmax heads: writes ŷ and ∂L/∂z, returns L. */
export function evalSoftmaxHead(
  code: number,
  z: ArrayLike<number>,
  zo: number,
  k: number,
  y: number,
  yhat: Float64Array,
  yo: number,
  dz: Float64Array,
  dzo: number,
): number {
  let m = -Infinity;
  for (let c = 0; c < k; c++) if (z[zo + c] > m) m = z[zo + c];
  let s = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(z[zo + c] - m);
    yhat[yo + c] = e;
    s += e;
  }
  for (let c = 0; c < k; c++) yhat[yo + c] /= s;
  if (code === HEAD_SOFTMAX_NLL) {
    // L = logsumexp(z) − z_y; ∂L/∂z = ŷ − onehot(y), with 1 − ŷ_y summed from the other classes.
    let rest = 0;
    for (let c = 0; c < k; c++) {
      if (c !== y) {
        dz[dzo + c] = yhat[yo + c];
        rest += yhat[yo + c];
      }
    }
    dz[dzo + y] = -rest;
    return m + Math.log(s) - z[zo + y];
  }
  // MSE over K outputs against the one-hot target: L = (1/K) Σ (ŷ_c − t_c)².
  let l = 0;
  let dot = 0; // Σ_c ∂L/∂ŷ_c · ŷ_c
  for (let c = 0; c < k; c++) {
    const r = yhat[yo + c] - (c === y ? 1 : 0);
    l += r * r;
    dot += (2 / k) * r * yhat[yo + c];
  }
  for (let c = 0; c < k; c++) {
    const r = yhat[yo + c] - (c === y ? 1 : 0);
    dz[dzo + c] = yhat[yo + c] * ((2 / k) * r - dot);
  }
  return l / k;
}
