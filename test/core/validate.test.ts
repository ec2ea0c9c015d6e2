import { describe, expect, it } from 'vitest';
import { parseExperimentJson, validateExperiment } from '../../src/core/validate';
import { followAutoNames, layerSizes, resolveVariants } from '../../src/core/variants';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';

/** The example experiment. */
const example = () => ({
  version: 1,
  seed: 1,
  data: {
    kind: 'points',
    x: [
      [0.3, -1.2],
      [1.1, 0.4],
    ],
    y: [1, 0],
  },
  model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
  init: { kind: 'explicit', layers: [{ W: [[0.5, -0.2]], b: [0.1] }] },
  steps: 200,
  variants: [{ name: 'clipped + NLL', model: { output: 'clipped' }, loss: 'nll' }],
});

const minimal = () => ({
  version: 1,
  data: { kind: 'moons', n: 100 },
  model: { hidden: [8], output: 'sigmoid' },
  loss: 'nll',
  optimizer: { learningRate: 0.1 },
  steps: 10,
});

/** Errors of `raw` with `patch` applied at a dotted path. */
function errorsOf(raw: Record<string, unknown>): string[] {
  const r = validateExperiment(raw);
  return r.ok ? [] : r.errors;
}

function withField(
  path: string,
  value: unknown,
  base: Record<string, unknown> = example(),
): Record<string, unknown> {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let o = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
  return copy;
}

