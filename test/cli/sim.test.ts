import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function sim(args: string[]): Promise<Result> {
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

async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

// Each test starts the real command line: slow on a busy machine.
describe('npm run sim', { timeout: 120_000 }, () => {
  it('prints one JSON object per frame of every variant, and nothing else', async () => {
    const r = await sim([join(root, 'examples/sigmoid-vs-clipped.sigmoidlab.json'), '--steps', '5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2 * 6);
    expect(lines[0]).toMatchObject({ variant: 0, name: 'sigmoid + NLL', step: 0, status: 'ok' });
    expect(Object.keys(lines[0])).toEqual([
      'variant',
      'name',
      'step',
      'loss',
      'accuracy',
      'params',
      'grad',
      'status',
    ]);
    expect(lines[0].params).toEqual([0.5, -0.2, 0.1]);
    // J at θ₀: mean of ζ(−z₁) and ζ(z₂), z = 0.5x₁ − 0.2x₂ + 0.1.
    const z1 = 0.5 * 0.3 - 0.2 * -1.2 + 0.1;
    const z2 = 0.5 * 1.1 - 0.2 * 0.4 + 0.1;
    const sp = (a: number): number => Math.log1p(Math.exp(a));
    expect(lines[0].loss).toBeCloseTo((sp(-z1) + sp(z2)) / 2, 14);
    expect(lines[6]).toMatchObject({ variant: 1, name: 'clipped + NLL', step: 0 });
    expect(lines[11].step).toBe(5);
    // θ₁ = θ₀ − α·grad₀, as printed.
    for (let k = 0; k < 3; k++) expect(lines[1].params[k]).toBe(lines[0].params[k] - 0.1 * lines[0].grad[k]);
  });

  it('is deterministic', async () => {
    const file = join(root, 'examples/moons-hidden.sigmoidlab.json');
    const [a, b] = await Promise.all([sim([file, '--steps', '20']), sim([file, '--steps', '20'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n').length - 1).toBe(3 * 21);
  });

  it('marks the last frame of a diverged run and prints nothing after it', async () => {
    const file = await tempFile(
      'diverge.sigmoidlab.json',
      JSON.stringify({
        version: 1,
        data: { kind: 'line', n: 20, noise: 0.5 },
        model: { hidden: [], output: 'linear', classes: 2 },
        loss: 'mse',
        optimizer: { learningRate: 1000 },
        steps: 3000,
      }),
    );
    const r = await sim([file]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeLessThan(3001);
    const last = lines[lines.length - 1];
    expect(last.status).toBe('diverged');
    expect(last.reason).toMatch(/became/);
    expect(lines.slice(0, -1).every((l) => l.status === 'ok')).toBe(true);
  });

  it('rejects an invalid file with exit code 2, every problem on stderr and nothing on stdout', async () => {
    const file = await tempFile(
      'bad.sigmoidlab.json',
      JSON.stringify({
        version: 1,
        data: { kind: 'line', n: 20 },
        model: { hidden: [], output: 'sigmod', classes: 2 },
        loss: 'nll',
        optimizer: { learningRate: -1 },
        steps: 10,
      }),
    );
    const r = await sim([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got "sigmod"',
    );
    expect(r.stderr).toContain('optimizer.learningRate');
  });

  it('names unreadable files, broken JSON and bad options', async () => {
    const missing = await sim(['/nonexistent/x.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\/.*: cannot read the file \(ENOENT: no such file\)/);
    expect(missing.stdout).toBe('');
    const broken = await sim([await tempFile('broken.json', '{"version": 1,')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON/);
    const opts = await sim([
      join(root, 'examples/sigmoid-vs-clipped.sigmoidlab.json'),
      '--steps',
      'many',
      '--fast',
    ]);
    expect(opts.code).toBe(2);
    expect(opts.stderr).toContain('--steps: expected a whole number, got many');
    expect(opts.stderr).toContain('--fast: unknown option');
    const none = await sim([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no experiment file given');
  });

  it('checks --steps against the limits like the file itself', async () => {
    const r = await sim([join(root, 'examples/sigmoid-vs-clipped.sigmoidlab.json'), '--steps', '99999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/steps/);
    expect(r.stdout).toBe('');
  });

  it('names malformed explicit layers (exit 2, nothing on stdout, no stack trace)', async () => {
    const file = await tempFile(
      'layers.json',
      JSON.stringify({
        version: 1,
        data: { kind: 'points', x: [[3], [1]], y: [1, 0] },
        model: { output: 'sigmoid' },
        loss: 'nll',
        optimizer: { learningRate: 0.1 },
        init: { kind: 'explicit', layers: [{}] },
        steps: 3,
      }),
    );
    const r = await sim([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/init\.layers\[0\]\.W: /);
    expect(r.stderr).toMatch(/init\.layers\[0\]\.b: /);
    expect(r.stderr).not.toMatch(/internal error|TypeError| {4}at /);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', async () => {
    const text = await readFile(join(root, 'examples/sigmoid-vs-clipped.sigmoidlab.json'), 'utf8');
    const file = await tempFile('bom.json', '\ufeff' + text);
    const r = await sim([file, '--steps', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});
