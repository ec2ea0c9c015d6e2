/**
 * The surface host's helper over a MessagePort: each job gets an id, its answer (rows or an
 * error) settles that job's promise. `stop` fails every job still waiting, so the host
 * computes those rows itself when the helper thread is gone.
 */
import type { SurfaceJob } from '../../../core/surfaceJob';

export interface RowsAsk {
  id: number;
  job: SurfaceJob;
}

export type RowsAnswer = { id: number; rows: Float64Array } | { id: number; error: string };

export interface PortHelper {
  run(job: SurfaceJob): Promise<Float64Array>;
  stop(reason: string): void;
}

export function portHelper(port: MessagePort): PortHelper {
  let next = 0;
  const waiting = new Map<number, { resolve(rows: Float64Array): void; reject(e: Error): void }>();
  let stopped: string | null = null;
  port.onmessage = (m: MessageEvent<RowsAnswer>) => {
    const w = waiting.get(m.data.id);
    if (!w) return;
    waiting.delete(m.data.id);
    if ('rows' in m.data) w.resolve(m.data.rows);
    else w.reject(new Error(m.data.error));
  };
  return {
    run(job) {
      if (stopped !== null) return Promise.reject(new Error(stopped));
      return new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        port.postMessage({ id, job } satisfies RowsAsk);
      });
    },
    stop(reason) {
      stopped = reason;
      for (const w of waiting.values()) w.reject(new Error(reason));
      waiting.clear();
    },
  };
}
