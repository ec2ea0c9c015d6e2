/**
 * A unit typed as a formula in Chromium, under the app's strict CSP (no eval, no
 * new Function: a CSP violation is a console error, and there must be none):
 * choose "formula…", see a bad formula named under the field in the page's
 * language, see the exact derivative typeset, apply a good one, and the studio
 * trains with it. Screenshots of the field at three sizes, light and dark,
 * English and 简体中文.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

describe.skipIf(chromiumPath === null)('a typed output unit in the editor', () => {
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

  async function open(locale: string, scheme: 'light' | 'dark', width = 1280, height = 800, dismiss = true) {
    const context = await browser.newContext({ viewport: { width, height }, locale, colorScheme: scheme });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    // The first launch offers the lessons; not now.
    const notNow = page.getByRole('button', { name: (locale === 'en' ? en : zhCN)['lessons.dismiss'] });
    if (dismiss && (await notNow.isVisible().catch(() => false))) await notNow.click();
    return { page, problems, context };
  }

  it('names a bad formula under the field, typesets f′, and trains with a good one', async () => {
    const { page, problems, context } = await open('en', 'light');
    await page.getByTestId('variant-output-0').selectOption('formula');
    const field = page.getByTestId('variant-output-0-formula-source');
    await expect.poll(() => field.inputValue()).toBe('0.5 * (1 + z / sqrt(1 + z^2))');
    await field.fill('(tanh(z) + 1) / 2 + sin(z)');
    const errors = page.getByTestId('variant-output-0-formula-errors');
    await expect.poll(() => errors.textContent()).toContain('unknown function "sin" at character 21');
    await field.fill('(tanh(z) + 1) / 2');
    await expect.poll(() => errors.count()).toBe(0);
    // f′ typeset by KaTeX (MathML), with tanh in it.
    const der = page.getByTestId('variant-output-0-formula-derivative');
    await expect.poll(() => der.locator('math').count()).toBe(1);
    expect(await der.textContent()).toContain('tanh');
    await field.press('Enter');
    await page.getByTestId('variant-output-0-formula-name').fill('half tanh');
    await page.getByTestId('variant-output-0-formula-name').press('Enter');
    // Applied: the document holds the typed unit (the file panel's JSON), and the studio trains it.
    await expect
      .poll(() => page.evaluate(() => document.body.innerText.includes('half tanh')), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => page.getByTestId('variant-output-0').inputValue()).toBe('formula');
    // The variant's automatic name follows its unit, and the chain diagram draws it trained by the workers.
    await expect
      .poll(() => page.locator('figure[data-testid^="chain-"] .name').first().innerText(), {
        timeout: 30_000,
      })
      .toBe('half tanh + NLL');
    await expect.poll(() => field.inputValue()).toBe('(tanh(z) + 1) / 2');
    await page.screenshot({ path: resolve(shots, 'formula-trained.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  for (const locale of ['en', 'zh-CN'])
    for (const scheme of ['light', 'dark'] as const)
      it(`shows the field, its message and its preview at 900×600, 1280×800 and 1920×1080, ${scheme}, ${locale}`, async () => {
        const { page, problems, context } = await open(locale, scheme, 900, 600);
        await page.getByTestId('variant-output-0').selectOption('formula');
        const field = page.getByTestId('variant-output-0-formula-source');
        const box = page.getByTestId('variant-0');
        for (const [w, h] of [
          [900, 600],
          [1280, 800],
          [1920, 1080],
        ]) {
          await page.setViewportSize({ width: w, height: h });
          await field.fill('0.5 * (1 + z / sqrt(1 + z^2)) + foo');
          await expect.poll(() => page.getByTestId('variant-output-0-formula-errors').count()).toBe(1);
          await box.scrollIntoViewIfNeeded();
          await box.screenshot({ path: resolve(shots, `formula-error-${w}x${h}-${scheme}-${locale}.png`) });
          await field.fill('1 / (1 + exp(-z))');
          await expect.poll(() => page.getByTestId('variant-output-0-formula-preview').count()).toBe(1);
          await box.screenshot({ path: resolve(shots, `formula-${w}x${h}-${scheme}-${locale}.png`) });
          // Nothing in the variant's box overflows it sideways.
          expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(false);
        }
        expect(problems).toEqual([]);
        await context.close();
      }, 180_000);

  for (const locale of ['en', 'zh-CN'])
    for (const scheme of ['light', 'dark'] as const)
      it(`opens lesson 9 (invent your own output unit) at 900×600, 1280×800 and 1920×1080, ${scheme}, ${locale}`, async () => {
        const { page, problems, context } = await open(locale, scheme, 1280, 800, false);
        const c = locale === 'en' ? en : zhCN;
        await page.getByTestId('welcome-start').click();
        await page.locator('[data-testid="lesson"] .dots .dot').nth(8).click();
        await expect
          .poll(() => page.getByTestId('lesson').locator('h2').innerText())
          .toBe(c['lesson9.title']);
        // Its two typed units are the studio's variants, drawn in the chain diagram.
        await expect
          .poll(() => page.locator('figure[data-testid^="chain-"] .name').allInnerTexts(), {
            timeout: 20_000,
          })
          .toEqual(['wide clip + NLL', 'algebraic + NLL']);
        for (const [w, h] of [
          [900, 600],
          [1280, 800],
          [1920, 1080],
        ]) {
          await page.setViewportSize({ width: w, height: h });
          await page.waitForTimeout(800);
          await page.screenshot({ path: resolve(shots, `formula-lesson-${w}x${h}-${scheme}-${locale}.png`) });
          // The lesson's column does not overflow sideways.
          const lesson = page.getByTestId('lesson');
          expect(await lesson.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(false);
        }
        expect(problems).toEqual([]);
        await context.close();
      }, 180_000);
});
