/**
 * Output units (MATH.md §2) and losses (§3), each unit's f beside its f′, and
 * each (unit, loss) pair's loss beside its ∂L/∂z. A "head" is the pair: the part
 * of the network after z.
 */
import { EN, type Translate } from '../i18n';
import type { LossName, OutputUnitName } from './experiment';
import { sigmoid, sigmoidDerivative, softplus } from './scalar';

/** A factor below this (|∂ŷ/∂z|) counts as saturated: the chain diagram's "vanishing" mark. */
export const SATURATION_THRESHOLD = 1e-3;
/** PyTorch BCELoss clamps each log at −100 … */
export const LOG_CLAMP = -100;
/** … and divides by max(ŷ(1−ŷ), 10⁻¹²) in its gradient. */
export const BCE_EPSILON = 1e-12;

/** A scalar output unit ŷ = f(z) with its derivative f′(z). */
export interface ScalarUnit {
  name: Exclude<OutputUnitName, 'softmax'>;
  f(z: number): number;
  der(z: number): number;
}

export const SCALAR_UNIT: Record<ScalarUnit['name'], ScalarUnit> = {
  linear: { name: 'linear', f: (z) => z, der: () => 1 },
  // Inclusive ends, as PyTorch's clamp: f′(0) = f′(1) = 1.
  clipped: { name: 'clipped', f: (z) => (z < 0 ? 0 : z > 1 ? 1 : z), der: (z) => (z >= 0 && z <= 1 ? 1 : 0) },
  sigmoid: { name: 'sigmoid', f: sigmoid, der: sigmoidDerivative },
};

export const LOSS_LABEL: Record<LossName, string> = { nll: 'NLL', mse: 'MSE' };

/** Whether a (unit, loss) pair is defined; nll needs ŷ ∈ [0, 1]. */
export function headProblem(unit: OutputUnitName, loss: LossName, t: Translate = EN): string | null {
  if (unit === 'linear' && loss === 'nll') return t('v.linearNll');
  return null;
}

/** The chain-rule factors of one example at a scalar head: ∂L/∂z = ∂L/∂ŷ · ∂ŷ/∂z. */
export interface ScalarChain {
  z: number;
  yhat: number;
  loss: number;
  dLdyhat: number;
  dyhatdz: number;
  dLdz: number;
}

/** log clamped below at −100, as PyTorch's BCELoss. */
function clampedLog(v: number): number {
  const l = Math.log(v);
  return l < LOG_CLAMP ? LOG_CLAMP : l;
}

/**
 * Every factor of a scalar head for one example with label y ∈ {0, 1}.
 * ∂L/∂z is computed in its closed form where one exists (σ(z) − y for sigmoid +
 * NLL), so it stays finite where ∂L/∂ŷ · ∂ŷ/∂z would be ∞ · 0.
 */
export function scalarChain(unit: ScalarUnit['name'], loss: LossName, z: number, y: number): ScalarChain {
  const u = SCALAR_UNIT[unit];
  const yhat = u.f(z);
  const dyhatdz = u.der(z);
  if (loss === 'mse') {
    const dLdyhat = 2 * (yhat - y);
    return { z, yhat, loss: (yhat - y) * (yhat - y), dLdyhat, dyhatdz, dLdz: product(dLdyhat, dyhatdz) };
  }
  if (unit === 'sigmoid') {
    // L = ζ((1−2y)z); ∂L/∂z = σ(z) − y, written as −σ(−z) for y = 1 to keep its digits.
    // ∂L/∂ŷ = −1/ŷ = −(1 + e^(−z)) for y = 1 and 1/(1−ŷ) = 1 + e^z for y = 0.
    return y === 1
      ? { z, yhat, loss: softplus(-z), dLdyhat: -(1 + Math.exp(-z)), dyhatdz, dLdz: -sigmoid(-z) }
      : { z, yhat, loss: softplus(z), dLdyhat: 1 + Math.exp(z), dyhatdz, dLdz: sigmoid(z) };
  }
  // clipped (or linear, rejected earlier) with NLL: PyTorch's BCELoss conventions.
  const l = y === 1 ? -clampedLog(yhat) : -clampedLog(1 - yhat);
  const dLdyhat = (yhat - y) / Math.max(yhat * (1 - yhat), BCE_EPSILON);
  return { z, yhat, loss: l, dLdyhat, dyhatdz, dLdz: product(dLdyhat, dyhatdz) };
}

