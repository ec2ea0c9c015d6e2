/** Text helpers shared by the drawings (pure). */

const CJK_RANGE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const CJK = new RegExp(`[${CJK_RANGE}]`);
/**
 * Punctuation that never begins a line (closing brackets, commas, stops, colons) and that never
 * ends one (opening brackets): a line break is not taken next to them, as in CJK typesetting
 * (a lone "）" or "，" at the start of a line reads as a stray mark).
 */
const NO_START = /^[）)\]】」』〉》〕，、。．：；！？％…·‧,.:;!?%]/;
const NO_END = /[（([【「『〈《〔]$/;

/** Lines of at most `max` px: broken at spaces, and between CJK characters (or anywhere a word is too long). */
export function wrapText(text: string, max: number, width: (s: string) => number): string[] {
  const split = text.match(new RegExp(`${CJK.source}|\\s+|[^\\s${CJK_RANGE}]+`, 'g')) ?? [];
  // Glue each closing mark to the token before it and each opening mark to the token after it.
  const tokens: string[] = [];
  for (const tok of split) {
    const prev = tokens[tokens.length - 1];
    const glue = NO_START.test(tok) || NO_END.test(prev ?? '');
    if (prev !== undefined && glue && !/^\s+$/.test(prev) && !/^\s+$/.test(tok))
      tokens[tokens.length - 1] = prev + tok;
    else tokens.push(tok);
  }
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
      if (line && width(line + ch) > max) {
        // A closing mark takes the characters before it along to the next line, up to one that may start it.
        const chars = [...line];
        let carry = '';
        if (NO_START.test(ch))
          while (chars.length > 1 && (carry === '' || NO_START.test(carry))) carry = chars.pop()! + carry;
        line = chars.join('');
        push();
        line = carry;
      }
      line += ch;
    }
  }
  push();
  return lines;
}
