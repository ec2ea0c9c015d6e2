/**
 * A fully connected network as flat float64 arrays. Parameters are flattened
 * layer by layer from the input side, each layer's W[out][in] row-major and
 * then its b (the order `npm run sim` prints). `pass` is the one hot loop:
 * forward, head, and (optionally) backward for a range of examples.
 */
import { ACTIVATION_CODE } from './activations';
import type { ActivationName, InitSpec, LossSpec, OutputSpec } from './experiment';
import type { FormulaHead } from './formula/head';
import type { FormulaKernel } from './formula/kernel';
import {
  evalHead,
  FLAG_CORRECT,
  FLAG_SATURATED,
  type GenericHead,
  HEAD_GENERIC,
  HEAD_SIGMOID_NLL,
  SATURATION_THRESHOLD,
} from './heads';
import { createRng } from './rng';
import { headCode, scalarLossOf, typedHead, unitOf } from './units';

const CORRECT = FLAG_CORRECT;
const SATURATED = FLAG_SATURATED;

export interface Network {
  /** [inputs, ...hidden widths, output width]. */
  sizes: readonly number[];
  /** Number of weight layers (hidden + 1). */
  layers: number;
  /** Offset of layer l's W and b in the flat parameter vector. */
  wOff: Int32Array;
  bOff: Int32Array;
  paramCount: number;
  /** Offset of layer l's activations (l = 0: the input; l = layers: z) in a scratch buffer. */
  actOff: Int32Array;
  actTotal: number;
  activation: ActivationName;
  unit: OutputSpec;
  loss: LossSpec;
  /** Numeric codes for the hot loop (the head's kernel is named by the unit's record). */
  actCode: number;
  headCode: number;
  /** The unit's own functions, for a unit without a kernel of its own (HEAD_GENERIC); else null. */
  generic: GenericHead | null;
  /** K: logits at the output (1 for the scalar units). */
  width: number;
  /** A typed unit or loss (issue 19): its head, run a chunk at a time by `headChunk`; else null. */
  formula: FormulaHead | null;
}

/** f, f′, L and ∂L/∂z of a scalar unit's record, for the generic kernel. */
function genericHead(unit: OutputSpec, loss: LossSpec): GenericHead {
  const u = unitOf(unit);
  if (u.vector) throw new Error(`the ${u.name} unit has kernels of its own`);
  const l = scalarLossOf(u, loss);
  return { f: u.f, der: u.der, loss: l.loss, dLdz: l.dLdz };
}

export function createNetwork(
  sizes: readonly number[],
  activation: ActivationName,
  unit: OutputSpec,
  loss: LossSpec,
): Network {
  const layers = sizes.length - 1;
  const wOff = new Int32Array(layers);
  const bOff = new Int32Array(layers);
  const actOff = new Int32Array(layers + 1);
  let p = 0;
  let a = 0;
  for (let l = 0; l < layers; l++) {
    wOff[l] = p;
    p += sizes[l + 1] * sizes[l];
    bOff[l] = p;
    p += sizes[l + 1];
    actOff[l] = a;
    a += sizes[l];
  }
  actOff[layers] = a;
  a += sizes[layers];
  const code = headCode(unit, loss);
  const formula = typedHead(unit, loss);
  return {
    sizes: [...sizes],
    layers,
    wOff,
    bOff,
    paramCount: p,
    actOff,
    actTotal: a,
    activation,
    unit,
    loss,
    actCode: ACTIVATION_CODE[activation],
    headCode: code,
    generic: formula ?? (code === HEAD_GENERIC ? genericHead(unit, loss) : null),
    width: sizes[layers],
    formula,
  };
}

