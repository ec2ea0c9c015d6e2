/**
 * `npm run export -- EXPERIMENT.json --format png|svg|pdf|gif|webm|mp4|pngseq
 *   [--panels all|data,chain,surface,units,curves] [--from N] [--to N]
 *   [--every K] [--frame N] [--substeps] [--fps N] [--scale 1-4]
 *   [--width PX] [--height PX] [--theme light|dark]
 *   [--background theme|white|transparent] [--example N|mean]
 *   [--preset slide169|slide43|column|page|square] [--dpi N] [--title TEXT]
 *   [--label] [--grow|--no-grow] [--pages] --out PATH`
 *
 * Renders without a window, with the app's drawing functions on
 * @napi-rs/canvas. Progress on stderr. The output is written under a
 * temporary name and renamed when complete: a failure or Ctrl+C leaves
 * nothing behind. Invalid experiments or options: every problem on stderr,
 * exit code 2.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { argv, stderr } from 'node:process';
import { Worker } from 'node:worker_threads';
import { createSimulation } from '../core/simulation';
import { codeFormat, exportCode } from './exportCode';
import { EN } from '../i18n';
import type { ExportWorkerData, ExportWorkerMessage } from './exportWorker';
import { MAX_EXPERIMENT_BYTES, readCapped, readProblem, samePath, TooBig, userCwd } from './readCapped';
import { parseExperimentJson, validateExperiment } from '../core/validate';
import { VIEW_PANELS, type ViewPanel } from '../draw/view';
import { VIDEO_ALTERNATIVES } from '../export/run';
import {
  BACKGROUNDS,
  bestPreset,
  checkExport,
  headerHeight,
  isSequence,
  LARGE_FILE,
  PRESET_IDS,
  type PresetId,
  withPreset,
  defaultSettings,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportSettings,
  frameCount,
  pixelSize,
  sizeText,
} from '../export/settings';

const USAGE = `usage: npm run export -- EXPERIMENT.json --format ${[...EXPORT_FORMATS, 'py', 'ipynb'].join('|')} --out PATH
  --panels all|${VIEW_PANELS.join(',')}   (default all; a comma list keeps its order)
  --from N --to N --every K            animation steps (default 0..the experiment's steps, every 1)
  --frame N                            png: the step drawn (default: the last)
  --substeps                           animation: forward, loss, backward, update as four frames per step
  --fps N (1-60, default 30)   --scale 1-4 in quarters   --width PX   --height PX
                               (a custom size: width 1200, scale 2 and the panels' height unless given)
  --theme light|dark   --background theme|white|transparent   --example N|mean   --lang en|zh-CN
  --data-view I,J[,mean|median]|logit  more than two inputs: inputs I and J on the axes (from 1; the
                                       others at their means or medians; default 1,2), or along z
  --preset ${PRESET_IDS.join('|')}   (default: the slide or square frame that fits the panels,
                                       unless --width, --height or --scale is given)   --dpi N
  --title TEXT   --label (the step and sub-step drawn in each frame)
  --grow / --no-grow   curves drawn up to each frame's step (default: on for animations and PDF pages)
  svg, pdf: vector figures; --pages with pdf: one page per frame of --from..--to (a handout)
  pngseq: --out DIR writes a new folder of frame-00000.png…; --out FILE.zip writes a zip
  py|ipynb: the experiment as a PyTorch script or a Jupyter notebook (--lang: its explanations)`;

type Raw = Record<string, string | true>;

const VALUED = [
  'format',
  'panels',
  'from',
  'to',
  'every',
  'frame',
  'fps',
  'scale',
  'width',
  'height',
  'theme',
  'background',
  'example',
  'data-view',
  'lang',
  'out',
  'preset',
  'dpi',
  'title',
] as const;
const FLAGS = ['substeps', 'quiet', 'label', 'grow', 'no-grow', 'pages'] as const;

export function parseArgs(args: string[]): { file: string | null; raw: Raw; errors: string[] } {
  const errors: string[] = [];
  const raw: Raw = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if ((FLAGS as readonly string[]).includes(name)) raw[name] = true;
      else if ((VALUED as readonly string[]).includes(name)) {
        const v = eq < 0 ? args[++i] : a.slice(eq + 1);
        if (v === undefined || (eq < 0 && v.startsWith('--'))) {
          errors.push(`--${name}: expected a value`);
          if (v !== undefined) i--;
        } else raw[name] = v;
      } else errors.push(`--${name}: unknown option`);
    } else if (file === null) file = a;
    else errors.push(`${a}: only one experiment file can be given`);
  }
  if (file === null) errors.push('no experiment file given');
  return { file, raw, errors };
}

function whole(raw: Raw, name: string, errors: string[]): number | undefined {
  const v = raw[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) {
    errors.push(`--${name}: expected a whole number, got ${v === true ? 'nothing' : v}`);
    return undefined;
  }
  return Number(v);
}

/** The settings the options ask for (defaults for the rest), or every problem with them. */
export function settingsFrom(
  raw: Raw,
  steps: number,
  variants = 1,
): { settings: ExportSettings; errors: string[] } {
  const errors: string[] = [];
  const s = defaultSettings(steps);
  s.panels = [...VIEW_PANELS];
  s.step = steps;
  const out = typeof raw.out === 'string' ? raw.out : null;
  if (out === null) errors.push('--out: where to write is required');
  const format = raw.format ?? (out ? inferFormat(out) : undefined);
  if (format === undefined) errors.push(`--format: expected one of ${EXPORT_FORMATS.join(', ')}`);
  else if (!(EXPORT_FORMATS as readonly string[]).includes(format as string))
    errors.push(`--format: expected one of ${EXPORT_FORMATS.join(', ')}, got ${String(format)}`);
  else s.format = format as ExportFormat;
  if (typeof raw.panels === 'string' && raw.panels !== 'all')
    s.panels = raw.panels.split(',').map((p) => p.trim()) as ViewPanel[];
  for (const [name, key] of [
    ['from', 'from'],
    ['to', 'to'],
    ['every', 'every'],
    ['frame', 'step'],
    ['fps', 'fps'],
    ['width', 'width'],
    ['height', 'height'],
  ] as const) {
    const v = whole(raw, name, errors);
    if (v !== undefined) (s as unknown as Record<string, number>)[key] = v;
  }
  if (raw.scale !== undefined) {
    if (typeof raw.scale !== 'string' || !/^\d+(\.\d+)?$/.test(raw.scale))
      errors.push(`--scale: expected a number 1 to 4, got ${raw.scale === true ? 'nothing' : raw.scale}`);
    else s.scale = Number(raw.scale);
  }
  if (raw.theme !== undefined) s.theme = raw.theme as 'light' | 'dark';
  if (raw.lang !== undefined) s.locale = raw.lang as ExportSettings['locale'];
  if (raw.background !== undefined) s.background = raw.background as ExportSettings['background'];
  if (raw.background === true) errors.push(`--background: expected one of ${BACKGROUNDS.join(', ')}`);
  s.subSteps = raw.substeps === true;
  if (raw.example !== undefined) {
    if (raw.example === 'mean') s.view = { example: -1 };
    else {
      const e = whole(raw, 'example', errors);
      if (e !== undefined) s.view = { example: e };
    }
  }
  const dv = raw['data-view'];
  if (dv !== undefined) {
    const m = typeof dv === 'string' ? /^(\d+),(\d+)(?:,(mean|median))?$/.exec(dv) : null;
    if (dv === 'logit') s.view = { ...s.view, projection: { kind: 'logit' } };
    else if (m && Number(m[1]) >= 1 && Number(m[2]) >= 1 && m[1] !== m[2]) {
      const hold = m[3] === 'median' ? 'median' : 'mean';
      s.view = {
        ...s.view,
        projection: { kind: 'features', x: Number(m[1]) - 1, y: Number(m[2]) - 1, hold },
      };
    } else
      errors.push(
        `--data-view: expected logit, or two different input numbers I,J (from 1) and optionally ,mean or ,median; got ${dv === true ? 'nothing' : dv}`,
      );
  }
  s.label = raw.label === true;
  s.pages = raw.pages === true;
  if (typeof raw.title === 'string') s.title = raw.title;
  if (raw.pages === true && s.format !== 'pdf') errors.push(`--pages: only with --format pdf`);
  // The size: a preset (named, or the one that fits the panels), unless one is given in pixels.
  const sized = ['width', 'height', 'scale'].some((k) => raw[k] !== undefined);
  if (raw.preset !== undefined) {
    if (!(PRESET_IDS as string[]).includes(String(raw.preset)))
      errors.push(`--preset: expected one of ${PRESET_IDS.join(', ')}, got ${String(raw.preset)}`);
    else if (sized) errors.push('--preset: give a preset or --width/--height/--scale, not both');
    else Object.assign(s, withPreset(s, raw.preset as PresetId, variants));
  } else if (!sized && s.panels.every((p) => (VIEW_PANELS as readonly string[]).includes(p)))
    Object.assign(s, withPreset(s, bestPreset(s.panels, variants, headerHeight(s)), variants));
  const dpi = whole(raw, 'dpi', errors);
  if (dpi !== undefined) s.dpi = dpi;
  if (raw.grow === true && raw['no-grow'] === true) errors.push('--grow, --no-grow: choose one');
  s.grow = raw.grow === true || (raw['no-grow'] !== true && isSequence(s));
  if (raw.format !== undefined && out && s.format !== 'pngseq' && extname(out) === '')
    errors.push(`--out: ${out} has no extension; expected .${s.format}`);
  return { settings: s, errors };
}

