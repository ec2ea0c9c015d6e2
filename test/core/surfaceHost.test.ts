import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/datasets';
import { computeSurface, type SurfaceSpec } from '../../src/core/surface';
import { createSurfaceHost, pieceRows, type SurfaceHostMessage } from '../../src/core/surfaceHost';
import { runSurfaceJob, type SurfaceJob } from '../../src/core/surfaceJob';
import { initParams } from '../../src/core/network';

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

describe('surface host with a helper thread', () => {
  /** A helper whose jobs wait until `answer` runs them (or fails them), as a second thread would. */
  function helped(fail = false) {
    const messages: SurfaceHostMessage[] = [];
    const queue: (() => void)[] = [];
    const jobs: { job: SurfaceJob; resolve: (v: Float64Array) => void; reject: (e: Error) => void }[] = [];
    const send = createSurfaceHost({
      post: (m) => messages.push(m),
      schedule: (fn) => queue.push(fn),
      now: () => 0,
      helper: (job) => new Promise((resolve, reject) => jobs.push({ job, resolve, reject })),
    });
    const answered: SurfaceJob[] = [];
    /** Runs the host's steps and answers the helper's jobs until nothing is left. */
    const settle = async () => {
      for (let k = 0; k < 10_000 && (queue.length > 0 || jobs.length > 0); k++) {
        // Both threads advance in turn: a chunk here, then a job of the helper's.
        if (queue.length > 0 && (k % 2 === 0 || jobs.length === 0)) queue.shift()!();
        else {
          const j = jobs.shift()!;
          if (fail) j.reject(new Error('helper stopped'));
          else {
            answered.push(j.job);
            j.resolve(runSurfaceJob(j.job));
          }
        }
        await Promise.resolve();
        await Promise.resolve();
      }
    };
    return { send, settle, messages, jobs, answered, queue };
  }

  const deep = (size: number): SurfaceSpec => {
    const moons = makeDataset({ kind: 'moons', n: 60, noise: 0.1 }, 3);
    return {
      net: { sizes: [2, 4, 3, 1], activation: 'tanh', unit: 'sigmoid', loss: 'nll' },
      x: moons.x,
      y: moons.y,
      theta: initParams([2, 4, 3, 1], { kind: 'xavier' }, 2),
      p: 0,
      q: 1,
      pRange: [-3, 3],
      qRange: [-2, 2],
      size,
    };
  };

  it('shares the rows with the helper and streams the same surface as the core alone', async () => {
    const h = helped();
    h.send({ type: 'surfaces', batch: 1, requests: [{ key: 'd', spec: deep(64) }] });
    await h.settle();
    const last = h.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'surface', key: 'd', size: 64, complete: true });
    if (last.type === 'surface')
      expect(Array.from(last.values)).toEqual(Array.from(computeSurface(deep(64)).values));
    // The helper took bands from the bottom of the 16² and 64² levels; the coarse 8² is one chunk.
    expect(h.answered.length).toBeGreaterThan(1);
    expect(h.answered.every((j) => j.size > 8 && j.r1 > j.r0)).toBe(true);
    expect(h.answered.some((j) => j.size === 64 && j.r1 === 64)).toBe(true);
    // The coarse level still comes first, and a level is posted complete before the next begins.
    const sizes = h.messages.map((m) => (m.type === 'surface' ? m.size : 0));
    expect(sizes[0]).toBe(8);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  it('hands out whole chunks while many rows are left, then smaller pieces, so both threads end a level together', async () => {
    expect([128, 48, 47, 30, 12, 6, 2, 1].map(pieceRows)).toEqual([8, 8, 8, 5, 2, 1, 1, 1]);
    const h = helped();
    h.send({ type: 'surfaces', batch: 1, requests: [{ key: 'd', spec: deep(128) }] });
    await h.settle();
    const last = h.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'surface', key: 'd', size: 128, complete: true });
    if (last.type === 'surface')
      expect(Array.from(last.values)).toEqual(Array.from(computeSurface(deep(128)).values));
    const rows = h.answered.filter((j) => j.size === 128).map((j) => j.r1 - j.r0);
    expect(rows[0]).toBe(8);
    expect(rows.at(-1)).toBe(1);
    for (let k = 1; k < rows.length; k++) expect(rows[k]).toBeLessThanOrEqual(rows[k - 1]);
  });

  it('drops a helper answer for a replaced batch', async () => {
    const h = helped();
    h.send({ type: 'surfaces', batch: 1, requests: [{ key: 'old', spec: deep(64) }] });
    while (h.jobs.length === 0) h.queue.shift()!();
    h.send({ type: 'surfaces', batch: 2, requests: [{ key: 'new', spec: deep(16) }] });
    await h.settle();
    expect(h.messages.filter((m) => m.type === 'surface' && m.key === 'old' && m.size > 8)).toHaveLength(0);
    const last = h.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'surface', batch: 2, key: 'new', size: 16, complete: true });
    if (last.type === 'surface')
      expect(Array.from(last.values)).toEqual(Array.from(computeSurface(deep(16)).values));
  });

  it('computes the rows itself when the helper fails', async () => {
    const h = helped(true);
    h.send({ type: 'surfaces', batch: 1, requests: [{ key: 'd', spec: deep(32) }] });
    await h.settle();
    const last = h.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'surface', key: 'd', size: 32, complete: true });
    if (last.type === 'surface') {
      expect(last.values.some(Number.isNaN)).toBe(false);
      expect(Array.from(last.values)).toEqual(Array.from(computeSurface(deep(32)).values));
    }
  });
});

describe('surface jobs', () => {
  const base = (): SurfaceSpec => {
    const moons = makeDataset({ kind: 'moons', n: 40, noise: 0.1 }, 4);
    return {
      net: { sizes: [2, 3, 2, 1], activation: 'tanh', unit: 'sigmoid', loss: 'nll' },
      x: moons.x,
      y: moons.y,
      theta: initParams([2, 3, 2, 1], { kind: 'xavier' }, 4),
      p: 0,
      q: 1,
      pRange: [-3, 3],
      qRange: [-2, 2],
      size: 6,
    };
  };
  const rows = (s: SurfaceSpec) => Array.from(computeSurface(s).values.subarray(6, 18));
  const job = (s: SurfaceSpec) => Array.from(runSurfaceJob({ spec: s, size: 6, r0: 1, r1: 3 }));

  it('reuse the last prepared surface only for a spec holding the same values', () => {
    const s = base();
    expect(job(s)).toEqual(rows(s));
    // A copy (as a worker receives each job) of the same spec, then every part changed in turn.
    expect(job(structuredClone(s))).toEqual(rows(s));
    const changed: SurfaceSpec[] = [
      { ...s, theta: s.theta.map((v, k) => (k === 5 ? v + 0.5 : v)) },
      { ...s, x: s.x.map((v, k) => (k === 3 ? v + 0.5 : v)) },
      { ...s, y: s.y.map((v, k) => (k === 2 ? 1 - v : v)) },
      { ...s, q: 6 },
      { ...s, pRange: [-1, 3] },
      { ...s, net: { ...s.net, activation: 'relu' } },
      { ...s, net: { ...s.net, loss: 'mse' } },
    ];
    for (const c of changed) {
      expect(job(s)).toEqual(rows(s));
      expect(job(c)).toEqual(rows(c));
      expect(job(c)).not.toEqual(rows(s));
    }
    // The same spec object changed in place is not taken for the one prepared before.
    expect(job(s)).toEqual(rows(s));
    s.theta[4] += 1;
    expect(job(s)).toEqual(rows(s));
  });
});
