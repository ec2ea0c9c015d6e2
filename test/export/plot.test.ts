/**
 * `python3 run.py --plot` draws each variant's loss curve with matplotlib. matplotlib is not among the
 * test machine's packages, so a stand-in `matplotlib.pyplot` (on PYTHONPATH) records the calls: the
 * curves drawn must be the losses the script printed, one per variant, labelled with its name, on a
 * log axis. Without matplotlib at all the script says so and still prints every frame.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { pytorchScript } from '../../src/export/pytorch';
import { translator } from '../../src/i18n';
import { PYTHON, torchOrSkip } from './torch';

const RECORDER = `
import json, os
_calls = []
def _log(name, *args, **kw):
    _calls.append({"call": name, "args": [list(a) if not isinstance(a, (str, int, float)) else a for a in args], "kw": kw})
def plot(*a, **kw): _log("plot", *a, **kw)
def xlabel(*a, **kw): _log("xlabel", *a, **kw)
def ylabel(*a, **kw): _log("ylabel", *a, **kw)
def yscale(*a, **kw): _log("yscale", *a, **kw)
def legend(*a, **kw): _log("legend", *a, **kw)
def show(*a, **kw):
    _log("show")
    with open(os.environ["PLOT_LOG"], "w") as f:
        json.dump(_calls, f)
`;

function python(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20, timeout: 240_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const torch = torchOrSkip();

describe.skipIf(!torch)('python3 run.py --plot', { timeout: 300_000 }, () => {
  let dir: string;
  let script: string;
  const experiment = { ...DEFAULT_EXPERIMENT, steps: 40 };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-plot-'));
    const r = pytorchScript(experiment, 'plot', translator('zh-CN'));
    if (!r.ok) throw new Error(r.problem);
    script = join(dir, 'run.py');
    await writeFile(script, r.text);
  });

  it('draws every variant’s printed losses, labelled, on a log axis', async () => {
    const fake = join(dir, 'fake');
    await mkdir(join(fake, 'matplotlib'), { recursive: true });
    await writeFile(join(fake, 'matplotlib', '__init__.py'), '');
    await writeFile(join(fake, 'matplotlib', 'pyplot.py'), RECORDER);
    const log = join(dir, 'calls.json');
    const r = await python([script, '--plot'], { PYTHONPATH: fake, PLOT_LOG: log });
    expect(r.code, r.stderr).toBe(0);
    const frames = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { variant: number; name: string; step: number; loss: number });
    const calls = JSON.parse(await readFile(log, 'utf8')) as {
      call: string;
      args: (number[] | string | number)[];
      kw: Record<string, string>;
    }[];
    const plots = calls.filter((c) => c.call === 'plot');
    const variants = [...new Set(frames.map((f) => f.variant))];
    expect(plots.length).toBe(variants.length);
    plots.forEach((p, k) => {
      const mine = frames.filter((f) => f.variant === k);
      expect(p.kw['label']).toBe(mine[0].name);
      expect(p.args[0]).toEqual(mine.map((_, i) => i));
      expect(p.args[1]).toEqual(mine.map((f) => f.loss));
    });
    expect(calls.find((c) => c.call === 'yscale')?.args).toEqual(['log']);
    // The axes are labelled in the export's language.
    expect(calls.find((c) => c.call === 'xlabel')?.args[0]).toBe(translator('zh-CN')('code.plotStep'));
    expect(calls.at(-1)?.call).toBe('show');
  });

  it('without matplotlib, says so and still prints every frame', async () => {
    const none = join(dir, 'none');
    await mkdir(join(none, 'matplotlib'), { recursive: true });
    await writeFile(join(none, 'matplotlib', '__init__.py'), 'raise ImportError("no matplotlib here")\n');
    const r = await python([script, '--plot'], { PYTHONPATH: none });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(translator('zh-CN')('code.noMatplotlib'));
    const plain = await python([script], {});
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout.trim().split('\n').length).toBe(4 * 41);
  });
});
