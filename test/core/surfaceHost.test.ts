import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/datasets';
import { computeSurface, type SurfaceSpec } from '../../src/core/surface';
import { createSurfaceHost, type SurfaceHostMessage } from '../../src/core/surfaceHost';

const data = makeDataset({ kind: 'line', n: 30, noise: 0.2 }, 2);
const spec = (size: number, p = 0, q = 1): SurfaceSpec => ({
  net: { sizes: [1, 1], activation: 'relu', unit: 'sigmoid', loss: 'nll' },
  x: data.x,
  y: data.y,
  theta: Float64Array.from([-8, 0]),
  p,
  q,
  pRange: [-10, 10],
  qRange: [-5, 5],
  size,
});

function harness() {
  const messages: SurfaceHostMessage[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const send = createSurfaceHost({
    post: (m) => messages.push(m),
    schedule: (fn) => queue.push(fn),
    now: () => (clock += 1),
  });
  const drain = (max = Infinity) => {
    for (let k = 0; k < max && queue.length > 0; k++) queue.shift()!();
  };
  return { send, drain, messages };
}

describe('surface host', () => {
  it('streams a coarse surface first, then the full one equal to the core’s', () => {
    const { send, drain, messages } = harness();
    send({ type: 'surfaces', batch: 1, requests: [{ key: 'a', spec: spec(64) }] });
    drain();
    const surfaces = messages.filter((m) => m.type === 'surface');
    expect(surfaces[0]).toMatchObject({ key: 'a', size: 8, complete: false });
    const last = surfaces.at(-1)!;
    expect(last).toMatchObject({ key: 'a', size: 64, complete: true });
    if (last.type === 'surface')
      expect(Array.from(last.values)).toEqual(Array.from(computeSurface(spec(64)).values));
    // Partial full-size surfaces fill in row by row (NaN where not yet computed).
    const partial = surfaces.find((m) => m.type === 'surface' && m.size === 64 && !m.complete);
    if (partial?.type === 'surface') expect(partial.values.some(Number.isNaN)).toBe(true);
  });

  it('drops a replaced batch between chunks and names a bad request', () => {
    const { send, drain, messages } = harness();
    send({ type: 'surfaces', batch: 1, requests: [{ key: 'old', spec: spec(128) }] });
    drain(3);
    send({
      type: 'surfaces',
      batch: 2,
      requests: [
        { key: 'bad', spec: spec(16, 0, 0) },
        { key: 'new', spec: spec(16) },
      ],
    });
    drain();
    const after = messages.slice(messages.findIndex((m) => m.batch === 2));
    expect(after.every((m) => m.batch === 2)).toBe(true);
    expect(messages.filter((m) => m.type === 'surface' && m.key === 'old' && m.complete)).toHaveLength(0);
    expect(after[0]).toEqual({ type: 'error', batch: 2, key: 'bad', message: 'q: must differ from p' });
    expect(after.at(-1)).toMatchObject({ type: 'surface', key: 'new', size: 16, complete: true });
  });
});
