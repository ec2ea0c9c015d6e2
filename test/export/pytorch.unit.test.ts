import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { pytorchNotebook } from '../../src/export/notebook';
import { codeProblem, pyNumber, pytorchScript, wrapComment } from '../../src/export/pytorch';
import { translator } from '../../src/i18n';

describe('the PyTorch export', () => {
  it('writes every float64 so that it reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Object.is(Number(pyNumber(v).replace(/^-0\.0$/, '-0')), v)).toBe(true);
      }),
    );
    expect(pyNumber(-0)).toBe('-0.0');
    expect(() => pyNumber(Infinity)).toThrow();
  });

  it('wraps comments at 96 columns, Chinese included', () => {
    const cols = (s: string): number =>
      [...s].reduce((n, ch) => n + (ch.codePointAt(0)! > 0x2e7f ? 2 : 1), 0);
    const t = translator('zh-CN');
    for (const text of [t('code.train'), translator('en')('code.loss')]) {
      const lines = wrapComment(text);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(cols(l)).toBeLessThanOrEqual(96);
      expect(
        lines
          .map((l) => l.slice(2))
          .join('')
          .replace(/\s/g, ''),
      ).toBe(text.replace(/\s/g, ''));
    }
  });

  it('refuses what it cannot express, with the variant named', () => {
    const exp = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
    exp.variants = [{ name: 'typed', model: { output: 'formula' as never } }];
    expect(codeProblem(exp)).toBe(
      'Variant "typed": the formula unit with the nll loss cannot be written as PyTorch code yet.',
    );
    const r = pytorchScript(exp, 'x');
    expect(r.ok).toBe(false);
    expect(pytorchNotebook(exp, 'x').ok).toBe(false);
  });

  it('keeps a title with line breaks on one line, and names in string literals', () => {
    const exp = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
    exp.variants = [{ name: 'a"\\b\nprint("owned")' }];
    const r = pytorchScript(exp, 'two\nlines');
    if (!r.ok) throw new Error(r.problem);
    expect(r.text).toContain('# two lines: an experiment');
    expect(r.text).toContain('"name": "a\\"\\\\b\\nprint(\\"owned\\")",');
    expect(r.text).not.toMatch(/^print\("owned"\)/m);
  });
});
