/**
 * The guided lessons: the argument of MATH.md in nine scenes. Each is data: its
 * words (keys of the message catalogues, so they exist in every language),
 * display formulas in TeX, the preset experiment it loads, the panels it
 * points at, one "try this" action, and the claim its numbers show (checked
 * by test/lessons). Pure: no DOM, no Node.
 */
import type { Experiment, FormulaLossSpec, FormulaUnitSpec } from '../core/experiment';
import { DEFAULT_EXPERIMENT } from '../core/presets';
import { builtinTask } from '../core/table';
import { pairVariant } from '../core/units';
import type { MessageKey } from '../i18n';

export type LessonPanel = 'data' | 'chain' | 'surface' | 'units' | 'curves' | 'status';

/** What "try this" does in the studio. */
export type LessonAction =
  | { kind: 'play' }
  | { kind: 'end' }
  | { kind: 'goto'; step: number }
  | { kind: 'subSteps' }
  | { kind: 'naive' }
  | { kind: 'mean' };

export interface Lesson {
  id: string;
  title: MessageKey;
  /** Paragraphs; `$…$` is inline TeX. */
  body: MessageKey[];
  /** Display formulas (TeX, the same in every language). */
  formulas: string[];
  experiment: Experiment;
  /** Shown and outlined while the lesson is open. */
  panels: LessonPanel[];
  action: { label: MessageKey; does: LessonAction };
}

/** The default experiment's story without its variants: 1-D data, every example confidently wrong at the start (z = −8x). */
const { variants: _variants, ...base } = DEFAULT_EXPERIMENT;

/**
 * Typed units the editor offers as starting points (lesson 9): one that saturates like the
 * clipped unit, and a smooth one that learns.
 */
export const UNIT_PRESETS: { label: MessageKey; spec: FormulaUnitSpec }[] = [
  { label: 'formula.presetClip', spec: { name: 'wide clip', f: 'max(0, min(1, 0.5 + z / 4))' } },
  { label: 'formula.presetSmooth', spec: { name: 'algebraic', f: '0.5 * (1 + z / sqrt(1 + z^2))' } },
];

/** Typed losses the editor offers as starting points. */
export const LOSS_PRESETS: { label: MessageKey; spec: FormulaLossSpec }[] = [
  { label: 'formula.presetCross', spec: { name: 'cross-entropy', L: '-(y*log(p) + (1-y)*log(1-p))' } },
  { label: 'formula.presetSquared', spec: { name: 'squared', L: '(p - y)^2' } },
];

const copy = (e: Experiment): Experiment => JSON.parse(JSON.stringify(e)) as Experiment;

