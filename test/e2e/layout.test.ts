/**
 * The studio's layout in Chromium at the window's minimum (900×600), 1280×800 and 1920×1080, in
 * English and 简体中文, with and without a lesson open: nothing scrolls sideways, the header's and
 * the transport's controls are all in view; and focus (projector) mode: a panel fills the workspace
 * (double-click its title or its ⤢ button), its drawings zoomed, the lesson bar one line, Escape returns.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();
const SIZES = [
  [900, 600],
  [1280, 800],
  [1920, 1080],
] as const;

describe.skipIf(chromiumPath === null)('the layout in Chromium', () => {
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

  /** Elements whose right edge is beyond the window (visible ones only). */
  const outside = (page: Page): Promise<string[]> =>
    page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [
        ...document.querySelectorAll(
          'header *, [role="toolbar"] *, .welcome *, [data-testid="lesson"] header *',
        ),
      ]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && (r.right > w + 0.5 || r.left < -0.5);
        })
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.textContent ? ` "${e.textContent.trim().slice(0, 30)}"` : ''}`,
        );
    });

  for (const [width, height] of SIZES) {
    it(`never scrolls sideways at ${width}×${height}, in both languages, with and without a lesson`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      const problems = collectProblems(page);
      try {
        await page.goto(server.url);
        await appReady(page);
        for (const lang of ['en', 'zh-CN']) {
          await page.getByTestId('language').selectOption(lang);
          for (const lesson of [false, true]) {
            if (lesson !== (await page.getByTestId('lesson').isVisible())) {
              await page.getByTestId('lessons-button').click();
            }
            await expect.poll(() => page.getByTestId('lesson').isVisible()).toBe(lesson);
            await page.waitForTimeout(300);
            const what = `${width}×${height} ${lang}${lesson ? ' lesson' : ''}`;
            const scroll = await page.evaluate(() => [
              document.documentElement.scrollWidth,
              document.documentElement.clientWidth,
              document.body.scrollWidth,
            ]);
            expect(scroll[0], what).toBeLessThanOrEqual(scroll[1]);
            expect(scroll[2], what).toBeLessThanOrEqual(scroll[1]);
            expect(await outside(page), what).toEqual([]);
            // The workspace scrolls; no panel scrolls inside it.
            const inner = await page.evaluate(() =>
              [...document.querySelectorAll('[data-testid^="panel-"] *')]
                .filter((e) => {
                  const s = getComputedStyle(e);
                  return (
                    (s.overflowY === 'auto' || s.overflowY === 'scroll') &&
                    e.scrollHeight > e.clientHeight + 1
                  );
                })
                .map((e) => e.className),
            );
            expect(inner, what).toEqual([]);
            await page.screenshot({
              path: resolve(shots, `layout-${width}x${height}-${lang}${lesson ? '-lesson' : ''}.png`),
            });
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('focus mode: a panel fills the workspace with its drawings zoomed, the lesson bar is one line, Escape returns', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectProblems(page);
    try {
      await page.goto(server.url);
      await appReady(page);
      await page.getByTestId('lessons-button').click();
      const lesson = page.getByTestId('lesson');
      const lessonH = (await lesson.boundingBox())!.height;
      const canvas = page.getByTestId('data-canvas-0');
      await canvas.waitFor();
      const before = (await canvas.boundingBox())!;
      // Double-click the data panel's title.
      await page.locator('#panel-data').dblclick();
      await expect.poll(() => page.locator('[data-testid^="panel-"]').count()).toBe(1);
      const panel = (await page.getByTestId('panel-data').boundingBox())!;
      const workspace = (await page.locator('.workspace').boundingBox())!;
      expect(panel.width).toBeGreaterThan(workspace.width - 40);
      expect(panel.height).toBeGreaterThan(workspace.height - 40);
      const after = (await canvas.boundingBox())!;
      expect(after.height).toBeGreaterThan(before.height * 1.3);
      // The lesson bar is one line.
      expect((await lesson.boundingBox())!.height).toBeLessThan(Math.min(lessonH, 70));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: resolve(shots, 'layout-focus-data.png') });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-testid^="panel-"]').count()).toBeGreaterThan(1);
      expect((await lesson.boundingBox())!.height).toBeCloseTo(lessonH, 0);
      // The ⤢ button does the same, for the chain diagram: its text is larger (drawn zoomed).
      const chain = page.getByTestId('chain-layout-0');
      await page.getByTestId('focus-chain').click();
      await expect.poll(() => page.locator('[data-testid^="panel-"]').count()).toBe(1);
      // The diagram is laid out at a width 1.5 times smaller than its box: everything drawn 1.5 times larger.
      const zoom = async (): Promise<number> => {
        const drawn = JSON.parse((await chain.getAttribute('data-layout')) || '{"width":0}') as {
          width: number;
        };
        return (await page.getByTestId('chain-canvas-0').boundingBox())!.width / drawn.width;
      };
      await expect.poll(zoom).toBeCloseTo(1.5, 1);
      await page.screenshot({ path: resolve(shots, 'layout-focus-chain.png') });
      await page.getByTestId('focus-chain').click();
      await expect.poll(() => page.locator('[data-testid^="panel-"]').count()).toBeGreaterThan(1);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('at 900×600 in 简体中文: no parameter of the status table is split across lines; in focus mode the output units keep their plots’ height and the status table’s text is larger', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 600 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = collectProblems(page);
    try {
      await page.goto(server.url);
      await appReady(page);
      for (;;) {
        const b = page.locator('.shelf button').first();
        if ((await b.count()) === 0) break;
        await b.click();
      }
      // Softmax's four parameters fill the row: each "name = value" stays on one line.
      const params = page.getByTestId('params-3').locator('span');
      await expect.poll(() => params.count()).toBe(4);
      await page.getByTestId('panel-status').scrollIntoViewIfNeeded();
      const split = await params.evaluateAll((spans) =>
        spans.filter((s) => s.getClientRects().length > 1).map((s) => s.textContent),
      );
      expect(split).toEqual([]);
      // Zoomed 1.5×, the unit plots' drawing is still at least 290 px high in its own units.
      await page.getByTestId('focus-units').click();
      await expect.poll(() => page.locator('[data-testid^="panel-"]').count()).toBe(1);
      const canvas = page.getByTestId('units-canvas-0');
      await expect.poll(async () => (await canvas.boundingBox())!.height / 1.5).toBeGreaterThanOrEqual(289);
      await page.screenshot({ path: resolve(shots, 'layout-focus-units-900x600-zh-CN.png') });
      await page.keyboard.press('Escape');
      // The status table's text is scaled up in focus mode too.
      const table = page.getByTestId('status-table');
      const px = async (): Promise<number> =>
        parseFloat(await table.evaluate((e) => getComputedStyle(e).fontSize));
      const before = await px();
      await page.getByTestId('focus-status').click();
      await expect.poll(px).toBeCloseTo(before * 1.5, 0);
      await page.keyboard.press('Escape');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
