import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { validateExperiment } from '../../../src/core/validate';
import { formatNumber, translator } from '../../../src/i18n';
import { explain, problemText } from '../../../src/renderer/src/editor/problems';

const en = translator('en');
const zh = translator('zh-CN');
const num = (x: number) => formatNumber('en', x, 6);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drafts are broken on purpose
type Draft = any;

function broken(change: (d: Draft) => void): unknown {
  const d: Draft = structuredClone(DEFAULT_EXPERIMENT);
  change(d);
  return d;
}

const DRAFTS = [
  broken((d) => (d.optimizer.learningRate = 0)),
  broken((d) => (d.optimizer.momentum = 1)),
  broken((d) => (d.steps = -1)),
  broken((d) => (d.model.hidden = [4, NaN])),
  broken((d) => (d.variants[2].model.output = 'linear')),
  broken((d) => (d.variants[0].name = '')),
  broken((d) => (d.data = { kind: 'moons', n: 0 })),
  broken((d) => (d.bogus = 1)),
  'not an object',
];

describe('problems worded for a person', () => {
  it('keep the validator’s own message, word for word, as the detail (English and 简体中文)', () => {
    for (const t of [en, zh])
      for (const d of DRAFTS) {
        const r = explain(d, t, num);
        const v = validateExperiment(d, t);
        expect(r.ok).toBe(false);
        expect(v.ok).toBe(false);
        if (!r.ok && !v.ok) expect(r.problems.map((p) => p.detail)).toEqual(v.errors);
      }
  });

  it('name the field and its limits in words, with the path apart', () => {
    const words = (d: unknown, t = en) => {
      const r = explain(d, t, num);
      return r.ok ? [] : r.problems.map((p) => [p.message, p.path]);
    };
    expect(words(DRAFTS[0])).toEqual([
      ['Learning rate must be above 0 and at most 1,000,000', 'optimizer.learningRate'],
    ]);
    expect(words(DRAFTS[1])).toEqual([['Momentum must be at least 0 and below 1', 'optimizer.momentum']]);
    expect(words(DRAFTS[2])).toEqual([['Steps must be a whole number from 0 to 100,000', 'steps']]);
    expect(words(DRAFTS[3])[0]).toEqual([
      'Each hidden layer needs a whole number of units from 1 to 64, separated by commas',
      'model.hidden[1]',
    ]);
    expect(words(DRAFTS[4])[0][0]).toMatch(/^The linear unit cannot be trained with log-likelihood/);
    expect(words(DRAFTS[5])).toEqual([['A name needs 1 to 80 characters', 'variants[0].name']]);
    expect(words(DRAFTS[6])[0]).toEqual([
      'The number of examples must be a whole number from 1 to 20,000',
      'data.n',
    ]);
    expect(words(DRAFTS[0], zh)[0][0]).toBe('学习率必须大于 0 且不超过 1,000,000');
    // Where no sentence is known, the validator's message (in the page's language) stands.
    expect(words(DRAFTS[7])).toEqual([
      [
        'unknown field; expected one of version, seed, data, model, loss, optimizer, init, steps, variants',
        'bogus',
      ],
    ]);
  });

  it('as one line: the sentence, then the path', () => {
    expect(problemText({ path: 'steps', message: 'Steps must be…', detail: '' })).toBe(
      'Steps must be… (steps)',
    );
    expect(problemText({ path: '', message: 'x', detail: '' })).toBe('x');
  });

  it('an experiment the validator accepts passes', () => {
    expect(explain(DEFAULT_EXPERIMENT, en, num).ok).toBe(true);
  });
});
