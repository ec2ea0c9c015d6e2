/**
 * The PyTorch exports reproduce `npm run sim`: every example and a matrix of
 * experiments are exported, run on Debian's PyTorch (one Python process for
 * all of them), and compared with the sim's lines frame by frame.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameLine } from '../../src/cli/frameLine';
import type { Experiment } from '../../src/core/experiment';
import { Run } from '../../src/core/run';
import { runSimulation } from '../../src/core/simulation';
import { validateExperiment } from '../../src/core/validate';
import { pytorchNotebook } from '../../src/export/notebook';
import { pytorchScript } from '../../src/export/pytorch';
import { translator } from '../../src/i18n';
import { codeMatrix } from './codeMatrix';
import { type PythonJob, runPython, torchOrSkip } from './torch';

const root = join(import.meta.dirname, '../..');
const RTOL = 1e-8;
/**
 * A run is chaotic when the app itself, started one ulp away in its largest parameter, ends more
 * than 1e-12 (relative to the largest |θ|) away from itself: then the rounding differences of any
 * two float64 programs (BLAS's summation order, fused multiply-adds) grow the same way. Frames of
 * such a run may differ by up to 1e-6; they are counted and reported. Today only the ReLU variant
 * of examples/moons-hidden (momentum 0.9) needs it: a one-ulp nudge moves the app by 9e-11.
 */
const CHAOTIC = 1e-12;
const CHAOTIC_RTOL = 1e-6;

/** How far the app's own run moves (at its last frame, relative to the largest |θ|) when θ₀ moves one ulp. */
function sensitivity(run: Run, hidden: number[], seed: number): number {
  const last = run.length - 1;
  if (run.divergence !== null || last < 1) return 0;
  const start = run.frame(0).params.slice();
  let k = 0;
  for (let j = 1; j < start.length; j++) if (Math.abs(start[j]) > Math.abs(start[k])) k = j;
  if (start[k] === 0) return 0;
  start[k] *= 1 + 2 ** -52;
  const other = new Run(run.variant, run.data, hidden, start, seed);
  other.advanceTo(last);
  const a = run.frame(last).params;
  const b = other.frame(last).params;
  let d = 0;
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    d = Math.max(d, Math.abs(a[k] - b[k]));
    s = Math.max(s, Math.abs(a[k]));
  }
  return d / s;
}

interface Line {
  variant: number;
  name: string;
  step: number;
  loss: number | null;
  accuracy: number | null;
  params: (number | null)[];
  grad: (number | null)[];
  status: string;
  reason?: string;
}

interface Case {
  name: string;
  experiment: Experiment;
  /** Also exported as a notebook (in this language) and run cell by cell. */
  notebook?: 'en' | 'zh-CN';
}