function inferFormat(out: string): string | undefined {
  const ext = extname(out).toLowerCase().slice(1);
  if (ext === 'zip') return 'pngseq';
  return (EXPORT_FORMATS as readonly string[]).includes(ext) ? ext : undefined;
}

/** Why a path cannot be written, in words. */
function describe(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? `the folder ${dirname(path)} does not exist`
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'ENOTDIR'
                ? `a part of ${dirname(path)} is not a folder`
                : (code ?? String(e));
  return `cannot write ${path}: ${why}`;
}

function seconds(s: number): string {
  if (!isFinite(s)) return '…';
  return s < 60 ? `${Math.ceil(s)} s` : `${Math.floor(s / 60)} min ${Math.ceil(s % 60)} s`;
}

/** The extensions each format may be written under (a PNG sequence: a zip, or a folder without one). */
const EXTENSIONS: Record<ExportFormat, string[]> = {
  png: ['.png'],
  svg: ['.svg'],
  pdf: ['.pdf'],
  gif: ['.gif'],
  webm: ['.webm'],
  mp4: ['.mp4'],
  pngseq: ['.zip', ''],
};

/** Exit codes of a process stopped by a signal (128 + its number). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, parent: 143 } as const;
type StopReason = keyof typeof SIGNAL_EXIT;

export async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  const code = codeFormat(parsed.raw);
  if (code !== null) return exportCode(parsed.file, parsed.raw, code, parsed.errors);
  const fail = (errors: string[], head?: string): number => {
    if (head) stderr.write(`export: ${head}\n`);
    for (const e of errors) stderr.write(head ? `  ${e}\n` : `export: ${e}\n`);
    stderr.write(`${USAGE}\n`);
    return 2;
  };
  const cwd = userCwd();
  const errors = [...parsed.errors];
  let experiment = null;
  const input = parsed.file === null ? null : resolve(cwd, parsed.file);
  if (input !== null) {
    const text = await readCapped(input, MAX_EXPERIMENT_BYTES).catch((e: unknown) => {
      errors.push(e instanceof TooBig ? e.message : readProblem(input, e));
      return null;
    });
    if (text !== null) {
      let raw: unknown;
      let json = true;
      try {
        raw = parseExperimentJson(text);
      } catch (e) {
        json = false;
        errors.push(`${parsed.file}: not valid JSON (${(e as Error).message})`);
      }
      if (json) {
        const v = validateExperiment(raw);
        if (v.ok) experiment = v.experiment;
        else errors.push(...v.errors.map((e) => `${parsed.file}: ${e}`));
      }
    }
  }
  const steps = experiment?.steps ?? 0;
  const { settings, errors: optionErrors } = settingsFrom(
    parsed.raw,
    steps,
    experiment ? Math.max(1, experiment.variants?.length ?? 1) : 1,
  );
  errors.push(...optionErrors);
  const sim = experiment ? createSimulation(experiment) : null;
  if (sim) errors.push(...checkExport(settings, steps, sim.runs.length, sim.data.dims).map((e) => `--${e}`));
  if (settings.format === 'webm' || settings.format === 'mp4')
    errors.push(
      `--format ${settings.format}: ${settings.format.toUpperCase()} needs a browser video encoder (WebCodecs), which Node does not have. ${VIDEO_ALTERNATIVES}`,
    );
  const out = typeof parsed.raw.out === 'string' ? resolve(cwd, parsed.raw.out) : null;
  const ext = out === null ? '' : extname(out).toLowerCase();
  const folder = settings.format === 'pngseq' && out !== null && ext !== '.zip';
  if (
    out !== null &&
    typeof parsed.raw.format === 'string' &&
    ext !== '' &&
    !EXTENSIONS[settings.format]?.includes(ext)
  )
    errors.push(
      `--out: ${out} ends in ${ext}, which contradicts --format ${settings.format}; use ${EXTENSIONS[settings.format].filter((e) => e).join(' or ')}${settings.format === 'pngseq' ? ' or a folder name without an extension' : ''}`,
    );
  if (out !== null && input !== null && (await samePath(out, input)))
    errors.push(
      `--out: ${out} is the experiment itself; writing there would replace it. Choose another name`,
    );
  if (out !== null) {
    try {
      const st = await fs.stat(out);
      if (folder) errors.push(`--out: ${out} already exists; a PNG sequence goes into a new folder`);
      else if (st.isDirectory()) errors.push(`--out: ${out} is a folder; give a file name`);
    } catch {
      /* does not exist: fine */
    }
  }
  if (errors.length > 0) return fail(errors, errors.length > 1 ? `${errors.length} problems` : undefined);
  // The destination is checked by making the temporary file (or folder) there, before any work.
  const tmp = join(dirname(out!), `.${basename(out!)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    if (folder) await fs.mkdir(tmp);
    else await (await fs.open(tmp, 'wx')).close();
  } catch (e) {
    return fail([describe(out!, e)]);
  }
  const quiet = parsed.raw.quiet === true;
  const total = frameCount(settings);
  const size = pixelSize(settings, sim!.runs.length);
  const started = Date.now();
  let lastReport = 0;
  const tty = stderr.isTTY;
  // Training, drawing and encoding happen in a worker thread: this thread stays free to stop it at once.
  const worker = new Worker(new URL('./exportWorker.mjs', import.meta.url), {
    workerData: {
      experiment: experiment!,
      settings,
      tmp,
      folder,
      estimate: !quiet,
    } satisfies ExportWorkerData,
  });
  let stop: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((r) => (stop = r));
  const onSigint = (): void => stop('SIGINT');
  const onSigterm = (): void => stop('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  // Nothing outlives its parent: when the process that started this one is gone (a shell killed
  // by `timeout` or by a SIGTERM to npm, which does not pass it on), the export stops too.
  const ppid = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== ppid) stop('parent');
  }, 200);
  const finished = new Promise<Exclude<ExportWorkerMessage, { type: 'progress' } | { type: 'estimate' }>>(
    (resolveDone) => {
      worker.on('message', (m: ExportWorkerMessage) => {
        if (m.type === 'estimate') {
          // The size to expect, from one sample frame drawn and encoded.
          const about = sizeText(
            m.bytes,
            (k, p) => EN(k, p),
            (v, d) => v.toFixed(d ?? 0),
          );
          stderr.write(
            `export: ${settings.format}, ${total} frame${total === 1 ? '' : 's'} of ${size.width} × ${size.height} px, about ${about} → ${out}\n`,
          );
          if (m.bytes > LARGE_FILE)
            stderr.write(
              `export: warning: about ${about} is a large file; --every K, a smaller --preset or --scale, or a shorter --from..--to make it smaller\n`,
            );
        } else if (m.type === 'progress') {
          const now = Date.now();
          if (quiet || (now - lastReport < (tty ? 100 : 1000) && m.done < m.total)) return;
          lastReport = now;
          const el = (now - started) / 1000;
          const fps = m.done / Math.max(el, 1e-3);
          const line = `frame ${m.done}/${m.total} (${Math.floor((100 * m.done) / m.total)}%) · ${fps.toFixed(1)} frames/s · ${seconds((m.total - m.done) / fps)} left`;
          stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
        } else resolveDone(m);
      });
      worker.on('error', (e) => resolveDone({ type: 'failed', message: e.message }));
      worker.on('exit', () => resolveDone({ type: 'failed', message: 'the export stopped unexpectedly' }));
    },
  );
  try {
    const outcome = await Promise.race([finished, stopped]);
    if (typeof outcome === 'string') {
      await worker.terminate();
      await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      if (tty && !quiet) stderr.write('\n');
      stderr.write(`export: cancelled; nothing was written\n`);
      return SIGNAL_EXIT[outcome];
    }
    if (tty && !quiet) stderr.write('\n');
    if (outcome.type === 'failed') {
      await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      if (outcome.video) {
        stderr.write(`export: ${outcome.message} ${VIDEO_ALTERNATIVES}\n`);
        return 2;
      }
      const why = outcome.code ? describe(out!, { code: outcome.code }) : outcome.message;
      stderr.write(`export: ${why}; nothing was written\n`);
      return 1;
    }
    await fs.rename(tmp, out!);
    if (!quiet)
      stderr.write(
        `export: wrote ${out} (${outcome.frames} frame${outcome.frames === 1 ? '' : 's'}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
      );
    return 0;
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    stderr.write(`export: ${code ? describe(out!, e) : (e as Error).message}; nothing was written\n`);
    return 1;
  } finally {
    clearInterval(watch);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    await worker.terminate();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      stderr.write(`export: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
