/**
 * The loss surface: J over a G×G grid of two parameters (p along x, q along y),
 * every other parameter held at a given frame's values. Computed row by row in
 * chunks by a generator, coarse grid first, so a worker can stream it and stop
 * (cancel) between chunks, and several workers can split the rows.
 */
import type { FormulaHead } from './formula/head';
import {
  activateRange,
  CHUNK,
  createNetwork,
  createWorkspace,
  emptyTotals,
  forwardFrom,
  headTotals,
  layerActivations,
  type Network,
  pass,
} from './network';
import { ACTIVATION_CODE } from './activations';
import { fastTanh } from './fastTanh';
import { padRange, spaced } from './range';
import { evalHead, type GenericHead, HEAD_SIGMOID_NLL } from './heads';

export const MAX_SURFACE_SIZE = 256;

export interface SurfaceSpec {
  /** Layer sizes and the variant's activation, unit and loss. */
  net: Pick<Network, 'sizes' | 'activation' | 'unit' | 'loss'>;
  /** Training inputs (n×dims row-major) and labels. */
  x: Float64Array;
  y: Int32Array;
  /** θ of the frame the other parameters are held at. */
  theta: Float64Array;
  /** Indices of the two parameters (x axis, y axis). */
  p: number;
  q: number;
  pRange: [number, number];
  qRange: [number, number];
  /** G: grid points per axis, 2..256. */
  size: number;
}

export interface Surface {
  size: number;
  pRange: [number, number];
  qRange: [number, number];
  /** J at (p_c, q_r) in row r, column c: values[r·G + c]; NaN where not yet computed. */
  values: Float64Array;
}

export interface SurfaceMinimum {
  p: number;
  q: number;
  value: number;
}

/** Coordinate of grid index i of G over [lo, hi]. */
export function gridCoord(range: [number, number], size: number, i: number): number {
  return spaced(range[0], range[1], size, i);
}

/**
 * Everything the rows need, precomputed once. When both parameters sit in the
 * output layer, the hidden activations h do not depend on them and each logit
 * is affine in (p, q): z_ik = a_ik + p·u_ik + q·v_ik. Then a grid point costs
 * two multiply-adds and the loss per example. When both sit in one hidden
 * layer, only the one or two units they feed change: see `LayerPlan`.
 */
export interface PreparedSurface {
  spec: SurfaceSpec;
  n: number;
  width: number;
  headCode: number;
  /** The unit's functions when it has no kernel of its own (see `Network.generic`). */
  generic: GenericHead | null;
  /** A typed unit or loss (see `Network.formula`), whose chunk kernel the affine rows run. */
  formula: FormulaHead | null;
  affine: { a: Float64Array; u: Float64Array; v: Float64Array } | null;
  layer: LayerPlan | null;
  general: { net: Network; theta: Float64Array } | null;
}

/**
 * Both parameters in hidden weight layer l (l < the output layer): they change only the
 * pre-activations of one or two units c of layer l+1, each affine in (p, q):
 * u_c = base_c + p·sp_c + q·sq_c. The next layer's pre-activations are the unchanged units'
 * part (computed once) plus Σ_c W_(l+1)[o][c]·g(u_c); from there the forward pass runs as in
 * training. A grid point costs one activation per changed unit, the next layer's activations
 * and the layers above, instead of the whole network.
 */
export interface LayerPlan {
  /** The weight layer holding p and q. */
  l: number;
  /** The changed units of layer l+1. */
  units: number[];
  /** Per changed unit k, per example i, at k·n + i: u at p = q = 0, and its slopes in p and q. */
  base: Float64Array;
  sp: Float64Array;
  sq: Float64Array;
  /** Layer l+2's pre-activations without the changed units' terms, at o·n + i. */
  next: Float64Array;
  /** W_(l+1)[o][units[k]] at k·width(l+2) + o. */
  cols: Float64Array;
  /**
   * tanh units, layer l+2 the last hidden layer and one logit: each grid point runs
   * `tanhIntoLogitRows`, a loop of its own with `fastTanh` written in (the 2-8-8-1 surface's case).
   */
  tanhIntoLogit: boolean;
  net: Network;
  theta: Float64Array;
}

