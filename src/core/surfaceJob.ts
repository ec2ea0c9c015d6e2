/**
 * The loss surface split across workers: each computes a band of rows. The
 * host (Web Workers in the app, worker_threads in Node) only moves messages;
 * the work and the way it is split live here.
 */
import {
  computeSurfaceRows,
  type PreparedSurface,
  prepareSurface,
  type Surface,
  type SurfaceSpec,
} from './surface';

/** Rows r0..r1 of a size×size grid. */
export interface SurfaceJob {
  spec: SurfaceSpec;
  size: number;
  r0: number;
  r1: number;
}

/**
 * The surface a worker prepared last, with a copy of what it was prepared from: a helper gets a
 * surface's rows as several jobs, each with its own copy of the spec, and preparing the deep
 * surface costs about a millisecond a job.
 */
let last: { key: SpecKey; prep: PreparedSurface } | null = null;

/** What a worker does with a job: J for its rows, row-major. */
export function runSurfaceJob(job: SurfaceJob): Float64Array<ArrayBuffer> {
  if (last === null || !sameSpec(last.key, job.spec)) {
    last = null; // a spec that throws leaves nothing behind
    last = { key: specKey(job.spec), prep: prepareSurface(job.spec) };
  }
  const out = new Float64Array(job.size * job.size);
  computeSurfaceRows({ ...last.prep, spec: job.spec }, job.size, job.r0, job.r1, out);
  return out.slice(job.r0 * job.size, job.r1 * job.size);
}

interface SpecKey {
  head: string;
  x: Float64Array;
  y: Int32Array;
  theta: Float64Array;
}

function specKey(spec: SurfaceSpec): SpecKey {
  return { head: headOf(spec), x: spec.x.slice(), y: spec.y.slice(), theta: spec.theta.slice() };
}

/** Everything of a spec but its arrays. */
function headOf(s: SurfaceSpec): string {
  const { sizes, activation, unit, loss } = s.net;
  return JSON.stringify([sizes, activation, unit, loss, s.p, s.q, s.pRange, s.qRange, s.size]);
}

/** Whether `spec` holds what `key` was copied from (a prepared surface depends on nothing else). */
function sameSpec(key: SpecKey, spec: SurfaceSpec): boolean {
  return (
    same(key.theta, spec.theta) && same(key.x, spec.x) && same(key.y, spec.y) && key.head === headOf(spec)
  );
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Bands of nearly equal height, one per worker. */
export function splitRows(size: number, parts: number): [number, number][] {
  const bands: [number, number][] = [];
  for (let k = 0; k < parts; k++) {
    const r0 = Math.floor((size * k) / parts);
    const r1 = Math.floor((size * (k + 1)) / parts);
    if (r1 > r0) bands.push([r0, r1]);
  }
  return bands;
}

/** The whole surface with `parts` jobs run concurrently by `run` (one per worker). */
export async function computeSurfaceParallel(
  spec: SurfaceSpec,
  parts: number,
  run: (job: SurfaceJob) => Promise<Float64Array>,
): Promise<Surface> {
  const values = new Float64Array(spec.size * spec.size);
  await Promise.all(
    splitRows(spec.size, parts).map(async ([r0, r1]) => {
      values.set(await run({ spec, size: spec.size, r0, r1 }), r0 * spec.size);
    }),
  );
  return { size: spec.size, pRange: spec.pRange, qRange: spec.qRange, values };
}
