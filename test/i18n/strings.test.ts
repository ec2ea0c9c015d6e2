/**
 * No user-visible string outside the message catalogues: the Svelte
 * templates' text and labelling attributes, and the strings the drawings,
 * the menu and the messages hand to people, are all `t(...)`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';

const root = join(import.meta.dirname, '../..');
const WORDS = /[A-Za-z]{2,}|\p{Script=Han}/u;
const LABELS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label']);

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );
}

interface Node {
  type: string;
  data?: string;
  name?: string;
  value?: unknown;
  start: number;
  [k: string]: unknown;
}

/** Every Text node of the template and every static labelling attribute with words in it. */
function templateStrings(source: string): string[] {
  const ast = parse(source, { modern: true }) as unknown as { fragment: Node };
  const found: string[] = [];
  const walk = (n: unknown, inStyle = false): void => {
    if (Array.isArray(n)) return n.forEach((c) => walk(c, inStyle));
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (node.type === 'Text' && !inStyle && WORDS.test(node.data ?? '')) found.push(node.data!.trim());
    if (node.type === 'StyleDirective' || node.type === 'Comment') return;
    if (node.type === 'Attribute') {
      // Only labelling attributes are read by people (class, data-testid, type… are not).
      if (LABELS.has(node.name!) && Array.isArray(node.value))
        for (const v of node.value as Node[])
          if (v.type === 'Text' && WORDS.test(v.data ?? '')) found.push(`${node.name}="${v.data}"`);
      return;
    }
    const style = inStyle || (node.type === 'RegularElement' && node.name === 'style');
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && typeof v === 'object') walk(v, style);
  };
  walk(ast.fragment);
  return found;
}

/** Literal strings handed to what people read: drawings, messages, menus, user-facing errors. */
const SINKS =
  /(?:fillText|notify|onproblems|showProblems|UserFacingError|cmd|label:|title:|status =|text:|message:|detail:|buttons:\s*\[)\s*\(?\s*(['"`])((?:(?!\1).)*)\1/g;
/** Words of the notation, the same in every language. */
const NOTATION = new Set([
  'log',
  'logit',
  'exp',
  'min',
  'max',
  'sci',
  'softmax',
  'sigmoid',
  'clip',
  'onehot',
]);

function sinkStrings(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(SINKS)) {
    if (m[2] in en) continue; // a catalogue key
    const words = (m[2].replace(/\$\{[^}]*\}/g, '').match(/[A-Za-z]{3,}|\p{Script=Han}+/gu) ?? []).filter(
      (w) => !NOTATION.has(w),
    );
    if (words.length > 0) out.push(m[0]);
  }
  return out;
}

describe('every user-visible string comes from the catalogues', () => {
  it('in the Svelte templates', () => {
    const problems = files(join(root, 'src/renderer/src'), /\.svelte$/).flatMap((f) =>
      templateStrings(readFileSync(f, 'utf8')).map((s) => `${relative(root, f)}: ${s}`),
    );
    expect(problems).toEqual([]);
  });

  it('in the drawings, the menu, the messages of main and of the page', () => {
    const dirs = ['src/draw', 'src/main', 'src/renderer/src', 'src/export', 'src/lessons'];
    const problems = dirs
      .flatMap((d) => files(join(root, d), /\.(ts|svelte)$/))
      .flatMap((f) => sinkStrings(readFileSync(f, 'utf8')).map((s) => `${relative(root, f)}: ${s}`));
    expect(problems).toEqual([]);
  });

  it('the checks can fail', () => {
    expect(templateStrings('<p>Hello</p><button aria-label="Close">x</button>')).toEqual([
      'Hello',
      'aria-label="Close"',
    ]);
    expect(templateStrings('<p>{t("a")} ✕ ²</p><style>p { color: red; }</style>')).toEqual([]);
    expect(
      sinkStrings("ctx.fillText('loss J (log)', 0, 0); notify(`Saved ${name}`); ctx.fillText(sci(x))"),
    ).toEqual(["fillText('loss J (log)'", 'notify(`Saved ${name}`']);
  });
});
