/// <reference lib="webworker" />
/** Loss surfaces off the UI thread: the core's surface host, fed by messages. */
import { createSurfaceHost, type SurfaceHostRequest } from '../../../core/surfaceHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createSurfaceHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: (fn) => setTimeout(fn, 0),
  now: () => performance.now(),
});
scope.onmessage = (e: MessageEvent<SurfaceHostRequest>) => handle(e.data);