export const LESSONS: Lesson[] = [
  {
    id: 'probability',
    title: 'lesson1.title',
    body: ['lesson1.p1', 'lesson1.p2', 'lesson1.p3'],
    formulas: [
      '\\hat y = z = \\theta^\\top h + b',
      '\\hat y = \\max\\{0, \\min\\{1, z\\}\\}',
      "f'(z) = 0 \\quad (z < 0 \\ \\lor\\ z > 1)",
    ],
    experiment: copy({
      ...base,
      loss: 'mse',
      model: { ...base.model, output: 'linear' },
      optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
      steps: 200,
      variants: [pairVariant('linear', 'mse'), pairVariant('clipped', 'mse'), pairVariant('clipped', 'nll')],
    }),
    panels: ['data', 'chain'],
    action: { label: 'lesson1.try', does: { kind: 'play' } },
  },
  {
    id: 'odds',
    title: 'lesson2.title',
    body: ['lesson2.p1', 'lesson2.p2', 'lesson2.p3'],
    formulas: [
      '\\log\\frac{P(y=1\\mid x)}{1 - P(y=1\\mid x)} = \\theta^\\top h + b = z',
      'P(y=1\\mid x) = \\frac{1}{1 + e^{-z}} = \\sigma(z)',
    ],
    experiment: copy({
      ...base,
      steps: 100,
      variants: [pairVariant('sigmoid', 'nll')],
    }),
    panels: ['units', 'data'],
    action: { label: 'lesson2.try', does: { kind: 'end' } },
  },
  {
    id: 'softmax',
    title: 'lesson3.title',
    body: ['lesson3.p1', 'lesson3.p2'],
    formulas: [
      '\\tilde P(y) = e^{yz},\\quad P(y) = \\frac{e^{yz}}{e^{0} + e^{z}} = \\sigma\\big((2y-1)z\\big)',
      '\\operatorname{softmax}(0, z)_1 = \\frac{e^{z}}{1 + e^{z}} = \\sigma(z)',
    ],
    experiment: copy({
      ...base,
      steps: 100,
      variants: [pairVariant('sigmoid', 'nll'), pairVariant('softmax', 'nll')],
    }),
    panels: ['chain'],
    action: { label: 'lesson3.try', does: { kind: 'subSteps' } },
  },
  {
    id: 'saturation',
    title: 'lesson4.title',
    body: ['lesson4.p1', 'lesson4.p2', 'lesson4.p3'],
    formulas: [
      "\\sigma'(z) = \\sigma(z)\\,\\sigma(-z) \\le \\tfrac14,\\qquad \\sigma'(\\pm 10) \\approx 4.5\\cdot 10^{-5}",
      "\\frac{\\partial L}{\\partial z} = 2\\,(\\sigma(z) - y)\\,\\sigma'(z) \\to 0 \\quad (z \\to -\\infty,\\ y = 1)",
    ],
    experiment: copy({
      ...base,
      steps: 100,
      variants: [pairVariant('sigmoid', 'mse')],
    }),
    panels: ['chain', 'curves'],
    action: { label: 'lesson4.try', does: { kind: 'goto', step: 50 } },
  },
  {
    id: 'log-cancels-exp',
    title: 'lesson5.title',
    body: ['lesson5.p1', 'lesson5.p2', 'lesson5.p3'],
    formulas: [
      'L = -\\log \\sigma\\big((2y-1)z\\big) = \\zeta\\big((1-2y)\\,z\\big),\\quad \\zeta(a) = \\log(1 + e^{a})',
      '\\frac{\\partial L}{\\partial z} = \\sigma(z) - y = \\hat y - y',
    ],
    experiment: copy({
      ...base,
      steps: 100,
      variants: [pairVariant('sigmoid', 'mse'), pairVariant('sigmoid', 'nll')],
    }),
    panels: ['chain', 'curves'],
    action: { label: 'lesson5.try', does: { kind: 'end' } },
  },
  {
    id: 'hidden-units',
    title: 'lesson6.title',
    body: ['lesson6.p1', 'lesson6.p2', 'lesson6.p3'],
    formulas: [
      "\\frac{\\partial L}{\\partial W_1} = \\frac{\\partial L}{\\partial z}\\; W_{H}^\\top\\, g'(a_{H}) \\cdots W_2^\\top\\, g'(a_1)\\; x^\\top",
      "\\sigma' \\le \\tfrac14,\\qquad \\operatorname{ReLU}' \\in \\{0, 1\\}",
    ],
    experiment: {
      version: 1,
      seed: 3,
      data: { kind: 'moons', n: 200, noise: 0.1 },
      model: { hidden: [4, 4, 4, 4], activation: 'relu', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
      init: { kind: 'xavier' },
      steps: 300,
      variants: [
        { name: 'sigmoid hidden', model: { activation: 'sigmoid' } },
        { name: 'ReLU hidden', model: { activation: 'relu' } },
      ],
    },
    panels: ['chain', 'status'],
    action: { label: 'lesson6.try', does: { kind: 'play' } },
  },
  {
    id: 'real-data',
    title: 'lesson7.title',
    body: ['lesson7.p1', 'lesson7.p2', 'lesson7.p3'],
    formulas: [
      'x_j \\leftarrow \\frac{x_j - \\bar x_j}{s_j},\\qquad z = w^\\top x + b',
      "f'(z) = 0 \\ (z < 0 \\ \\lor\\ z > 1) \\;\\Rightarrow\\; \\frac{\\partial L}{\\partial w} = 0",
    ],
    // The Palmer penguins, Adélie against the rest, from minus three times a good direction.
    experiment: {
      version: 1,
      seed: 1,
      data: builtinTask('penguins-adelie'),
      model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
      init: { kind: 'explicit', layers: [{ W: [[7.81, -4.19, 0.33, -1.55]], b: [1.69] }] },
      steps: 300,
      variants: [pairVariant('clipped', 'nll'), pairVariant('sigmoid', 'mse'), pairVariant('sigmoid', 'nll')],
    },
    panels: ['data', 'status'],
    action: { label: 'lesson7.try', does: { kind: 'end' } },
  },
  {
    id: 'separable',
    title: 'lesson8.title',
    body: ['lesson8.p1', 'lesson8.p2', 'lesson8.p3'],
    formulas: [
      'J(\\lambda w, \\lambda b) \\to 0 \\quad (\\lambda \\to \\infty)',
      '\\lVert w_t \\rVert \\approx c \\log t',
    ],
    // Iris setosa against the other two species: separable by petal length alone.
    experiment: {
      version: 1,
      seed: 1,
      data: builtinTask('iris-setosa'),
      model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
      init: { kind: 'zeros' },
      steps: 3000,
      variants: [pairVariant('sigmoid', 'nll')],
    },
    panels: ['curves', 'surface', 'data'],
    action: { label: 'lesson8.try', does: { kind: 'end' } },
  },
  {
    id: 'own-unit',
    title: 'lesson9.title',
    body: ['lesson9.p1', 'lesson9.p2', 'lesson9.p3'],
    formulas: [
      '\\hat y = \\max\\{0, \\min\\{1, \\tfrac12 + \\tfrac z4\\}\\}',
      '\\hat y = \\tfrac12\\Big(1 + \\frac{z}{\\sqrt{1 + z^2}}\\Big)',
      "f'(z) = \\frac{1}{2\\,(1 + z^2)^{3/2}}",
      '\\frac{\\partial L}{\\partial \\hat y} = \\frac{\\hat y - y}{\\hat y\\,(1 - \\hat y)}',
    ],
    experiment: copy({
      ...base,
      steps: 300,
      variants: [
        { name: 'wide clip + NLL', model: { output: UNIT_PRESETS[0].spec }, loss: 'nll' },
        { name: 'algebraic + NLL', model: { output: UNIT_PRESETS[1].spec }, loss: 'nll' },
      ],
    }),
    panels: ['chain', 'curves'],
    action: { label: 'lesson9.try', does: { kind: 'play' } },
  },
];

// ─── Scenes and predictions (issue 17) ──────────────────────────────────────────
// Kept apart from the lessons above so that either can change without touching the other.

/**
 * Everything a lesson's view depends on, set when it opens (nothing of the previous lesson's view
 * is kept): the frame, sub-steps and their phase, the panels shown (the lesson's `panels`, every
 * other one hidden), the chain diagram's example or mean, and the loss surface's parameters.
 */
export interface LessonScene {
  step: number;
  subSteps: boolean;
  /** 0 forward, 1 loss, 2 backward, 3 update (the whole step). */
  phase: 0 | 1 | 2 | 3;
  chain: 'example' | 'mean';
  /** −1: the output unit's θ and b. */
  surface: { p: number; q: number; mode: '2d' | '3d'; log: boolean };
  naive: boolean;
  /**
   * The variant whose chain diagram is shown where only one fits (a small window): the one the
   * lesson's words are about.
   */
  variant: number;
  /**
   * Named panels that give way, in this order, where the others do not fit the window at their
   * legible sizes (a 900×600 window): left out with a word saying so and a button that shows them.
   */
  spare: LessonPanel[];
}

const SCENE: LessonScene = {
  step: 0,
  subSteps: false,
  phase: 3,
  chain: 'example',
  surface: { p: -1, q: -1, mode: '2d', log: true },
  naive: false,
  variant: 0,
  spare: [],
};

/** Each lesson's scene, by id. */
export const LESSON_SCENES: Record<string, LessonScene> = {
  // "the chain-rule diagram shows the cut at f′(z) = 0": a clipped unit's.
  probability: { ...SCENE, variant: 1 },
  odds: SCENE,
  // The sub-steps from the first one: forward, loss, backward, update.
  softmax: { ...SCENE, subSteps: true, phase: 0 },
  saturation: SCENE,
  // "the σ′(z) is gone": the NLL variant's.
  'log-cancels-exp': { ...SCENE, variant: 1 },
  // The mean over the data: the per-layer gradient norms the words are about.
  'hidden-units': { ...SCENE, chain: 'mean' },
  'real-data': SCENE,
  // The loss creeping to 0 and the path running off the surface; the data view, a click away in a small window.
  separable: { ...SCENE, spare: ['data'] },
  // Frame 0: every example still where the confidently wrong start put it, f′(z) read off the plots.
  'own-unit': SCENE,
};

export function sceneOf(lesson: Lesson): LessonScene {
  return LESSON_SCENES[lesson.id] ?? SCENE;
}

/** A variant's numbers frame by frame, as the studio's tracks and the core's runs both hold them. */
export interface RunNumbers {
  name: string;
  /** Frames trained (0 … length − 1). */
  length: number;
  /** Weight layers. */
  layers: number;
  loss: ArrayLike<number>;
  accuracy: ArrayLike<number>;
  /** length × layers, from the input side. */
  gradNorms: ArrayLike<number>;
  paramsAt(t: number): ArrayLike<number>;
}

/** What the numbers answered, and the numbers that say so (for the sentence `detail`). */
export interface Outcome {
  answer: number;
  values: Record<string, number>;
}

/** "Predict, then play": asked before a lesson's "try this", answered by the run's own numbers. */
export interface Prediction {
  question: MessageKey;
  /** Two to four answers. */
  answers: MessageKey[];
  /** The frame the answer needs (trained up to it). */
  needs: (steps: number) => number;
  outcome: (runs: RunNumbers[], steps: number) => Outcome;
  /** The numbers in a sentence, with the placeholders of `outcome`'s values. */
  detail: MessageKey;
}

const run = (runs: RunNumbers[], name: string): RunNumbers => {
  const r = runs.find((x) => x.name === name);
  if (!r) throw new Error(`no variant named ${name}`);
  return r;
};
const norm = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
};
const end = (steps: number): number => steps;

