/**
 * The export's frames, drawn in a worker thread so that the command line's
 * main thread stays free: a Ctrl+C or a SIGTERM is handled at once, whatever
 * the size of the frame being drawn (the worker is terminated mid-frame).
 * It reads and validates the experiment and checks the options first (the
 * main thread loads none of that code: it would be in memory twice), then,
 * told where to write, trains the runs, draws and encodes, and writes under
 * the temporary name the main thread created; the main thread renames it when
 * complete.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { EN } from '../i18n';
import { estimateSize } from '../export/estimate';
import { runExport } from '../export/run';
import { type ExportFormat, frameCount, LARGE_FILE, pixelSize, sizeText } from '../export/settings';
import type { Raw } from './export';
import { checkJob, USAGE } from './exportJob';
import { nodeExportHost } from './nodeHost';

/** The export asked for: the experiment file as given, the options, the folder relative paths start in. */
export interface ExportWorkerData {
  file: string | null;
  raw: Raw;
  cwd: string;
}

/** Sent by the main thread when the checks passed and the temporary file exists: go. */
export interface ExportWorkerGo {
  /** The temporary file or folder, already created by the main thread. */
  tmp: string;
  /** PNG sequence into a folder: each frame written into `tmp` as it is made. */
  folder: boolean;
  /** Report the file's expected size first (from one sample frame drawn and encoded). */
  estimate?: boolean;
}

export type ExportWorkerMessage =
  /** The problems with the experiment or the options (none: wait for ExportWorkerGo), and what the export will be. */
  | {
      type: 'checked';
      errors: string[];
      usage: string;
      format: ExportFormat;
      frames: number;
      width: number;
      height: number;
    }
  /** The file's expected size in words, and whether it is large. */
  | { type: 'estimate'; about: string; large: boolean }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; frames: number }
  | { type: 'failed'; message: string; code?: string; video?: boolean };

const data = workerData as ExportWorkerData;
const post = (m: ExportWorkerMessage): void => parentPort!.postMessage(m);

async function work(): Promise<void> {
  const check = await checkJob(data.file, data.raw, data.cwd);
  const { settings, sim } = check;
  // The frames and their size are told only of settings that passed the checks.
  const ok = check.errors.length === 0 && sim !== null;
  post({
    type: 'checked',
    errors: check.errors,
    usage: USAGE,
    format: settings.format,
    frames: ok ? frameCount(settings) : 0,
    ...(ok ? pixelSize(settings, sim.runs.length) : { width: 0, height: 0 }),
  });
  if (!ok) return;
  const go = await new Promise<ExportWorkerGo>((r) => parentPort!.once('message', r));
  for (const run of sim.runs) {
    // The whole history at once (within the validator's budget): growing it by doubling would
    // hold the old and the new copy together, up to three times the history, at the last growth.
    run.history.reserve(sim.experiment.steps + 1);
    run.advanceTo(sim.experiment.steps);
  }
  const host = nodeExportHost();
  if (go.estimate) {
    const bytes = await estimateSize(sim, settings, host);
    const about = sizeText(
      bytes,
      (k, p) => EN(k, p),
      (v, d) => v.toFixed(d ?? 0),
    );
    post({ type: 'estimate', about, large: bytes > LARGE_FILE });
  }
  const result = await runExport(sim, settings, host, {
    onFrame: go.folder ? (name, png) => fs.writeFile(join(go.tmp, name), png) : undefined,
    progress: (done, total) => post({ type: 'progress', done, total }),
  });
  if (result.data) {
    const h = await fs.open(go.tmp, 'w');
    try {
      await h.writeFile(result.data);
      await h.sync();
    } finally {
      await h.close();
    }
  }
  post({ type: 'done', frames: result.frames });
}

work().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  post({
    type: 'failed',
    message: err instanceof Error ? err.message : String(e),
    code: err?.code,
    video: err?.constructor?.name === 'VideoUnavailable',
  });
});
