/**
 * The lessons and the two languages in Chromium: a first launch offers the
 * lessons; all eight are walked in English and in 简体中文 (each loads its
 * experiment, points at its panels, runs its "try this"), with screenshots;
 * no text overflows or is missing (no raw keys, no unfilled placeholders);
 * progress is remembered; View › Language switches everything at once.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { LESSONS } from '../../src/lessons/lessons';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

/** Text a person sees that is wrong: a catalogue key, an unfilled placeholder, or clipped content. */
const PAGE_PROBLEMS = `(() => {
  const out = [];
  const text = document.body.innerText;
  const key = text.match(/\\b(?:app|menu|editor|lesson\\d|lessons|studio|export|transport|panel|status|draw|v|io)\\.[a-zA-Z]+\\b/);
  if (key) out.push('raw key: ' + key[0]);
  const ph = text.match(/\\{[a-zA-Z]+\\}/);
  if (ph) out.push('placeholder: ' + ph[0]);
  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page wider than the window');
  for (const el of document.querySelectorAll('header button, nav button, .lesson h2, .lesson p, .lesson button, .transport label, footer span')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
      out.push('overflow: ' + el.tagName + ' ' + el.textContent.slice(0, 40));
  }
  return out;
})()`;

describe.skipIf(chromiumPath === null)('lessons and languages in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(locale: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    return { page, problems, context };
  }

  async function walk(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
    const c = lang === 'en' ? en : zhCN;
    // A first launch offers the lessons.
    await expect.poll(() => page.getByTestId('welcome').innerText()).toContain(c['lessons.welcome']);
    await page.screenshot({ path: join(shots, `lessons-${lang}-welcome.png`) });
    await page.getByTestId('welcome-start').click();
    for (const [i, lesson] of LESSONS.entries()) {
      const section = page.getByTestId('lesson');
      await expect.poll(() => section.locator('h2').innerText()).toBe(c[lesson.title]);
      expect(await page.getByTestId('lesson-of').innerText()).toBe(
        c['lessons.of'].replace('{n}', String(i + 1)).replace('{total}', String(LESSONS.length)),
      );
      // The lesson's experiment is the document: its variants are the studio's.
      const names = (lesson.experiment.variants ?? []).map((v) => v.name!);
      await expect
        .poll(() => page.locator('[data-testid^="data-view-"] .name').allInnerTexts(), { timeout: 20_000 })
        .toEqual(names);
      // Its panels are shown and outlined.
      for (const p of lesson.panels)
        await expect.poll(() => page.getByTestId(`panel-${p}`).getAttribute('class')).toMatch(/highlight/);
      // Formulas are typeset (MathML), paragraphs too.
      expect(await section.locator('math').count()).toBeGreaterThan(lesson.formulas.length);
      await page.getByTestId('lesson-try').click();
      await page.waitForTimeout(400);
      expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
      await page.screenshot({ path: join(shots, `lessons-${lang}-${i + 1}.png`) });
      if (i < LESSONS.length - 1) await page.getByTestId('lesson-next').click();
    }
    await page.getByTestId('lesson-finish').click();
    expect(await page.getByTestId('lesson').count()).toBe(0);
  }

  it('walks the eight lessons in English', async () => {
    const { page, problems, context } = await open('en-US');
    await walk(page, 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(problems).toEqual([]);
    await context.close();
    // Eight experiments trained and drawn in turn: slow on a busy machine.
  }, 240_000);

  it('walks the eight lessons in 简体中文, the language following the browser’s locale', async () => {
    const { page, problems, context } = await open('zh-CN');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.app > header nav').innerText()).toContain('另存为…');
    await walk(page, 'zh-CN');
    // The studio speaks Chinese too: transport, panels, canvases' labels.
    expect(await page.locator('.transport').innerText()).toContain('速度');
    expect(await page.getByTestId('panel-curves').locator('h2').innerText()).toBe('曲线');
    expect(await page.getByRole('img', { name: /^曲线：损失、准确率/ }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('remembers progress, and View › Language switches every string at once', async () => {
    const { page, problems, context } = await open('en-US');
    await page.getByTestId('welcome-start').click();
    await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-next').click();
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('Lesson 3 of 8');
    await page.getByTestId('lesson-close').click();
    // Autosave, then a relaunch: the lessons resume where they were; no first-launch offer.
    await page.waitForTimeout(3500);
    await page.reload();
    await appReady(page);
    expect(await page.getByTestId('welcome').count()).toBe(0);
    await page.getByTestId('lessons-button').click();
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('Lesson 3 of 8');
    expect(await page.locator('.dot.seen').count()).toBe(3);
    // Switch the language: lesson, header, panels, editor and drawings follow.
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('第 3 课，共 8 课');
    expect(await page.locator('.lesson h2').innerText()).toBe(zhCN['lesson3.title']);
    expect(await page.getByTestId('editor').innerText()).toContain('学习率 α');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
    await page.screenshot({ path: join(shots, 'lessons-switched-zh-CN.png') });
    // …and it is remembered.
    await page.waitForTimeout(3500);
    await page.reload();
    await appReady(page);
    expect(await page.locator('.app > header nav').innerText()).toContain('另存为…');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('.app > header nav').innerText()).toContain('Save As…');
    expect(problems).toEqual([]);
    await context.close();
  });
});