/** ∂L/∂ŷ · ∂ŷ/∂z, exactly +0 where the unit is flat (no −0, and never ∞ · 0 = NaN). */
function product(dLdyhat: number, dyhatdz: number): number {
  return dyhatdz === 0 ? 0 : dLdyhat * dyhatdz;
}

/** The factors of one example at a softmax head over K logits. */
export interface VectorChain {
  z: number[];
  yhat: number[];
  loss: number;
  dLdyhat: number[];
  /** The K×K Jacobian ∂ŷ_c/∂z_d = ŷ_c([c=d] − ŷ_d), row-major. */
  jacobian: number[];
  dLdz: number[];
}

export function softmaxChain(loss: LossName, z: ArrayLike<number>, y: number): VectorChain {
  const k = z.length;
  const zz = Array.from(z);
  const yhat = new Float64Array(k);
  const dLdz = new Float64Array(k);
  const l = evalSoftmaxHead(
    loss === 'nll' ? HEAD_SOFTMAX_NLL : HEAD_SOFTMAX_MSE,
    zz,
    0,
    k,
    y,
    yhat,
    0,
    dLdz,
    0,
  );
  const dLdyhat: number[] = [];
  for (let c = 0; c < k; c++) {
    dLdyhat.push(loss === 'nll' ? (c === y ? -1 / yhat[c] : 0) : (2 / k) * (yhat[c] - (c === y ? 1 : 0)));
  }
  const jacobian: number[] = [];
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) jacobian.push(yhat[c] * ((c === d ? 1 : 0) - yhat[d]));
  return { z: zz, yhat: Array.from(yhat), loss: l, dLdyhat, jacobian, dLdz: Array.from(dLdz) };
}

// Numeric head codes for the hot loops (no closures, no allocation).
export const HEAD_LINEAR_MSE = 0;
export const HEAD_CLIPPED_MSE = 1;
export const HEAD_CLIPPED_NLL = 2;
export const HEAD_SIGMOID_MSE = 3;
export const HEAD_SIGMOID_NLL = 4;
export const HEAD_SOFTMAX_MSE = 5;
export const HEAD_SOFTMAX_NLL = 6;

export function headCode(unit: OutputUnitName, loss: LossName): number {
  const p = headProblem(unit, loss);
  if (p) throw new Error(p);
  switch (unit) {
    case 'linear':
      return HEAD_LINEAR_MSE;
    case 'clipped':
      return loss === 'nll' ? HEAD_CLIPPED_NLL : HEAD_CLIPPED_MSE;
    case 'sigmoid':
      return loss === 'nll' ? HEAD_SIGMOID_NLL : HEAD_SIGMOID_MSE;
    case 'softmax':
      return loss === 'nll' ? HEAD_SOFTMAX_NLL : HEAD_SOFTMAX_MSE;
  }
}

/** Result flags of `evalHead`, packed in one small integer. */
export const FLAG_CORRECT = 1;
export const FLAG_SATURATED = 2;

/**
 * The hot-loop form of a head: from z (k values at z[zo]) and label y, writes ŷ
 * and ∂L/∂z, returns L. `flags[0]` receives FLAG_CORRECT | FLAG_SATURATED.
 * Same numbers as `scalarChain` / `softmaxChain` (tests hold them equal).
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
): number {
  if (code >= HEAD_SOFTMAX_MSE) {
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
    default: // HEAD_LINEAR_MSE
      p = zz;
      der = 1;
      l = (zz - y) * (zz - y);
      g = 2 * (zz - y);
  }
  yhat[yo] = p;
  dz[dzo] = g;
  flags[0] = ((p > 0.5 ? 1 : 0) === y ? FLAG_CORRECT : 0) | (der < SATURATION_THRESHOLD ? FLAG_SATURATED : 0);
  return l;
}

/** Softmax heads: writes ŷ and ∂L/∂z, returns L. */
function evalSoftmaxHead(
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
