/**
 * Accessibility in Chromium: axe-core (WCAG 2.1 A and AA) finds nothing serious or critical
 * on the start screen, a lesson, every panel shown, the export dialog, the dark theme and
 * 简体中文. axe is evaluated in the page through the DevTools protocol (the app's CSP allows
 * no injected script tags, and it stays as it ships).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Named in the issue though axe rates them moderate: every piece of content inside a landmark, one <main>. */
const ALSO = ['region', 'landmark-one-main', 'aria-allowed-role'];

/** axe's serious and critical violations on the page as it is now (and those of ALSO). */
async function axe(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded === 'undefined') await page.evaluate(await readFile(AXE, 'utf8'));
  const found = (await page.evaluate(`axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' — ' + n.failureSummary.split('\\n').slice(1, 2).join('')),
    })))`)) as Finding[];
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical' || ALSO.includes(f.id));
}

describe.skipIf(chromiumPath === null)('accessibility in Chromium (axe-core)', () => {
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

  async function open(opts: { locale?: string; scheme?: 'light' | 'dark' } = {}) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: opts.locale ?? 'en-US',
      colorScheme: opts.scheme ?? 'light',
    });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    // Trained to the end, so that every panel has something to show.
    await expect.poll(() => page.getByTestId('status-0').innerText(), { timeout: 20_000 }).not.toMatch(/^$/);
    return { page, problems, context };
  }

  /** Every panel shown: the hidden ones from the shelf. */
  async function showAll(page: Page): Promise<void> {
    for (;;) {
      const b = page.locator('.shelf button').first();
      if ((await b.count()) === 0) break;
      await b.click();
    }
    await page.waitForTimeout(600);
  }

  /** Every state's findings, asserted at the end of each test (so that one run names them all). */
  let findings: Record<string, Finding[]> = {};
  async function check(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(shots, `a11y-${name}.png`) });
    const found = await axe(page);
    if (found.length > 0) findings[name] = found;
  }
  function expectNone(): void {
    const all = findings;
    findings = {};
    expect(all, JSON.stringify(all, null, 1)).toEqual({});
  }

  it('start screen, a lesson, every panel and the export dialog: no serious findings (light, English)', async () => {
    const { page, problems, context } = await open();
    await check(page, 'start');
    await page.getByTestId('welcome-start').click();
    await page.getByTestId('lesson').waitFor();
    await page.waitForTimeout(500);
    await check(page, 'lesson');
    await page.getByTestId('lesson-close').click();
    await showAll(page);
    await check(page, 'panels');
    await page.keyboard.press('Control+e');
    await page.getByRole('dialog').waitFor();
    await check(page, 'export-dialog');
    expectNone();
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('the dark theme in 简体中文, every panel and a lesson: no serious findings', async () => {
    const { page, problems, context } = await open({ locale: 'zh-CN', scheme: 'dark' });
    await check(page, 'dark-zh-start');
    await showAll(page);
    await check(page, 'dark-zh-panels');
    await page.getByTestId('lessons-button').click();
    await page.getByTestId('lesson').waitFor();
    await page.waitForTimeout(500);
    await check(page, 'dark-zh-lesson');
    expectNone();
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
