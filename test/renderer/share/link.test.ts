import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { EN, translator } from '../../../src/i18n';
import {
  decodeLink,
  encodeLink,
  isLinkFragment,
  type LinkView,
  MAX_INFLATED,
  MAX_LINK_LENGTH,
} from '../../../src/renderer/src/share/link';

const VIEW: LinkView = {
  step: 120,
  sub: 2,
  panels: ['data', 'surface', 'curves'],
  example: 7,
  surface: { p: 0, q: 1, mode: '3d', log: false, yaw: 1.25, pitch: 0.5 },
  naive: true,
  lesson: 3,
};

/** A fragment packing any JSON value, as a hostile page could write one. */
function packed(value: unknown, version = 1): string {
  const bytes = deflateSync(new TextEncoder().encode(JSON.stringify(value)), { level: 9 });
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return `#v${version}.${btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

describe('share links', () => {
  it('carry the experiment and the view there and back, in a fragment with a version', () => {
    const r = encodeLink('http://127.0.0.1:5199/index.html#old', DEFAULT_EXPERIMENT, VIEW, EN);
    if (!r.ok) throw new Error(r.problem);
    expect(r.link).toMatch(/^http:\/\/127\.0\.0\.1:5199\/index\.html#v1\.[A-Za-z0-9_-]+$/);
    expect(r.link.length).toBeLessThan(1000);
    expect(isLinkFragment(new URL(r.link).hash)).toBe(true);
    const back = decodeLink(r.link, EN);
    expect(back).toEqual({ ok: true, experiment: DEFAULT_EXPERIMENT, view: VIEW });
    // The fragment alone, pasted with spaces around it, reads the same.
    expect(decodeLink(`  ${new URL(r.link).hash.slice(1)}\n`, EN)).toEqual(back);
  });

  it('refuse an experiment too big for 8,000 characters, with its size and what to do instead', () => {
    const big = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
    big.data = {
      kind: 'points',
      x: Array.from({ length: 2000 }, (_, i) => [Math.sin(i * 12.9898) * 43758.5453, Math.cos(i * 78.233)]),
      y: Array.from({ length: 2000 }, (_, i) => i % 2),
    };
    const r = encodeLink('https://example.org/', big, VIEW, EN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatch(
      /^The link would be \d[\d,]* characters long; links are limited to 8000\. Share the experiment file instead/,
    );
    expect(Number(/(\d+) characters/.exec(r.problem)![1])).toBeGreaterThan(MAX_LINK_LENGTH);
  });

  it('name what is wrong with a hostile or damaged link, in the language asked', () => {
    const zh = translator('zh-CN');
    const cases: [string, RegExp][] = [
      ['just some words', /not a Sigmoid Lab link/],
      ['https://example.org/#v2.AAAA', /link version 2\); this one reads version 1/],
      ['#v1.@@@@', /not base64url text/],
      ['#v1.A', /not base64url text/],
      ['#v1.AAAAAAAA', /cannot be unpacked/],
      [packed({ experiment: DEFAULT_EXPERIMENT, view: VIEW }).slice(0, -6), /cannot be unpacked/],
      ['#v1.' + 'A'.repeat(MAX_LINK_LENGTH), /limited to 8000/],
    ];
    for (const [text, message] of cases) {
      const r = decodeLink(text, EN);
      expect(r.ok, text.slice(0, 40)).toBe(false);
      if (!r.ok) expect(r.problems.join(' ')).toMatch(message);
    }
    const r = decodeLink('https://example.org/#v2.AAAA', zh);
    expect(!r.ok && r.problems[0]).toContain('链接版本 2');
  });

  it('refuse a zip bomb without inflating it past the cap', () => {
    const bomb = deflateSync(new Uint8Array(4 * MAX_INFLATED).fill(32), { level: 9 });
    let s = '';
    for (const b of bomb) s += String.fromCharCode(b);
    const link = `#v1.${btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(link.length).toBeLessThan(MAX_LINK_LENGTH);
    const r = decodeLink(link, EN);
    expect(r).toEqual({
      ok: false,
      problems: [
        'The link unpacks to more than 1024 KiB, more than any experiment a link can hold, so it was not opened.',
      ],
    });
  });

  it('pass the experiment through the validator and check the view, naming every problem', () => {
    const bad = decodeLink(
      packed({
        experiment: { ...DEFAULT_EXPERIMENT, model: { ...DEFAULT_EXPERIMENT.model, output: 'sigmod' } },
        view: { ...VIEW, step: -1, panels: ['data', 'evil'] },
      }),
      EN,
    );
    expect(bad).toEqual({
      ok: false,
      problems: [
        'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got "sigmod"',
        'view.step: not a valid setting of the view',
        'view.panels: not a valid setting of the view',
      ],
    });
    expect(decodeLink(packed([1, 2, 3]), EN).ok).toBe(false);
    expect(decodeLink(packed(null), EN).ok).toBe(false);
  });
});
