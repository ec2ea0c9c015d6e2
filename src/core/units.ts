/**
 * Every output unit described once (MATH.md §2–§4): f beside f′, the losses it
 * pairs with (each L beside its ∂L/∂z, in stable forms), its symbols and TeX,
 * the range its plots use, and the notes the chain diagram writes when one of
 * its factors chokes the gradient. Training, surfaces, drawings, the editor
 * and the lessons read these records; nothing else names a unit.
 *
 * A scalar unit is data plus functions of z, so a unit typed as a formula can
 * produce the same record: `scalarUnit({...})` fills in the losses from f and f′
 * and the hot loops fall back to a generic kernel when no specialised one is named.
 */
import { EN, type MessageKey, type Params, type Translate } from '../i18n';
import type {
  FormulaLossSpec,
  FormulaUnitSpec,
  LossName,
  LossSpec,
  OutputSpec,
  OutputUnitName,
  VariantSpec,
} from './experiment';
import type { LossFormula, UnitFormula } from './formula';
import { formulaHead, unitFormulaOf, type FormulaHead } from './formula/head';
import { sci } from './format';
import {
  BCE_EPSILON,
  evalSoftmaxHead,
  HEAD_CLIPPED_MSE,
  HEAD_CLIPPED_NLL,
  HEAD_GENERIC,
  HEAD_LINEAR_MSE,
  HEAD_SIGMOID_MSE,
  HEAD_SIGMOID_NLL,
  HEAD_SOFTMAX_MSE,
  HEAD_SOFTMAX_NLL,
  LOG_CLAMP,
  SATURATION_THRESHOLD,
} from './heads';
import { sigmoid, sigmoidDerivative, softplus } from './scalar';

/** A loss paired with a scalar unit: L(z; y), ∂L/∂ŷ and ∂L/∂z, each finite wherever the value is. */
export interface ScalarLoss {
  loss(z: number, y: number): number;
  dLdyhat(z: number, y: number): number;
  /** In closed form where one exists (σ(z) − y for sigmoid + NLL), never ∞ · 0. */
  dLdz(z: number, y: number): number;
  /** The hot loops' specialised kernel (HEAD_*), or HEAD_GENERIC: the functions above, example by example. */
  kernel: number;
  /** The loss cancels f′'s flat tails (log of an exp): the unit plots' summary says so. */
  cancelsFlat: boolean;
  /** L in TeX for label y, in ŷ and y. */
  texLoss(y: number): string;
  /** ∂L/∂z in TeX with the example's numbers (`n` formats a number, `d` is f′'s TeX). */
  texGrad(f: ScalarFactors, n: (v: number) => string, d: string): string;
}

/** The factors of one example at a scalar unit. */
export interface ScalarFactors {
  z: number;
  y: number;
  yhat: number;
  loss: number;
  dLdyhat: number;
  dyhatdz: number;
  dLdz: number;
}

/** A sentence for a factor that chokes the gradient, as a message of the catalogues. */
export interface UnitNote {
  /** Which factor: 'f′(z)', 'σ′(z)', '∂L/∂z', … */
  factor: string;
  value: number;
  key: MessageKey;
  params: Params;
}

interface UnitCommon {
  /** The built-in unit's name, or a typed unit's own name. */
  name: string;
  /** ŷ as plot titles write it: 'σ(z)'. */
  symbol: string;
  /** f′ as the chain diagram labels its edge: 'σ′(z)'. */
  derSymbol: string;
  /** f applied to `arg` in TeX: '\\sigma(arg)'. */
  tex(arg: string): string;
  /** f′(z) in TeX. */
  texDer: string;
  /** The values f takes: the y-range of the f(z) plot (infinite ends: the plot's z-range). */
  range: [number, number];
  /** The catalogue's reason for each loss the unit cannot pair with. */
  problems: Partial<Record<LossName, MessageKey>>;
}

export interface ScalarUnit extends UnitCommon {
  vector: false;
  f(z: number): number;
  der(z: number): number;
  losses: Partial<Record<LossName, ScalarLoss>>;
  /** The unit's own notes for an example (hidden layers are the chain's business). */
  notes(f: ScalarFactors, loss: LossSpec): UnitNote[];
  /** A unit typed as a formula (issue 19): the compiled formula, its TeX and its remarks. */
  typed?: UnitFormula;
}