export interface SurfaceOptions {
  /**
   * Every grid point through the whole forward pass, never the affine or the one-layer
   * shortcut: the reference the shortcuts are tested and benchmarked against.
   */
  fullPass?: boolean;
}

export function validateSurfaceSpec(spec: SurfaceSpec): string[] {
  const errors: string[] = [];
  const net = createNetwork(spec.net.sizes, spec.net.activation, spec.net.unit, spec.net.loss);
  const P = net.paramCount;
  if (spec.theta.length !== P) errors.push(`theta: expected ${P} parameters, got ${spec.theta.length}`);
  for (const [k, v] of [
    ['p', spec.p],
    ['q', spec.q],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= P)
      errors.push(`${k}: expected a parameter index 0..${P - 1}, got ${v}`);
  }
  if (spec.p === spec.q) errors.push('q: must differ from p');
  if (!Number.isInteger(spec.size) || spec.size < 2 || spec.size > MAX_SURFACE_SIZE) {
    errors.push(`size: expected an integer 2..${MAX_SURFACE_SIZE}, got ${spec.size}`);
  }
  for (const [k, r] of [
    ['pRange', spec.pRange],
    ['qRange', spec.qRange],
  ] as const) {
    if (!Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[1] > r[0])) {
      errors.push(`${k}: expected finite [lo, hi] with lo < hi, got [${r[0]}, ${r[1]}]`);
    }
  }
  return errors;
}

/** Where parameter k sits: its weight layer, the unit it feeds, and its input (−1 for a bias). */
function locate(net: Network, k: number): { l: number; unit: number; input: number } {
  for (let l = net.layers - 1; l >= 0; l--) {
    if (k >= net.bOff[l]) return { l, unit: k - net.bOff[l], input: -1 };
    if (k >= net.wOff[l]) {
      const nin = net.sizes[l];
      return { l, unit: Math.floor((k - net.wOff[l]) / nin), input: (k - net.wOff[l]) % nin };
    }
  }
  throw new RangeError(`no parameter ${k}`);
}

export function prepareSurface(spec: SurfaceSpec, options: SurfaceOptions = {}): PreparedSurface {
  const errors = validateSurfaceSpec(spec);
  if (errors.length > 0) throw new RangeError(errors.join('; '));
  const net = createNetwork(spec.net.sizes, spec.net.activation, spec.net.unit, spec.net.loss);
  const n = spec.y.length;
  const K = net.width;
  const L = net.layers - 1;
  const at = { p: locate(net, spec.p), q: locate(net, spec.q) };
  const prepared: PreparedSurface = {
    spec,
    n,
    width: K,
    headCode: net.headCode,
    generic: net.generic,
    formula: net.formula,
    affine: null,
    layer: null,
    general: null,
  };
  // θ with p = q = 0: the part of every pre-activation that does not depend on them.
  const theta = spec.theta.slice();
  theta[spec.p] = 0;
  theta[spec.q] = 0;
  if (options.fullPass || at.p.l !== at.q.l) {
    prepared.general = { net, theta: spec.theta.slice() };
  } else if (at.p.l === L) {
    prepared.affine = affinePlan(net, spec, theta, at.p, at.q);
  } else {
    prepared.layer = layerPlan(net, spec, theta, at.p, at.q);
  }
  return prepared;
}

type Place = ReturnType<typeof locate>;

