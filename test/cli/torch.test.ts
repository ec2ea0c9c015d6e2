/**
 * `npm run sim` on table experiments against PyTorch in float64 (test/cli/torch_reference.py,
 * which resolves the table with numpy on its own). Needs Debian's /usr/bin/python3 with torch
 * (python3-torch); skipped with a message without it, except under CI=true, where it fails.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/core/csv';
import { BUILTIN } from '../../src/core/table';

const root = join(import.meta.dirname, '../..');
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

function hasTorch(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const torch = hasTorch();
if (!torch) {
  const msg = `PyTorch comparison: ${PYTHON} cannot import torch and numpy (apt-get install python3-torch)`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`${msg}; skipped`);
}

function run(cmd: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { cwd: root, maxBuffer: 256 * 2 ** 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} failed: ${stderr}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

interface Line {
  variant: number;
  step: number;
  loss: number;
  params: number[];
}

const lines = (text: string): Line[] =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

/**
 * Every frame's J and θ within `tolerance[variant]` (relative to the value's size, at least 1):
 * 1e-12 for the smooth heads; the clipped unit with NLL divides by ŷ near 0 (PyTorch's BCELoss
 * gradient), which magnifies the last bit of a different summation order over 300 steps.
 */
async function compare(
  experiment: Record<string, unknown>,
  table: { columns: string[]; rows: unknown[] },
  tolerance: number[],
) {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-torch-'));
  const file = join(dir, 'x.sigmoidlab.json');
  await writeFile(file, JSON.stringify(experiment));
  const ours = lines(await run(process.execPath, ['--import', 'tsx', join(root, 'src/cli/sim.ts'), file]));
  const ref = lines(
    await run(PYTHON, [join(root, 'test/cli/torch_reference.py')], JSON.stringify({ experiment, ...table })),
  );
  expect(ours.length).toBe(ref.length);
  const worst = tolerance.map(() => 0);
  ours.forEach((o, i) => {
    const r = ref[i];
    expect([o.variant, o.step]).toEqual([r.variant, r.step]);
    const d = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));
    worst[o.variant] = Math.max(
      worst[o.variant],
      d(o.loss, r.loss),
      ...o.params.map((p, j) => d(p, r.params[j])),
    );
  });
  worst.forEach((w, k) => expect(w, `variant ${k}`).toBeLessThan(tolerance[k]));
  return ours;
}

describe.skipIf(!torch)('npm run sim on tables matches PyTorch float64', () => {
  it('the penguins from a confidently wrong start: four heads, 300 steps', async () => {
    const e = JSON.parse(
      readFileSync(join(root, 'examples/penguins-confidently-wrong.sigmoidlab.json'), 'utf8'),
    );
    const out = await compare(e, BUILTIN.penguins, [1e-8, 1e-12, 1e-12, 1e-12]);
    expect(out.length).toBe(4 * 301);
  }, 120_000);

  it('a CSV table with a missing cell, a hidden layer and momentum, not standardised', async () => {
    const csv = parseCsvTable(
      'a;b;c;kind\n0,5;1;2;yes\n1;NA;0;no\n-1;2;1,5;no\n2;0;1;yes\n0;0;0;maybe\n1,5;-1;2;yes\n-0,5;1;-1;no\n',
    );
    if (!csv.ok) throw new Error(csv.errors.join('\n'));
    const e = {
      version: 1,
      seed: 3,
      data: {
        kind: 'table',
        columns: csv.columns,
        rows: csv.rows,
        features: ['a', 'b', 'c'],
        label: 'kind',
        classes: [['no'], ['yes']],
      },
      model: { hidden: [3], activation: 'tanh', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.3, momentum: 0.9, batchSize: 0 },
      init: {
        kind: 'explicit',
        layers: [
          {
            W: [
              [0.5, -0.3, 0.2],
              [-0.4, 0.1, 0.6],
              [0.3, 0.3, -0.2],
            ],
            b: [0.1, -0.1, 0],
          },
          { W: [[0.7, -0.5, 0.4]], b: [0.05] },
        ],
      },
      steps: 200,
      variants: [{ model: { output: 'sigmoid' }, loss: 'mse' }, { model: { output: 'softmax' } }],
    };
    await compare(e, { columns: csv.columns, rows: csv.rows }, [1e-12, 1e-12]);
  }, 120_000);
});