/** The factors of one example at a vector unit over K logits. */
export interface VectorFactors {
  z: number[];
  y: number;
  yhat: number[];
  loss: number;
  dLdyhat: number[];
  /** The K×K Jacobian ∂ŷ_c/∂z_d, row-major. */
  jacobian: number[];
  dLdz: number[];
}

export interface VectorUnit extends UnitCommon {
  vector: true;
  /** Every factor of one example with label y over the logits z. */
  factors(loss: LossName, z: ArrayLike<number>, y: number): VectorFactors;
  kernels: Record<LossName, number>;
  notes(f: VectorFactors, loss: LossName): UnitNote[];
  /** ŷ, L and ∂L/∂z in TeX with the example's numbers (`n` formats a number). */
  texLines(f: VectorFactors, loss: LossName, n: (v: number) => string): string[];
  cancelsFlat: Record<LossName, boolean>;
}

export type OutputUnit = ScalarUnit | VectorUnit;

/** log clamped below at −100, as PyTorch's BCELoss. */
export function clampedLog(v: number): number {
  const l = Math.log(v);
  return l < LOG_CLAMP ? LOG_CLAMP : l;
}

/** ∂L/∂ŷ · ∂ŷ/∂z, exactly +0 where the unit is flat (no −0, and never ∞ · 0 = NaN). */
export function product(dLdyhat: number, dyhatdz: number): number {
  return dyhatdz === 0 ? 0 : dLdyhat * dyhatdz;
}

const vec = (vs: number[], n: (v: number) => string): string => `(${vs.map(n).join(',\\ ')})`;
const paren = (v: number, n: (v: number) => string): string => (v < 0 ? `(${n(v)})` : n(v));

/** L = (ŷ − y)² for any f. */
export function mseLoss(
  f: (z: number) => number,
  der: (z: number) => number,
  kernel = HEAD_GENERIC,
): ScalarLoss {
  return {
    loss: (z, y) => (f(z) - y) * (f(z) - y),
    dLdyhat: (z, y) => 2 * (f(z) - y),
    dLdz: (z, y) => product(2 * (f(z) - y), der(z)),
    kernel,
    cancelsFlat: false,
    texLoss: () => '(\\hat y - y)^2',
    texGrad: (v, n, d) =>
      `2(\\hat y - y)\\, ${d} = 2(${n(v.yhat)} - ${v.y}) \\cdot ${n(v.dyhatdz)} = ${n(v.dLdz)}`,
  };
}

/** L = −log ŷ or −log(1 − ŷ) for any f into [0, 1], with PyTorch BCELoss's clamp and ε. */
export function bceLoss(
  f: (z: number) => number,
  der: (z: number) => number,
  kernel = HEAD_GENERIC,
): ScalarLoss {
  const dLdyhat = (z: number, y: number): number => {
    const p = f(z);
    return (p - y) / Math.max(p * (1 - p), BCE_EPSILON);
  };
  return {
    loss: (z, y) => (y === 1 ? -clampedLog(f(z)) : -clampedLog(1 - f(z))),
    dLdyhat,
    dLdz: (z, y) => product(dLdyhat(z, y), der(z)),
    kernel,
    cancelsFlat: false,
    texLoss: (y) => `-\\log ${y === 1 ? '\\hat y' : '(1 - \\hat y)'}`,
    texGrad: (v, n, d) =>
      `\\frac{\\partial L}{\\partial \\hat y}\\, ${d} = ${paren(v.dLdyhat, n)} \\cdot ${n(v.dyhatdz)} = ${n(v.dLdz)}`,
  };
}

/** What a formula (or a record below) gives to describe a scalar unit. */
export interface ScalarUnitSpec {
  name: string;
  f(z: number): number;
  der(z: number): number;
  symbol: string;
  derSymbol: string;
  tex(arg: string): string;
  texDer: string;
  range: [number, number];
  /** Losses in other forms than the generic ones (closed forms, specialised kernels). */
  losses?: Partial<Record<LossName, ScalarLoss>>;
  notes?(f: ScalarFactors, loss: LossSpec): UnitNote[];
}