/** Name of parameter k, e.g. "W1[0][2]" or "b2[0]" (layers numbered from 1 at the input side). */
export function paramName(net: Network, k: number): string {
  for (let l = net.layers - 1; l >= 0; l--) {
    if (k >= net.bOff[l]) return `b${l + 1}[${k - net.bOff[l]}]`;
    if (k >= net.wOff[l]) {
      const r = k - net.wOff[l];
      const nin = net.sizes[l];
      return `W${l + 1}[${Math.floor(r / nin)}][${r % nin}]`;
    }
  }
  throw new RangeError(`no parameter ${k}`);
}

/** Initial parameters: seeded, from the 'init' stream, layer by layer, W row-major; biases 0. */
export function initParams(sizes: readonly number[], init: InitSpec, seed: number): Float64Array {
  const net = createNetwork(sizes, 'linear', 'linear', 'mse');
  const theta = new Float64Array(net.paramCount);
  if (init.kind === 'explicit') {
    init.layers.forEach((layer, l) => {
      layer.W.forEach((row, o) => row.forEach((w, j) => (theta[net.wOff[l] + o * sizes[l] + j] = w)));
      layer.b.forEach((b, o) => (theta[net.bOff[l] + o] = b));
    });
    return theta;
  }
  if (init.kind === 'zeros') return theta;
  const rng = createRng(seed, 'init');
  for (let l = 0; l < net.layers; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    // Glorot uniform U(−a, a), a = √(6/(in+out)); He normal N(0, 2/in).
    const a = Math.sqrt(6 / (nin + nout));
    const s = Math.sqrt(2 / nin);
    for (let k = 0; k < nin * nout; k++) {
      theta[net.wOff[l] + k] = init.kind === 'xavier' ? a * (2 * rng.uniform() - 1) : s * rng.normal();
    }
  }
  return theta;
}

/**
 * The same start for an output layer of another width: a scalar logit z becomes
 * the two softmax logits (−z/2, z/2), and softmax logits (z₀, z₁) become z₁ − z₀;
 * both give the same initial probabilities (softmax([0, z])₁ = σ(z)).
 */
export function adaptParams(sizes: readonly number[], theta: Float64Array, width: number): Float64Array {
  const from = sizes[sizes.length - 1];
  if (from === width) return theta.slice();
  const src = createNetwork(sizes, 'linear', 'linear', 'mse');
  const toSizes = [...sizes.slice(0, -1), width];
  const dst = createNetwork(toSizes, 'linear', 'linear', 'mse');
  const out = new Float64Array(dst.paramCount);
  const L = src.layers - 1;
  out.set(theta.subarray(0, src.wOff[L]));
  const nin = sizes[L];
  const w = src.wOff[L];
  const b = src.bOff[L];
  if (from === 1 && width === 2) {
    for (let j = 0; j < nin; j++) {
      out[dst.wOff[L] + j] = -theta[w + j] / 2;
      out[dst.wOff[L] + nin + j] = theta[w + j] / 2;
    }
    out[dst.bOff[L]] = -theta[b] / 2;
    out[dst.bOff[L] + 1] = theta[b] / 2;
  } else if (from === 2 && width === 1) {
    for (let j = 0; j < nin; j++) out[dst.wOff[L] + j] = theta[w + nin + j] - theta[w + j];
    out[dst.bOff[L]] = theta[b + 1] - theta[b];
  } else {
    throw new RangeError(`cannot adapt an output layer of width ${from} to ${width}`);
  }
  return out;
}

/** Examples processed together by `pass`: long inner loops, buffers that stay in cache. */
export const CHUNK = 128;

/** Scratch buffers of one network: reused by every pass, so the hot loop allocates nothing. */
export interface Workspace {
  /** CHUNK × actTotal: activations of every layer (layer l at CHUNK·actOff[l], example-major). */
  acts: Float64Array;
  /** CHUNK × actTotal: ∂L/∂u of every layer, same layout. */
  deltas: Float64Array;
  yhat: Float64Array;
  /** z and ∂L/∂z of one example, gathered for the softmax head. */
  zk: Float64Array;
  dk: Float64Array;
  flags: Int32Array;
  /** A typed head's chunk kernel (null for the built-in heads). */
  kernel: FormulaKernel | null;
}

