/**
 * The loss surface split across workers: each computes a band of rows. The
 * host (Web Workers in the app, worker_threads in Node) only moves messages;
 * the work and the way it is split live here.
 */
import { computeSurfaceRows, prepareSurface, type Surface, type SurfaceSpec } from './surface';

/** Rows r0..r1 of a size×size grid. */
export interface SurfaceJob {
  spec: SurfaceSpec;
  size: number;
  r0: number;
  r1: number;
}

/** What a worker does with a job: J for its rows, row-major. */
export function runSurfaceJob(job: SurfaceJob): Float64Array<ArrayBuffer> {
  const out = new Float64Array(job.size * job.size);
  computeSurfaceRows(prepareSurface(job.spec), job.size, job.r0, job.r1, out);
  return out.slice(job.r0 * job.size, job.r1 * job.size);
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