/** A scalar unit from f and f′: MSE always; NLL when f maps into [0, 1]. */
export function scalarUnit(s: ScalarUnitSpec): ScalarUnit {
  const probability = s.range[0] >= 0 && s.range[1] <= 1;
  const losses: Partial<Record<LossName, ScalarLoss>> = { mse: mseLoss(s.f, s.der) };
  if (probability) losses.nll = bceLoss(s.f, s.der);
  return {
    vector: false,
    name: s.name,
    f: s.f,
    der: s.der,
    symbol: s.symbol,
    derSymbol: s.derSymbol,
    tex: s.tex,
    texDer: s.texDer,
    range: s.range,
    losses: { ...losses, ...s.losses },
    problems: probability ? {} : { nll: 'v.linearNll' },
    notes: s.notes ?? flatNotes(s.derSymbol),
  };
}

const tiny = (g: number): boolean => Math.abs(g) < SATURATION_THRESHOLD;

/** The generic notes: f′ exactly 0 (nothing flows back), or below the threshold. */
function flatNotes(der: string): ScalarUnit['notes'] {
  return (f) => {
    if (f.dyhatdz === 0) return [{ factor: der, value: 0, key: 'note.flat', params: { z: sci(f.z) } }];
    if (tiny(f.dyhatdz))
      return [{ factor: der, value: f.dyhatdz, key: 'note.saturatedUnit', params: { v: sci(f.dyhatdz) } }];
    return [];
  };
}

const clip = (z: number): number => (z < 0 ? 0 : z > 1 ? 1 : z);
// Inclusive ends, as PyTorch's clamp: f′(0) = f′(1) = 1.
const clipDer = (z: number): number => (z >= 0 && z <= 1 ? 1 : 0);

const LINEAR = scalarUnit({
  name: 'linear',
  f: (z) => z,
  der: () => 1,
  symbol: 'z',
  derSymbol: 'f′(z)',
  tex: () => 'z',
  texDer: "f'(z)",
  range: [-Infinity, Infinity],
  losses: {
    mse: mseLoss(
      (z) => z,
      () => 1,
      HEAD_LINEAR_MSE,
    ),
  },
  notes: () => [],
});

const CLIPPED = scalarUnit({
  name: 'clipped',
  f: clip,
  der: clipDer,
  symbol: 'clip(z)',
  derSymbol: 'f′(z)',
  tex: () => '\\max\\{0, \\min\\{1, z\\}\\}',
  texDer: "f'(z)",
  range: [0, 1],
  losses: { mse: mseLoss(clip, clipDer, HEAD_CLIPPED_MSE), nll: bceLoss(clip, clipDer, HEAD_CLIPPED_NLL) },
  notes: (f) => {
    if (f.dyhatdz === 0)
      return [{ factor: 'f′(z)', value: 0, key: 'note.clippedFlat', params: { z: sci(f.z) } }];
    if (tiny(f.dLdz) && f.dLdz !== 0)
      return [{ factor: '∂L/∂z', value: f.dLdz, key: 'note.clippedRight', params: { v: sci(f.dLdz) } }];
    return [];
  },
});

/** Sigmoid + NLL: L = ζ((1−2y)z), ∂L/∂z = σ(z) − y (written −σ(−z) for y = 1 to keep its digits). */
const SIGMOID_NLL: ScalarLoss = {
  loss: (z, y) => (y === 1 ? softplus(-z) : softplus(z)),
  // ∂L/∂ŷ = −1/ŷ = −(1 + e^(−z)) for y = 1 and 1/(1−ŷ) = 1 + e^z for y = 0.
  dLdyhat: (z, y) => (y === 1 ? -(1 + Math.exp(-z)) : 1 + Math.exp(z)),
  dLdz: (z, y) => (y === 1 ? -sigmoid(-z) : sigmoid(z)),
  kernel: HEAD_SIGMOID_NLL,
  cancelsFlat: true,
  texLoss: (y) => `-\\log ${y === 1 ? '\\hat y' : '(1 - \\hat y)'}`,
  texGrad: (v, n, d) =>
    `\\frac{\\partial L}{\\partial \\hat y}\\, ${d} = \\hat y - y = ${n(v.yhat)} - ${v.y} = ${n(v.dLdz)}`,
};