describe('validateExperiment', () => {
  it('accepts the example and returns a normalised deep copy', () => {
    const raw = example();
    const r = validateExperiment(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.experiment).toEqual(raw);
    expect(r.experiment).not.toBe(raw);
    expect(r.experiment.data).not.toBe(raw.data);
  });

  it('fills defaults', () => {
    const r = validateExperiment(minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.experiment.seed).toBe(1);
    expect(r.experiment.model).toEqual({ hidden: [8], activation: 'relu', output: 'sigmoid', classes: 2 });
    expect(r.experiment.optimizer).toEqual({ learningRate: 0.1, momentum: 0, batchSize: 0 });
    expect(r.experiment.init).toEqual({ kind: 'xavier' });
    expect(r.experiment.data).toEqual({ kind: 'moons', n: 100, noise: 0 });
  });

  it('names a wrong choice with the allowed values', () => {
    expect(errorsOf(withField('model.output', 'sigmod'))).toEqual([
      'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got "sigmod"',
    ]);
    expect(errorsOf(withField('model.activation', 'gelu'))).toEqual([
      'model.activation: expected one of relu, sigmoid, tanh, linear, got "gelu"',
    ]);
    expect(errorsOf(withField('data.kind', 'swirl'))).toEqual([
      'data.kind: expected one of line, blobs, xor, circles, moons, spiral, points, table, got "swirl"',
    ]);
  });

  it('rejects nll with the linear unit, at the top and in a variant', () => {
    const top = withField('model.output', 'linear', withField('variants', undefined));
    expect(errorsOf(top)).toEqual([
      'loss: "nll" cannot be used with the linear unit (log of a value outside (0, 1)); use "mse"',
    ]);
    const variant = withField('variants', [
      { model: { output: 'linear' } },
      { loss: 'mse' },
      { model: { output: 'linear' }, loss: 'nll' },
    ]);
    expect(errorsOf(variant)).toEqual([
      'variants[0].model.output: "nll" cannot be used with the linear unit (log of a value outside (0, 1)); use "mse"',
      'variants[2].loss: "nll" cannot be used with the linear unit (log of a value outside (0, 1)); use "mse"',
    ]);
  });

  it('rejects sizes out of range', () => {
    expect(errorsOf(withField('model.hidden', [65], minimal()))).toEqual([
      'model.hidden[0]: expected an integer 1..64 units, got 65',
    ]);
    expect(errorsOf(withField('model.hidden', [2, 2, 2, 2, 2], minimal()))).toEqual([
      'model.hidden: expected an array of 0..4 layer widths, got [2,2,2,2,2]',
    ]);
    expect(errorsOf(withField('data.n', 0, minimal()))).toEqual([
      'data.n: expected an integer 1..20000, got 0',
    ]);
    expect(errorsOf(withField('data.n', 1e9, minimal()))).toEqual([
      'data.n: expected an integer 1..20000, got 1000000000',
    ]);
    expect(errorsOf(withField('steps', -1))).toEqual(['steps: expected an integer 0..100000, got -1']);
    expect(errorsOf(withField('steps', 1.5))).toEqual(['steps: expected an integer 0..100000, got 1.5']);
    expect(errorsOf(withField('model.classes', 3))).toEqual([
      'model.classes: the sigmoid unit has one output, so 2 classes; got 3 (use "softmax" for more)',
      'variants[0].model.output: the clipped unit has one output, but model.classes is 3; use "softmax"',
    ]);
  });

  it('rejects explicit parameters whose shapes do not fit the network', () => {
    expect(errorsOf(withField('init.layers', []))).toEqual([
      'init.layers: expected 1 layer(s) (0 hidden + output, input side first), got 0',
    ]);
    expect(
      errorsOf(
        withField('init.layers', [
          {
            W: [
              [1, 2],
              [3, 4],
            ],
            b: [0],
          },
        ]),
      ),
    ).toEqual(["init.layers[0].W: expected 1 row(s) (the layer's outputs), got 2"]);
    expect(errorsOf(withField('init.layers', [{ W: [[1, 2, 3]], b: [0, 1] }]))).toEqual([
      "init.layers[0].W[0]: expected 2 weight(s) (the layer's inputs), got 3",
      "init.layers[0].b: expected 1 bias(es) (the layer's outputs), got 2",
    ]);
    const hidden = withField('model.hidden', [3]);
    expect(errorsOf(hidden)).toEqual([
      'init.layers: expected 2 layer(s) (1 hidden + output, input side first), got 1',
    ]);
  });

  it('rejects labels outside 0..classes−1 and mismatched lengths', () => {
    expect(errorsOf(withField('data.y', [1, 2]))).toEqual([
      'data.y[1]: label 2 is outside 0..1 (model.classes is 2)',
    ]);
    expect(errorsOf(withField('data.y', [1]))).toEqual([
      'data.y: expected 2 labels (one per point of data.x), got 1',
    ]);
    expect(errorsOf(withField('data.x', [[1, 2], [3]]))).toEqual([
      'data.x[1]: expected a point of 2 numbers (like data.x[0]), got [3]',
    ]);
  });

  it('rejects non-finite numbers and strings for numbers', () => {
    expect(errorsOf(withField('optimizer.learningRate', NaN))).toEqual([
      'optimizer.learningRate: expected a finite number > 0 and ≤ 1000000, got NaN',
    ]);
    expect(errorsOf(withField('optimizer.learningRate', -1))).toEqual([
      'optimizer.learningRate: expected a finite number > 0 and ≤ 1000000, got -1',
    ]);
    expect(
      errorsOf(
        withField('data.x', [
          [Infinity, 0],
          [1, 1],
        ]),
      ),
    ).toEqual(['data.x[0]: expected finite numbers, got [Infinity,0]']);
    expect(errorsOf(withField('seed', '1'))).toEqual(['seed: expected an integer 0..4294967295, got "1"']);
    expect(errorsOf(withField('init.layers', [{ W: [[NaN, 0]], b: [0] }]))).toEqual([
      'init.layers[0].W[0]: expected finite numbers, got [NaN,0]',
    ]);
  });

  it('reports unknown fields (typos)', () => {
    expect(errorsOf({ ...example(), stpes: 3 })).toEqual([
      'stpes: unknown field; expected one of version, seed, data, model, loss, optimizer, init, steps, variants',
    ]);
    const m = withField('model.outputs', 'sigmoid');
    expect(errorsOf(m)).toEqual([
      'model.outputs: unknown field; expected one of hidden, activation, output, classes',
    ]);
    expect(errorsOf(withField('data.classes', 3, minimal()))).toEqual([
      'data.classes: unknown field; expected one of kind, n, noise',
    ]);
  });

  it('limits variants, batch size and momentum', () => {
    expect(errorsOf(withField('variants', [{}, {}, {}, {}, {}]))).toEqual([
      'variants: expected an array of 1..4 variants, got 5',
    ]);
    expect(errorsOf(withField('optimizer.batchSize', 3))).toEqual([
      'optimizer.batchSize: expected an integer 0..2, got 3',
    ]);
    expect(errorsOf(withField('optimizer.momentum', 1))).toEqual([
      'optimizer.momentum: expected a finite number ≥ 0 and < 1, got 1',
    ]);
    expect(errorsOf(withField('variants', [{ optimizer: { learningRate: 0 } }]))).toEqual([
      'variants[0].optimizer.learningRate: expected a finite number > 0 and ≤ 1000000, got 0',
    ]);
  });

  it('keeps the history within memory', () => {
    const big = withField('model.hidden', [64, 64, 64, 64], minimal());
    const errs = errorsOf(withField('steps', 100000, big));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^steps: 100000 steps of a network with 12737 parameters need \d+ MiB of history \(limit 512 MiB\); use at most 1755 steps or a smaller network$/,
    );
  });

  it('reports every problem at once', () => {
    const raw = {
      ...example(),
      version: 2,
      loss: 'hinge',
      steps: -3,
      model: { hidden: [0], output: 'sigmod' },
    };
    const errs = errorsOf(raw);
    expect(errs.length).toBeGreaterThanOrEqual(5);
    expect(errs).toContain('version: expected 1, got 2');
    expect(errs).toContain('loss: expected one of nll, mse, {"name", "L"}, got "hinge"');
  });

  it('explains non-object input', () => {
    for (const raw of [null, [], 'experiment', 3]) {
      const r = validateExperiment(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(/^experiment: expected a JSON object, got /);
    }
  });

  it('caps per-element messages of a huge array', () => {
    const errs = errorsOf(
      withField('data', {
        kind: 'points',
        x: Array.from({ length: 50 }, () => [1, 'a']),
        y: Array(50).fill(0),
      }),
    );
    expect(errs).toHaveLength(11);
    expect(errs[10]).toBe('data.x: 40 more problem(s) like those above');
  });
});

