import type { Dataset } from '../../src/core/datasets';
import type { ActivationName, LossName, OutputUnitName, ResolvedVariant } from '../../src/core/experiment';
import { createRng } from '../../src/core/rng';

/** A dataset from explicit rows and labels. */
export function dataset(x: number[][], y: number[], classes = 2): Dataset {
  return { dims: x[0].length, classes, n: x.length, x: Float64Array.from(x.flat()), y: Int32Array.from(y) };
}

/** n seeded random points in dims dimensions, labels i % classes. */
export function randomDataset(n: number, dims: number, classes = 2, seed = 7): Dataset {
  const rng = createRng(seed, 'test');
  const x = new Float64Array(n * dims);
  for (let k = 0; k < x.length; k++) x[k] = 2 * rng.normal();
  return { dims, classes, n, x, y: Int32Array.from({ length: n }, (_, i) => i % classes) };
}

export function variant(
  output: OutputUnitName,
  loss: LossName,
  opts: {
    activation?: ActivationName;
    classes?: number;
    learningRate?: number;
    momentum?: number;
    batchSize?: number;
  } = {},
): ResolvedVariant {
  return {
    name: `${output} + ${loss}`,
    color: '#d64545',
    model: { hidden: [], activation: opts.activation ?? 'tanh', output, classes: opts.classes ?? 2 },
    loss,
    optimizer: {
      learningRate: opts.learningRate ?? 0.1,
      momentum: opts.momentum ?? 0,
      batchSize: opts.batchSize ?? 0,
    },
  };
}
