/**
 * `npm run bench [-- --json]`: speed and memory figures of the simulation core,
 * with the targets of this machine kind. Prints a table, or one JSON object.
 * Each figure is the best of a few repetitions (the machine is shared); the
 * peak memory of the commands is one run of each (`npx tsx bench/memory.ts`
 * runs only those).
 */
import { availableParallelism } from 'node:os';
import { argv, stdout } from 'node:process';
import { makeDataset } from '../src/core/datasets';
import { initParams } from '../src/core/network';
import { Run } from '../src/core/run';
import { computeSurface, type SurfaceSpec } from '../src/core/surface';
import { computeSurfaceParallel } from '../src/core/surfaceJob';
import { deepSurfaceSpec, hostSurface } from './surfaces';
import { SurfaceWorkerPool } from './workerPool';

const json = argv.includes('--json');
const REPEATS = 3;

function best(fn: () => number, repeats = REPEATS): number {
  let top = 0;
  for (let i = 0; i < repeats; i++) top = Math.max(top, fn());
  return top;
}

async function bestAsync(fn: () => Promise<number>): Promise<number> {
  let top = 0;
  for (let i = 0; i < REPEATS; i++) top = Math.max(top, await fn());
  return top;
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

// Training: 2-8-8-1 tanh, sigmoid + NLL, full batch, 1,000 points, every frame recorded.
const moons = makeDataset({ kind: 'moons', n: 1000, noise: 0.1 }, 1);
const trainVariant = {
  name: 'sigmoid + NLL',
  color: '#1a9e77',
  model: { hidden: [8, 8], activation: 'tanh' as const, output: 'sigmoid' as const, classes: 2 },
  loss: 'nll' as const,
  optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
};
const sizes = [2, 8, 8, 1];
const theta0 = initParams(sizes, { kind: 'xavier' }, 1);
const TRAIN_STEPS = 1500;
const train = best(() => {
  const run = new Run(trainVariant, moons, [8, 8], theta0, 1);
  const t0 = performance.now();
  run.advanceTo(TRAIN_STEPS - 1);
  return (TRAIN_STEPS * moons.n) / seconds(t0);
}, 5);

// A typed sigmoid against the built-in, same network and data, in the same run.
const formula = (await import('./formula')).measureFormula();

// History: 10,000 frames of the same network (bytes per frame measured on a recorded run).
const histRun = new Run(trainVariant, moons, [8, 8], theta0, 1);
histRun.advanceTo(999);
const bytesPerFrame = histRun.history.bytes / 1000;

// Surface: 128×128 over 1,000 points, no hidden layer, one thread.
const line = makeDataset({ kind: 'line', n: 1000, noise: 0.3 }, 1);
const G = 128;
const surfaceSpec: SurfaceSpec = {
  net: { sizes: [1, 1], activation: 'tanh', unit: 'sigmoid', loss: 'nll' },
  x: line.x,
  y: line.y,
  theta: Float64Array.from([1, 0]),
  p: 0,
  q: 1,
  pRange: [-6, 6],
  qRange: [-6, 6],
  size: G,
};
const EVALS = G * G * line.n;
const surface = best(() => {
  const t0 = performance.now();
  computeSurface(surfaceSpec);
  return EVALS / seconds(t0);
});

// Reference: softplus over the same number of values in a plain Float64Array loop.
const ref = new Float64Array(line.n);
for (let i = 0; i < line.n; i++) ref[i] = line.x[i] * 3 - 1;
let sink = 0;
const softplus = best(() => {
  const t0 = performance.now();
  for (let g = 0; g < G * G; g++) {
    const shift = g * 1e-4;
    let s = 0;
    for (let i = 0; i < ref.length; i++) {
      const a = ref[i] + shift;
      s += (a > 0 ? a : 0) + Math.log1p(Math.exp(-Math.abs(a)));
    }
    sink += s;
  }
  return EVALS / seconds(t0);
});

// The same surface split over worker threads (one per core), pool already running.
const cores = Math.max(1, Math.min(availableParallelism(), 8));
const pool = new SurfaceWorkerPool(cores);
await computeSurfaceParallel(surfaceSpec, cores, pool.run);
const parallel = await bestAsync(async () => {
  const t0 = performance.now();
  await computeSurfaceParallel(surfaceSpec, cores, pool.run);
  return EVALS / seconds(t0);
});
await pool.close();

// Surfaces as the app gets them: through the surface host (chunks, copies, a yield between
// chunks) with its helper thread where there is a second core, as the app's surface worker has,
// timed to the first coarse image and to the full 128² surface, against the core alone.
const surfaceHelper = cores > 1 ? new SurfaceWorkerPool(1) : null;
// Started and warm before anything is timed, as in the app (where it starts with the studio).
await surfaceHelper?.run({ spec: surfaceSpec, size: 2, r0: 0, r1: 1 });
function directMs(spec: SurfaceSpec, fullPass = false): number {
  const t0 = performance.now();
  computeSurface(spec, { fullPass });
  return performance.now() - t0;
}
/**
 * The host's first and full times, the core alone on the same path, and the core alone with
 * every grid point through the whole forward pass (what a deep surface cost before issue 21's
 * one-layer shortcut), all measured in this run.
 */
async function surfaceFigures(
  spec: SurfaceSpec,
): Promise<{ first: number; full: number; direct: number; fullPass: number }> {
  let first = Infinity;
  let full = Infinity;
  let direct = Infinity;
  let fullPass = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const h = await hostSurface(spec, surfaceHelper?.run ?? null);
    first = Math.min(first, h.first);
    full = Math.min(full, h.full);
    direct = Math.min(direct, directMs(spec));
    fullPass = Math.min(fullPass, directMs(spec, true));
  }
  return { first, full, direct, fullPass };
}
const line1000 = makeDataset({ kind: 'line', n: 1000, noise: 0.3 }, 1);
const oneD = await surfaceFigures({
  net: { sizes: [1, 1], activation: 'relu', unit: 'sigmoid', loss: 'nll' },
  x: line1000.x,
  y: line1000.y,
  theta: Float64Array.from([-8, 0]),
  p: 0,
  q: 1,
  pRange: [-10, 10],
  qRange: [-5, 5],
  size: 128,
});
const deep = await surfaceFigures(deepSurfaceSpec());

