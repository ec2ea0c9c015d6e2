/** Text helpers shared by the drawings (pure). */

const CJK_RANGE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const CJK = new RegExp(`[${CJK_RANGE}]`);

/** Lines of at most `max` px: broken at spaces, and between CJK characters (or anywhere a word is too long). */
export function wrapText(text: string, max: number, width: (s: string) => number): string[] {
  const tokens = text.match(new RegExp(`${CJK.source}|\\s+|[^\\s${CJK_RANGE}]+`, 'g')) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
  };
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line) line += ' ';
      continue;
    }
    if (width(line + tok) <= max) {
      line += tok;
      continue;
    }
    if (line.trim()) push();
    if (width(tok) <= max) {
      line = tok;
      continue;
    }
    // A word wider than the line: cut between characters.
    for (const ch of tok) {
      if (line && width(line + ch) > max) push();
      line += ch;
    }
  }
  push();
  return lines;
}
