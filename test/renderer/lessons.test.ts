import { describe, expect, it } from 'vitest';
import { readLessons } from '../../src/renderer/src/lessons/progress';
import { formulaLines, paragraph } from '../../src/renderer/src/lessons/tex';

describe('lesson text', () => {
  it('typesets $…$ as MathML, escapes the rest, and keeps closing punctuation with its formula', () => {
    const html = paragraph('若 $z < 0$，则 <b> & $p$。');
    expect(html).toMatch(/^若 <span class="nobr"><span class="katex"><math/);
    expect(html).toContain('</math></span>，</span>');
    expect(html).toContain('则 &lt;b&gt; &amp; ');
    expect(html).not.toContain('<b>');
    // A formula KaTeX cannot read is shown as its source, not dropped.
    expect(paragraph('a $\\frac{$ b')).toBe('a <code>\\frac{</code> b');
  });

  it('sets a list of equations one a line, and keeps a condition on its equation’s line', () => {
    expect(formulaLines('a = b,\\quad c = d,\\qquad e')).toEqual(['a = b,', 'c = d,', 'e']);
    expect(formulaLines("f'(z) = 0 \\quad (z < 0)")).toEqual(["f'(z) = 0 \\quad (z < 0)"]);
  });

  it('reads remembered progress field by field', () => {
    const none = Array.from({ length: 9 }, () => null);
    expect(readLessons({ open: true, index: 2, seen: [0, 1, 1, 9, 'x'], dismissed: true })).toEqual({
      open: true,
      index: 2,
      seen: [0, 1],
      dismissed: true,
      guesses: none,
      answers: none,
      done: false,
    });
    expect(readLessons('nonsense')).toEqual({
      open: false,
      index: 0,
      seen: [],
      dismissed: false,
      guesses: none,
      answers: none,
      done: false,
    });
    expect(readLessons({ index: 17 }).index).toBe(0);
    // Guesses and answers: one per lesson, an answer's index or null; anything else is forgotten.
    const r = readLessons({ guesses: [1, 'x', -1, 4, 2.5, 3], answers: [2], done: true });
    expect(r.guesses).toEqual([1, null, null, null, null, 3, null, null, null]);
    expect(r.answers).toEqual([2, null, null, null, null, null, null, null, null]);
    expect(r.done).toBe(true);
  });
});
