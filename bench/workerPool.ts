import { Worker } from 'node:worker_threads';
import type { SurfaceJob } from '../src/core/surfaceJob';

interface Waiting {
  resolve(rows: Float64Array): void;
  reject(e: Error): void;
}

/** A fixed set of surface workers; jobs go round, and each worker answers its jobs in order. */
export class SurfaceWorkerPool {
  private readonly workers: { worker: Worker; waiting: Waiting[] }[];
  private next = 0;

  constructor(size: number) {
    const url = new URL('./surfaceWorker.mjs', import.meta.url);
    this.workers = Array.from({ length: size }, () => {
      const entry = { worker: new Worker(url), waiting: [] as Waiting[] };
      entry.worker.on('message', (rows: Float64Array) => entry.waiting.shift()?.resolve(rows));
      entry.worker.on('error', (e: Error) => {
        for (const w of entry.waiting.splice(0)) w.reject(e);
      });
      return entry;
    });
  }

  run = (job: SurfaceJob): Promise<Float64Array> => {
    const entry = this.workers[this.next++ % this.workers.length];
    return new Promise((resolve, reject) => {
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(job);
    });
  };

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
