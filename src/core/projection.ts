/**
 * Views of data with more than two inputs. Either two chosen inputs on the axes, the
 * others held at their mean or median (the heatmap is the model on that slice), or the
 * model's own direction: every example at its output logit z = w·h + b, the output
 * unit's input, against ŷ = f(z) — MATH.md's one-dimensional picture for any dimension.
 */
import { forwardRecord, type Network } from './network';
import { dataRange, type Grid } from './predict';
import { sigmoid } from './scalar';
import { unitOf } from './units';

export type DataProjection =
  { kind: 'features'; x: number; y: number; hold: 'mean' | 'median' } | { kind: 'logit' };

/** What the view shows on its axes (words are the drawing's). */
export type ViewAxes =
  { kind: 'features'; x: string; y: string; hold: 'mean' | 'median'; others: number } | { kind: 'logit' };

export interface ProjectedView {
  /** 1 for the logit view (z, then the label as its height), 2 for two inputs. */
  dims: 1 | 2;
  /** Each example's place: n×dims. */
  x: Float64Array;
  grid: Grid;
  axes: ViewAxes;
}

export interface ViewData {
  dims: number;
  n: number;
  x: Float64Array;
  y: Int32Array;
  names?: string[];
}

/** The default for d > 2: the first two inputs, the others at their means. */
export const DEFAULT_PROJECTION: DataProjection = { kind: 'features', x: 0, y: 1, hold: 'mean' };

/** Whether the logit view exists for a network: one logit, or softmax over two classes (z₁ − z₀). */
export function hasLogitView(net: Network): boolean {
  return net.width <= 2;
}

/** A projection that fits `dims` inputs and the network (else the default). */
export function fitProjection(p: DataProjection, dims: number, net: Network): DataProjection {
  if (p.kind === 'logit') return hasLogitView(net) ? p : DEFAULT_PROJECTION;
  const ok = (j: number): boolean => Number.isInteger(j) && j >= 0 && j < dims;
  return ok(p.x) && ok(p.y) && p.x !== p.y ? p : DEFAULT_PROJECTION;
}

/** Each input's mean or median over the examples. */
export function centre(data: ViewData, hold: 'mean' | 'median'): Float64Array {
  const { dims, n, x } = data;
  const out = new Float64Array(dims);
  const col = new Float64Array(n);
  for (let j = 0; j < dims; j++) {
    for (let i = 0; i < n; i++) col[i] = x[i * dims + j];
    if (hold === 'mean') {
      let s = 0;
      for (let i = 0; i < n; i++) s += col[i];
      out[j] = n > 0 ? s / n : 0;
    } else {
      col.sort();
      out[j] = n === 0 ? 0 : n % 2 === 1 ? col[(n - 1) / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
    }
  }
  return out;
}

/** Each example's logit: z, or z₁ − z₀ for softmax over two classes. */
export function exampleLogits(net: Network, theta: Float64Array, data: ViewData): Float64Array {
  const rec = forwardRecord(net, theta, data.x, data.y, data.n);
  const K = net.width;
  const z = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) z[i] = K === 1 ? rec.z[i] : rec.z[i * K + 1] - rec.z[i * K];
  return z;
}

/** ŷ (P(y = 1)) at a logit: the scalar unit's f(z), or σ(z₁ − z₀) for softmax. */
function unitAt(net: Network, z: number): number {
  const u = unitOf(net.unit);
  return u.vector ? sigmoid(z) : u.f(z);
}

/** Grid sizes: points per axis of the two-input view, points along z of the logit view. */
export interface GridSizes {
  plane: number;
  line: number;
}

/** The view of data with any number of inputs at parameters θ. */
export function projectView(
  net: Network,
  theta: Float64Array,
  data: ViewData,
  projection: DataProjection,
  sizes: GridSizes = { plane: 40, line: 160 },
): ProjectedView {
  const p = fitProjection(projection, data.dims, net);
  const names = data.names ?? Array.from({ length: data.dims }, (_, j) => `x${j + 1}`);
  if (p.kind === 'logit') {
    const size = sizes.line;
    const z = exampleLogits(net, theta, data);
    // At least [−6, 6], so a start near 0 still shows the unit's shape.
    const [lo, hi] = dataRange(z, 1, 0);
    const xRange: [number, number] = [Math.min(lo, -6), Math.max(hi, 6)];
    const values = new Float64Array(size);
    for (let k = 0; k < size; k++)
      values[k] = unitAt(net, xRange[0] + ((xRange[1] - xRange[0]) * k) / (size - 1));
    return { dims: 1, x: z, grid: { size, xRange, values }, axes: { kind: 'logit' } };
  }
  const { dims, n } = data;
  const size = sizes.plane;
  const pos = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    pos[2 * i] = data.x[i * dims + p.x];
    pos[2 * i + 1] = data.x[i * dims + p.y];
  }
  const xRange = dataRange(pos, 2, 0);
  const yRange = dataRange(pos, 2, 1);
  const base = centre(data, p.hold);
  const m = size * size;
  const inputs = new Float64Array(m * dims);
  for (let k = 0; k < m; k++) {
    inputs.set(base, k * dims);
    inputs[k * dims + p.x] = xRange[0] + ((xRange[1] - xRange[0]) * (k % size)) / (size - 1);
    inputs[k * dims + p.y] = yRange[0] + ((yRange[1] - yRange[0]) * Math.floor(k / size)) / (size - 1);
  }
  const rec = forwardRecord(net, theta, inputs, new Int32Array(m), m);
  const K = net.width;
  const values = new Float64Array(m);
  for (let k = 0; k < m; k++) values[k] = K === 1 ? rec.yhat[k] : rec.yhat[k * K + 1];
  return {
    dims: 2,
    x: pos,
    grid: { size, xRange, yRange, values },
    axes: { kind: 'features', x: names[p.x], y: names[p.y], hold: p.hold, others: dims - 2 },
  };
}
