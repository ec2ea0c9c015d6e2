/**
 * `npm run sim -- FILE [--steps N]`: runs an experiment without a window and
 * prints one JSON object per line for every frame of every variant. An invalid
 * file or option: every problem on stderr, nothing on stdout, exit code 2.
 */
import { resolve } from 'node:path';
import { argv, exit, stderr, stdout } from 'node:process';
import type { Run } from '../core/run';
import { createSimulation } from '../core/simulation';
import { parseExperimentJson, validateExperiment } from '../core/validate';
import { frameLine } from './frameLine';
import { MAX_EXPERIMENT_BYTES, readCapped, readProblem, TooBig } from './readCapped';

const USAGE = 'usage: npm run sim -- EXPERIMENT.json [--steps N]';

interface Options {
  file: string;
  steps: number | null;
}

function parseArgs(args: string[]): Options | string[] {
  const errors: string[] = [];
  let file: string | null = null;
  let steps: number | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--steps') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v))
        errors.push(`--steps: expected a whole number, got ${v ?? 'nothing'}`);
      else steps = Number(v);
    } else if (a.startsWith('--steps=')) {
      const v = a.slice('--steps='.length);
      if (!/^\d+$/.test(v)) errors.push(`--steps: expected a whole number, got ${v}`);
      else steps = Number(v);
    } else if (a.startsWith('-')) {
      errors.push(`${a}: unknown option`);
    } else if (file === null) {
      file = a;
    } else {
      errors.push(`${a}: only one experiment file can be given`);
    }
  }
  if (file === null) errors.push('no experiment file given');
  return errors.length > 0 || file === null ? errors : { file, steps };
}

/** Writes through stdout's buffer, waiting when it is full, so memory stays flat. */
async function write(text: string): Promise<void> {
  if (!stdout.write(text)) await new Promise<void>((resolve) => stdout.once('drain', resolve));
}

/** Lines are gathered up to this many characters before they are written (a frame may be long). */
const CHUNK = 1 << 16;

async function emit(run: Run, index: number, steps: number): Promise<void> {
  // The history's whole size at once (it is within the validator's budget): growing it slice by
  // slice would copy it every time. Pages are touched only as frames are recorded.
  run.history.reserve(steps + 1);
  // Train in slices so the first lines appear at once and the history grows as it is printed.
  let next = 0;
  while (next <= steps) {
    const last = Math.min(steps, next + 255);
    run.advanceTo(last);
    let chunk = '';
    for (let t = next; t <= last && t < run.length; t++) {
      chunk += frameLine(run, index, t) + '\n';
      if (chunk.length >= CHUNK) {
        await write(chunk);
        chunk = '';
      }
    }
    if (chunk) await write(chunk);
    if (run.length <= last) return; // diverged: no frame follows
    next = last + 1;
  }
}

async function main(): Promise<number> {
  const opts = parseArgs(argv.slice(2));
  if (Array.isArray(opts)) {
    for (const e of opts) stderr.write(`sim: ${e}\n`);
    stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Relative to where `npm run` was typed (npm changes into the package's folder).
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), opts.file);
  let text: string;
  try {
    text = await readCapped(file, MAX_EXPERIMENT_BYTES);
  } catch (e) {
    stderr.write(`sim: ${e instanceof TooBig ? e.message : readProblem(file, e)}\n`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = parseExperimentJson(text);
  } catch (e) {
    stderr.write(`sim: ${opts.file}: not valid JSON (${(e as Error).message})\n`);
    return 2;
  }
  if (opts.steps !== null && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = { ...raw, steps: opts.steps };
  }
  const result = validateExperiment(raw);
  if (!result.ok) {
    stderr.write(`sim: ${opts.file}: ${result.errors.length} problem(s)\n`);
    for (const e of result.errors) stderr.write(`  ${e}\n`);
    return 2;
  }
  const sim = createSimulation(result.experiment);
  const runs: (Run | null)[] = sim.runs;
  for (let v = 0; v < runs.length; v++) {
    await emit(runs[v]!, v, result.experiment.steps);
    runs[v] = null; // printed: its history can go
  }
  return 0;
}

// Nothing outlives its parent: when the process that started this one is gone (a shell killed by
// `timeout` or by a SIGTERM to npm, which does not pass it on), the simulation stops too.
const ppid = process.ppid;
setInterval(() => {
  if (process.ppid !== ppid) exit(143);
}, 200).unref();
// A closed pipe (`| head`) ends the output quietly.
stdout.on('error', (e: NodeJS.ErrnoException) => exit(e.code === 'EPIPE' ? 0 : 1));
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    stderr.write(`sim: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
