/**
 * The export's frames, drawn in a worker thread so that the command line's
 * main thread stays free: a Ctrl+C or a SIGTERM is handled at once, whatever
 * the size of the frame being drawn (the worker is terminated mid-frame).
 * It trains the runs, draws and encodes, and writes under the temporary name
 * the main thread created; the main thread renames it when complete.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Experiment } from '../core/experiment';
import { createSimulation } from '../core/simulation';
import { estimateSize } from '../export/estimate';
import { runExport } from '../export/run';
import type { ExportSettings } from '../export/settings';
import { nodeExportHost } from './nodeHost';

export interface ExportWorkerData {
  experiment: Experiment;
  settings: ExportSettings;
  /** The temporary file or folder, already created by the main thread. */
  tmp: string;
  /** PNG sequence into a folder: each frame written into `tmp` as it is made. */
  folder: boolean;
  /** Report the file's expected size first (from one sample frame drawn and encoded). */
  estimate?: boolean;
}

export type ExportWorkerMessage =
  | { type: 'estimate'; bytes: number }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; frames: number }
  | { type: 'failed'; message: string; code?: string; video?: boolean };

const data = workerData as ExportWorkerData;
const post = (m: ExportWorkerMessage): void => parentPort!.postMessage(m);

async function work(): Promise<void> {
  const sim = createSimulation(data.experiment);
  for (const run of sim.runs) {
    // The whole history at once (within the validator's budget): growing it by doubling would
    // hold the old and the new copy together, up to three times the history, at the last growth.
    run.history.reserve(data.experiment.steps + 1);
    run.advanceTo(data.experiment.steps);
  }
  const host = nodeExportHost();
  if (data.estimate) post({ type: 'estimate', bytes: await estimateSize(sim, data.settings, host) });
  const result = await runExport(sim, data.settings, host, {
    onFrame: data.folder ? (name, png) => fs.writeFile(join(data.tmp, name), png) : undefined,
    progress: (done, total) => post({ type: 'progress', done, total }),
  });
  if (result.data) {
    const h = await fs.open(data.tmp, 'w');
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