/** The affine case: logits a at p = q = 0; a unit step of one parameter moves one logit by h_j (or 1). */
function affinePlan(
  net: Network,
  spec: SurfaceSpec,
  theta: Float64Array,
  pAt: Place,
  qAt: Place,
): { a: Float64Array; u: Float64Array; v: Float64Array } {
  const n = spec.y.length;
  const K = net.width;
  const L = net.layers - 1;
  // h of the last hidden layer (x itself without one) and z, feature-major, by the training's forward pass.
  const h = layerActivations(net, theta, spec.x, n, L);
  const z = layerActivations(net, theta, spec.x, n, net.layers);
  const a = new Float64Array(n * K);
  const u = new Float64Array(n * K);
  const v = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let c = 0; c < K; c++) a[i * K + c] = z[c * n + i];
  const slope = (at: Place, out: Float64Array): void => {
    for (let i = 0; i < n; i++) out[i * K + at.unit] = at.input < 0 ? 1 : h[at.input * n + i];
  };
  slope(pAt, u);
  slope(qAt, v);
  if (net.headCode === HEAD_SIGMOID_NLL) {
    // L = ζ((1−2y)z): fold the sign into a, u, v so the loop is a bare softplus.
    for (let i = 0; i < n; i++) {
      const s = spec.y[i] === 1 ? -1 : 1;
      a[i] *= s;
      u[i] *= s;
      v[i] *= s;
    }
  }
  return { a, u, v };
}

/** The one-layer case (see `LayerPlan`). */
function layerPlan(net: Network, spec: SurfaceSpec, theta: Float64Array, pAt: Place, qAt: Place): LayerPlan {
  const n = spec.y.length;
  const l = pAt.l;
  const units = pAt.unit === qAt.unit ? [pAt.unit] : [pAt.unit, qAt.unit];
  const nu = units.length;
  const nin = net.sizes[l];
  const mid = net.sizes[l + 1];
  const nout = net.sizes[l + 2];
  const input = layerActivations(net, theta, spec.x, n, l);
  const h = layerActivations(net, theta, spec.x, n, l + 1);
  const base = new Float64Array(nu * n);
  const sp = new Float64Array(nu * n);
  const sq = new Float64Array(nu * n);
  units.forEach((c, k) => {
    const w = net.wOff[l] + c * nin;
    for (let i = 0; i < n; i++) {
      let u = theta[net.bOff[l] + c];
      for (let j = 0; j < nin; j++) u += theta[w + j] * input[j * n + i];
      base[k * n + i] = u;
    }
    for (const [at, out] of [
      [pAt, sp],
      [qAt, sq],
    ] as const) {
      if (at.unit !== c) continue;
      for (let i = 0; i < n; i++) out[k * n + i] = at.input < 0 ? 1 : input[at.input * n + i];
    }
  });
  const changed = new Set(units);
  const next = new Float64Array(nout * n);
  const cols = new Float64Array(nu * nout);
  const w1 = net.wOff[l + 1];
  for (let o = 0; o < nout; o++) {
    const b = theta[net.bOff[l + 1] + o];
    for (let i = 0; i < n; i++) next[o * n + i] = b;
    for (let j = 0; j < mid; j++) {
      const w = theta[w1 + o * mid + j];
      if (changed.has(j)) continue;
      for (let i = 0; i < n; i++) next[o * n + i] += w * h[j * n + i];
    }
    units.forEach((c, k) => (cols[k * nout + o] = theta[w1 + o * mid + c]));
  }
  const tanhIntoLogit = net.actCode === ACTIVATION_CODE.tanh && l + 3 === net.layers && net.width === 1;
  return { l, units, base, sp, sq, next, cols, tanhIntoLogit, net, theta: spec.theta.slice() };
}

