/** The loss-surface pieces `npm run bench` and `npx tsx bench/surfaceDeep.ts` share. */
import { makeDataset } from '../src/core/datasets';
import { createNetwork, initParams } from '../src/core/network';
import type { SurfaceSpec } from '../src/core/surface';
import { createSurfaceHost } from '../src/core/surfaceHost';
import type { SurfaceJob } from '../src/core/surfaceJob';

/** The deep surface: 2-8-8-1 tanh, sigmoid + NLL, moons of 500, W1[0][0] × W1[0][1], 128². */
export function deepSurfaceSpec(): SurfaceSpec {
  const moons = makeDataset({ kind: 'moons', n: 500, noise: 0.1 }, 1);
  return {
    net: createNetwork([2, 8, 8, 1], 'tanh', 'sigmoid', 'nll'),
    x: moons.x,
    y: moons.y,
    theta: initParams([2, 8, 8, 1], { kind: 'xavier' }, 1),
    p: 0,
    q: 1,
    pRange: [-3, 3],
    qRange: [-3, 3],
    size: 128,
  };
}

/**
 * A surface as the app gets it: through the surface host (chunks, copies, a yield between
 * chunks), with its helper thread when given; ms to the first coarse image and to the full one.
 */
export function hostSurface(
  spec: SurfaceSpec,
  helper: ((job: SurfaceJob) => Promise<Float64Array>) | null,
): Promise<{ first: number; full: number }> {
  return new Promise((done) => {
    let first = NaN;
    const send = createSurfaceHost({
      post: (m) => {
        if (m.type !== 'surface') return;
        if (Number.isNaN(first)) first = m.elapsed;
        if (m.complete) done({ first, full: m.elapsed });
      },
      schedule: (fn) => setImmediate(fn),
      now: () => performance.now(),
      helper,
    });
    send({ type: 'surfaces', batch: 1, requests: [{ key: 's', spec }] });
  });
}