describe('variants', () => {
  it('resolve over the base, named by unit and loss by default', () => {
    const r = validateExperiment(
      withField('variants', [
        { model: { output: 'softmax' } },
        { loss: 'mse', optimizer: { learningRate: 2 } },
        { name: 'mine' },
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = resolveVariants(r.experiment);
    expect(v.map((x) => x.name)).toEqual(['softmax + NLL', 'sigmoid + MSE', 'mine']);
    expect(v[1].optimizer.learningRate).toBe(2);
    expect(v[0].optimizer.learningRate).toBe(0.1);
    expect(layerSizes(v[0].model, 2)).toEqual([2, 2]);
    const single = validateExperiment(withField('variants', undefined));
    if (single.ok) expect(resolveVariants(single.experiment).map((x) => x.name)).toEqual(['sigmoid + NLL']);
  });
});

describe('names nobody typed', () => {
  it('follow the unit and loss; typed names stay', () => {
    const before = structuredClone(DEFAULT_EXPERIMENT);
    before.variants![2].name = 'my favourite';
    const after = structuredClone(before);
    after.variants![0].loss = 'mse';
    after.variants![1].model = { output: 'softmax' };
    after.variants![2].loss = 'mse';
    followAutoNames(before, after);
    expect(resolveVariants(after).map((v) => v.name)).toEqual([
      'clipped + MSE',
      'softmax + MSE',
      'my favourite',
      'softmax + NLL',
    ]);
    // An edit that keeps unit and loss keeps the names as written.
    const same = structuredClone(after);
    same.steps = 10;
    followAutoNames(after, same);
    expect(same.variants![3].name).toBe('softmax + NLL');
  });
});

describe('hostile input (issue 13)', () => {
  const layers = (l: unknown) => withField('init', { kind: 'explicit', layers: [l] });

  it('names the problems of malformed explicit layers instead of throwing', () => {
    expect(errorsOf(layers({}))).toEqual([
      "init.layers[0].W: expected 1 row(s) (the layer's outputs), got nothing",
      "init.layers[0].b: expected 1 bias(es) (the layer's outputs), got nothing",
    ]);
    expect(errorsOf(layers({ W: 'x', b: 5 }))).toEqual([
      'init.layers[0].W: expected 1 row(s) (the layer\'s outputs), got "x"',
      "init.layers[0].b: expected 1 bias(es) (the layer's outputs), got 5",
    ]);
    expect(errorsOf(layers({ W: [1], b: [0] }))).toEqual([
      "init.layers[0].W[0]: expected 2 weight(s) (the layer's inputs), got 1",
    ]);
    expect(errorsOf(withField('init', { kind: 'explicit', layers: [null] }))).toEqual([
      'init.layers[0]: expected an object, got null',
    ]);
  });

  it('quotes values of any depth, BigInt and Symbol without throwing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(errorsOf(withField('loss', deep))[0]).toMatch(/^loss: .*\[\[\[\[.*\.\.\.$/);
    let deepObj: unknown = 1;
    for (let i = 0; i < 100_000; i++) deepObj = { a: deepObj };
    expect(errorsOf(withField('seed', deepObj))).toHaveLength(1);
    expect(errorsOf(withField('seed', 10n))[0]).toMatch(/^seed: .*got 10n$/);
    expect(errorsOf(withField('loss', Symbol('s')))[0]).toMatch(/got Symbol\(s\)$/);
    expect(errorsOf(withField('loss', [Symbol('a'), 1n]))[0]).toMatch(/got \[Symbol\(a\),1n\]$/);
    expect(errorsOf(withField('steps', Object.create(null)))[0]).toMatch(/got \{\}$/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorsOf(withField('steps', cyclic))[0]).toMatch(/got \{"self":…\}$/);
  });

  it('refuses sparse arrays (a hole is not a number)', () => {
    /* eslint-disable no-sparse-arrays */

    expect(errorsOf(withField('data.y', [1, ,]))).toEqual([
      'data.y[1]: expected an integer label, got nothing',
    ]);

    expect(
      errorsOf(
        withField('data.x', [
          [0.3, -1.2],
          [1.1, ,],
        ]),
      ),
    ).toEqual(['data.x[1]: expected finite numbers, got [1.1,<empty>]']);

    expect(errorsOf(withField('model.hidden', [2, , 2]))[0]).toMatch(/^model\.hidden\[1\]: /);

    expect(errorsOf(withField('variants', [{ name: 'a' }, ,]))).toEqual([
      'variants[1]: required; expected an object, got nothing',
    ]);
    /* eslint-enable no-sparse-arrays */
  });

  it('shows Infinity and NaN as they are, not as null', () => {
    expect(
      errorsOf(
        withField('data.x', [
          [0.3, Infinity],
          [1.1, 0.4],
        ]),
      ),
    ).toEqual(['data.x[0]: expected finite numbers, got [0.3,Infinity]']);
    expect(errorsOf(withField('init.layers', [{ W: [[NaN, -Infinity]], b: [0.1] }]))).toEqual([
      'init.layers[0].W[0]: expected finite numbers, got [NaN,-Infinity]',
    ]);
  });

  it('writes −0 as 0, so that an accepted experiment survives a JSON round trip', () => {
    const r = validateExperiment(withField('init.layers', [{ W: [[-0, 0.5]], b: [-0] }]));
    expect(
      r.ok && Object.is(r.experiment.init.kind === 'explicit' && r.experiment.init.layers[0].b[0], 0),
    ).toBe(true);
  });

  it('names odd unknown keys so that they can be found', () => {
    expect(errorsOf({ ...example(), '': 1, 'a b': 2 })).toEqual([
      '[""]: unknown field; expected one of version, seed, data, model, loss, optimizer, init, steps, variants',
      '["a b"]: unknown field; expected one of version, seed, data, model, loss, optimizer, init, steps, variants',
    ]);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    const text = '\ufeff' + JSON.stringify(example());
    expect(validateExperiment(parseExperimentJson(text)).ok).toBe(true);
    expect(() => parseExperimentJson('\ufeff\ufeff{}')).toThrow(SyntaxError);
  });
});
