import { Worker } from 'node:worker_threads';
import type { SurfaceJob } from '../src/core/surfaceJob';

/** A fixed set of surface workers, each taking one job at a time. */
export class SurfaceWorkerPool {
  private readonly workers: Worker[];
  private next = 0;

  constructor(size: number) {
    const url = new URL('./surfaceWorker.mjs', import.meta.url);
    this.workers = Array.from({ length: size }, () => new Worker(url));
  }

  run = (job: SurfaceJob): Promise<Float64Array> => {
    const w = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      const done = (rows: Float64Array): void => {
        w.off('error', fail);
        resolve(rows);
      };
      const fail = (e: Error): void => {
        w.off('message', done);
        reject(e);
      };
      w.once('message', done);
      w.once('error', fail);
      w.postMessage(job);
    });
  };

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
