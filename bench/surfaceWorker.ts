/** worker_threads host of the core's surface jobs (the Node twin of the app's Web Worker). */
import { parentPort } from 'node:worker_threads';
import { runSurfaceJob, type SurfaceJob } from '../src/core/surfaceJob';

parentPort?.on('message', (job: SurfaceJob) => {
  const rows = runSurfaceJob(job);
  parentPort?.postMessage(rows, [rows.buffer]);
});
