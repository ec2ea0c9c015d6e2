/**
 * Peak memory of `npm run sim` and `npm run export` on an experiment with a
 * large history: each command runs as the user runs it (node --import tsx, a
 * child process, its output read through a pipe), and reports its peak
 * resident set size on exit (bench/rssHook.mjs). The target is the one the
 * validator's history budget promises: peak RSS ≤ 1.5 × the history + 250 MiB.
 *
 * `npx tsx bench/memory.ts [--json]` runs only these figures.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { argv, stdout } from 'node:process';

const root = resolve(import.meta.dirname, '..');
const MIB = 2 ** 20;

/** A 2-64-64-1 network with momentum (θ, ∂J/∂θ and the momentum buffer kept): ~152 MiB of history. */
export const MEMORY_EXPERIMENT = {
  version: 1,
  seed: 3,
  data: { kind: 'moons', n: 200, noise: 0.1 },
  model: { hidden: [64, 64], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.1, momentum: 0.9, batchSize: 32 },
  init: { kind: 'xavier' },
  steps: 1500,
  variants: [{ name: 'wide' }],
};

/** The history the validator budgets for an experiment: (steps + 1) × parameters × 3 float64 per variant. */
export function historyBytes(e: typeof MEMORY_EXPERIMENT): number {
  const sizes = [2, ...e.model.hidden, 1];
  let params = 0;
  for (let l = 0; l + 1 < sizes.length; l++) params += sizes[l + 1] * (sizes[l] + 1);
  return (e.steps + 1) * params * 3 * 8 * e.variants.length;
}

/** Runs `node --import tsx SCRIPT ARGS` in the repository; its peak RSS and the bytes it printed. */
async function peakRss(script: string, args: string[], dir: string): Promise<{ rss: number; out: number }> {
  const rssFile = join(dir, `rss-${Math.random().toString(16).slice(2)}`);
  const child = spawn(
    process.execPath,
    ['--import', './bench/rssHook.mjs', '--import', 'tsx', script, ...args],
    {
      cwd: root,
      env: { ...process.env, SIGMOID_RSS_FILE: rssFile, INIT_CWD: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = 0;
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.length));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${err.slice(-2000)}`);
  return { rss: Number(await readFile(rssFile, 'utf8')), out };
}

export interface MemoryFigures {
  historyMb: number;
  simPeakMb: number;
  simOutputMb: number;
  exportPeakMb: number;
  /** Node's own footprint: `node --import tsx` running nothing. */
  baselineMb: number;
}

export async function measureMemory(): Promise<MemoryFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-memory-'));
  try {
    const file = join(dir, 'wide.sigmoidlab.json');
    await writeFile(file, JSON.stringify(MEMORY_EXPERIMENT));
    const empty = join(dir, 'empty.mjs');
    await writeFile(empty, '');
    const baseline = await peakRss(empty, [], dir);
    const sim = await peakRss('src/cli/sim.ts', [file], dir);
    const exp = await peakRss(
      'src/cli/export.ts',
      [file, '--format', 'png', '--quiet', '--out', join(dir, 'wide.png')],
      dir,
    );
    return {
      historyMb: historyBytes(MEMORY_EXPERIMENT) / MIB,
      simPeakMb: sim.rss / MIB,
      simOutputMb: sim.out / MIB,
      exportPeakMb: exp.rss / MIB,
      baselineMb: baseline.rss / MIB,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The memory target: peak RSS ≤ 1.5 × the history + 250 MiB. */
export const rssTarget = (historyMb: number): number => 1.5 * historyMb + 250;

if (resolve(argv[1] ?? '') === resolve(import.meta.filename)) {
  const m = await measureMemory();
  if (argv.includes('--json')) stdout.write(JSON.stringify(m) + '\n');
  else
    stdout.write(
      `history ${m.historyMb.toFixed(1)} MiB · sim peak ${m.simPeakMb.toFixed(1)} MiB (output ${m.simOutputMb.toFixed(1)} MiB) · export peak ${m.exportPeakMb.toFixed(1)} MiB · node alone ${m.baselineMb.toFixed(1)} MiB · target ≤ ${rssTarget(m.historyMb).toFixed(1)} MiB\n`,
    );
}