/** Writes J for rows r0..r1 of a G-grid into out[r·G + c]. */
export function computeSurfaceRows(
  prep: PreparedSurface,
  size: number,
  r0: number,
  r1: number,
  out: Float64Array,
): void {
  const { spec, n, width: K, headCode: code } = prep;
  if (prep.affine) {
    const { a, u, v } = prep.affine;
    // A typed head (issue 19): its chunk kernel over CHUNK examples at a time, not one example per call.
    const kernel = prep.formula ? prep.formula.kernel(CHUNK) : null;
    const yhat = new Float64Array(K);
    const dz = new Float64Array(K);
    const zk = new Float64Array(K);
    const flags = new Int32Array(1);
    for (let r = r0; r < r1; r++) {
      const q = gridCoord(spec.qRange, size, r);
      for (let c = 0; c < size; c++) {
        const p = gridCoord(spec.pRange, size, c);
        let sum = 0;
        if (code === HEAD_SIGMOID_NLL) {
          for (let i = 0; i < n; i++) {
            const t = a[i] + p * u[i] + q * v[i];
            sum += (t > 0 ? t : 0) + Math.log1p(Math.exp(-Math.abs(t)));
          }
        } else if (kernel !== null) {
          for (let i0 = 0; i0 < n; i0 += CHUNK) {
            const m = Math.min(CHUNK, n - i0);
            for (let e = 0; e < m; e++) {
              const i = i0 + e;
              kernel.z[e] = a[i] + p * u[i] + q * v[i];
              kernel.y[e] = spec.y[i];
            }
            kernel.run(m);
            for (let e = 0; e < m; e++) sum += kernel.loss[e];
          }
        } else {
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < K; k++) zk[k] = a[i * K + k] + p * u[i * K + k] + q * v[i * K + k];
            sum += evalHead(code, zk, 0, K, spec.y[i], yhat, 0, dz, 0, flags, prep.generic);
          }
        }
        out[r * size + c] = sum / n;
      }
    }
    return;
  }
  if (prep.layer) {
    if (prep.layer.tanhIntoLogit) tanhIntoLogitRows(prep.layer, spec, size, r0, r1, out);
    else layerRows(prep.layer, spec, size, r0, r1, out);
    return;
  }
  const { net, theta } = prep.general!;
  const ws = createWorkspace(net);
  for (let r = r0; r < r1; r++) {
    theta[spec.q] = gridCoord(spec.qRange, size, r);
    for (let c = 0; c < size; c++) {
      theta[spec.p] = gridCoord(spec.pRange, size, c);
      const t = emptyTotals();
      pass(net, theta, spec.x, spec.y, null, 0, n, null, ws, t);
      out[r * size + c] = t.loss / n;
    }
  }
}

/** Rows of the one-layer case: the changed units, the next layer, then the training's forward pass and head. */
function layerRows(
  plan: LayerPlan,
  spec: SurfaceSpec,
  size: number,
  r0: number,
  r1: number,
  out: Float64Array,
): void {
  const { l, base, sp, sq, next, cols, net, theta } = plan;
  const n = spec.y.length;
  const y = spec.y;
  const nu = plan.units.length;
  const nout = net.sizes[l + 2];
  const ws = createWorkspace(net);
  const acts = ws.acts;
  const h = new Float64Array(nu * CHUNK);
  const ao = CHUNK * net.actOff[l + 2];
  const zb = CHUNK * net.actOff[net.layers];
  const hiddenAbove = l + 2 < net.layers;
  const softplusHead = net.headCode === HEAD_SIGMOID_NLL;
  const totals = emptyTotals();
  for (let r = r0; r < r1; r++) {
    const q = gridCoord(spec.qRange, size, r);
    for (let c = 0; c < size; c++) {
      const p = gridCoord(spec.pRange, size, c);
      let sum = 0;
      totals.loss = 0;
      for (let c0 = 0; c0 < n; c0 += CHUNK) {
        const m = Math.min(CHUNK, n - c0);
        for (let k = 0; k < nu; k++) {
          const o = k * n + c0;
          const hk = k * CHUNK;
          for (let e = 0; e < m; e++) h[hk + e] = base[o + e] + p * sp[o + e] + q * sq[o + e];
          activateRange(net.actCode, h, hk, hk + m);
        }
        for (let o = 0; o < nout; o++) {
          const dst = ao + o * CHUNK;
          const src = o * n + c0;
          const w0 = cols[o];
          if (nu === 1) {
            for (let e = 0; e < m; e++) acts[dst + e] = next[src + e] + w0 * h[e];
          } else {
            const w1 = cols[nout + o];
            for (let e = 0; e < m; e++) acts[dst + e] = next[src + e] + w0 * h[e] + w1 * h[CHUNK + e];
          }
          if (hiddenAbove) activateRange(net.actCode, acts, dst, dst + m);
        }
        if (hiddenAbove) forwardFrom(net, theta, m, acts, l + 2);
        if (softplusHead) {
          // L = ζ((1−2y)z), as the training's inlined sigmoid + NLL head computes it.
          for (let e = 0; e < m; e++) {
            const z = acts[zb + e];
            const t = y[c0 + e] === 1 ? -z : z;
            sum += (t > 0 ? t : 0) + Math.log1p(Math.exp(-Math.abs(t)));
          }
        } else {
          headTotals(net, y, c0, m, ws, totals);
        }
      }
      out[r * size + c] = (softplusHead ? sum : totals.loss) / n;
    }
  }
}

