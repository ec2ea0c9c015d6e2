/**
 * Generated inputs for the property-based tests: arbitrary values, mutations of
 * the example files, and experiments built to be accepted with extreme numbers.
 * `FC_RUNS` (an environment variable) raises every property's number of runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** Runs of one property: `n` by default (CI stays at a few thousand in all), or FC_RUNS. */
export function runs(n: number): number {
  const v = Number(process.env.FC_RUNS);
  return Number.isInteger(v) && v > 0 ? v : n;
}

const EXAMPLES_DIR = join(import.meta.dirname, '../../examples');

/** The example files, plus the README's example (an explicit start on two points). */
export const EXAMPLES: unknown[] = [
  ...readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')) as unknown),
  {
    version: 1,
    seed: 3,
    data: { kind: 'points', x: [[3], [-1]], y: [1, 0] },
    model: { hidden: [2], activation: 'tanh', output: 'linear', classes: 2 },
    loss: 'mse',
    optimizer: { learningRate: 0.1, momentum: 0.5, batchSize: 1 },
    init: {
      kind: 'explicit',
      layers: [
        { W: [[1], [-1]], b: [0, 0] },
        { W: [[0.5, 0.5]], b: [0] },
      ],
    },
    steps: 4,
  },
];

/**
 * A copy of a constant's arrays and objects (holes and a null prototype kept). `constantFrom` gives
 * the same object every time: put in two places of one value, or pushed into itself, it made a value
 * with a cycle, which `places` walked until the heap was full (the fork died: "Worker exited
 * unexpectedly"); and the mutations changed the constants for the runs after.
 */
function fresh(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const proto: unknown = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return v;
  const copy: Record<string, unknown> = Array.isArray(v)
    ? (new Array(v.length) as unknown as Record<string, unknown>)
    : (Object.create(proto as object | null) as Record<string, unknown>);
  for (const k of Object.keys(v)) copy[k] = fresh((v as Record<string, unknown>)[k]);
  return copy;
}

/** Values that make trouble: extremes, wrong types, the schema's own words. */
const special = fc
  .constantFrom<unknown>(
    {},
    [],
    [{}],
    [[]],
    'x',
    '',
    '\u0000',
    5,
    -1,
    0,
    -0,
    0.5,
    2,
    3,
    1e6,
    1e300,
    -1e300,
    1e308,
    -1e308,
    5e-324,
    null,
    true,
    [1],
    [[1]],
    [
      [3, 1],
      [1, 3],
    ],
    [[1e308], [-1e308]],
    [
      [1e308, -1e308],
      [-1e308, 1e308],
    ],
    [0, 1],
    { W: [[1e300]], b: [0] },
    { W: 'x', b: 5 },
    'linear',
    'clipped',
    'sigmoid',
    'softmax',
    'nll',
    'mse',
    'relu',
    'tanh',
    'explicit',
    'xavier',
    'points',
    'moons',
    'blobs',
  )
  .map(fresh);

/** A JSON value (what a file can hold). */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: special },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.double() },
);

/** Any JavaScript value, JSON or not (BigInt, Symbol, sparse arrays, no prototype…). */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  jsonValue,
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  fc
    // eslint-disable-next-line no-sparse-arrays
    .constantFrom<unknown>(Symbol('s'), 10n, [Symbol('a'), 1n], Object.create(null), [, 1], [1, , 2])
    .map(fresh),
);

export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'scale'; at: number; by: number }
  | { op: 'push'; at: number; value: unknown };

function mutation(value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    fc.record({ op: fc.constant('set' as const), at, value }),
    fc.record({ op: fc.constant('delete' as const), at }),
    fc.record({
      op: fc.constant('scale' as const),
      at,
      by: fc.constantFrom(-1, 0, 10, 1e6, 1e300, 1e-300, 1.5),
    }),
    fc.record({ op: fc.constant('push' as const), at, value }),
  );
}

/** Every (container, key) of a value, depth first; a container reached again (a cycle) is not walked again. */
function places(v: unknown): [Record<string | number, unknown>, string | number][] {
  const out: [Record<string | number, unknown>, string | number][] = [];
  const stack: unknown[] = [v];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    const proto: unknown = Object.getPrototypeOf(x);
    if (!Array.isArray(x) && proto !== Object.prototype && proto !== null) continue; // dates, boxed values…
    const o = x as Record<string | number, unknown>;
    for (const k of Array.isArray(x) ? x.keys() : Object.keys(x)) {
      out.push([o, k]);
      stack.push(o[k]);
    }
  }
  return out;
}

