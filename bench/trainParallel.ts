/**
 * `train_parallel_speedup`: the heavy preset's four variants trained by the
 * simulation host on two worker threads (each its share of the variants, as the
 * studio shares them) against one, from the load to the last frame received.
 * Checks that both give the same frames, bit for bit.
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Experiment } from '../src/core/experiment';
import type { HostMessage } from '../src/core/host';
import { HEAVY_EXPERIMENT } from './heavy';

/** The heavy preset, shortened to keep the bench short (every step costs the same). */
export const PARALLEL_STEPS = 150;

interface Trained {
  ms: number;
  /** Per variant: every frame's loss, then every frame's parameters. */
  values: number[][];
}

async function train(experiment: Experiment, shares: number[][]): Promise<Trained> {
  const url = new URL('./trainWorker.mjs', import.meta.url);
  const workers = shares.map(() => new Worker(url));
  const variants = experiment.variants?.length ?? 1;
  // The batches as received (kept whole: the receiving thread shares the cores with the workers).
  const loss: Float64Array[][] = Array.from({ length: variants }, () => []);
  const params: Float64Array[][] = Array.from({ length: variants }, () => []);
  try {
    // Warm-up: the workers load tsx and the core before the clock starts.
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((ready) => {
            w.once('message', () => ready());
            w.postMessage({ type: 'load', id: 0, experiment: { ...experiment, steps: 1 }, variants: [] });
          }),
      ),
    );
    const t0 = performance.now();
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((done, fail) => {
            w.on('error', fail);
            w.on('message', (m: HostMessage) => {
              if (m.id !== 1) return;
              if (m.type === 'frames') {
                loss[m.variant].push(m.loss);
                params[m.variant].push(m.params);
              } else if (m.type === 'progress' && m.done) done();
              else if (m.type === 'error') fail(new Error(m.message));
            });
            w.postMessage({ type: 'load', id: 1, experiment, variants: shares[i] });
          }),
      ),
    );
    const ms = performance.now() - t0;
    const flat = (chunks: Float64Array[]): number[] => chunks.flatMap((c) => Array.from(c));
    return { ms, values: loss.map((l, v) => [...flat(l), ...flat(params[v])]) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export interface ParallelFigures {
  oneMs: number;
  twoMs: number;
  speedup: number;
  /** The two workers' frames equal the one worker's, bit for bit. */
  identical: boolean;
  steps: number;
  /** The machine's 1-minute load average when measured (the speedup needs two idle cores). */
  load: number;
}

export async function measureTrainParallel(repeats = 2): Promise<ParallelFigures> {
  const experiment: Experiment = { ...HEAVY_EXPERIMENT, steps: PARALLEL_STEPS };
  const n = experiment.variants!.length;
  let oneMs = Infinity;
  let twoMs = Infinity;
  let identical = true;
  for (let r = 0; r < repeats; r++) {
    const one = await train(experiment, [Array.from({ length: n }, (_, k) => k)]);
    const two = await train(experiment, [
      [0, 2],
      [1, 3],
    ]);
    oneMs = Math.min(oneMs, one.ms);
    twoMs = Math.min(twoMs, two.ms);
    identical &&= one.values.every(
      (vs, v) =>
        vs.length === two.values[v].length &&
        vs.length > 0 &&
        vs.every((x, i) => Object.is(x, two.values[v][i])),
    );
  }
  return { oneMs, twoMs, speedup: oneMs / twoMs, identical, steps: PARALLEL_STEPS, load: loadavg()[0] };
}

// `tsx bench/trainParallel.ts`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureTrainParallel());
}