export const LESSON_PREDICTIONS: Record<string, Prediction> = {
  probability: {
    question: 'predict1.q',
    answers: ['predict1.a0', 'predict1.a1', 'predict1.a2'],
    needs: end,
    outcome: (runs, t) => {
      const r = run(runs, 'clipped + MSE');
      const a = r.loss[0];
      const b = r.loss[t];
      return { answer: b === a ? 1 : b < a ? 0 : 2, values: { a, b, t } };
    },
    detail: 'predict1.detail',
  },
  odds: {
    question: 'predict2.q',
    answers: ['predict2.a0', 'predict2.a1', 'predict2.a2'],
    needs: end,
    outcome: (runs, t) => {
      const r = run(runs, 'sigmoid + NLL');
      const a = r.accuracy[0] * 100;
      const b = r.accuracy[t] * 100;
      return { answer: b >= 90 ? 2 : b >= 25 ? 1 : 0, values: { a, b, t } };
    },
    detail: 'predict2.detail',
  },
  softmax: {
    question: 'predict3.q',
    answers: ['predict3.a0', 'predict3.a1', 'predict3.a2'],
    needs: () => 1,
    outcome: (runs) => {
      const a = run(runs, 'sigmoid + NLL').loss[1];
      const b = run(runs, 'softmax + NLL').loss[1];
      const same = Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
      return { answer: same ? 0 : a < b ? 1 : 2, values: { a, b } };
    },
    detail: 'predict3.detail',
  },
  saturation: {
    question: 'predict4.q',
    answers: ['predict4.a0', 'predict4.a1', 'predict4.a2'],
    needs: () => 50,
    outcome: (runs) => {
      const r = run(runs, 'sigmoid + MSE');
      const a = r.loss[0];
      const b = r.loss[50];
      const fell = ((a - b) / a) * 100;
      return { answer: b > a ? 2 : fell > 50 ? 0 : 1, values: { a, b, p: fell } };
    },
    detail: 'predict4.detail',
  },
  'log-cancels-exp': {
    question: 'predict5.q',
    answers: ['predict5.a0', 'predict5.a1', 'predict5.a2', 'predict5.a3'],
    needs: end,
    outcome: (runs, t) => {
      const m = run(runs, 'sigmoid + MSE');
      const n = run(runs, 'sigmoid + NLL');
      const a = m.loss[0] / m.loss[t];
      const b = n.loss[0] / n.loss[t];
      const answer = a > 10 && b > 10 ? 2 : a > 10 ? 0 : b > 10 ? 1 : 3;
      return { answer, values: { a, b } };
    },
    detail: 'predict5.detail',
  },
  'hidden-units': {
    question: 'predict6.q',
    answers: ['predict6.a0', 'predict6.a1', 'predict6.a2'],
    needs: end,
    outcome: (runs, t) => {
      const s = run(runs, 'sigmoid hidden');
      const r = run(runs, 'ReLU hidden');
      const a = s.gradNorms[t * s.layers];
      const b = r.gradNorms[t * r.layers];
      const answer = a * 5 < b ? 1 : b * 5 < a ? 2 : 0;
      return { answer, values: { a, b, r: b / a } };
    },
    detail: 'predict6.detail',
  },
  'real-data': {
    question: 'predict7.q',
    answers: ['predict7.a0', 'predict7.a1', 'predict7.a2'],
    needs: end,
    outcome: (runs, t) => {
      const r = run(runs, 'clipped + NLL');
      const a = r.accuracy[0] * 100;
      const b = r.accuracy[t] * 100;
      return { answer: b > 90 ? 0 : b >= 50 ? 1 : 2, values: { a, b, t } };
    },
    detail: 'predict7.detail',
  },
  separable: {
    question: 'predict8.q',
    answers: ['predict8.a0', 'predict8.a1', 'predict8.a2'],
    needs: end,
    outcome: (runs, t) => {
      const r = run(runs, 'sigmoid + NLL');
      const h = Math.floor(t / 2);
      const a = norm(r.paramsAt(h));
      const b = norm(r.paramsAt(t));
      const change = (b - a) / a;
      return { answer: Math.abs(change) < 0.01 ? 0 : change > 0 ? 1 : 2, values: { a, b, h, t } };
    },
    detail: 'predict8.detail',
  },
  'own-unit': {
    question: 'predict9.q',
    answers: ['predict9.a0', 'predict9.a1', 'predict9.a2'],
    needs: end,
    outcome: (runs, t) => {
      const clip = run(runs, 'wide clip + NLL');
      const smooth = run(runs, 'algebraic + NLL');
      const [a, b] = [clip.loss[0], clip.loss[t]];
      const [c, d] = [smooth.loss[0], smooth.loss[t]];
      const learns = (from: number, to: number): boolean => to < from / 10;
      const answer = learns(a, b) ? (learns(c, d) ? 0 : 2) : learns(c, d) ? 1 : 2;
      return { answer, values: { a, b, c, d, t } };
    },
    detail: 'predict9.detail',
  },
};

