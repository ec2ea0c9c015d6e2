import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { chromiumOrSkip, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

describe.skipIf(chromiumPath === null)('the app in Chromium', () => {
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

  it('opens its first window: name, version and purpose, with no errors and no CSP violation', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 640 }, colorScheme: scheme });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(server.url);
      await expect
        .poll(() => page.getByTestId('version').textContent())
        .toMatch(/version \d+\.\d+\.\d+ · web/);
      expect(await page.title()).toBe('Sigmoid Lab');
      expect(await page.locator('h1').textContent()).toBe('Sigmoid Lab');
      await expect
        .poll(() => page.getByText('See why a binary classifier should end in a sigmoid').count())
        .toBe(1);
      // The curve is the core's σ, not a picture: it starts near 0 and ends near 1.
      const d = await page.locator('path.curve').getAttribute('d');
      expect(d).toMatch(/^M0,/);
      expect(problems).toEqual([]);
      await page.screenshot({ path: resolve(shots, `app-${scheme}.png`) });
      await page.close();
    }
  });
});