/** `base` (a deep copy) with the mutations applied in turn. */
export function mutate(base: unknown, ms: Mutation[]): unknown {
  const root = { root: structuredClone(base) } as Record<string, unknown>;
  for (const m of ms) {
    const ps = places(root);
    if (ps.length === 0) break;
    const [o, k] = ps[m.at % ps.length];
    if (m.op === 'set') o[k] = m.value;
    else if (m.op === 'delete') {
      if (Array.isArray(o)) o.splice(k as number, 1);
      else delete o[k];
    } else if (m.op === 'scale') {
      if (typeof o[k] === 'number') o[k] = (o[k] as number) * m.by;
    } else if (Array.isArray(o[k])) (o[k] as unknown[]).push(m.value);
    else if (typeof o[k] === 'object' && o[k] !== null)
      (o[k] as Record<string, unknown>)[typeof m.value === 'string' ? m.value : 'extra'] = m.value;
  }
  return root.root;
}

/** An example file with one to three mutations whose values are JSON. */
export const mutatedExample: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation(jsonValue), { minLength: 1, maxLength: 3 }))
  .map(([e, ms]) => mutate(e, ms));

/** The same with any JavaScript value. */
export const mutatedAnything: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation(anyValue), { minLength: 1, maxLength: 3 }))
  .map(([e, ms]) => mutate(e, ms));

const extreme = fc.oneof(
  fc.double({ min: -1e308, max: 1e308, noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 1e300, -1e300, 1e-300, 5e-324, 3, 0.5),
);

/**
 * An experiment of one to three inputs with every number the validator allows
 * at its extremes (points at ±1e308, weights of 1e300, learning rates up to
 * the limit), up to four variants: meant to be accepted.
 */
export const extremeExperiment: fc.Arbitrary<unknown> = fc
  .record({
    dims: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 6 }),
    hidden: fc.constantFrom<number[]>([], [2], [3, 2]),
    activation: fc.constantFrom('relu', 'sigmoid', 'tanh', 'linear'),
    head: fc.constantFrom(
      ['linear', 'mse'],
      ['clipped', 'nll'],
      ['clipped', 'mse'],
      ['sigmoid', 'nll'],
      ['sigmoid', 'mse'],
      ['softmax', 'nll'],
      ['softmax', 'mse'],
      ['linear', 'nll'],
    ),
    lr: fc.constantFrom(1e6, 1e3, 1, 0.1, 1e-300),
    momentum: fc.constantFrom(0, 0.9, 0.999999),
    explicit: fc.boolean(),
    seed: fc.nat(2 ** 32 - 1),
    values: fc.array(extreme, { minLength: 200, maxLength: 200 }),
    labels: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }),
    variants: fc.array(
      fc.record({
        name: fc.constantFrom('a', 'NUL\u0000name', '名字', 'x'.repeat(80), '\u202e\t\n'),
        output: fc.constantFrom('linear', 'clipped', 'sigmoid', 'softmax'),
      }),
      { maxLength: 4 },
    ),
    steps: fc.integer({ min: 0, max: 5 }),
  })
  .map((r) => {
    let k = 0;
    const next = (): number => r.values[k++ % r.values.length];
    const x = Array.from({ length: r.n }, () => Array.from({ length: r.dims }, next));
    const y = Array.from({ length: r.n }, (_, i) => r.labels[i]);
    const [output, loss] = r.head;
    const sizes = [r.dims, ...r.hidden, output === 'softmax' ? 2 : 1];
    const layers = sizes.slice(1).map((nout, l) => ({
      W: Array.from({ length: nout }, () => Array.from({ length: sizes[l] }, next)),
      b: Array.from({ length: nout }, next),
    }));
    const e: Record<string, unknown> = {
      version: 1,
      seed: r.seed,
      data: { kind: 'points', x, y },
      model: { hidden: r.hidden, activation: r.activation, output, classes: 2 },
      loss,
      optimizer: { learningRate: r.lr, momentum: r.momentum, batchSize: 0 },
      init: r.explicit ? { kind: 'explicit', layers } : { kind: 'xavier' },
      steps: r.steps,
    };
    if (r.variants.length > 0)
      e.variants = r.variants.map((v) => ({ name: v.name, model: { output: v.output }, loss: 'mse' }));
    return e;
  });
