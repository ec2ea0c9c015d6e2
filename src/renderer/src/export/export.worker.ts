/// <reference lib="webworker" />
/**
 * Exports off the UI thread: trains the experiment with the core (the same
 * numbers as the studio's worker), draws every frame on an OffscreenCanvas
 * with the screen's drawing functions, and encodes it. The page cancels by
 * terminating the worker; nothing is written until it answers 'done'.
 */
import type { Experiment } from '../../../core/experiment';
import { createSimulation, type Simulation } from '../../../core/simulation';
import { estimateSize } from '../../../export/estimate';
import type { ExportSettings } from '../../../export/settings';
import { runExport } from '../../../export/run';
import { browserExportHost } from './host';
import type { ExportMessage, ExportRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: ExportMessage, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

/** The last experiment estimated for, trained: the dialog asks again with every change of the form. */
let trained: { key: string; sim: Simulation } | null = null;

async function estimate(id: number, experiment: Experiment, settings: ExportSettings): Promise<void> {
  try {
    const key = JSON.stringify(experiment);
    if (trained?.key !== key) {
      const sim = createSimulation(experiment);
      for (const run of sim.runs) run.advanceTo(experiment.steps);
      trained = { key, sim };
    }
    post({ type: 'estimate', id, bytes: await estimateSize(trained.sim, settings, browserExportHost) });
  } catch {
    post({ type: 'estimate', id, bytes: null });
  }
}

scope.onmessage = async (e: MessageEvent<ExportRequest>) => {
  if (e.data.type === 'estimate') return estimate(e.data.id, e.data.experiment, e.data.settings);
  const { experiment, settings, folder } = e.data;
  try {
    const sim = createSimulation(experiment);
    const steps = experiment.steps;
    // The whole history at once: growing it by doubling would hold two copies at the last growth.
    for (const run of sim.runs) run.history.reserve(steps + 1);
    for (let t = 0; t <= steps; t = Math.min(steps + 1, t + 256)) {
      for (const run of sim.runs) run.advanceTo(Math.min(steps, t + 255));
      post({ type: 'progress', stage: 'training', done: Math.min(steps, t + 255), total: steps });
    }
    const frames: { name: string; data: Uint8Array }[] = [];
    let lastPost = 0;
    const result = await runExport(sim, settings, browserExportHost, {
      progress: (done, total) => {
        const now = performance.now();
        if (now - lastPost < 50 && done < total) return;
        lastPost = now;
        post({ type: 'progress', stage: 'frames', done, total });
      },
      onFrame: folder
        ? async (name, data) => {
            frames.push({ name, data });
          }
        : undefined,
    });
    post(
      {
        type: 'done',
        data: result.data,
        frames: folder ? frames : null,
        count: result.frames,
        width: result.width,
        height: result.height,
      },
      result.data ? [result.data.buffer] : frames.map((f) => f.data.buffer),
    );
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