/**
 * `layerRows` when the units are tanh, layer l+2 is the last hidden layer and there is one logit:
 * the changed units' h, then z = b + Σ_o w_o·tanh(next_o + W[o][c]·h_c) summed as each unit of
 * layer l+2 is computed, in the order the training's forward pass sums it, and the head. Nine tanh
 * per example and grid point were nearly eight tenths of the 2-8-8-1 surface's time with Math.tanh
 * (the softplus one tenth); `fastTanh`, inlined here, costs about two thirds of it. It is within
 * 0.9 ulp of the true tanh where Math.tanh (V8's fdlibm) is within 1.6, so J differs from
 * `layerRows`' and the whole pass's in the last bits (1e-15 relative on the 2-8-8-1 surface, the
 * tests allow 1e-12). The rest, with z kept in a chunk-long buffer instead of the workspace's
 * layers, costs 3–4 % of the whole.
 */
function tanhIntoLogitRows(
  plan: LayerPlan,
  spec: SurfaceSpec,
  size: number,
  r0: number,
  r1: number,
  out: Float64Array,
): void {
  const { l, base, sp, sq, next, cols, net, theta } = plan;
  const n = spec.y.length;
  const y = spec.y;
  const nu = plan.units.length;
  const nout = net.sizes[l + 2];
  const w = theta.slice(net.wOff[l + 2], net.wOff[l + 2] + nout);
  const bias = theta[net.bOff[l + 2]];
  const h = new Float64Array(nu * CHUNK);
  const z = new Float64Array(CHUNK);
  const softplusHead = net.headCode === HEAD_SIGMOID_NLL;
  const ws = createWorkspace(net);
  const zb = CHUNK * net.actOff[net.layers];
  const totals = emptyTotals();
  for (let r = r0; r < r1; r++) {
    const q = gridCoord(spec.qRange, size, r);
    for (let c = 0; c < size; c++) {
      const p = gridCoord(spec.pRange, size, c);
      let sum = 0;
      totals.loss = 0;
      for (let c0 = 0; c0 < n; c0 += CHUNK) {
        const m = Math.min(CHUNK, n - c0);
        for (let e = 0; e < m; e++) {
          const i = c0 + e;
          h[e] = fastTanh(base[i] + p * sp[i] + q * sq[i]);
          z[e] = bias;
        }
        if (nu === 1) {
          for (let o = 0; o < nout; o++) {
            const wo = w[o];
            const w0 = cols[o];
            const src = o * n + c0;
            for (let e = 0; e < m; e++) z[e] += wo * fastTanh(next[src + e] + w0 * h[e]);
          }
        } else {
          for (let e = 0; e < m; e++) {
            const i = n + c0 + e;
            h[CHUNK + e] = fastTanh(base[i] + p * sp[i] + q * sq[i]);
          }
          for (let o = 0; o < nout; o++) {
            const wo = w[o];
            const w0 = cols[o];
            const w1 = cols[nout + o];
            const src = o * n + c0;
            for (let e = 0; e < m; e++) z[e] += wo * fastTanh(next[src + e] + w0 * h[e] + w1 * h[CHUNK + e]);
          }
        }
        if (softplusHead) {
          // L = ζ((1−2y)z), as the training's inlined sigmoid + NLL head computes it.
          for (let e = 0; e < m; e++) {
            const ze = z[e];
            const t = y[c0 + e] === 1 ? -ze : ze;
            sum += (t > 0 ? t : 0) + Math.log1p(Math.exp(-Math.abs(t)));
          }
        } else {
          for (let e = 0; e < m; e++) ws.acts[zb + e] = z[e];
          headTotals(net, y, c0, m, ws, totals);
        }
      }
      out[r * size + c] = (softplusHead ? sum : totals.loss) / n;
    }
  }
}

