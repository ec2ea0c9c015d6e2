/**
 * `npx tsx bench/surfaceDeep.ts`: the deep loss surface alone (2-8-8-1 tanh, moons 500, 128²),
 * as `npm run bench` measures it: through the host with its helper thread, the core alone on
 * the same path, and every grid point through the whole network.
 */
import { availableParallelism } from 'node:os';
import { computeSurface } from '../src/core/surface';
import { deepSurfaceSpec, hostSurface } from './surfaces';
import { SurfaceWorkerPool } from './workerPool';

const spec = deepSurfaceSpec();
const helper = availableParallelism() > 1 ? new SurfaceWorkerPool(1) : null;
await helper?.run({ spec, size: 2, r0: 0, r1: 1 });
const host = async (): Promise<number> => (await hostSurface(spec, helper?.run ?? null)).full;
function core(fullPass: boolean): number {
  const t0 = performance.now();
  computeSurface(spec, { fullPass });
  return performance.now() - t0;
}
const best = { host: Infinity, core: Infinity, fullPass: Infinity };
for (let i = 0; i < 3; i++) {
  best.host = Math.min(best.host, await host());
  best.core = Math.min(best.core, core(false));
  best.fullPass = Math.min(best.fullPass, core(true));
}
await helper?.close();
console.log(
  `host ${best.host.toFixed(0)} ms, core ${best.core.toFixed(0)} ms, whole network ${best.fullPass.toFixed(0)} ms: ` +
    `${(best.host / best.fullPass).toFixed(3)} × (target ≤ 0.25)`,
);