export function createWorkspace(net: Network): Workspace {
  return {
    acts: new Float64Array(CHUNK * net.actTotal),
    deltas: new Float64Array(CHUNK * net.actTotal),
    yhat: new Float64Array(net.width),
    zk: new Float64Array(net.width),
    dk: new Float64Array(net.width),
    flags: new Int32Array(1),
    kernel: net.formula ? net.formula.kernel(CHUNK) : null,
  };
}

/** Totals of a pass: Σ L, and counts of correct, saturated-and-right, saturated-and-wrong examples. */
export interface PassTotals {
  loss: number;
  correct: number;
  saturatedRight: number;
  saturatedWrong: number;
}

export function emptyTotals(): PassTotals {
  return { loss: 0, correct: 0, saturatedRight: 0, saturatedWrong: 0 };
}

/** Per-example outputs a pass can also record (each n×K or n long, indexed by example). */
export interface PassRecord {
  z: Float64Array;
  yhat: Float64Array;
  dLdz: Float64Array;
  loss: Float64Array;
  flags: Uint8Array;
}

/**
 * A workspace per network for one-off passes (forwardRecord, the chain view):
 * reused, not reallocated on every call. Passes never nest, so sharing is safe.
 */
const SHARED = new WeakMap<Network, Workspace>();
export function sharedWorkspace(net: Network): Workspace {
  let ws = SHARED.get(net);
  if (!ws) SHARED.set(net, (ws = createWorkspace(net)));
  return ws;
}

/** Every example's forward values at θ (no gradient): z, ŷ, ∂L/∂z, L and flags of examples 0..n−1. */
export function forwardRecord(
  net: Network,
  theta: Float64Array,
  x: Float64Array,
  y: Int32Array,
  n: number,
): PassRecord {
  const K = net.width;
  const rec: PassRecord = {
    z: new Float64Array(n * K),
    yhat: new Float64Array(n * K),
    dLdz: new Float64Array(n * K),
    loss: new Float64Array(n),
    flags: new Uint8Array(n),
  };
  pass(net, theta, x, y, null, 0, n, null, sharedWorkspace(net), emptyTotals(), rec);
  return rec;
}

/** a = g(u) in place over buf[from..to). One small loop per activation keeps each call site simple. */
export function activateRange(code: number, buf: Float64Array, from: number, to: number): void {
  if (code === 3) tanhRange(buf, from, to);
  else if (code === 1) reluRange(buf, from, to);
  else if (code === 2) sigmoidRange(buf, from, to);
}

function tanhRange(buf: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) buf[k] = Math.tanh(buf[k]);
}

function reluRange(buf: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) if (buf[k] < 0) buf[k] = 0;
}

function sigmoidRange(buf: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const u = buf[k];
    if (u >= 0) buf[k] = 1 / (1 + Math.exp(-u));
    else {
      const e = Math.exp(u);
      buf[k] = e / (1 + e);
    }
  }
}

/** δ ← δ · g′(a) in place, g′ from the activation's output a (ReLU′(0) = 0). */
function scaleByDerivative(
  code: number,
  delta: Float64Array,
  acts: Float64Array,
  from: number,
  to: number,
): void {
  if (code === 1) {
    for (let k = from; k < to; k++) if (!(acts[k] > 0)) delta[k] = 0;
  } else if (code === 2) {
    for (let k = from; k < to; k++) delta[k] *= acts[k] * (1 - acts[k]);
  } else if (code === 3) {
    for (let k = from; k < to; k++) delta[k] *= 1 - acts[k] * acts[k];
  }
}

/**
 * out[e] = bias + Σ_j w[j]·src[j][e] for e < m, where w[j] = theta[w0 + j·stride] and
 * src[j] is the block at srcOff + j·C. Four terms per sweep (fewer loads and stores
 * of the running sum), added left to right as a plain loop would.
 */
