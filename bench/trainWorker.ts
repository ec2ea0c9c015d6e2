/** worker_threads host of the simulation (the Node twin of the studio's Web Worker). */
import { parentPort } from 'node:worker_threads';
import { createSimulationHost, type HostRequest } from '../src/core/host';

const handle = createSimulationHost({
  post: (message, transfer) => parentPort?.postMessage(message, transfer),
  schedule: (fn) => setImmediate(fn),
  now: () => performance.now(),
});
parentPort?.on('message', (request: HostRequest) => handle(request));