const SIGMOID = scalarUnit({
  name: 'sigmoid',
  f: sigmoid,
  der: sigmoidDerivative,
  symbol: 'σ(z)',
  derSymbol: 'σ′(z)',
  tex: (a) => `\\sigma(${a})`,
  texDer: "\\sigma'(z)",
  range: [0, 1],
  losses: { nll: SIGMOID_NLL, mse: mseLoss(sigmoid, sigmoidDerivative, HEAD_SIGMOID_MSE) },
  notes: (f, loss) => {
    const d = f.dyhatdz;
    if (!tiny(d)) return [];
    const right = (f.yhat >= 0.5 ? 1 : 0) === f.y;
    if (loss === 'mse')
      return [
        {
          factor: 'σ′(z)',
          value: d,
          key: right ? 'note.sigmoidRight' : 'note.sigmoidMse',
          params: { v: sci(d) },
        },
      ];
    if (Math.abs(f.yhat - f.y) < SATURATION_THRESHOLD)
      return [
        { factor: '∂L/∂z', value: Math.abs(f.yhat - f.y), key: 'note.nllRight', params: { v: sci(f.dLdz) } },
      ];
    return [{ factor: 'σ′(z)', value: d, key: 'note.nllCancel', params: { v: sci(d), g: sci(f.dLdz) } }];
  },
});

/** Softmax over K logits, with NLL (L = logsumexp(z) − z_y) or MSE against the one-hot target. */
const SOFTMAX: VectorUnit = {
  vector: true,
  name: 'softmax',
  symbol: 'σ(z₁−z₀)',
  derSymbol: 'ŷ(1−ŷ)',
  tex: (a) => `\\mathrm{softmax}(${a})`,
  texDer: '\\hat y (1 - \\hat y)',
  range: [0, 1],
  problems: {},
  kernels: { nll: HEAD_SOFTMAX_NLL, mse: HEAD_SOFTMAX_MSE },
  cancelsFlat: { nll: true, mse: false },
  factors(loss, z, y) {
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
    return { z: zz, y, yhat: Array.from(yhat), loss: l, dLdyhat, jacobian, dLdz: Array.from(dLdz) };
  },
  notes(f, loss) {
    const k = f.z.length;
    const err = Math.max(...f.yhat.map((p, c) => Math.abs(p - (c === f.y ? 1 : 0))));
    const jac = Math.max(...f.yhat.map((_, c) => Math.abs(f.jacobian[c * k + c])));
    if (loss === 'nll') {
      if (err < SATURATION_THRESHOLD)
        return [{ factor: '∂L/∂z', value: err, key: 'note.softmaxRight', params: { v: sci(err) } }];
      if (jac < SATURATION_THRESHOLD)
        return [{ factor: 'ŷ(1 − ŷ)', value: jac, key: 'note.softmaxCancel', params: { v: sci(jac) } }];
      return [];
    }
    const value = Math.max(...f.dLdz.map(Math.abs));
    if (value >= SATURATION_THRESHOLD) return [];
    const right = f.yhat.indexOf(Math.max(...f.yhat)) === f.y;
    const n: UnitNote = right
      ? { factor: '∂L/∂z', value, key: 'note.softmaxMseRight', params: {} }
      : { factor: '∂L/∂z', value, key: 'note.softmaxMse', params: { v: sci(jac) } };
    return [n];
  },
  texLines(f, loss, n) {
    const onehot = f.yhat.map((_, c) => (c === f.y ? 1 : 0));
    return [
      `\\hat{\\mathbf y} = \\mathrm{softmax}(\\mathbf z) = \\mathrm{softmax}${vec(f.z, n)} = ${vec(f.yhat, n)}`,
      loss === 'nll'
        ? `L = -\\log \\hat y_{y} = -\\log ${n(f.yhat[f.y])} = ${n(f.loss)}`
        : `L = \\tfrac{1}{K}\\lVert \\hat{\\mathbf y} - \\mathrm{onehot}(y) \\rVert^2 = ${n(f.loss)}`,
      loss === 'nll'
        ? `\\frac{\\partial L}{\\partial \\mathbf z} = \\hat{\\mathbf y} - \\mathrm{onehot}(y) = ${vec(f.yhat, n)} - ${vec(onehot, n)} = ${vec(f.dLdz, n)}`
        : `\\frac{\\partial L}{\\partial \\mathbf z} = J_{\\mathrm{softmax}}^{\\top} \\frac{\\partial L}{\\partial \\hat{\\mathbf y}} = ${vec(f.dLdz, n)}`,
    ];
  },
};

