/**
 * Screenshots of the studio's states, for a person to look at (not a test): the start screen, the
 * default studio, every panel shown, each panel in focus mode, the editor (a typed unit's field, a
 * validation message), the export and shortcuts dialogs, the hover tips near a canvas's corner, and
 * the chain diagram of a set of networks, at 900×600, 1280×800 and 1920×1080, light and dark,
 * English and 简体中文: `npx electron-vite build && npx tsx scripts/studio-shots.ts [out-dir]`
 * (default test-results/studio-shots). `STUDIO_SHOTS_ONLY=900x600-light` keeps the configurations
 * whose tag contains one of the comma-separated words. Prints anything wider than the window.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Experiment } from '../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../src/core/presets';
import { pairVariant } from '../src/core/units';
import { EN } from '../src/i18n';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';
import { encodeLink, type LinkView } from '../src/renderer/src/share/link';
import { configurations, shotsDir, withBrowser } from './shots';

const out = shotsDir('studio-shots');
const PANELS = ['data', 'chain', 'surface', 'units', 'curves', 'status', 'file'];

const two = (hidden: number[], kind: 'moons' | 'line' = 'moons'): Experiment => ({
  ...DEFAULT_EXPERIMENT,
  data: { kind, n: 60, noise: 0.1 },
  model: { hidden, activation: 'tanh', output: 'sigmoid', classes: 2 },
  init: { kind: 'xavier' },
  steps: 40,
});
const softmax = (classes: number): Experiment => ({
  ...DEFAULT_EXPERIMENT,
  data: { kind: 'blobs', n: 8 * classes, noise: 0.2, classes },
  model: { hidden: [], activation: 'tanh', output: 'softmax', classes },
  init: { kind: 'xavier' },
  steps: 40,
  variants: [pairVariant('softmax', 'nll'), { ...pairVariant('softmax', 'nll'), name: 'softmax again' }],
});
/** The networks whose chain diagrams are photographed. */
const NETWORKS: [string, Experiment][] = [
  ['2d-none', two([])],
  ['h4-4', two([4, 4])],
  ['h8x4', two([8, 8, 8, 8])],
  ['h64', two([64])],
  ['softmax3', softmax(3)],
  ['softmax16', softmax(16)],
];

async function main(): Promise<void> {
  await withBrowser(out, async (browser, url) => {
    for (const { tag, viewport, locale, colorScheme } of configurations('STUDIO_SHOTS_ONLY')) {
      await studio(browser, url, tag, { viewport, locale, colorScheme });
      await networks(browser, url, tag, { viewport, locale, colorScheme });
    }
  });
}

type Options = Parameters<Browser['newContext']>[0];

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`) });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  if (wide > 0) console.log(`${name}: ${wide} px wider than the window`);
}

async function trained(page: Page): Promise<void> {
  await page
    .locator('.studio[data-sim$=":true"]')
    .waitFor({ timeout: 120_000 })
    .catch(() => console.log('not trained in time'));
}

async function studio(browser: Browser, url: string, tag: string, options: Options): Promise<void> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`${tag}: page error ${e.message}`));
  await page.goto(url);
  await page.locator('footer .version').waitFor();
  await trained(page);
  await shot(page, `${tag}-01-start`);
  const zh = options?.locale === 'zh-CN';
  await page.getByRole('button', { name: (zh ? zhCN : en)['lessons.dismiss'] }).click();
  await shot(page, `${tag}-02-default`);
  // The hover tip on the last data view, near its right and bottom edges.
  await hoverTip(page, 'data-canvas-3', 'tooltip', `${tag}-03-tip-data`);
  // Every panel shown.
  for (;;) {
    const b = page.locator('.shelf button').first();
    if ((await b.count()) === 0) break;
    await b.click();
  }
  await page.waitForTimeout(800);
  for (const p of PANELS) {
    await page.getByTestId(`panel-${p}`).scrollIntoViewIfNeeded();
    await shot(page, `${tag}-04-all-${p}`);
  }
  await page
    .getByTestId('surface-size-0')
    .filter({ hasText: '128²' })
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  await hoverTip(page, 'surface-canvas-3', 'surface-tooltip', `${tag}-05-tip-surface`);
  for (const p of PANELS) {
    await page.getByTestId(`focus-${p}`).click();
    await page.waitForTimeout(600);
    await shot(page, `${tag}-06-focus-${p}`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
  // The editor: a typed unit with a mistake, and a learning rate out of range.
  await page.getByTestId('variant-output-0').selectOption('formula');
  const field = page.getByTestId('variant-output-0-formula-source');
  await field.fill('0.5 * (1 + z / sqrt(1 + z^2)) + foo');
  await page.getByTestId('variant-0').scrollIntoViewIfNeeded();
  await shot(page, `${tag}-07-editor-formula`);
  await field.fill('1 / (1 + exp(-z))');
  await page.getByTestId('variant-output-0').selectOption('sigmoid');
  const rate = page.getByTestId('learning-rate');
  await rate.fill('-1');
  await rate.press('Enter');
  await rate.scrollIntoViewIfNeeded();
  await shot(page, `${tag}-08-editor-invalid`);
  await rate.fill('0.5');
  await rate.press('Enter');
  await page.locator('footer').click();
  await page.keyboard.press('Control+e');
  await page.getByRole('dialog').waitFor();
  await shot(page, `${tag}-09-export`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+/');
  await page.getByRole('dialog').waitFor();
  await shot(page, `${tag}-10-shortcuts`);
  await page.keyboard.press('Escape');
  await context.close();
}

/** Moves the pointer over `canvas` from its bottom-right corner inwards until `tip` shows. */
async function hoverTip(page: Page, canvas: string, tip: string, name: string): Promise<void> {
  const c = page.getByTestId(canvas);
  if ((await c.count()) === 0) return console.log(`${name}: no ${canvas}`);
  await c.scrollIntoViewIfNeeded();
  const box = (await c.boundingBox())!;
  for (let dy = 4; dy < box.height; dy += 6)
    for (let dx = 4; dx < box.width / 2; dx += 6) {
      await page.mouse.move(box.x + box.width - dx, box.y + box.height - dy);
      if (await page.getByTestId(tip).isVisible()) {
        await shot(page, name);
        await page.mouse.move(1, 1);
        return;
      }
    }
  console.log(`${name}: no tip`);
}

async function networks(browser: Browser, url: string, tag: string, options: Options): Promise<void> {
  for (const [name, experiment] of NETWORKS) {
    const view: LinkView = {
      step: 20,
      sub: null,
      panels: ['data', 'chain'],
      example: null,
      surface: { p: -1, q: -1, mode: '2d', log: true, yaw: 0.6, pitch: 0.9 },
      naive: false,
      lesson: null,
    };
    const link = encodeLink(url, experiment, view, EN);
    if (!link.ok) throw new Error(link.problem);
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`${tag} ${name}: page error ${e.message}`));
    await page.goto(link.link);
    await page.locator('footer .version').waitFor();
    await trained(page);
    await page.getByTestId('panel-chain').scrollIntoViewIfNeeded();
    await shot(page, `${tag}-11-chain-${name}`);
    await context.close();
  }
}

await main();
