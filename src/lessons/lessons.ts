/**
 * The guided lessons: the argument of MATH.md in six scenes. Each is data: its
 * words (keys of the message catalogues, so they exist in every language),
 * display formulas in TeX, the preset experiment it loads, the panels it
 * points at, one "try this" action, and the claim its numbers show (checked
 * by test/lessons). Pure: no DOM, no Node.
 */
import type { Experiment, FormulaLossSpec, FormulaUnitSpec } from '../core/experiment';
import { DEFAULT_EXPERIMENT } from '../core/presets';
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
 * Typed units the editor offers as starting points (lesson 7): one that saturates like the
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
    panels: ['data', 'chain', 'status'],
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
    panels: ['units', 'chain'],
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
    panels: ['units', 'chain'],
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
    panels: ['curves', 'chain'],
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
      model: { hidden: [8, 8, 8, 8], activation: 'relu', output: 'sigmoid', classes: 2 },
      loss: 'nll',
      optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
      init: { kind: 'xavier' },
      steps: 300,
      variants: [
        { name: 'sigmoid hidden', model: { activation: 'sigmoid' } },
        { name: 'ReLU hidden', model: { activation: 'relu' } },
      ],
    },
    panels: ['curves', 'status', 'chain'],
    action: { label: 'lesson6.try', does: { kind: 'mean' } },
  },
  {
    id: 'own-unit',
    title: 'lesson7.title',
    body: ['lesson7.p1', 'lesson7.p2', 'lesson7.p3'],
    formulas: [
      '\\hat y = \\max\\{0, \\min\\{1, \\tfrac12 + \\tfrac z4\\}\\},\\qquad \\hat y = \\tfrac12\\Big(1 + \\frac{z}{\\sqrt{1 + z^2}}\\Big)',
      "f'(z) = \\frac{1}{2\\,(1 + z^2)^{3/2}},\\qquad \\frac{\\partial L}{\\partial \\hat y} = \\frac{\\hat y - y}{\\hat y\\,(1 - \\hat y)}",
    ],
    experiment: copy({
      ...base,
      steps: 300,
      variants: [
        { name: 'wide clip + NLL', model: { output: UNIT_PRESETS[0].spec }, loss: 'nll' },
        { name: 'algebraic + NLL', model: { output: UNIT_PRESETS[1].spec }, loss: 'nll' },
      ],
    }),
    panels: ['units', 'chain', 'curves'],
    action: { label: 'lesson7.try', does: { kind: 'play' } },
  },
];
