/**
 * Experiments whose PyTorch exports are compared with `npm run sim`, frame by
 * frame: every (unit, loss) the validator allows, 0–3 hidden layers, every
 * activation, momentum, mini-batches, softmax with three classes, every data
 * kind and start, and runs that diverge.
 */
import { ACTIVATIONS, type Experiment, type VariantSpec } from '../../src/core/experiment';

const HEADS: VariantSpec[] = [
  { model: { output: 'sigmoid' }, loss: 'nll' },
  { model: { output: 'sigmoid' }, loss: 'mse' },
  { model: { output: 'clipped' }, loss: 'nll' },
  { model: { output: 'clipped' }, loss: 'mse' },
  { model: { output: 'linear' }, loss: 'mse' },
  { model: { output: 'softmax' }, loss: 'nll' },
  { model: { output: 'softmax' }, loss: 'mse' },
];
const DATA: Experiment['data'][] = [
  { kind: 'moons', n: 24, noise: 0.1 },
  { kind: 'xor', n: 20, noise: 0.05 },
  { kind: 'circles', n: 18, noise: 0.1 },
  { kind: 'spiral', n: 22, noise: 0 },
  { kind: 'line', n: 16, noise: 0.2 },
];
const INITS: Experiment['init'][] = [{ kind: 'xavier' }, { kind: 'he' }];

export function codeMatrix(): { name: string; experiment: Experiment }[] {
  const out: { name: string; experiment: Experiment }[] = [];
  let k = 0;
  for (let hidden = 0; hidden <= 3; hidden++) {
    for (const activation of hidden === 0 ? (['relu'] as const) : ACTIVATIONS) {
      // The seven heads over two experiments of four variants (the first head twice).
      for (const part of [HEADS.slice(0, 4), [...HEADS.slice(4), HEADS[0]]]) {
        const data = DATA[k % DATA.length];
        const momentum = k % 3 === 0 ? 0 : 0.9;
        const batchSize = k % 2 === 0 ? 0 : 5;
        out.push({
          name: `h${hidden}-${activation}-${k}`,
          experiment: {
            version: 1,
            seed: 11 + k,
            data,
            model: { hidden: [3, 4, 3].slice(0, hidden), activation, output: 'sigmoid', classes: 2 },
            loss: 'nll',
            optimizer: { learningRate: 0.2, momentum, batchSize },
            init: INITS[k % INITS.length],
            steps: 40,
            variants: part.map((v, i) => ({
              ...v,
              name: `${v.model!.output} + ${v.loss} #${i}`,
              // One variant with its own step size and batch size.
              ...(i === 1 ? { optimizer: { learningRate: 0.5, batchSize: 7 } } : {}),
            })),
          },
        });
        k++;
      }
    }
  }
  out.push({
    name: 'softmax-3-classes',
    experiment: {
      version: 1,
      seed: 5,
      data: { kind: 'blobs', n: 30, noise: 0.3, classes: 3 },
      model: { hidden: [5], activation: 'tanh', output: 'softmax', classes: 3 },
      loss: 'nll',
      optimizer: { learningRate: 0.3, momentum: 0.5, batchSize: 8 },
      init: { kind: 'xavier' },
      steps: 60,
      variants: [{ name: 'softmax + NLL' }, { name: 'softmax + MSE', loss: 'mse' }],
    },
  });
  out.push({
    name: 'points-explicit-zeros',
    experiment: {
      version: 1,
      seed: 3,
      data: {
        kind: 'points',
        x: [
          [0.5, -1, 2],
          [-0.25, 0.75, 0],
          [1e-3, -2.5, 1.5],
          [2, 0, -0],
        ],
        y: [1, 0, 0, 1],
      },
      model: { hidden: [2], activation: 'sigmoid', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 1, momentum: 0.3, batchSize: 3 },
      init: {
        kind: 'explicit',
        layers: [
          {
            W: [
              [0.1, -0.2, 0.3],
              [-0.4, 0.5, -0.6],
            ],
            b: [0.01, -0.02],
          },
          { W: [[1.5, -2.5]], b: [0.25] },
        ],
      },
      steps: 30,
      variants: [{ name: 'explicit start' }, { name: 'clipped', model: { output: 'clipped' } }],
    },
  });
  out.push({
    name: 'zeros-start',
    experiment: {
      version: 1,
      seed: 2,
      data: { kind: 'blobs', n: 12, noise: 0.5 },
      model: { hidden: [2], activation: 'tanh', output: 'softmax', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
      init: { kind: 'zeros' },
      steps: 20,
      variants: [{ name: 'softmax' }, { name: 'sigmoid from softmax', model: { output: 'sigmoid' } }],
    },
  });
  // Diverging runs: the same step as the app, with the same reason.
  out.push({
    name: 'diverges',
    experiment: {
      version: 1,
      seed: 4,
      data: { kind: 'line', n: 10, noise: 0 },
      model: { hidden: [3], activation: 'relu', output: 'linear', classes: 2 },
      loss: 'mse',
      optimizer: { learningRate: 40, momentum: 0.9, batchSize: 0 },
      init: { kind: 'he' },
      steps: 400,
      variants: [
        { name: 'linear + MSE' },
        { name: 'linear, mini-batches', optimizer: { batchSize: 4, learningRate: 1e3 } },
        {
          name: 'tanh, no momentum',
          model: { activation: 'tanh' },
          optimizer: { momentum: 0, learningRate: 300 },
        },
      ],
    },
  });
  return out;
}
