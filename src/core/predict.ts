/**
 * The model's answer over the input space at one frame: P(y = c | x) on a
 * G×G grid (2-D data) or G points of a line (1-D data), for drawing the
 * probability heatmap, the 0.5 boundary and the ŷ(x) curve.
 */
import { forwardRecord, type Network } from './network';
import { padRange, spaced } from './range';

export interface Grid {
  /** Points per axis. */
  size: number;
  xRange: [number, number];
  /** Only for 2-D inputs. */
  yRange?: [number, number];
  /**
   * P(y = 1 | x) for the scalar units (clipped and linear as they are: ŷ itself,
   * which may leave [0, 1] for linear), P(y = `cls` | x) for softmax.
   * 2-D: row r (y from low to high), column c: values[r·size + c].
   */
  values: Float64Array;
}

function axis(range: [number, number], size: number, i: number): number {
  return spaced(range[0], range[1], size, i);
}

/** ŷ over a grid of inputs; `cls` picks the softmax class (default 1). */
export function predictGrid(
  net: Network,
  theta: Float64Array,
  size: number,
  xRange: [number, number],
  yRange?: [number, number],
  cls = 1,
): Grid {
  const dims = net.sizes[0];
  if (dims !== 1 && dims !== 2) throw new RangeError(`a grid needs 1-D or 2-D inputs, not ${dims}-D`);
  if (dims === 2 && !yRange) throw new RangeError('2-D inputs need a y range');
  const n = dims === 1 ? size : size * size;
  const x = new Float64Array(n * dims);
  for (let k = 0; k < n; k++) {
    if (dims === 1) x[k] = axis(xRange, size, k);
    else {
      x[2 * k] = axis(xRange, size, k % size);
      x[2 * k + 1] = axis(yRange!, size, Math.floor(k / size));
    }
  }
  const K = net.width;
  const rec = forwardRecord(net, theta, x, new Int32Array(n), n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = K === 1 ? rec.yhat[k] : rec.yhat[k * K + cls];
  return dims === 1 ? { size, xRange, values } : { size, xRange, yRange, values };
}

/** The data's extent per input, padded by a tenth (at least 0.5) so points sit inside the view; always finite. */
export function dataRange(x: Float64Array, dims: number, j: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = j; i < x.length; i += dims) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  return padRange(lo, hi, 1 / 10, 0.5);
}
