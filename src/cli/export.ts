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
import { codeFormat } from './codeFormat';
import type { ExportWorkerData, ExportWorkerGo, ExportWorkerMessage } from './exportWorker';
import { samePath, userCwd } from './readCapped';
import { VIDEO_ALTERNATIVES } from '../export/videoAlternatives';
import type { ExportFormat } from '../export/settings';

export type Raw = Record<string, string | true>;

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
  if (code !== null) {
    const { exportCode } = await import('./exportCode');
    return exportCode(parsed.file, parsed.raw, code, parsed.errors);
  }
  const cwd = userCwd();
  // Ctrl+C, a SIGTERM or the end of the parent stop the export from the first moment (while the
  // experiment is read and checked too), with the same message and nothing left behind.
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
  // Reading, validating, training, drawing and encoding happen in a worker thread: this thread
  // stays free to stop it at once, and loads none of that code (it would be in memory twice).
  const worker = new Worker(new URL('./exportWorker.mjs', import.meta.url), {
    workerData: { file: parsed.file, raw: parsed.raw, cwd } satisfies ExportWorkerData,
  });
  try {
    return await exportWith(worker, parsed, cwd, stopped);
  } finally {
    clearInterval(watch);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    await worker.terminate();
  }
}

/** Tells of a cancelled export (nothing was written) and gives the exit code of its signal. */
function cancelled(reason: StopReason, newline: boolean): number {
  if (newline) stderr.write('\n');
  stderr.write(`export: cancelled; nothing was written\n`);
  return SIGNAL_EXIT[reason];
}

async function exportWith(
  worker: Worker,
  parsed: ReturnType<typeof parseArgs>,
  cwd: string,
  stopped: Promise<StopReason>,
): Promise<number> {
  let checked: Extract<ExportWorkerMessage, { type: 'checked' }>;
  const onMessage = (m: ExportWorkerMessage): void => answer(m);
  const onError = (e: Error): void => answer({ type: 'failed', message: e.message });
  const onExit = (): void => answer({ type: 'failed', message: 'the export stopped unexpectedly' });
  let answer: (m: ExportWorkerMessage) => void = () => undefined;
  try {
    const first = await Promise.race([
      new Promise<Extract<ExportWorkerMessage, { type: 'checked' }>>((resolveChecked, reject) => {
        answer = (m) =>
          m.type === 'checked'
            ? resolveChecked(m)
            : reject(new Error(m.type === 'failed' ? m.message : m.type));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
      }),
      stopped,
    ]);
    // The worker is stopped by main's `finally`, whatever happens here.
    if (typeof first === 'string') return cancelled(first, false);
    checked = first;
  } finally {
    // Only these: the worker's own listeners (which keep its messages flowing) stay.
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
  }
  const fail = (errors: string[], head?: string): number => {
    if (head) stderr.write(`export: ${head}\n`);
    for (const e of errors) stderr.write(head ? `  ${e}\n` : `export: ${e}\n`);
    stderr.write(`${checked.usage}\n`);
    return 2;
  };
  const errors = [...parsed.errors, ...checked.errors];
  const input = parsed.file === null ? null : resolve(cwd, parsed.file);
  const format = checked.format;
  const out = typeof parsed.raw.out === 'string' ? resolve(cwd, parsed.raw.out) : null;
  const ext = out === null ? '' : extname(out).toLowerCase();
  const folder = format === 'pngseq' && out !== null && ext !== '.zip';
  if (
    out !== null &&
    typeof parsed.raw.format === 'string' &&
    ext !== '' &&
    !EXTENSIONS[format]?.includes(ext)
  )
    errors.push(
      `--out: ${out} ends in ${ext}, which contradicts --format ${format}; use ${EXTENSIONS[format].filter((e) => e).join(' or ')}${format === 'pngseq' ? ' or a folder name without an extension' : ''}`,
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
  const total = checked.frames;
  const started = Date.now();
  let lastReport = 0;
  const tty = stderr.isTTY;
  const finished = new Promise<
    Exclude<ExportWorkerMessage, { type: 'progress' } | { type: 'estimate' } | { type: 'checked' }>
  >((resolveDone) => {
    worker.on('message', (m: ExportWorkerMessage) => {
      if (m.type === 'estimate') {
        // The size to expect, from one sample frame drawn and encoded.
        stderr.write(
          `export: ${format}, ${total} frame${total === 1 ? '' : 's'} of ${checked.width} × ${checked.height} px, about ${m.about} → ${out}\n`,
        );
        if (m.large)
          stderr.write(
            `export: warning: about ${m.about} is a large file; --every K, a smaller --preset or --scale, or a shorter --from..--to make it smaller\n`,
          );
      } else if (m.type === 'progress') {
        const now = Date.now();
        if (quiet || (now - lastReport < (tty ? 100 : 1000) && m.done < m.total)) return;
        lastReport = now;
        const el = (now - started) / 1000;
        const fps = m.done / Math.max(el, 1e-3);
        const line = `frame ${m.done}/${m.total} (${Math.floor((100 * m.done) / m.total)}%) · ${fps.toFixed(1)} frames/s · ${seconds((m.total - m.done) / fps)} left`;
        stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
      } else if (m.type !== 'checked') resolveDone(m);
    });
    worker.on('error', (e) => resolveDone({ type: 'failed', message: e.message }));
    worker.on('exit', () => resolveDone({ type: 'failed', message: 'the export stopped unexpectedly' }));
  });
  worker.postMessage({ tmp, folder, estimate: !quiet } satisfies ExportWorkerGo);
  try {
    const outcome = await Promise.race([finished, stopped]);
    if (typeof outcome === 'string') {
      await worker.terminate();
      await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      return cancelled(outcome, tty && !quiet);
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
