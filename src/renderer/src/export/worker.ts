/** The export worker (its own module so that tests can replace it). */
export function createExportWorker(): Worker {
  return new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
}