function affineRow(
  theta: Float64Array,
  w0: number,
  bias: number,
  src: Float64Array,
  srcOff: number,
  count: number,
  C: number,
  out: Float64Array,
  outOff: number,
  m: number,
  stride: number,
): void {
  // The first sweep writes bias + up to four terms (no separate fill).
  const first = count < 4 ? count : 4;
  const a0 = first > 0 ? theta[w0] : 0;
  const b0 = first > 1 ? theta[w0 + stride] : 0;
  const c0 = first > 2 ? theta[w0 + 2 * stride] : 0;
  const d0 = first > 3 ? theta[w0 + 3 * stride] : 0;
  const t0 = srcOff;
  const t1 = t0 + C;
  const t2 = t1 + C;
  const t3 = t2 + C;
  if (first === 4) {
    for (let e = 0; e < m; e++) {
      out[outOff + e] = bias + a0 * src[t0 + e] + b0 * src[t1 + e] + c0 * src[t2 + e] + d0 * src[t3 + e];
    }
  } else if (first === 3) {
    for (let e = 0; e < m; e++)
      out[outOff + e] = bias + a0 * src[t0 + e] + b0 * src[t1 + e] + c0 * src[t2 + e];
  } else if (first === 2) {
    for (let e = 0; e < m; e++) out[outOff + e] = bias + a0 * src[t0 + e] + b0 * src[t1 + e];
  } else if (first === 1) {
    for (let e = 0; e < m; e++) out[outOff + e] = bias + a0 * src[t0 + e];
  } else {
    for (let e = 0; e < m; e++) out[outOff + e] = bias;
  }
  let j = first;
  for (; j + 3 < count; j += 4) {
    const a = theta[w0 + j * stride];
    const b = theta[w0 + (j + 1) * stride];
    const c = theta[w0 + (j + 2) * stride];
    const d = theta[w0 + (j + 3) * stride];
    const s0 = srcOff + j * C;
    const s1 = s0 + C;
    const s2 = s1 + C;
    const s3 = s2 + C;
    for (let e = 0; e < m; e++) {
      out[outOff + e] =
        out[outOff + e] + a * src[s0 + e] + b * src[s1 + e] + c * src[s2 + e] + d * src[s3 + e];
    }
  }
  for (; j + 1 < count; j += 2) {
    const a = theta[w0 + j * stride];
    const b = theta[w0 + (j + 1) * stride];
    const s0 = srcOff + j * C;
    const s1 = s0 + C;
    for (let e = 0; e < m; e++) out[outOff + e] = out[outOff + e] + a * src[s0 + e] + b * src[s1 + e];
  }
  for (; j < count; j++) {
    const a = theta[w0 + j * stride];
    const s0 = srcOff + j * C;
    for (let e = 0; e < m; e++) out[outOff + e] = out[outOff + e] + a * src[s0 + e];
  }
}

/**
 * One output's gradients over a chunk: grad[b] += Σ_e δ[e], grad[w0 + j] += Σ_e δ[e]·a[j][e].
 * Four inputs per sweep share each load of δ.
 */
