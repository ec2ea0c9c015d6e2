/**
 * The documents stand alone: every link in README.md, DEVELOPERS.md and docs/
 * points to a file inside the repository that exists (and to a heading of it
 * that exists), never outside it (a clone has no ../shared) nor to the web.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const docs = [
  'README.md',
  'DEVELOPERS.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The targets of a Markdown file's links: [text](target) and [text]: target. */
function links(text: string): string[] {
  const out: string[] = [];
  const code = /```[\s\S]*?```|`[^`\n]*`/g;
  const prose = text.replace(code, '');
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]);
  for (const m of prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) out.push(m[1]);
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return out;
}

describe('links in the documents', () => {
  it('finds the documents and their links', () => {
    expect(docs).toContain('docs/math.md');
    expect(links(readFileSync(join(root, 'README.md'), 'utf8'))).toContain('docs/math.md');
  });

  for (const doc of docs) {
    it(`${doc}: every link stays inside the repository and finds its target`, () => {
      const text = readFileSync(join(root, doc), 'utf8');
      const problems: string[] = [];
      for (const target of links(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//') || target.startsWith('/')) {
          problems.push(`${target}: leaves the repository`);
          continue;
        }
        const [path, anchor] = target.split('#');
        const file = path === '' ? join(root, doc) : resolve(dirname(join(root, doc)), decodeURI(path));
        const rel = relative(root, file);
        if (rel.startsWith('..')) problems.push(`${target}: leaves the repository`);
        else if (!existsSync(file)) problems.push(`${target}: no such file`);
        else if (anchor && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor))
          problems.push(`${target}: no heading #${anchor}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('catches a link that leaves, and one to a missing heading', () => {
    expect(links('see [x](../shared/MATH.md) and [y](https://example.com) and `[z](no)`')).toEqual([
      '../shared/MATH.md',
      'https://example.com',
    ]);
    expect(anchors('## 1. Notation and training\n')).toEqual(new Set(['1-notation-and-training']));
  });
});