/** Every output unit of the file format, by name: a name without a record here does not typecheck. */
export const OUTPUT_UNIT: Record<OutputUnitName, OutputUnit> = {
  linear: LINEAR,
  clipped: CLIPPED,
  sigmoid: SIGMOID,
  softmax: SOFTMAX,
};

/** Records of typed units (issue 19), by name and formula: compiled once. */
const TYPED_UNITS = new Map<string, ScalarUnit>();

/**
 * A unit typed as a formula: a scalar record from f and its exact, symbolic f′,
 * with nll (PyTorch BCELoss's conventions on f) and mse = (f − y)², both run by
 * the formula's chunk kernel in the hot loop.
 */
function typedUnit(spec: FormulaUnitSpec): ScalarUnit {
  const key = `${spec.name}\u0000${spec.f}`;
  const hit = TYPED_UNITS.get(key);
  if (hit) return hit;
  const uf = unitFormulaOf(spec);
  const f = uf.value;
  const der = uf.slope;
  const u = scalarUnit({
    name: spec.name,
    f,
    der,
    symbol: 'f(z)',
    derSymbol: 'f′(z)',
    tex: (a) => (a === 'z' ? uf.tex : `f(${a})`),
    texDer: "f'(z)",
    range: [0, 1],
    losses: { nll: bceLoss(f, der), mse: mseLoss(f, der) },
  });
  u.typed = uf;
  if (TYPED_UNITS.size > 64) TYPED_UNITS.clear();
  TYPED_UNITS.set(key, u);
  return u;
}

/** The unit's record (a typed unit's is built from its formula); an unknown name throws instead of falling back. */
export function unitOf(spec: OutputSpec | string): OutputUnit {
  if (typeof spec === 'object') return typedUnit(spec);
  const u = (OUTPUT_UNIT as Record<string, OutputUnit | undefined>)[spec];
  if (!u) throw new Error(`unknown output unit "${spec}"`);
  return u;
}

export function scalarUnitOf(spec: OutputSpec | string): ScalarUnit {
  const u = unitOf(spec);
  if (u.vector) throw new Error(`the ${u.name} unit is vector-valued`);
  return u;
}

/** Logits per example: K for a vector unit, 1 for a scalar one (typed units are scalar). */
export function outputWidth(unit: OutputSpec, classes: number): number {
  return unitOf(unit).vector ? classes : 1;
}

export const LOSS_LABEL: Record<LossName, string> = { nll: 'NLL', mse: 'MSE' };

/** A loss as people read it: "NLL", "MSE", or a typed loss's own name. */
export function lossLabel(loss: LossSpec): string {
  return typeof loss === 'object' ? loss.name : LOSS_LABEL[loss];
}

/** Why a (unit, loss) pair is not defined, in the reader's language; null when it is. */
export function headProblem(unit: OutputSpec, loss: LossSpec, t: Translate = EN): string | null {
  const u = unitOf(unit);
  if (typeof loss === 'object') return u.vector ? t('v.formulaLossSoftmax') : null;
  const key = u.problems[loss];
  return key ? t(key) : null;
}

/** A typed loss over a scalar unit: L(f(z), y, z) and its exact partial derivatives. */
function typedLoss(u: ScalarUnit, spec: FormulaLossSpec): ScalarLoss {
  const h = formulaHead({ f: u.f, der: u.der }, spec);
  const lf = h.lossFormula as LossFormula;
  return {
    loss: h.loss,
    dLdyhat: h.dLdyhat,
    dLdz: h.dLdz,
    kernel: HEAD_GENERIC,
    cancelsFlat: false,
    texLoss: () => lf.tex,
    texGrad: (v, n, d) =>
      `\\frac{\\partial L}{\\partial \\hat y}\\, ${d}${lf.usesZ ? ' + \\frac{\\partial L}{\\partial z}' : ''} = ${n(v.dLdz)}`,
  };
}

/** The scalar loss of a pair, or a thrown error naming why the pair is not defined. */
export function scalarLossOf(u: ScalarUnit, loss: LossSpec): ScalarLoss {
  if (typeof loss === 'object') return typedLoss(u, loss);
  const l = u.losses[loss];
  if (!l) {
    const key = u.problems[loss];
    throw new Error(key ? EN(key) : `no ${loss} for the ${u.name} unit`);
  }
  return l;
}

