/** `npm run sim` with typed units and losses: it trains them, and a bad formula exits 2 naming it. */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/sim.ts'), ...args],
      { cwd: root, maxBuffer: 64 * 2 ** 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const experiment = (output: unknown, loss: unknown) => ({
  version: 1,
  data: { kind: 'line', n: 20 },
  model: { hidden: [], output, classes: 2 },
  loss,
  optimizer: { learningRate: 0.5 },
  init: { kind: 'explicit', layers: [{ W: [[-2]], b: [0] }] },
  steps: 3,
});

async function file(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-formula-'));
  const path = join(dir, 'x.sigmoidlab.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('npm run sim with formulas', () => {
  it('trains a typed unit with a typed loss, one line per frame', async () => {
    const r = await sim([
      await file(experiment({ name: 'half tanh', f: '(tanh(z) + 1) / 2' }, { name: 'sq', L: '(p - y)^2' })),
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ name: 'half tanh + sq', step: 0, status: 'ok' });
    expect(lines[3].loss).toBeLessThan(lines[0].loss);
  }, 120_000);

  it('exits 2 naming model.output.f and loss.L with the symbol and position, nothing on stdout', async () => {
    const r = await sim([
      await file({
        ...experiment({ name: 'bad', f: 'sin(z)' }, { name: 'bad', L: '(p - q)^2' }),
        variants: [{ name: 'fine' }, { name: 'also bad', loss: { name: 'v', L: 'p * unknownfn(y)' } }],
      }),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('model.output.f: unknown function "sin" at character 1');
    expect(r.stderr).toContain('loss.L: unknown symbol "q" at character 6');
    expect(r.stderr).toContain('variants[1].loss.L: unknown function "unknownfn" at character 5');
  }, 120_000);
});