function weightGradRow(
  deltas: Float64Array,
  dOff: number,
  acts: Float64Array,
  aOff: number,
  nin: number,
  C: number,
  m: number,
  grad: Float64Array,
  w0: number,
  b: number,
): void {
  // The first sweep also sums δ for the bias.
  let gb = 0;
  let j: number;
  if (nin >= 4) {
    const s0 = aOff;
    const s1 = s0 + C;
    const s2 = s1 + C;
    const s3 = s2 + C;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let e = 0; e < m; e++) {
      const dl = deltas[dOff + e];
      gb += dl;
      g0 += dl * acts[s0 + e];
      g1 += dl * acts[s1 + e];
      g2 += dl * acts[s2 + e];
      g3 += dl * acts[s3 + e];
    }
    grad[w0] += g0;
    grad[w0 + 1] += g1;
    grad[w0 + 2] += g2;
    grad[w0 + 3] += g3;
    j = 4;
  } else {
    const s0 = aOff;
    let g0 = 0;
    for (let e = 0; e < m; e++) {
      const dl = deltas[dOff + e];
      gb += dl;
      g0 += dl * acts[s0 + e];
    }
    grad[w0] += g0;
    j = 1;
  }
  grad[b] += gb;
  for (; j + 3 < nin; j += 4) {
    const s0 = aOff + j * C;
    const s1 = s0 + C;
    const s2 = s1 + C;
    const s3 = s2 + C;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let e = 0; e < m; e++) {
      const dl = deltas[dOff + e];
      g0 += dl * acts[s0 + e];
      g1 += dl * acts[s1 + e];
      g2 += dl * acts[s2 + e];
      g3 += dl * acts[s3 + e];
    }
    grad[w0 + j] += g0;
    grad[w0 + j + 1] += g1;
    grad[w0 + j + 2] += g2;
    grad[w0 + j + 3] += g3;
  }
  for (; j < nin; j++) {
    const s0 = aOff + j * C;
    let g0 = 0;
    for (let e = 0; e < m; e++) g0 += deltas[dOff + e] * acts[s0 + e];
    grad[w0 + j] += g0;
  }
}

/**
 * Forward pass (and, when `grad` is given, backward pass accumulating Σ ∂L/∂θ
 * into it) over examples order[from..to) (or from..to when order is null),
 * CHUNK examples at a time. Adds into `totals`; writes per-example values into
 * `record` when given. Each stage is a function of its own: the JIT compiles
 * each with complete type feedback instead of one huge loop mid-flight.
 */
export function pass(
  net: Network,
  theta: Float64Array,
  x: Float64Array,
  y: Int32Array,
  order: Int32Array | null,
  from: number,
  to: number,
  grad: Float64Array | null,
  ws: Workspace,
  totals: PassTotals,
  record?: PassRecord,
): void {
  for (let c0 = from; c0 < to; c0 += CHUNK) {
    const m = Math.min(CHUNK, to - c0);
    gatherInputs(net, x, order, c0, m, ws.acts);
    forwardChunk(net, theta, m, ws.acts);
    headChunk(net, y, order, c0, m, ws, totals, record);
    if (grad !== null) backwardChunk(net, theta, m, ws.acts, ws.deltas, grad);
  }
}

/**
 * Chunk layout, feature-major: value j of example e of layer l sits at
 * CHUNK·actOff[l] + j·CHUNK + e, so every inner loop runs over the examples of
 * the chunk, contiguously.
 */
function gatherInputs(
  net: Network,
  x: Float64Array,
  order: Int32Array | null,
  c0: number,
  m: number,
  acts: Float64Array,
): void {
  const d = net.sizes[0];
  for (let e = 0; e < m; e++) {
    const xo = (order === null ? c0 + e : order[c0 + e]) * d;
    for (let j = 0; j < d; j++) acts[j * CHUNK + e] = x[xo + j];
  }
}

/** u_l = W_l·a_(l−1) + b_l, a_l = g(u_l) for the hidden layers; the output layer's u is z. */
function forwardChunk(net: Network, theta: Float64Array, m: number, acts: Float64Array): void {
  forwardFrom(net, theta, m, acts, 0);
}

/**
 * The forward pass of a chunk from weight layer `from` on, the activations of layer `from`
 * (its input) already in `acts`: the loss surface's incremental path (surface.ts) enters here
 * after recomputing the one layer its two parameters change.
 */
export function forwardFrom(
  net: Network,
  theta: Float64Array,
  m: number,
  acts: Float64Array,
  from: number,
): void {
  const { sizes, layers, wOff, bOff, actOff, actCode } = net;
  for (let l = from; l < layers; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const ai = CHUNK * actOff[l];
    const ao = CHUNK * actOff[l + 1];
    for (let o = 0; o < nout; o++) {
      affineRow(
        theta,
        wOff[l] + o * nin,
        theta[bOff[l] + o],
        acts,
        ai,
        nin,
        CHUNK,
        acts,
        ao + o * CHUNK,
        m,
        1,
      );
    }
    if (l < layers - 1)
      for (let o = 0; o < nout; o++) activateRange(actCode, acts, ao + o * CHUNK, ao + o * CHUNK + m);
  }
}

