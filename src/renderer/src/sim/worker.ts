/** The simulation worker, bundled by Vite from simulation.worker.ts. */
export function createSimulationWorker(): Worker {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
}

/** The loss-surface worker, bundled by Vite from surface.worker.ts. */
export function createSurfaceWorker(): Worker {
  return new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The loss-surface worker's helper thread (bands of rows), where there is a second core;
 * bundled by Vite from surfaceRows.worker.ts.
 */
export function createSurfaceHelperWorker(): Worker | null {
  if (typeof navigator === 'undefined' || (navigator.hardwareConcurrency ?? 1) < 2) return null;
  return new Worker(new URL('./surfaceRows.worker.ts', import.meta.url), { type: 'module' });
}

/** A worker computing the data view's frames ahead of the playhead, bundled by Vite from frames.worker.ts. */
export function createFramesWorker(): Worker {
  return new Worker(new URL('./frames.worker.ts', import.meta.url), { type: 'module' });
}