/**
 * Grid sizes computed in turn: 8² at once (a first picture in a few milliseconds even for a
 * deep network), an eighth of the size next when that is finer, then the full size.
 */
export function surfaceLevels(size: number): number[] {
  return [...new Set([8, Math.max(8, Math.ceil(size / 8)), size])].filter((s) => s <= size);
}

/** The whole surface at once (no coarse level). */
export function computeSurface(spec: SurfaceSpec, options: SurfaceOptions = {}): Surface {
  const prep = prepareSurface(spec, options);
  const values = new Float64Array(spec.size * spec.size);
  computeSurfaceRows(prep, spec.size, 0, spec.size, values);
  return { size: spec.size, pRange: spec.pRange, qRange: spec.qRange, values };
}

/** The grid point of lowest J. */
export function surfaceMinimum(s: Surface): SurfaceMinimum {
  let best = -1;
  for (let k = 0; k < s.values.length; k++) {
    if (s.values[k] === s.values[k] && (best < 0 || s.values[k] < s.values[best])) best = k;
  }
  if (best < 0) return { p: NaN, q: NaN, value: NaN };
  return {
    p: gridCoord(s.pRange, s.size, best % s.size),
    q: gridCoord(s.qRange, s.size, Math.floor(best / s.size)),
    value: s.values[best],
  };
}

/**
 * A range around a trajectory: its extent, padded by a quarter of the span and
 * at least 1 on each side, so a trajectory that never moves still has a view.
 */
export function rangeAround(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return aroundExtent(lo, hi);
}

/** The range drawn around values whose finite extent is lo..hi (lo > hi: none finite). */
export function aroundExtent(lo: number, hi: number): [number, number] {
  if (lo > hi) return [-1, 1];
  return padRange(lo, hi, 1 / 4, 1);
}

/** What `surfaceForRun` needs of a run: its network, data and recorded parameters. */
export interface SurfaceSource {
  net: Pick<Network, 'sizes' | 'activation' | 'unit' | 'loss' | 'paramCount'>;
  data: { x: Float64Array; y: Int32Array };
  history: { length: number; paramsAt(t: number): Float64Array };
}

/** Parameter k over frames 0..last: the trajectory the surface is drawn around. */
export function trajectory(run: SurfaceSource, k: number, last: number): Float64Array {
  const out = new Float64Array(last + 1);
  for (let t = 0; t <= last; t++) out[t] = run.history.paramsAt(t)[k];
  return out;
}

/**
 * The surface of parameters p and q at frame t of a run: the others held at θ_t,
 * over the given ranges or, by default, around the trajectory up to frame t.
 */
export function surfaceForRun(
  run: SurfaceSource,
  t: number,
  p: number,
  q: number,
  size: number,
  ranges: { pRange?: [number, number]; qRange?: [number, number] } = {},
): SurfaceSpec {
  if (!Number.isInteger(t) || t < 0 || t >= run.history.length) {
    throw new RangeError(`frame ${t} is not recorded (0..${run.history.length - 1})`);
  }
  return {
    net: run.net,
    x: run.data.x,
    y: run.data.y,
    theta: run.history.paramsAt(t).slice(),
    p,
    q,
    pRange: ranges.pRange ?? rangeAround(trajectory(run, p, t)),
    qRange: ranges.qRange ?? rangeAround(trajectory(run, q, t)),
    size,
  };
}
