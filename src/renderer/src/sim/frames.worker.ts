/// <reference lib="webworker" />
/** The data view's frames off the UI thread: the frame host, fed by messages. */
import { createFrameHost, type FrameHostRequest } from '../../../draw/frameHost';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createFrameHost({
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: (fn) => setTimeout(fn, 0),
});
scope.onmessage = (e: MessageEvent<FrameHostRequest>) => handle(e.data);
