/**
 * Seeded datasets. Every random number comes from the experiment seed's 'data'
 * stream, in a fixed order, so the same spec and seed give the same points.
 * Example i has class i mod classes: classes interleave and every prefix is balanced.
 */
import type { DataSpec, GeneratedDataKind } from './experiment';
import { createRng, type Rng } from './rng';
import { resolveTable } from './table';

export interface Dataset {
  dims: number;
  classes: number;
  n: number;
  /** n×dims, row-major. */
  x: Float64Array;
  /** Labels in 0..classes−1. */
  y: Int32Array;
  /** The inputs' names (a table's feature columns); absent for points and generated data. */
  names?: string[];
}

export function inputDims(spec: DataSpec): number {
  if (spec.kind === 'points') return spec.x.length > 0 ? spec.x[0].length : 0;
  if (spec.kind === 'table') return spec.features.length;
  return spec.kind === 'line' ? 1 : 2;
}

export function dataClasses(spec: DataSpec): number {
  if (spec.kind === 'points') return Math.max(2, ...spec.y.map((v) => v + 1));
  if (spec.kind === 'table') return spec.classes.length;
  return spec.kind === 'blobs' ? (spec.classes ?? 2) : 2;
}

/** A point of class c (of K) before noise; t is uniform on [0, 1), r a second uniform. */
type Generator = (c: number, k: number, rng: Rng) => number[];

const GENERATORS: Record<GeneratedDataKind, Generator> = {
  // 1-D: class 0 on [−1, −0.25), class 1 on (0.25, 1]: separable with a margin at noise 0.
  line: (c, _k, rng) => [(2 * c - 1) * (0.25 + 0.75 * rng.uniform())],
  // K Gaussian clusters of spread 0.5 centred on a circle of radius 2 at angles 2πc/K.
  blobs: (c, k, rng) => {
    const a = (2 * Math.PI * c) / k;
    return [2 * Math.cos(a) + 0.5 * rng.normal(), 2 * Math.sin(a) + 0.5 * rng.normal()];
  },
  // XOR: class 0 in quadrants I and III, class 1 in II and IV, 0.1 away from the axes.
  xor: (c, _k, rng) => {
    const s1 = rng.uniform() < 0.5 ? -1 : 1;
    const s2 = c === 0 ? s1 : -s1;
    return [s1 * (0.1 + 0.9 * rng.uniform()), s2 * (0.1 + 0.9 * rng.uniform())];
  },
  // Concentric circles: class 0 on radius 0.5, class 1 on radius 1.
  circles: (c, _k, rng) => {
    const a = 2 * Math.PI * rng.uniform();
    const r = c === 0 ? 0.5 : 1;
    return [r * Math.cos(a), r * Math.sin(a)];
  },
  // scikit-learn's two moons: (cos t, sin t) and (1 − cos t, 0.5 − sin t), t ∈ [0, π).
  moons: (c, _k, rng) => {
    const t = Math.PI * rng.uniform();
    return c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  },
  // Two interleaved spirals: radius 0.1 + 0.9s, angle 3πs + cπ, s uniform.
  spiral: (c, _k, rng) => {
    const s = rng.uniform();
    const r = 0.1 + 0.9 * s;
    const a = 3 * Math.PI * s + c * Math.PI;
    return [r * Math.cos(a), r * Math.sin(a)];
  },
};

/** How many examples the data has (for a table: the rows used). */
export function exampleCount(spec: DataSpec): number {
  if (spec.kind === 'points') return spec.x.length;
  if (spec.kind === 'table') return resolveTable(spec).n;
  return spec.n;
}

export function makeDataset(spec: DataSpec, seed: number): Dataset {
  if (spec.kind === 'table') {
    const r = resolveTable(spec);
    return { dims: r.names.length, classes: spec.classes.length, n: r.n, x: r.x, y: r.y, names: r.names };
  }
  if (spec.kind === 'points') {
    const dims = inputDims(spec);
    return {
      dims,
      classes: dataClasses(spec),
      n: spec.x.length,
      x: Float64Array.from(spec.x.flat()),
      y: Int32Array.from(spec.y),
    };
  }
  const rng = createRng(seed, 'data');
  const k = dataClasses(spec);
  const dims = inputDims(spec);
  const noise = spec.noise ?? 0;
  const x = new Float64Array(spec.n * dims);
  const y = new Int32Array(spec.n);
  const gen = GENERATORS[spec.kind];
  for (let i = 0; i < spec.n; i++) {
    const c = i % k;
    const p = gen(c, k, rng);
    // Gaussian noise of std `noise` per coordinate, drawn even at noise 0 so that changing
    // the noise scales the same draws instead of moving every later point.
    for (let j = 0; j < dims; j++) x[i * dims + j] = p[j] + noise * rng.normal();
    y[i] = c;
  }
  return { dims, classes: k, n: spec.n, x, y };
}
