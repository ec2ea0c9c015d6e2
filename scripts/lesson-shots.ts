/**
 * Screenshots of every lesson, as it opens and after its "try this", at 900×600, 1280×800 and
 * 1920×1080, light and dark, English and 简体中文, for a person to look at (not a test):
 * `npx electron-vite build && npx tsx scripts/lesson-shots.ts [out-dir]` (default
 * test-results/lesson-shots). `LESSON_SHOTS_ONLY=900x600-light` keeps the configurations whose
 * tag contains one of the comma-separated words. Prints, for each shot, the named panels whose box
 * or drawing is not wholly in the window.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { LESSONS } from '../src/lessons/lessons';
import { configurations, shotsDir, withBrowser } from './shots';

const out = shotsDir('lesson-shots');

async function main(): Promise<void> {
  await withBrowser(out, async (browser, url) => {
    for (const { tag, viewport, locale, colorScheme } of configurations('LESSON_SHOTS_ONLY')) {
      const context = await browser.newContext({ viewport, locale, colorScheme });
      const page = await context.newPage();
      await page.goto(url);
      await page.getByTestId('welcome-start').click();
      for (const [i, lesson] of LESSONS.entries()) {
        await page
          .getByTestId('lesson-of')
          .filter({ hasText: String(i + 1) })
          .waitFor();
        await page.waitForTimeout(1500);
        const name = `${tag}-${i + 1}`;
        await page.screenshot({ path: join(out, `${name}-open.png`) });
        report(name, 'open', await outOfView(page, lesson.panels, viewport.height));
        await page.getByTestId('answer-0').click();
        await page.getByTestId('verdict-word').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1500);
        await page.screenshot({ path: join(out, `${name}-try.png`) });
        report(name, 'try', await outOfView(page, lesson.panels, viewport.height));
        if (i < LESSONS.length - 1) await page.getByTestId('lesson-next').click();
      }
      await context.close();
    }
  });
}

/** The named panels whose box (or whose drawings) reach outside the workspace's visible part. */
async function outOfView(page: Page, panels: string[], _height: number): Promise<string[]> {
  const bad: string[] = [];
  const ws = (await page.locator('.workspace').boundingBox())!;
  const height = ws.y + ws.height;
  for (const p of panels) {
    const panel = page.getByTestId(`panel-${p}`);
    const box = (await panel.count()) === 1 ? await panel.boundingBox() : null;
    if (!box) {
      // Left out by the scene to fit a small window (it says so, with a button that shows it).
      bad.push((await page.getByTestId(`spared-${p}`).count()) === 1 ? `${p}: spared` : `${p}: not shown`);
      continue;
    }
    if (box.y < ws.y || box.y + box.height > height)
      bad.push(`${p} box ${Math.round(box.y)}..${Math.round(box.y + box.height)}`);
    for (const c of await panel.locator('canvas').all()) {
      const b = await c.boundingBox();
      if (b && (b.y < ws.y || b.y + b.height > height))
        bad.push(`${p} drawing ${Math.round(b.y)}..${Math.round(b.y + b.height)}`);
    }
  }
  return bad;
}

function report(name: string, when: string, bad: string[]): void {
  console.log(`${name} ${when}: ${bad.length === 0 ? 'all named panels in view' : bad.join('; ')}`);
}

await main();
