import type { Experiment } from './experiment';
import { pairVariant } from './units';

/**
 * The experiment a new document starts from: the argument of MATH.md in one
 * picture. 1-D data, a confidently wrong start (z = −8x), and four variants
 * side by side: the clipped unit stalls, sigmoid + MSE crawls, sigmoid + NLL
 * and softmax + NLL learn.
 */
export const DEFAULT_EXPERIMENT: Experiment = {
  version: 1,
  seed: 1,
  data: { kind: 'line', n: 40, noise: 0 },
  model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
  init: { kind: 'explicit', layers: [{ W: [[-8]], b: [0] }] },
  steps: 300,
  variants: [
    pairVariant('clipped', 'nll'),
    pairVariant('sigmoid', 'mse'),
    pairVariant('sigmoid', 'nll'),
    pairVariant('softmax', 'nll'),
  ],
};

/** An experiment as its file holds it: two-space JSON and a final newline. */
export function experimentText(e: Experiment): string {
  return JSON.stringify(e, null, 2) + '\n';
}