export function predictionOf(lesson: Lesson): Prediction | undefined {
  return LESSON_PREDICTIONS[lesson.id];
}

/**
 * Each variant's status at the end of its run, as the lessons' words describe it (checked against the
 * studio's status by test/lessons).
 */
export const LESSON_STATUS: Record<string, Record<string, 'stalled' | 'running' | 'converged'>> = {
  probability: { 'linear + MSE': 'converged', 'clipped + MSE': 'stalled', 'clipped + NLL': 'stalled' },
  odds: { 'sigmoid + NLL': 'running' },
  softmax: { 'sigmoid + NLL': 'running', 'softmax + NLL': 'running' },
  saturation: { 'sigmoid + MSE': 'running' },
  'log-cancels-exp': { 'sigmoid + MSE': 'running', 'sigmoid + NLL': 'running' },
  // Lesson 6 quotes these two.
  'hidden-units': { 'sigmoid hidden': 'converged', 'ReLU hidden': 'running' },
  'real-data': { 'clipped + NLL': 'stalled', 'sigmoid + MSE': 'running', 'sigmoid + NLL': 'running' },
  separable: { 'sigmoid + NLL': 'running' },
  'own-unit': { 'wide clip + NLL': 'stalled', 'algebraic + NLL': 'running' },
};

/** The one-page summary after the last lesson: a sentence per lesson (its formulas are the lesson's). */
export const SUMMARY_KEYS: MessageKey[] = [
  'summary.1',
  'summary.2',
  'summary.3',
  'summary.4',
  'summary.5',
  'summary.6',
  'summary.7',
  'summary.8',
  'summary.9',
];
