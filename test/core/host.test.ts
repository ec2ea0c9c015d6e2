import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { createSimulationHost, type HostMessage } from '../../src/core/host';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';

/** A host with a fake clock (each reading advances 4 ms) and a queue standing in for setTimeout. */
function harness() {
  const messages: HostMessage[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const send = createSimulationHost({
    post: (m) => messages.push(m),
    schedule: (fn) => queue.push(fn),
    now: () => (clock += 4),
  });
  const drain = (slices = Infinity) => {
    for (let k = 0; k < slices && queue.length > 0; k++) queue.shift()!();
  };
  return { send, drain, messages, queue };
}

const moons: Experiment = {
  version: 1,
  seed: 3,
  data: { kind: 'moons', n: 60, noise: 0.1 },
  model: { hidden: [4], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.3, momentum: 0.5, batchSize: 16 },
  init: { kind: 'xavier' },
  steps: 120,
  variants: [{ name: 'a' }, { name: 'b', model: { output: 'softmax' } }],
};

const frames = (ms: HostMessage[], id: number, variant: number) =>
  ms.filter(
    (m): m is Extract<HostMessage, { type: 'frames' }> =>
      m.type === 'frames' && m.id === id && m.variant === variant,
  );

describe('simulation host', () => {
  it('streams every frame of every variant once, in order, in time slices, equal to a direct run', () => {
    const h = harness();
    h.send({ type: 'load', id: 1, experiment: moons });
    expect(h.messages[0]).toMatchObject({ type: 'loaded', id: 1, dims: 2, classes: 2 });
    const loaded = h.messages[0] as Extract<HostMessage, { type: 'loaded' }>;
    expect(loaded.variants.map((v) => [v.name, v.width, v.layers])).toEqual([
      ['a', 1, 2],
      ['b', 2, 2],
    ]);
    h.drain();
    const direct = runSimulation(moons);
    for (let v = 0; v < 2; v++) {
      const fs = frames(h.messages, 1, v);
      expect(fs.length).toBeGreaterThan(1); // more than one slice
      let next = 0;
      for (const f of fs) {
        expect(f.from).toBe(next);
        next += f.count;
      }
      expect(next).toBe(121);
      const P = loaded.variants[v].paramCount;
      for (const t of [0, 57, 120]) {
        const f = fs.find((m) => m.from <= t && t < m.from + m.count)!;
        const k = t - f.from;
        expect(Array.from(f.params.subarray(k * P, (k + 1) * P))).toEqual(
          Array.from(direct.runs[v].frame(t).params),
        );
        expect(f.loss[k]).toBe(direct.runs[v].frame(t).loss);
      }
    }
    const last = h.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'progress', id: 1, done: true, lengths: [121, 121] });
  });

  it('drops stale work when a new experiment arrives', () => {
    const h = harness();
    h.send({ type: 'load', id: 1, experiment: { ...moons, steps: 5000 } });
    h.drain(1);
    h.send({ type: 'load', id: 2, experiment: DEFAULT_EXPERIMENT });
    const before = h.messages.length;
    h.drain();
    const after = h.messages.slice(before);
    expect(after.every((m) => m.id === 2)).toBe(true);
    expect(after.at(-1)).toMatchObject({ type: 'progress', done: true, lengths: [301, 301, 301, 301] });
  });

  it('stands by on an idle request: the old work stops and nothing is built or posted', () => {
    const h = harness();
    h.send({ type: 'load', id: 1, experiment: { ...moons, steps: 5000 } });
    h.drain(1);
    h.send({ type: 'idle', id: 2 });
    const before = h.messages.length;
    h.drain();
    expect(h.messages.slice(before)).toEqual([]);
    expect(h.queue).toHaveLength(0);
    // It takes work again at the next load.
    h.send({ type: 'load', id: 3, experiment: DEFAULT_EXPERIMENT });
    h.drain();
    expect(h.messages.at(-1)).toMatchObject({ type: 'progress', id: 3, done: true });
  });

  it('reports a diverged variant and finishes the others', () => {
    const h = harness();
    const wild: Experiment = {
      ...moons,
      model: { hidden: [], activation: 'relu', output: 'linear', classes: 2 },
      loss: 'mse',
      optimizer: { learningRate: 1000, momentum: 0, batchSize: 0 },
      variants: [{ name: 'wild' }, { name: 'tame', optimizer: { learningRate: 0.01 } }],
    };
    h.send({ type: 'load', id: 6, experiment: wild });
    h.drain();
    const p = h.messages.at(-1) as Extract<HostMessage, { type: 'progress' }>;
    expect(p.done).toBe(true);
    expect(p.divergences[0]?.reason).toMatch(/became/);
    expect(p.divergences[1]).toBeNull();
    expect(p.lengths[1]).toBe(121);
    expect(p.lengths[0]).toBe(p.divergences[0]!.step + 1);
  });
});