/**
 * Σ L (and the counts) of examples c0..c0+m−1 whose z is already in the chunk's output rows
 * (`forwardFrom`); the loss surface's incremental path ends here for the heads without an
 * inlined loop of its own.
 */
export function headTotals(
  net: Network,
  y: Int32Array,
  c0: number,
  m: number,
  ws: Workspace,
  totals: PassTotals,
): void {
  headChunk(net, y, null, c0, m, ws, totals, undefined);
}

/**
 * Activations of examples 0..n−1 at θ, feature-major: value j of example i of layer `layer`
 * (0: the input, net.layers: z) at out[j·n + i]. Computed by the training's own forward pass,
 * so the numbers are the ones a run's frame is built from.
 */
export function layerActivations(
  net: Network,
  theta: Float64Array,
  x: Float64Array,
  n: number,
  layer: number,
): Float64Array {
  const ws = sharedWorkspace(net);
  const width = net.sizes[layer];
  const out = new Float64Array(width * n);
  const base = CHUNK * net.actOff[layer];
  for (let c0 = 0; c0 < n; c0 += CHUNK) {
    const m = Math.min(CHUNK, n - c0);
    gatherInputs(net, x, null, c0, m, ws.acts);
    forwardFrom(net, theta, m, ws.acts, 0);
    for (let j = 0; j < width; j++)
      out.set(ws.acts.subarray(base + j * CHUNK, base + j * CHUNK + m), j * n + c0);
  }
  return out;
}

/** L and ∂L/∂z of each example of the chunk (z gathered into a small buffer for softmax). */
function headChunk(
  net: Network,
  y: Int32Array,
  order: Int32Array | null,
  c0: number,
  m: number,
  ws: Workspace,
  totals: PassTotals,
  record: PassRecord | undefined,
): void {
  const { acts, deltas, yhat, flags, zk, dk } = ws;
  if (ws.kernel !== null) {
    formulaChunk(net, ws.kernel, y, order, c0, m, acts, deltas, totals, record);
    return;
  }
  const width = net.width;
  const head = net.headCode;
  const zb = CHUNK * net.actOff[net.layers];
  let lossSum = 0;
  let correct = 0;
  let satRight = 0;
  let satWrong = 0;
  for (let e = 0; e < m; e++) {
    const i = order === null ? c0 + e : order[c0 + e];
    let li: number;
    if (head === HEAD_SIGMOID_NLL) {
      // The common case, inlined: the same formulas as evalHead's.
      const z = acts[zb + e];
      const ex = Math.exp(-Math.abs(z));
      const big = 1 / (1 + ex);
      const small = ex / (1 + ex);
      const p = z >= 0 ? big : small;
      const yi = y[i];
      const a = yi === 1 ? -z : z;
      li = (a > 0 ? a : 0) + Math.log1p(ex);
      deltas[zb + e] = yi === 1 ? -(z >= 0 ? small : big) : p;
      yhat[0] = p;
      flags[0] =
        ((p > 0.5 ? 1 : 0) === yi ? CORRECT : 0) | (big * small < SATURATION_THRESHOLD ? SATURATED : 0);
    } else if (width === 1) {
      li = evalHead(head, acts, zb + e, 1, y[i], yhat, 0, deltas, zb + e, flags, net.generic);
    } else {
      for (let c = 0; c < width; c++) zk[c] = acts[zb + c * CHUNK + e];
      li = evalHead(head, zk, 0, width, y[i], yhat, 0, dk, 0, flags);
      for (let c = 0; c < width; c++) deltas[zb + c * CHUNK + e] = dk[c];
    }
    lossSum += li;
    const f = flags[0];
    if (f & CORRECT) {
      correct++;
      if (f & SATURATED) satRight++;
    } else if (f & SATURATED) satWrong++;
    if (record !== undefined) {
      for (let c = 0; c < width; c++) {
        record.z[i * width + c] = acts[zb + c * CHUNK + e];
        record.yhat[i * width + c] = yhat[c];
        record.dLdz[i * width + c] = deltas[zb + c * CHUNK + e];
      }
      record.loss[i] = li;
      record.flags[i] = f;
    }
  }
  totals.loss += lossSum;
  totals.correct += correct;
  totals.saturatedRight += satRight;
  totals.saturatedWrong += satWrong;
}

