/**
 * `npm run export -- EXPERIMENT.json --format py|ipynb --out run.py [--lang en|zh-CN]`:
 * the experiment as a PyTorch script or a Jupyter notebook. Written under a
 * temporary name and renamed when complete; every problem named, exit code 2.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { stderr } from 'node:process';
import { isLocale, LOCALES, translator } from '../i18n';
import { parseExperimentJson, validateExperiment } from '../core/validate';
import { MAX_EXPERIMENT_BYTES, readCapped, readProblem, samePath, TooBig, userCwd } from './readCapped';
import { type CodeFormat, pytorchScript } from '../export/pytorch';
import { pytorchNotebook } from '../export/notebook';

export { codeFormat } from './codeFormat';

const CODE_OPTIONS = new Set(['format', 'out', 'lang', 'quiet']);

export async function exportCode(
  given: string | null,
  raw: Record<string, string | true>,
  format: CodeFormat,
  errors: string[],
): Promise<number> {
  const problems = [...errors];
  // Relative paths start where `npm run` was typed, not in the package's folder.
  const cwd = userCwd();
  const file = given === null ? null : resolve(cwd, given);
  for (const name of Object.keys(raw))
    if (!CODE_OPTIONS.has(name)) problems.push(`--${name}: not an option of --format ${format}`);
  const lang = raw.lang ?? 'en';
  if (!isLocale(lang)) problems.push(`--lang: expected one of ${LOCALES.join(', ')}, got ${String(lang)}`);
  const out = typeof raw.out === 'string' ? resolve(cwd, raw.out) : null;
  if (out === null) problems.push('--out: where to write is required');
  else if (extname(out).toLowerCase() !== `.${format}`)
    problems.push(`--out: ${out} should end in .${format} for --format ${format}`);
  let text: string | null = null;
  if (file !== null) {
    let source: string | null = null;
    try {
      source = await readCapped(file, MAX_EXPERIMENT_BYTES);
    } catch (e) {
      problems.push(e instanceof TooBig ? e.message : readProblem(file, e));
    }
    if (source !== null) {
      let parsed: unknown;
      try {
        parsed = parseExperimentJson(source);
      } catch (e) {
        problems.push(`${file}: not valid JSON (${(e as Error).message})`);
      }
      if (parsed !== undefined) {
        const v = validateExperiment(parsed);
        if (!v.ok) problems.push(...v.errors.map((e) => `${file}: ${e}`));
        else if (isLocale(lang)) {
          const t = translator(lang);
          const title = basename(file).replace(/\.sigmoidlab\.json$|\.json$/i, '');
          const r =
            format === 'py' ? pytorchScript(v.experiment, title, t) : pytorchNotebook(v.experiment, title, t);
          if (r.ok) text = r.text;
          else problems.push(`${file}: ${r.problem}`);
        }
      }
    }
  }
  if (out !== null && file !== null && (await samePath(file, out)))
    problems.push(`--out: ${out} is the experiment itself; writing there would overwrite it`);
  if (out !== null && problems.length === 0) {
    try {
      if ((await fs.stat(out)).isDirectory()) problems.push(`--out: ${out} is a folder; give a file name`);
    } catch {
      /* does not exist yet: fine */
    }
  }
  if (problems.length > 0 || text === null || out === null) {
    for (const p of problems) stderr.write(`export: ${p}\n`);
    stderr.write(`usage: npm run export -- EXPERIMENT.json --format py|ipynb --out FILE [--lang en|zh-CN]\n`);
    return 2;
  }
  const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await fs.writeFile(tmp, text, { flag: 'wx' });
    await fs.rename(tmp, out);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    stderr.write(
      `export: cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? String(e)}); nothing was written\n`,
    );
    return 1;
  }
  if (raw.quiet !== true) stderr.write(`export: wrote ${out}\n`);
  return 0;
}
