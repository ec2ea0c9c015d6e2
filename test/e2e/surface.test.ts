/**
 * The loss surface and the output-unit plots in Chromium: each variant's
 * surface refines to 128², hovering reads J equal to the core's surface at
 * that grid point, a click sets the start there and re-runs, the 3-D view,
 * and the unit plots with the naive formula; screenshots of both panels.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { computeSurface } from '../../src/core/surface';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

describe.skipIf(chromiumPath === null)('the loss surface and the unit plots in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    problems = collectProblems(page);
    await page.goto(server.url);
    // Hidden by default (the heaviest panels): shown from the shelf.
    await page.getByRole('button', { name: 'Loss surface', exact: true }).click();
    await page.getByRole('button', { name: 'Output units', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refines every variant’s surface to 128², and hover reads the core’s J', async () => {
    await page.locator('footer').click();
    await page.keyboard.press('End');
    for (let k = 0; k < 4; k++) {
      await expect
        .poll(() => page.getByTestId(`surface-size-${k}`).textContent(), { timeout: 20_000 })
        .toBe('128²');
    }
    // The surface worker has its helper thread (a second core computes some rows of each surface).
    expect(page.workers().some((w) => /surfaceRows\.worker/.test(w.url()))).toBe(true);
    const canvas = page.getByTestId('surface-canvas-2');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // The same ranges as the app: ask the page's tooltip at the frame's centre, and compare with the core.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = await page.getByTestId('surface-tooltip').innerText();
    const m = tip.match(/W1\[0\]\[0\] = (\S+), b1\[0\] = (\S+), J = (\S+)/)!;
    expect(m).not.toBeNull();
    const sim = runSimulation(DEFAULT_EXPERIMENT);
    const r = sim.runs[2];
    // J from the core at the hovered parameters (the grid point nearest to them, 128²).
    const p = Number(m[1].replace('−', '-'));
    const q = Number(m[2].replace('−', '-'));
    const exact = computeSurface({
      net: r.net,
      x: sim.data.x,
      y: sim.data.y,
      theta: r.frame(300).params,
      p: 0,
      q: 1,
      pRange: [p, p + 1],
      qRange: [q, q + 1],
      size: 2,
    }).values[0];
    // The tooltip shows p and q to 3 digits and J at the grid point nearest to them: the core's J there agrees within 5%.
    expect(Math.abs(Number(m[3]) - exact) / exact).toBeLessThan(0.05);
    expect(m[3]).toMatch(/^\d/);
    await page.getByTestId('panel-surface').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(shots, 'surface-2d.png') });
  });

  it('starts training where the surface is clicked', async () => {
    const canvas = page.getByTestId('surface-canvas-2');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toMatch(/^Training starts at W1\[0\]\[0\] = /);
    const theta = Number((await page.getByTestId('w-0-0-0').inputValue()).replace('−', '-'));
    expect(theta).not.toBe(-8);
    expect((await page.getByTestId('status').textContent())!).toContain(
      String(theta.toPrecision(4))
        .replace(/\.?0+$/, '')
        .slice(0, 4),
    );
    await page.locator('footer').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('w-0-0-0').inputValue()).toBe('-8');
  });

  it('turns the surface in 3-D and draws the unit plots with the naive formula', async () => {
    await page.getByTestId('surface-mode').selectOption('3d');
    const canvas = page.getByTestId('surface-canvas-1');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 20, { steps: 4 });
    await page.mouse.up();
    await page.getByTestId('panel-surface').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(shots, 'surface-3d.png') });
    await page.getByTestId('naive').check();
    await page.getByTestId('panel-units').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('units-canvas-2').count()).toBe(1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(shots, 'units-naive.png') });
    expect(problems).toEqual([]);
  });

  it('draws the linear unit too (every unit photographed)', async () => {
    // MSE first: the linear unit cannot be trained with NLL (the editor refuses that pair).
    await page.getByTestId('variant-loss-0').selectOption('mse');
    await page.getByTestId('variant-output-0').selectOption('linear');
    await expect.poll(() => page.getByTestId('variant-output-0').inputValue()).toBe('linear');
    await expect
      .poll(() => page.locator('[data-testid="units-0"] [role="img"]').getAttribute('aria-label'))
      .toMatch(/linear/);
    await page.getByTestId('surface-mode').selectOption('2d');
    await expect
      .poll(() => page.getByTestId('surface-size-0').textContent(), { timeout: 20_000 })
      .toBe('128²');
    await page.getByTestId('panel-surface').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(shots, 'surface-linear.png') });
    await page.getByTestId('panel-units').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(shots, 'units-linear.png') });
    expect(problems).toEqual([]);
  });
});
