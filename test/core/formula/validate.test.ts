/** The experiment file's typed units and losses: accepted shapes and the messages of bad ones. */
import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../src/core/validate';
import { resolveVariants } from '../../../src/core/variants';
import { translator } from '../../../src/i18n';

const base = () => ({
  version: 1,
  data: { kind: 'line', n: 20 },
  model: { hidden: [], output: { name: 'half tanh', f: '(tanh(z) + 1) / 2' } as unknown, classes: 2 },
  loss: 'nll' as unknown,
  optimizer: { learningRate: 0.1 },
  steps: 5,
  variants: undefined as unknown,
});

const errors = (raw: unknown, t = translator('en')): string[] => {
  const r = validateExperiment(raw, t);
  return r.ok ? [] : r.errors;
};

describe('typed units and losses in a file', () => {
  it('accepts a unit {name, f}, a loss {name, L}, and variants with their own, beside built-in names', () => {
    const e = base();
    e.loss = { name: 'squared', L: '(p - y)^2' };
    e.variants = [
      { model: { output: 'sigmoid' }, loss: 'nll' },
      { model: { output: { name: 'probit-like', f: '0.5 * (1 + z / sqrt(1 + z^2))' } } },
      { loss: { name: 'cross-entropy', L: '-(y*log(p) + (1-y)*log(1-p))' } },
    ];
    const r = validateExperiment(e);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.experiment.model.output).toEqual({ name: 'half tanh', f: '(tanh(z) + 1) / 2' });
    expect(resolveVariants(r.experiment).map((v) => v.name)).toEqual([
      'sigmoid + NLL',
      'probit-like + squared',
      'half tanh + cross-entropy',
    ]);
    // Validating what it returned gives the same thing back.
    const again = validateExperiment(JSON.parse(JSON.stringify(r.experiment)));
    expect(again.ok && again.experiment).toEqual(r.experiment);
  });

  it('names model.output.f, the symbol and its position', () => {
    const e = base();
    e.model.output = { name: 'bad', f: '(tanh(z) + 1) / 2 + sin(z)' };
    expect(errors(e)).toEqual([
      'model.output.f: unknown function "sin" at character 21; allowed: exp, log, log1p, expm1, sqrt, abs, tanh, sinh, cosh, atan, erf, min, max',
    ]);
  });

  it('names loss.L and a variant’s path, in the reader’s language', () => {
    const e = base();
    e.loss = { name: 'bad', L: '(p - q)^2' };
    e.variants = [{ model: { output: { name: 'x', f: 'exp(-z' } } }, { loss: { name: 'y', L: 'p mod 2' } }];
    expect(errors(e)).toEqual([
      'loss.L: unknown symbol "q" at character 6; the variables are p, y, z (constants: pi, e)',
      'variants[0].model.output.f: cannot read the formula at character 7',
      'variants[1].loss.L: operator "mod" at character 3 is not allowed; use + − * / ^',
    ]);
    expect(errors(e, translator('zh-CN'))[0]).toBe(
      'loss.L: 第 6 个字符处有未知符号 "q"；可用的变量是 p, y, z（常数：pi、e）',
    );
  });

  it('refuses missing or non-text formulas and names, unknown fields, and a typed loss on softmax', () => {
    const e = base();
    e.model.output = { name: '', f: 3, extra: 1 };
    expect(errors(e)).toEqual([
      'model.output.extra: unknown field; expected one of name, f',
      'model.output.name: expected a name of 1..80 characters, got ""',
      'model.output.f: expected a formula as text, got 3',
    ]);
    const s = base();
    s.model = { hidden: [], output: 'softmax', classes: 2 };
    s.loss = { name: 'sq', L: '(p - y)^2' };
    expect(errors(s)).toEqual([
      'loss: a loss typed as a formula needs a unit with one output; softmax has one per class',
    ]);
    const k = base();
    k.model.classes = 3;
    k.data = { kind: 'blobs', n: 30, classes: 3 } as never;
    expect(errors(k)[0]).toContain('the half tanh unit has one output');
    const o = base();
    o.model.output = 42;
    expect(errors(o)[0]).toBe(
      'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got 42',
    );
  });
});