function cases(): Case[] {
  const examples = readdirSync(join(root, 'examples'))
    .filter((f) => f.endsWith('.sigmoidlab.json'))
    .sort()
    .map((f, i) => {
      const v = validateExperiment(JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')));
      if (!v.ok) throw new Error(`${f}: ${v.errors.join('; ')}`);
      return {
        name: f,
        experiment: v.experiment,
        notebook: i % 2 === 0 ? ('en' as const) : ('zh-CN' as const),
      };
    });
  return [...examples, ...codeMatrix()];
}

/** What `npm run sim` prints for an experiment, parsed, and which of its variants are chaotic. */
function simLines(exp: Experiment): { lines: Line[]; chaotic: Set<number> } {
  const sim = runSimulation(exp);
  const lines: Line[] = [];
  const chaotic = new Set<number>();
  sim.runs.forEach((run, v) => {
    for (let t = 0; t < run.length; t++) lines.push(JSON.parse(frameLine(run, v, t)) as Line);
    if (sensitivity(run, exp.model.hidden, exp.seed) > CHAOTIC) chaotic.add(v);
  });
  return { lines, chaotic };
}

/** Worst differences seen, for the summary. */
const worst = { loss: 0, params: 0, grad: 0, frames: 0, experiments: 0, diverged: 0 };
/** Frames beyond 1e-8 (allowed in chaotic runs only), and their largest differences. */
const chaos = {
  loss: 0,
  params: 0,
  grad: 0,
  frames: 0,
  beyond: 0,
  runs: new Set<string>(),
  beyondRuns: new Set<string>(),
};

/**
 * |a − b| ≤ 1e-8 · max(|a|, |b|, scale): relative, with the scale of the series
 * (the frame's largest |θ| or |∂J/∂θ|, J at step 0) as the floor, so that a
 * value float64 rounds to 0 in one program and to 1e-18 in the other (log(1 + e⁻⁴⁰))
 * is not a failure. Returns the difference in units of that bound's 1e-8.
 */
function difference(a: number | null, b: number | null, scale: number): number {
  if (a === null || b === null) return a === b ? 0 : Infinity;
  const d = Math.abs(a - b);
  return d === 0 ? 0 : d / Math.max(Math.abs(a), Math.abs(b), scale);
}

function largest(v: (number | null)[]): number {
  return v.reduce<number>((m, x) => (x !== null && Math.abs(x) > m ? Math.abs(x) : m), 0);
}

function compare(name: string, sim: Line[], torch: Line[], chaotic: Set<number>): void {
  expect(torch.length, `${name}: frames`).toBe(sim.length);
  const start = new Map<number, number>();
  for (let i = 0; i < sim.length; i++) {
    const a = sim[i];
    const b = torch[i];
    const where = `${name}, variant ${a.variant} (${a.name}), step ${a.step}`;
    expect(
      { variant: b.variant, name: b.name, step: b.step, status: b.status, reason: b.reason },
      where,
    ).toEqual({
      variant: a.variant,
      name: a.name,
      step: a.step,
      status: a.status,
      reason: a.reason,
    });
    expect(Object.keys(b), where).toEqual(Object.keys(a));
    if (a.status === 'diverged') {
      worst.diverged++;
      continue; // its values are not finite; the step and the reason are what must agree
    }
    const rtol = chaotic.has(a.variant) ? CHAOTIC_RTOL : RTOL;
    if (!chaotic.has(a.variant)) worst.frames++;
    if (a.step === 0) start.set(a.variant, Math.abs(a.loss ?? 0));
    const diffs = {
      loss: difference(a.loss, b.loss, start.get(a.variant) ?? 0),
      params: 0,
      grad: 0,
    };
    for (const key of ['params', 'grad'] as const) {
      expect(b[key].length, `${where}: ${key}`).toBe(a[key].length);
      const scale = largest(a[key]);
      a[key].forEach((x, k) => {
        const d = difference(x, b[key][k], scale);
        diffs[key] = Math.max(diffs[key], d);
        if (d > rtol) expect.fail(`${where}: ${key}[${k}] ${x} vs ${b[key][k]} (${d.toExponential(2)})`);
      });
    }
    expect(diffs.loss, `${where}: loss ${a.loss} vs ${b.loss}`).toBeLessThanOrEqual(rtol);
    const tally = chaotic.has(a.variant) ? chaos : worst;
    if (tally === chaos) {
      chaos.frames++;
      chaos.runs.add(`${name}: ${a.name}`);
      if (Math.max(diffs.loss, diffs.params, diffs.grad) > RTOL) {
        chaos.beyond++;
        chaos.beyondRuns.add(`${name}: ${a.name}`);
      }
    } else expect(b.accuracy, `${where}: accuracy`).toBe(a.accuracy);
    for (const key of ['loss', 'params', 'grad'] as const) tally[key] = Math.max(tally[key], diffs[key]);
  }
}

const torch = torchOrSkip();

describe.skipIf(!torch)('PyTorch exports reproduce npm run sim', () => {
  let dir = '';
  const all = cases();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigmoidlab-torch-'));
    const jobs: PythonJob[] = [];
    all.forEach((c, i) => {
      const title = c.name.replace(/\.sigmoidlab\.json$/, '');
      const py = pytorchScript(c.experiment, title);
      if (!py.ok) throw new Error(py.problem);
      writeFileSync(join(dir, `${i}.py`), py.text);
      jobs.push({ file: join(dir, `${i}.py`), out: join(dir, `${i}.py.jsonl`) });
      if (c.notebook) {
        const nb = pytorchNotebook(c.experiment, title, translator(c.notebook));
        if (!nb.ok) throw new Error(nb.problem);
        writeFileSync(join(dir, `${i}.ipynb`), nb.text);
        jobs.push({ file: join(dir, `${i}.ipynb`), out: join(dir, `${i}.ipynb.jsonl`), validate: true });
      }
    });
    await runPython(dir, jobs);
  }, 600_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    console.info(
      `PyTorch vs sim: ${worst.experiments} experiments, ${worst.frames} frames (+${worst.diverged} diverged); ` +
        `largest relative differences: loss ${worst.loss.toExponential(2)}, params ${worst.params.toExponential(2)}, grad ${worst.grad.toExponential(2)}; ` +
        `chaotic runs (${[...chaos.runs].join(', ')}): ${chaos.frames} frames, ${chaos.beyond} beyond 1e-8, largest: loss ${chaos.loss.toExponential(2)}, params ${chaos.params.toExponential(2)}, grad ${chaos.grad.toExponential(2)}`,
    );
  });

  function read(file: string): Line[] {
    if (existsSync(`${file}.error`)) throw new Error(readFileSync(`${file}.error`, 'utf8'));
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Line);
  }

  all.forEach((c, i) => {
    it(`${c.name}: every frame of the script${c.notebook ? ' and the notebook' : ''}`, () => {
      const { lines, chaotic } = simLines(c.experiment);
      compare(c.name, lines, read(join(dir, `${i}.py.jsonl`)), chaotic);
      if (c.notebook) compare(`${c.name} (notebook)`, lines, read(join(dir, `${i}.ipynb.jsonl`)), chaotic);
      worst.experiments++;
    }, 60_000);
  });

  it('the matrix has diverging runs, mini-batches, momentum and three classes', () => {
    const runs = all.flatMap((c) => runSimulation(c.experiment).runs);
    expect(runs.filter((r) => r.divergence !== null).length).toBeGreaterThanOrEqual(4);
    expect(runs.some((r) => r.variant.model.classes === 3)).toBe(true);
    expect(runs.some((r) => r.variant.optimizer.momentum > 0 && r.variant.optimizer.batchSize > 0)).toBe(
      true,
    );
  });

  it('only the chaotic ReLU run of examples/moons-hidden goes beyond 1e-8', () => {
    expect([...chaos.beyondRuns].every((r) => r.startsWith('moons-hidden'))).toBe(true);
  });
});
