/// <reference lib="webworker" />
/**
 * The surface worker's helper thread: bands of rows of a surface (`runSurfaceJob`), asked
 * for over a MessagePort the page hands to both workers, so a surface uses two cores.
 */
import { runSurfaceJob } from '../../../core/surfaceJob';
import type { RowsAnswer, RowsAsk } from './surfaceRows';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<{ port: MessagePort }>) => {
  const port = e.data.port;
  port.onmessage = (m: MessageEvent<RowsAsk>) => {
    let answer: RowsAnswer;
    let transfer: ArrayBuffer[] = [];
    try {
      const rows = runSurfaceJob(m.data.job);
      answer = { id: m.data.id, rows };
      transfer = [rows.buffer];
    } catch (err) {
      answer = { id: m.data.id, error: (err as Error).message };
    }
    port.postMessage(answer, transfer);
  };
};
