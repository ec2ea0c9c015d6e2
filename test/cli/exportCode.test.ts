import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function run(args: string[], initCwd?: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/export.ts'), ...args],
      { cwd: root, env: initCwd ? { ...process.env, INIT_CWD: initCwd } : process.env },
      (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

describe('npm run export -- … --format py|ipynb', { timeout: 30_000 }, () => {
  let dir: string;
  const example = join(root, 'examples/confidently-wrong.sigmoidlab.json');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-code-'));
  });

  it('writes a commented float64 PyTorch script, the format taken from the extension', async () => {
    const out = join(dir, 'run.py');
    const r = await run([example, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${out}`);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('#!/usr/bin/env python3\n')).toBe(true);
    expect(text).toContain('torch.set_default_dtype(torch.float64)');
    expect(text).toContain('# confidently-wrong: an experiment of Sigmoid Lab as a PyTorch program');
    for (const s of [
      'binary_cross_entropy_with_logits',
      'torch.clamp(z[:, 0], 0, 1)',
      'F.cross_entropy(z, y)',
    ])
      expect(text).toContain(s);
    expect(text).toContain(
      'torch.optim.SGD(net.parameters(), lr=variant["learning_rate"], momentum=variant["momentum"])',
    );
    // The 40 generated points, written out.
    expect(text.match(/^ {4}\[-?\d[^\]]*\],$/gm)?.length).toBe(40);
    expect(await readdir(dir)).toEqual(['run.py']);
  });

  it('reads and writes relative paths from where npm run was typed, and never over the experiment', async () => {
    const work = await mkdtemp(join(tmpdir(), 'sigmoid-lab-code-cwd-'));
    await writeFile(join(work, 'mine.json'), await readFile(example, 'utf8'));
    const r = await run(['mine.json', '--out', 'mine.py', '--quiet'], work);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(work, 'mine.py'), 'utf8')).toContain('torch.set_default_dtype(torch.float64)');
    // An experiment saved as .py by mistake: --out naming it is refused, and it is left as it was.
    await writeFile(join(work, 'odd.py'), await readFile(example, 'utf8'));
    const same = await run(['odd.py', '--format', 'py', '--out', 'odd.py'], work);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`--out: ${join(work, 'odd.py')} is the experiment itself`);
    expect(await readFile(join(work, 'odd.py'), 'utf8')).toBe(await readFile(example, 'utf8'));
    const missing = await run(['nope.json', '--out', 'x.py'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(work, 'nope.json')}: cannot read the file`);
  });

  it('writes a notebook in the language asked', async () => {
    const out = join(dir, 'run.ipynb');
    const r = await run([example, '--format', 'ipynb', '--lang', 'zh-CN', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const nb = JSON.parse(await readFile(out, 'utf8')) as {
      nbformat: number;
      cells: { cell_type: string; source: string[] }[];
    };
    expect(nb.nbformat).toBe(4);
    const kinds = nb.cells.map((c) => c.cell_type);
    expect(kinds.filter((k) => k === 'code').length).toBe(kinds.filter((k) => k === 'markdown').length);
    expect(nb.cells[0].source.join('')).toContain('# confidently-wrong（PyTorch 版）');
    expect(nb.cells.find((c) => c.source.join('').startsWith('## 训练'))).toBeDefined();
    expect(nb.cells[nb.cells.length - 1].source.join('')).toBe('plot(curves)');
  });

  it('names every problem and writes nothing', async () => {
    const bad = join(dir, 'bad.sigmoidlab.json');
    await writeFile(bad, JSON.stringify({ version: 1, model: { output: 'sigmod' } }));
    const before = await readdir(dir);
    const r = await run([bad, '--format', 'py', '--out', join(dir, 'x.ipynb'), '--fps', '3', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fps: not an option of --format py');
    expect(r.stderr).toContain('--lang: expected one of en, zh-CN, got fr');
    expect(r.stderr).toContain('should end in .py');
    expect(r.stderr).toContain(
      'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got "sigmod"',
    );
    expect(await readdir(dir)).toEqual(before);
  });

  it('refuses a folder as the destination', async () => {
    await mkdir(join(dir, 'folder.py'));
    const r = await run([example, '--out', join(dir, 'folder.py')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a folder; give a file name');
  });
});