/** The chunk of a typed head: its kernel computes ŷ, f′, L and ∂L/∂z for every example at once. */
function formulaChunk(
  net: Network,
  kernel: FormulaKernel,
  y: Int32Array,
  order: Int32Array | null,
  c0: number,
  m: number,
  acts: Float64Array,
  deltas: Float64Array,
  totals: PassTotals,
  record: PassRecord | undefined,
): void {
  const zb = CHUNK * net.actOff[net.layers];
  const ky = kernel.y;
  for (let e = 0; e < m; e++) ky[e] = y[order === null ? c0 + e : order[c0 + e]];
  kernel.z.set(acts.subarray(zb, zb + m));
  kernel.run(m);
  const { p, der, loss, grad } = kernel;
  deltas.set(grad.subarray(0, m), zb);
  let lossSum = 0;
  let correct = 0;
  let satRight = 0;
  let satWrong = 0;
  for (let e = 0; e < m; e++) {
    lossSum += loss[e];
    const right = (p[e] > 0.5 ? 1 : 0) === ky[e];
    // |f′| below the threshold (NaN counts as not saturated: the run reports it as diverged).
    const sat = Math.abs(der[e]) < SATURATION_THRESHOLD;
    const f = (right ? CORRECT : 0) | (sat ? SATURATED : 0);
    if (right) {
      correct++;
      if (sat) satRight++;
    } else if (sat) satWrong++;
    if (record !== undefined) {
      const i = order === null ? c0 + e : order[c0 + e];
      record.z[i] = kernel.z[e];
      record.yhat[i] = p[e];
      record.dLdz[i] = grad[e];
      record.loss[i] = loss[e];
      record.flags[i] = f;
    }
  }
  totals.loss += lossSum;
  totals.correct += correct;
  totals.saturatedRight += satRight;
  totals.saturatedWrong += satWrong;
}

/**
 * ∂L/∂W_l[o][j] = Σ_e δ_l[o][e]·a_(l−1)[j][e], ∂L/∂b_l[o] = Σ_e δ_l[o][e], and
 * δ_(l−1)[j][e] = g′(a_(l−1)[j][e]) · Σ_o W_l[o][j]·δ_l[o][e] (the transpose, read with stride nin).
 */
function backwardChunk(
  net: Network,
  theta: Float64Array,
  m: number,
  acts: Float64Array,
  deltas: Float64Array,
  grad: Float64Array,
): void {
  const { sizes, layers, wOff, bOff, actOff, actCode } = net;
  for (let l = layers - 1; l >= 0; l--) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const ai = CHUNK * actOff[l];
    const ao = CHUNK * actOff[l + 1];
    for (let o = 0; o < nout; o++) {
      weightGradRow(deltas, ao + o * CHUNK, acts, ai, nin, CHUNK, m, grad, wOff[l] + o * nin, bOff[l] + o);
    }
    if (l === 0) break;
    for (let j = 0; j < nin; j++) {
      const dj = ai + j * CHUNK;
      affineRow(theta, wOff[l] + j, 0, deltas, ao, nout, CHUNK, deltas, dj, m, nin);
      scaleByDerivative(actCode, deltas, acts, dj, dj + m);
    }
  }
}
