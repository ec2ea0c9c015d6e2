/**
 * Debian's Python with PyTorch (`/usr/bin/python3`: `python3` on PATH may be a
 * pyenv shim without torch) runs exported scripts and notebooks in tests. Under
 * CI=true a missing torch or nbformat fails the run; elsewhere those tests are
 * skipped with a note. Many programs run in one Python process (torch is
 * imported once), each one's stdout going to its own file.
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = process.env['TORCH_PYTHON'] ?? '/usr/bin/python3';
export const TORCH_HELP =
  'PyTorch was not found for /usr/bin/python3. Install it with `sudo apt-get install python3-torch python3-numpy python3-nbformat` (Debian/Ubuntu).';

function has(module: string): boolean {
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** Whether torch (and nbformat, to validate notebooks) can be used; fails under CI=true. */
export function torchOrSkip(): boolean {
  const ok = has('torch, numpy, nbformat');
  if (!ok && process.env['CI'] === 'true') throw new Error(TORCH_HELP);
  if (!ok) console.warn(`Skipping the PyTorch comparisons: ${TORCH_HELP}`);
  return ok;
}

export interface PythonJob {
  /** A .py script (run as __main__) or an .ipynb notebook (its code cells in order, in one namespace). */
  file: string;
  /** Where its stdout goes; a failure's traceback goes to `out + '.error'`. */
  out: string;
  /** Also validate the notebook against nbformat's schema. */
  validate?: boolean;
}

const DRIVER = `
import contextlib, json, runpy, sys, traceback
import torch
jobs = json.load(open(sys.argv[1]))
for job in jobs:
    try:
        with open(job["out"], "w") as out, contextlib.redirect_stdout(out):
            if job["file"].endswith(".py"):
                sys.argv = [job["file"]]
                runpy.run_path(job["file"], run_name="__main__")
            else:
                with open(job["file"], encoding="utf-8") as f:
                    nb = json.load(f)
                if job.get("validate"):
                    import nbformat
                    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
                space = {"__name__": "__main__"}
                for cell in nb["cells"]:
                    if cell["cell_type"] == "code":
                        exec(compile("".join(cell["source"]), job["file"], "exec"), space)
    except BaseException:
        with open(job["out"] + ".error", "w") as f:
            traceback.print_exc(file=f)
`;

/** Runs every job in one Python process. */
export function runPython(dir: string, jobs: PythonJob[]): Promise<void> {
  const driver = join(dir, 'driver.py');
  const list = join(dir, 'jobs.json');
  writeFileSync(driver, DRIVER);
  writeFileSync(list, JSON.stringify(jobs));
  return new Promise((resolve, reject) =>
    execFile(PYTHON, [driver, list], { timeout: 600_000, maxBuffer: 1 << 24 }, (e, _out, err) =>
      e ? reject(new Error(`${e.message}\n${err}`)) : resolve(),
    ),
  );
}
