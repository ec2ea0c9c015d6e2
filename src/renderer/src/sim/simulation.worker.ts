/// <reference lib="webworker" />
/** The simulation off the UI thread: the core's host, fed by messages. */
import { createSimulationHost, type HostRequest } from '../../../core/host';
import { pacedScheduler, Pacer } from './pace';

/**
 * What the page sends besides requests: the share of its time this thread may train (0 < duty ≤ 1).
 * While the page plays back on two cores or fewer, the training leaves it room for its frames.
 */
export type SimulationWorkerControl = { type: 'pace'; duty: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const pacer = new Pacer();
const handle = createSimulationHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: pacedScheduler(pacer),
  now: () => performance.now(),
});
scope.onmessage = (e: MessageEvent<HostRequest | SimulationWorkerControl>) => {
  const d = e.data;
  if (d.type === 'pace') pacer.set(d.duty);
  else handle(d);
};