describe('simulation hosts sharing the variants', () => {
  /** Every frame of variant v as posted, joined into one list of arrays per field. */
  function joined(ms: HostMessage[], id: number, v: number) {
    const fs = frames(ms, id, v);
    const fields = ['loss', 'accuracy', 'saturatedRight', 'saturatedWrong', 'gradNorms', 'params'] as const;
    let next = 0;
    for (const f of fs) {
      expect(f.from).toBe(next);
      next += f.count;
    }
    return Object.fromEntries(fields.map((k) => [k, fs.flatMap((f) => Array.from(f[k]))]));
  }

  const four: Experiment = {
    ...moons,
    steps: 90,
    variants: [
      { name: 'a' },
      { name: 'b', model: { output: 'softmax' } },
      { name: 'c', loss: 'mse' },
      { name: 'd', model: { output: 'clipped' }, optimizer: { learningRate: 2 } },
    ],
  };

  it('two hosts, each training its share of the variants, post bit for bit the frames of one host', () => {
    const one = harness();
    one.send({ type: 'load', id: 1, experiment: four });
    one.drain();
    const a = harness();
    const b = harness();
    a.send({ type: 'load', id: 1, experiment: four, variants: [0, 2] });
    b.send({ type: 'load', id: 1, experiment: four, variants: [1, 3] });
    // Interleave the two hosts' slices, as two workers would run.
    while (a.queue.length + b.queue.length > 0) {
      a.drain(1);
      b.drain(1);
    }
    for (let v = 0; v < 4; v++) {
      const own = v % 2 === 0 ? a : b;
      const other = v % 2 === 0 ? b : a;
      const expected = joined(one.messages, 1, v);
      expect(expected.loss).toHaveLength(91);
      // Object.is per element: the same bits, NaN and −0 included.
      const got = joined(own.messages, 1, v);
      for (const k of Object.keys(expected)) {
        expect(got[k].length).toBe(expected[k].length);
        expect(got[k].every((x, i) => Object.is(x, expected[k][i]))).toBe(true);
      }
      expect(frames(other.messages, 1, v)).toHaveLength(0); // a variant is trained once
    }
    const last = (h: ReturnType<typeof harness>) =>
      h.messages.filter((m) => m.type === 'progress').at(-1) as Extract<HostMessage, { type: 'progress' }>;
    expect(last(a)).toMatchObject({ done: true, variants: [0, 2], lengths: [91, 0, 91, 0] });
    expect(last(b)).toMatchObject({ done: true, variants: [1, 3], lengths: [0, 91, 0, 91] });
    expect(last(b).divergences[3]).toEqual(last(one).divergences[3]);
  });

  it('ignores variant numbers that are not the experiment’s and trains none twice', () => {
    const h = harness();
    h.send({ type: 'load', id: 2, experiment: four, variants: [3, 3, 9, -1, 1.5] });
    h.drain();
    expect(h.messages.at(-1)).toMatchObject({ type: 'progress', done: true, variants: [3] });
    expect(frames(h.messages, 2, 0)).toHaveLength(0);
    expect(frames(h.messages, 2, 3).reduce((n, f) => n + f.count, 0)).toBe(91);
  });
});