/** The hot-loop kernel of a pair (HEAD_GENERIC: the record's functions, or a typed head's chunk kernel). */
export function headCode(unit: OutputSpec, loss: LossSpec): number {
  const u = unitOf(unit);
  if (typeof loss === 'object') {
    if (u.vector) throw new Error(headProblem(unit, loss) ?? 'a typed loss needs a scalar unit');
    return HEAD_GENERIC;
  }
  return u.vector ? u.kernels[loss] : scalarLossOf(u, loss).kernel;
}

/**
 * The head of a pair where the unit or the loss is typed (issue 19), which the
 * network runs a chunk at a time; null for built-in pairs (their own kernels).
 */
export function typedHead(unit: OutputSpec, loss: LossSpec): FormulaHead | null {
  if (typeof unit !== 'object' && typeof loss !== 'object') return null;
  const u = unitOf(unit);
  if (u.vector) throw new Error(headProblem(unit, loss) ?? 'a typed loss needs a scalar unit');
  return formulaHead(typeof unit === 'object' ? unit : { f: u.f, der: u.der }, loss);
}

/**
 * f, f′ and L of a pair for the editor's preview, or null where the pair does not
 * exist (a vector unit, a formula that does not read).
 */
export function previewHead(
  unit: OutputSpec,
  loss: LossSpec,
): { f(z: number): number; der(z: number): number; loss(z: number, y: number): number } | null {
  try {
    if (headProblem(unit, loss) !== null) return null;
    const u = unitOf(unit);
    if (u.vector) return null;
    const l = scalarLossOf(u, loss);
    return { f: u.f, der: u.der, loss: l.loss };
  } catch {
    return null;
  }
}

/**
 * Every factor of a scalar unit for one example with label y ∈ {0, 1}:
 * ∂L/∂z = ∂L/∂ŷ · ∂ŷ/∂z, in the loss's closed form where it has one.
 */
export function scalarChain(unit: OutputSpec | string, loss: LossSpec, z: number, y: number): ScalarFactors {
  const u = scalarUnitOf(unit);
  const l = scalarLossOf(u, loss);
  return {
    z,
    y,
    yhat: u.f(z),
    loss: l.loss(z, y),
    dLdyhat: l.dLdyhat(z, y),
    dyhatdz: u.der(z),
    dLdz: l.dLdz(z, y),
  };
}

/** The factors of one example at a vector unit over K logits. */
export function softmaxChain(loss: LossName, z: ArrayLike<number>, y: number): VectorFactors {
  return SOFTMAX.factors(loss, z, y);
}

/**
 * ŷ, L, ∂L/∂z and ∂ŷ/∂z at one scalar z, what the unit plots draw: a vector
 * unit with two classes over the logits (−z/2, z/2), the same thing.
 */
export function unitAt(unit: OutputSpec, loss: LossSpec, z: number, y: number) {
  const u = unitOf(unit);
  if (u.vector) {
    const c = u.factors(builtinLoss(loss), [-z / 2, z / 2], y);
    return {
      yhat: c.yhat[1],
      loss: c.loss,
      dLdz: (c.dLdz[1] - c.dLdz[0]) / 2,
      dyhatdz: c.yhat[1] * (1 - c.yhat[1]),
    };
  }
  const c = scalarChain(unit, loss, z, y);
  return { yhat: c.yhat, loss: c.loss, dLdz: c.dLdz, dyhatdz: c.dyhatdz };
}

/** A built-in loss's name, or a thrown error (vector units take built-in losses only). */
export function builtinLoss(loss: LossSpec): LossName {
  if (typeof loss === 'object') throw new Error('a typed loss needs a scalar unit');
  return loss;
}

/** Whether the loss cancels the unit's flat tails (the unit plots' summary). */
export function cancelsFlat(unit: OutputSpec, loss: LossSpec): boolean {
  const u = unitOf(unit);
  if (typeof loss === 'object') return false;
  return u.vector ? u.cancelsFlat[loss] : (u.losses[loss]?.cancelsFlat ?? false);
}

/** A variant of one unit and loss, named as the file names it ("sigmoid + NLL"); an undefined pair throws. */
export function pairVariant(output: OutputUnitName, loss: LossName): VariantSpec {
  headCode(output, loss);
  return { name: `${output} + ${LOSS_LABEL[loss]}`, model: { output }, loss };
}
