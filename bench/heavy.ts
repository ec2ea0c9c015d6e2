import type { Experiment } from '../src/core/experiment';

/**
 * The heavy preset of issue 21: moons with 2,000 points, a 2-32-32-1 network,
 * four variants, 5,000 steps.
 */
export const HEAVY_EXPERIMENT: Experiment = {
  version: 1,
  seed: 1,
  data: { kind: 'moons', n: 2000, noise: 0.15 },
  model: { hidden: [32, 32], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
  init: { kind: 'xavier' },
  steps: 5000,
  variants: [
    { name: 'clipped + NLL', model: { output: 'clipped' }, loss: 'nll' },
    { name: 'sigmoid + MSE', model: { output: 'sigmoid' }, loss: 'mse' },
    { name: 'sigmoid + NLL', model: { output: 'sigmoid' }, loss: 'nll' },
    { name: 'softmax + NLL', model: { output: 'softmax' }, loss: 'nll' },
  ],
};
