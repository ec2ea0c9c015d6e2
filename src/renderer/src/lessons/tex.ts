/**
 * Lesson text with inline TeX (`$…$`), typeset by KaTeX as MathML (no inline
 * styles, so the strict CSP stands); everything else is escaped text.
 */
import katex from 'katex';

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function tex(source: string, display = false): string {
  try {
    return katex.renderToString(source, { output: 'mathml', throwOnError: true, displayMode: display });
  } catch {
    return `<code>${escape(source)}</code>`;
  }
}

/** Punctuation that must not begin a line (Chinese full-width marks, and the Latin ones). */
const CLOSING = /^[，。；：、！？）」』,.;:!?)]+/;

/** A paragraph: text and `$…$` formulas, as HTML; a formula keeps the punctuation after it on its line. */
export function paragraph(text: string): string {
  const parts = text.split(/(\$[^$]+\$)/);
  let html = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith('$') && part.endsWith('$') && part.length > 2) {
      const next = parts[i + 1] ?? '';
      const glue = CLOSING.exec(next)?.[0] ?? '';
      parts[i + 1] = next.slice(glue.length);
      html += glue
        ? `<span class="nobr">${tex(part.slice(1, -1))}${escape(glue)}</span>`
        : tex(part.slice(1, -1));
    } else html += escape(part);
  }
  return html;
}