await surfaceHelper?.close();

// Export throughput at 800 × 600, drawing included (@napi-rs/canvas, as `npm run export`).
const exportFigures = await (await import('./export')).measureExport();

// Peak memory of `npm run sim` and `npm run export` (child processes) on ~152 MiB of history.
const memory = await (await import('./memory')).measureMemory();
const memoryTarget = 1.5 * memory.historyMb + 250;

// The heavy preset's four variants on two simulation workers against one (the host, worker_threads).
const trainParallel = await (await import('./trainParallel')).measureTrainParallel();

// The studio in headless Chromium: frame times during playback (skipped without Chromium).
const playback = argv.includes('--no-browser') ? null : await (await import('./playback')).measurePlayback();
// The heavy preset in the studio, on the build the playback figures made.
const heavyModule = await import('./playbackHeavy');
const heavy = playback ? await heavyModule.measureHeavy(false) : null;

interface Figure {
  key: string;
  value: number;
  unit: string;
  target: string;
  ok: boolean | null;
}

const figures: Figure[] = [
  { key: 'train_examples_per_s', value: train, unit: 'examples/s', target: '≥ 2,000,000', ok: train >= 2e6 },
  {
    key: 'train_formula_examples_per_s',
    value: formula.typed,
    unit: `examples/s, typed 1/(1+exp(-z)) + nll (built-in here ${(formula.builtin / 1e6).toFixed(2)} M)`,
    target: `≥ 0.5 × built-in (${((0.5 * formula.builtin) / 1e6).toFixed(2)} M)`,
    ok: formula.typed >= 0.5 * formula.builtin,
  },
  {
    key: 'surface_evals_per_s',
    value: surface,
    unit: 'evals/s',
    target: `≥ 0.8 × softplus (${((0.8 * softplus) / 1e6).toFixed(1)} M)`,
    ok: surface >= 0.8 * softplus,
  },
  { key: 'softplus_evals_per_s', value: softplus, unit: 'evals/s', target: 'reference', ok: null },
  {
    key: 'surface_parallel_evals_per_s',
    value: parallel,
    unit: `evals/s, ${cores} workers`,
    target: `> 1 thread (${(surface / 1e6).toFixed(1)} M)`,
    ok: cores === 1 ? null : parallel > surface,
  },
  {
    key: 'history_mb_10k_frames',
    value: (bytesPerFrame * 10_001) / 2 ** 20,
    unit: 'MiB (2-8-8-1)',
    target: '≤ 64 MiB',
    ok: (bytesPerFrame * 10_001) / 2 ** 20 <= 64,
  },
  {
    key: 'surface_1d_first_ms',
    value: oneD.first,
    unit: 'ms to the coarse image (1-D, 1,000 pts)',
    target: '≤ 50',
    ok: oneD.first <= 50,
  },
  {
    key: 'surface_1d_full_ms',
    value: oneD.full,
    unit: `ms to 128² through the host (core alone ${oneD.direct.toFixed(1)} ms)`,
    target: `≤ 1.25 × core (${(1.25 * oneD.direct).toFixed(1)})`,
    ok: oneD.full <= 1.25 * oneD.direct,
  },
  {
    key: 'surface_deep_first_ms',
    value: deep.first,
    unit: 'ms to the coarse image (2-8-8-1, 500 pts)',
    target: '≤ 50',
    ok: deep.first <= 50,
  },
  {
    key: 'surface_deep_full_ms',
    value: deep.full,
    unit: `ms to 128² through the host (core alone ${deep.direct.toFixed(1)} ms; every point through the whole network ${deep.fullPass.toFixed(1)} ms)`,
    target: `≤ 0.25 × the whole-network pass (${(0.25 * deep.fullPass).toFixed(1)})`,
    ok: deep.full <= 0.25 * deep.fullPass,
  },
  {
    key: 'surface_deep_host_ratio',
    value: deep.full / deep.direct,
    unit: '× the core alone on the same path (chunks, copies, coarse levels)',
    target: '≤ 1.25',
    ok: deep.full <= 1.25 * deep.direct,
  },
  {
    key: 'export_gif_fps',
    value: exportFigures.gifFps,
    unit: 'frames/s, GIF 800 × 600 (data, chain, curves), drawing included',
    target: '≥ 40',
    ok: exportFigures.gifFps >= 40,
  },
  {
    key: 'export_gif_grow_fps',
    value: exportFigures.gifGrowFps,
    unit: 'frames/s, the same GIF with the curves growing with the frames (the default for animations)',
    target: '≥ 40',
    ok: exportFigures.gifGrowFps >= 40,
  },
  {
    key: 'export_svg_ms',
    value: exportFigures.svgMs,
    unit: `ms, one 1920 × 1080 frame of all panels as SVG (${Math.round(exportFigures.svgBytes / 1024)} KB)`,
    target: 'reference',
    ok: null,
  },
  {
    key: 'export_pdf_ms',
    value: exportFigures.pdfMs,
    unit: `ms, one 1920 × 1080 frame of all panels as PDF (${Math.round(exportFigures.pdfBytes / 1024)} KB)`,
    target: 'reference',
    ok: null,
  },
  {
    key: 'export_pngseq_fps',
    value: exportFigures.pngseqFps,
    unit: 'frames/s, PNG sequence (zip) 800 × 600, drawing included',
    target: 'reference',
    ok: null,
  },
  {
    key: 'export_draw_fps',
    value: exportFigures.drawFps,
    unit: 'frames/s, drawing alone 800 × 600',
    target: 'reference',
    ok: null,
  },
  {
    key: 'export_gifenc_fps',
    value: exportFigures.gifencFps,
    unit: 'frames/s, gifenc alone (one palette) 800 × 600',
    target: 'reference',
    ok: null,
  },
  {
    key: 'sim_history_mb',
    value: memory.historyMb,
    unit: 'MiB of history the validator budgets (2-64-64-1, momentum, 1,500 steps)',
    target: 'reference',
    ok: null,
  },
  {
    key: 'sim_peak_rss_mb',
    value: memory.simPeakMb,
    unit: `MiB peak RSS, npm run sim (${memory.simOutputMb.toFixed(0)} MiB printed to a pipe; node alone ${memory.baselineMb.toFixed(0)} MiB)`,
    target: `≤ 1.5 × history + 250 (${memoryTarget.toFixed(0)})`,
    ok: memory.simPeakMb <= memoryTarget,
  },
  {
    key: 'export_peak_rss_mb',
    value: memory.exportPeakMb,
    unit: 'MiB peak RSS, npm run export (PNG, every panel, same experiment)',
    target: `≤ 1.5 × history + 250 (${memoryTarget.toFixed(0)})`,
    ok: memory.exportPeakMb <= memoryTarget,
  },
  {
    key: 'train_parallel_speedup',
    value: trainParallel.speedup,
    unit: `× (4 variants, moons 2,000, 2-32-32-1, ${trainParallel.steps} steps: 1 worker ${(trainParallel.oneMs / 1000).toFixed(1)} s, 2 workers ${(trainParallel.twoMs / 1000).toFixed(1)} s; ${trainParallel.identical ? 'bit-identical' : 'RESULTS DIFFER'}; load average ${trainParallel.load.toFixed(1)})`,
    target: '≥ 1.6, bit-identical',
    ok: cores === 1 ? null : trainParallel.speedup >= 1.6 && trainParallel.identical,
  },
  ...(playback
    ? [
        {
          key: 'playback_frame_median_ms',
          value: playback.medianMs,
          unit: 'ms (rAF, 4 × 2-8-8-1, 500 points)',
          target: 'reference',
          ok: null,
        },
        {
          // rAF timestamps are coarsened to 0.1 ms: a frame on time reads 16.6–16.8 ms.
          key: 'playback_frame_p95_ms',
          value: playback.p95Ms,
          unit: 'ms (rAF, default panels: data, chain, curves, status)',
          target: '≤ 16.7 (one 60 Hz frame; ±0.1 timer resolution)',
          ok: playback.p95Ms <= 16.85, // 16.7 + the 0.1 ms the timestamps are rounded to, and float noise
        },
        {
          key: 'playback_dropped_frames_pct',
          value: playback.droppedPct,
          unit: '% of frames longer than 20 ms while playing back',
          target: 'reference',
          ok: null,
        },
        {
          key: 'playback_trained_s',
          value: playback.trainedS,
          unit: 's until 10,000 steps × 4 variants are trained in the worker (the page open)',
          target: 'reference',
          ok: null,
        },
        {
          key: 'playback_training_frame_p95_ms',
          value: playback.trainingP95Ms,
          unit: 'ms (while 10,000 steps train)',
          target: 'reference',
          ok: null,
        },
        {
          key: 'playback_training_long_tasks',
          value: playback.trainingLongTasks,
          unit: `tasks > 50 ms while training (longest ${playback.trainingLongestTaskMs.toFixed(0)} ms)`,
          target: '0',
          ok: playback.trainingLongTasks === 0,
        },
        {
          key: 'playback_long_tasks',
          value: playback.longTasks,
          unit: `main-thread tasks > 50 ms (longest ${playback.longestTaskMs.toFixed(0)} ms)`,
          target: '0',
          ok: playback.longTasks === 0,
        },
      ]
    : []),
  ...(heavy
    ? [
        {
          key: 'playback_heavy_frame_p95_ms',
          value: heavy.heavyP95Ms,
          unit: `ms (rAF, 4 × 2-32-32-1, moons 2,000; data, chain, curves, status, loss surface; median ${heavy.heavyMedianMs.toFixed(1)} ms)`,
          target: '≤ 33.4 (30 fps)',
          ok: heavy.heavyP95Ms <= 33.4,
        },
        {
          key: 'playback_heavy_dropped_frames_pct',
          value: heavy.heavyDroppedPct,
          unit: '% of frames longer than 20 ms while the heavy preset plays back',
          target: 'reference',
          ok: null,
        },
        {
          key: 'edit_to_first_frame_ms',
          value: heavy.defaultFirstFrameMs,
          unit: 'ms from an edit (steps) to every variant’s first frame drawn, default experiment',
          target: 'reference',
          ok: null,
        },
        {
          key: 'edit_to_trained_ms',
          value: heavy.defaultTrainedMs,
          unit: 'ms from that edit to every variant trained (301 steps), default experiment',
          target: 'reference',
          ok: null,
        },
        {
          key: 'edit_to_first_frame_heavy_ms',
          value: heavy.heavyFirstFrameMs,
          unit: 'ms from an edit (steps) to every variant’s first frame drawn, heavy preset',
          target: 'reference',
          ok: null,
        },
        {
          key: 'edit_to_trained_heavy_ms',
          value: heavy.heavyTrainedMs,
          unit: `ms from that edit to every variant trained (${heavyModule.HEAVY_BENCH_STEPS + 1} steps, ${heavy.workers} workers), heavy preset`,
          target: 'reference',
          ok: null,
        },
      ]
    : []),
];

if (json) {
  const out: Record<string, number | string> = {};
  for (const f of figures) out[f.key] = Number(f.value.toPrecision(6));
  out.cores = cores;
  out.node = process.version;
  stdout.write(JSON.stringify(out) + '\n');
} else {
  const fmt = (v: number): string =>
    v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(2);
  const rows = figures.map((f) => [
    f.key,
    fmt(f.value),
    f.unit,
    f.target,
    f.ok === null ? '' : f.ok ? 'ok' : 'MISS',
  ]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
  stdout.write(`Sigmoid Lab benchmark (node ${process.version}, ${cores} cores)\n`);
  for (const r of rows)
    stdout.write(
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd() + '\n',
    );
}
if (sink === 0.5) stdout.write('');
