/// <reference lib="webworker" />
/** The simulation off the UI thread: the core's host, fed by messages. */
import { createSimulationHost, type HostRequest } from '../../../core/host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createSimulationHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: (fn) => setTimeout(fn, 0),
  now: () => performance.now(),
});
scope.onmessage = (e: MessageEvent<HostRequest>) => handle(e.data);
