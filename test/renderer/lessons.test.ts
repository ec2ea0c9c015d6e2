import { describe, expect, it } from 'vitest';
import { readLessons } from '../../src/renderer/src/lessons/progress';
import { paragraph } from '../../src/renderer/src/lessons/tex';

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

  it('reads remembered progress field by field', () => {
    expect(readLessons({ open: true, index: 2, seen: [0, 1, 1, 9, 'x'], dismissed: true })).toEqual({
      open: true,
      index: 2,
      seen: [0, 1],
      dismissed: true,
    });
    expect(readLessons('nonsense')).toEqual({ open: false, index: 0, seen: [], dismissed: false });
    expect(readLessons({ index: 17 }).index).toBe(0);
  });
});
