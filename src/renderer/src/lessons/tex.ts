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

/**
 * A display formula's lines: a list of equations written `a = b,\quad c = d` (a comma, then `\quad` or
 * `\qquad`) is one equation a line, each keeping its comma, so that a narrow column need not scroll.
 * Any other `\quad` (a condition after its equation) stays on its line.
 */
export function formulaLines(source: string): string[] {
  return source.split(/(?<=,)\s*\\q?quad\s*/).filter((line) => line.trim() !== '');
}

/**
 * A display formula scaled down, to `min` of its size at the least, until it fits its column's width
 * (what still does not fit scrolls). Refitted whenever the column's width changes.
 */
export function fitWidth(node: HTMLElement, min = 0.7): { destroy(): void } {
  let width = -1;
  const fit = (): void => {
    const w = node.clientWidth;
    if (w === width) return;
    width = w;
    const parts = [...node.children] as HTMLElement[];
    for (const p of parts) p.style.fontSize = '';
    const need = node.scrollWidth;
    if (w > 0 && need > w + 1) {
      const scale = Math.max(min, (w - 2) / need);
      for (const p of parts) p.style.fontSize = `${scale}em`;
    }
  };
  const observer = new ResizeObserver(fit);
  observer.observe(node);
  fit();
  return { destroy: () => observer.disconnect() };
}
