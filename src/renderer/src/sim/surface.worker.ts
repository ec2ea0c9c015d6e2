/// <reference lib="webworker" />
/**
 * Loss surfaces off the UI thread: the core's surface host, fed by messages. The page may
 * hand it a port to a helper thread (surfaceRows.worker.ts) that computes some of the rows
 * while no training runs.
 */
import {
  createSurfaceHost,
  type SurfaceHostEnvironment,
  type SurfaceHostRequest,
} from '../../../core/surfaceHost';
import { Pacer } from './pace';
import { portHelper, type PortHelper } from './surfaceRows';

/** What the page sends besides requests: the helper's port, or word that the helper stopped. */
export type SurfaceWorkerControl =
  | { type: 'helper'; port: MessagePort }
  | { type: 'helper-enabled'; on: boolean }
  | { type: 'helper-stopped' }
  /**
   * The share of its time this thread may compute (0 < duty ≤ 1): while the page plays back on few
   * cores, it rests between chunks so that the page keeps a core for its frames.
   */
  | { type: 'pace'; duty: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let helper: PortHelper | null = null;
/** The page turns the helper off while training runs on the other cores. */
let enabled = false;
const pacer = new Pacer();
const env: SurfaceHostEnvironment = {
  post: (message, transfer) => scope.postMessage(message, transfer),
  schedule: (fn) => setTimeout(pacer.wrap(fn), pacer.rest),
  now: () => performance.now(),
  helper: null,
};
const handle = createSurfaceHost(env);
scope.onmessage = (e: MessageEvent<SurfaceHostRequest | SurfaceWorkerControl>) => {
  const d = e.data;
  if (d.type === 'helper') {
    helper = portHelper(d.port);
  } else if (d.type === 'helper-enabled') {
    enabled = d.on;
  } else if (d.type === 'pace') {
    pacer.set(d.duty);
  } else if (d.type === 'helper-stopped') {
    helper?.stop('the surface helper thread stopped');
    helper = null;
  } else handle(d);
  env.helper = enabled && helper ? helper.run : null;
};
