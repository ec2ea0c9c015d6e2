import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  format,
  formatNumber,
  placeholders,
  resolveLocale,
  translator,
  type MessageKey,
} from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';

/** Messages that are the same in both languages: names, keys, notation. */
const SAME: MessageKey[] = [
  'app.name',
  'app.version',
  'keys.esc',
  'keys.homeEnd',
  'editor.csvHint',
  'studio.2d',
  'studio.3d',
  'exportCheck.format',
];

describe('the message catalogues', () => {
  it('have the same keys in English and 简体中文', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('have the same placeholders in every message, and no empty one', () => {
    const problems: string[] = [];
    for (const key of Object.keys(en) as MessageKey[]) {
      if (JSON.stringify(placeholders(en[key])) !== JSON.stringify(placeholders(zhCN[key])))
        problems.push(`${key}: ${placeholders(en[key])} vs ${placeholders(zhCN[key])}`);
      if (en[key].trim() === '' && key !== 'list.separator') problems.push(`${key}: empty in English`);
      if (zhCN[key].trim() === '' && key !== 'list.separator') problems.push(`${key}: empty in 简体中文`);
    }
    expect(problems).toEqual([]);
  });

  it('keep inline TeX balanced, and translate every sentence', () => {
    for (const [lang, c] of Object.entries(CATALOGUES))
      for (const [key, m] of Object.entries(c))
        expect((m.match(/\$/g) ?? []).length % 2, `${lang} ${key}`).toBe(0);
    const untranslated = (Object.keys(en) as MessageKey[]).filter(
      (k) =>
        zhCN[k] === en[k] && /[a-z]{3,}/.test(en[k].replace(/\{\w+\}|\$[^$]*\$/g, '')) && !SAME.includes(k),
    );
    expect(untranslated).toEqual([]);
    // Every Chinese sentence has Chinese in it (not a copy of the English).
    const noHan = (Object.keys(zhCN) as MessageKey[]).filter(
      (k) => /\s[a-z]+\s[a-z]+\s[a-z]+/.test(en[k]) && !/\p{Script=Han}/u.test(zhCN[k]),
    );
    expect(noHan).toEqual([]);
  });

  it('fill placeholders, keep unknown ones visible, and fall back to English', () => {
    expect(format('{a} of {b}', { a: 1, b: 'x' })).toBe('1 of x');
    expect(format('{a} of {b}', { a: 1 })).toBe('1 of {b}');
    expect(translator('zh-CN')('lessons.of', { n: 2, total: 6 })).toBe('第 2 课，共 6 课');
    expect(translator('en')('lessons.of', { n: 2, total: 6 })).toBe('Lesson 2 of 6');
  });

  it('follow the OS locale: Chinese for zh*, English otherwise; numbers for the locale', () => {
    expect(['zh-CN', 'zh', 'zh-Hans-CN', 'zh-TW', 'en-GB', 'fr', '', undefined].map(resolveLocale)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'en',
      'en',
      'en',
      'en',
    ]);
    expect(formatNumber('en', 12345.678, 1)).toBe('12,345.7');
    expect(formatNumber('zh-CN', 12345.678, 1)).toBe('12,345.7');
  });
});
