/**
 * The chain-rule diagram in Chromium: the numbers it shows (read from its
 * text, not its pixels) equal the core's for chosen frames and examples, each
 * vanishing-gradient sentence appears exactly when the core says so, the
 * formulas are typeset, and the sub-steps of a frame are walked and photographed.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { chainAt, type ChainView, stepOf } from '../../src/core/chain';
import { dataRange } from '../../src/core/predict';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { placement } from '../../src/draw/dataView';
import { intersects, paramIndex } from '../../src/draw/chain';
import { chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();
const sim = runSimulation(DEFAULT_EXPERIMENT);
const core = (variant: number, t: number, example: number): ChainView => {
  const r = sim.runs[variant];
  return chainAt(r.net, sim.data, r.frame(t).params, example, r.recordedStep(t));
};
/** The worst-classified example at the start (largest loss of the first variant). */
const worst = (() => {
  const loss = sim.runs[0].details(0).loss;
  let w = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] > loss[w]) w = i;
  return w;
})();

/**
 * The page's value (exact text) against the core's: equal, or within 10⁻¹² relative. Chromium's
 * V8 and Node's differ by an ulp in a few Math.exp results, so a sum over 40 examples can differ
 * in its last digit; within one engine every run is bit-for-bit the same.
 */
function expectClose(shown: string | undefined, value: number): void {
  const a = Number(shown);
  if (a === value) return;
  expect(Math.abs(a - value), `${shown} vs ${value}`).toBeLessThanOrEqual(1e-12 * Math.abs(value));
}

describe.skipIf(chromiumPath === null)('the chain-rule diagram in Chromium', () => {
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
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The numbers table of variant k: name → exact value. */
  async function numbers(k: number): Promise<Record<string, string>> {
    const details = page.getByTestId(`chain-${k}`).locator('details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const rows = page.locator(`[data-testid="chain-numbers-${k}"] tr`);
    await rows.first().waitFor({ state: 'attached' });
    const out: Record<string, string> = {};
    for (const r of await rows.all()) {
      out[(await r.locator('th').textContent())!] = (await r.locator('td').getAttribute('data-value'))!;
    }
    return out;
  }
  /** What the page drew in diagram k: its text boxes and click targets. */
  async function drawn(k: number): Promise<{
    boxes: [number, number, number, number, string][];
    targets: [number, number, number][];
    width: number;
    height: number;
  }> {
    const el = page.getByTestId(`chain-layout-${k}`);
    // A drawing is redrawn while on screen (or near it): bring it there first.
    await el.scrollIntoViewIfNeeded();
    await expect.poll(() => el.getAttribute('data-layout')).not.toBe('');
    return JSON.parse((await el.getAttribute('data-layout'))!);
  }
  const notes = (k: number) => page.locator(`[data-testid="chain-notes-${k}"] li`).allTextContents();
  const focusPage = () => page.locator('footer').click();

  async function expectFrame(t: number, example: number): Promise<void> {
    for (let k = 0; k < 4; k++) {
      const v = core(k, t, example);
      await expect.poll(async () => Number((await numbers(k))['L'])).toBeCloseTo(v.L, 10);
      const n = await numbers(k);
      const K = v.K;
      const c = (i: number) => (K > 1 ? `[${i}]` : '');
      for (let i = 0; i < K; i++) {
        expectClose(n[`z${c(i)}`], v.z[i]);
        expectClose(n[`ŷ${c(i)}`], v.yhat[i]);
        expectClose(n[`∂ŷ/∂z${c(i)}`], v.dyhatdz[i]);
        expectClose(n[`∂L/∂z${c(i)}`], v.dLdz[i]);
        expectClose(n[`∂L/∂ŷ${c(i)}`], v.dLdyhat[i]);
      }
      expectClose(n['J'], v.J);
      expectClose(n['∂L/∂W1[0][0]'], v.layers[0].gradW[0][0]);
      expectClose(n['∂J/∂W1[0][0]'], v.meanGrad[0].gradW[0][0]);
      // The update of the parameter whose path is drawn (the loss surface's; softmax: class 1's weight),
      // as the run recorded it.
      const o = K > 1 ? 1 : 0;
      expectClose(n[`W1[${o}][0] after`], stepOf(v, paramIndex(v, 0, o, 0)).next);
      // Each vanishing-gradient sentence exactly when the core names one.
      expect(await notes(k)).toEqual(v.notes.map((x) => x.text));
      // A screen reader hears each of them once: in the drawing's description (read once a second).
      const name = page.getByTestId(`chain-canvas-${k}`).locator('xpath=..');
      for (const note of v.notes)
        await expect
          .poll(async () => ((await name.getAttribute('aria-label')) ?? '').split(note.text).length - 1)
          .toBe(1);
    }
  }

  it('shows the worst example at the start with the core’s numbers and sentences', async () => {
    await expect
      .poll(() => page.getByTestId('chain-mode').locator('option').first().textContent())
      .toBe(`worst example (${worst})`);
    await expectFrame(0, worst);
    // The clipped unit is flat for it; sigmoid + NLL is not choked.
    expect((await notes(0))[0]).toMatch(/^f′\(z\) = 0: the clipped unit is flat here/);
    // The formulas are typeset (MathML) with the values.
    const f = page.getByTestId('chain-formulas-2');
    await expect.poll(() => f.locator('math').count()).toBeGreaterThanOrEqual(4);
    expect(await f.textContent()).toContain('0.9082');
    await page.getByTestId('panel-chain').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(shots, 'chain-start.png') });
  });

  it('follows the frame, and the example clicked in the data view', async () => {
    await focusPage();
    await page.keyboard.press('End');
    await expectFrame(300, worst);
    await page.screenshot({ path: resolve(shots, 'chain-end.png') });
    // Click example 30 in the sigmoid + NLL data view.
    const canvas = page.getByTestId('data-canvas-2');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const where = placement(
      {
        dims: 1,
        x: sim.data.x,
        y: sim.data.y,
        grid: { size: 0, xRange: dataRange(sim.data.x, 1, 0), values: new Float64Array(0) },
      },
      { width: box.width, height: box.height },
    );
    const target = 30;
    const [px, py] = where.at(target);
    await page.mouse.click(box.x + px, box.y + py);
    const chosen = Number(
      (await page.getByTestId('chain-mode').locator('option').first().textContent())!.match(/\d+/)![0],
    );
    // Points can overlap: whichever example the click chose, the diagram shows it.
    expect(Math.abs(sim.data.x[chosen] - sim.data.x[target])).toBeLessThan(0.05);
    await expectFrame(300, chosen);
  });

  it('shows the mean over the data: ∂J/∂θ and the update', async () => {
    await page.getByTestId('chain-mode').selectOption('mean');
    for (let k = 0; k < 4; k++) {
      const v = core(k, 300, -1);
      await expect.poll(async () => Number((await numbers(k))['J'])).toBeCloseTo(v.J, 10);
      expectClose((await numbers(k))['∂J/∂W1[0][0]'], v.meanGrad[0].gradW[0][0]);
      expect(await notes(k)).toEqual([]);
    }
    await page.getByTestId('chain-mode').selectOption('example');
  });

  it('walks the sub-steps of a frame: forward, loss, backward, update', async () => {
    await focusPage();
    await page.keyboard.press('Home');
    await page.getByTestId('panel-chain').scrollIntoViewIfNeeded();
    for (const phase of ['forward', 'loss', 'backward', 'update']) {
      await page.keyboard.press('.');
      await expect.poll(() => page.locator('[data-testid="sub-step"] .on').textContent()).toBe(phase);
      await page.waitForTimeout(100);
      await page.screenshot({ path: resolve(shots, `chain-substep-${phase}.png`) });
    }
    await page.keyboard.press('.');
    await expect.poll(() => page.getByTestId('frame').textContent()).toBe('1');
    expect(await page.locator('[data-testid="sub-step"] .on').textContent()).toBe('forward');
    await page.keyboard.press(',');
    await expect.poll(() => page.getByTestId('frame').textContent()).toBe('0');
    expect(problems).toEqual([]);
  });

  it('picks the loss surface’s parameters by clicking an edge of the diagram', async () => {
    await focusPage();
    await page.keyboard.press('End');
    const canvas = page.getByTestId('chain-canvas-2');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // The page lists each diagram's click targets: a unit stands for its bias (z: b1[0]).
    const layout = await drawn(2);
    const [x, y] = layout.targets.find((e) => e[2] === 1)!;
    await page.mouse.click(box.x + x, box.y + y);
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toBe('Loss surface over b1[0] and W1[0][0]');
    expect(await page.getByTestId('surface-p').inputValue()).toBe('1');
    expect(await page.getByTestId('surface-q').inputValue()).toBe('0');
    await expect
      .poll(() => page.getByTestId('surface-size-2').textContent(), { timeout: 20_000 })
      .toBe('128²');
  });

  it('lays out its labels in Chromium too: none intersects another or leaves the canvas, for every network of the lessons', async () => {
    const check = async (what: string): Promise<void> => {
      for (let k = 0; k < 4; k++) {
        const canvas = page.getByTestId(`chain-canvas-${k}`);
        if ((await canvas.count()) === 0) continue;
        // The drawing follows its box (a diagram's height settles a moment after the frame changes).
        await expect
          .poll(async () => {
            const l = await drawn(k);
            const b = (await canvas.boundingBox())!;
            return Math.max(Math.abs(l.width - b.width), Math.abs(l.height - b.height));
          })
          .toBeLessThan(1);
        const lay = await drawn(k);
        const box = (await canvas.boundingBox())!;
        for (const [x, y, w, h, text] of lay.boxes) {
          expect(x >= 0 && y >= 0 && x + w <= box.width && y + h <= box.height, `${what} ${k}: ${text}`).toBe(
            true,
          );
        }
        const rects = lay.boxes.map(([x, y, w, h, text]) => ({ x, y, w, h, text }));
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++)
            expect(intersects(rects[i], rects[j]), `${what} ${k}: ${rects[i].text} / ${rects[j].text}`).toBe(
              false,
            );
      }
    };
    await check('default');
    // Lesson 6's network: 2-8-8-8-8-1, and a softmax over 3 classes with hidden layers.
    await page.getByTestId('data-kind').selectOption('moons');
    await page.getByTestId('hidden').fill('8, 8, 8, 8');
    await page.getByTestId('hidden').press('Enter');
    await expect
      .poll(() => page.getByTestId('chain-param').locator('option').count())
      .toBe(2 * 8 + 8 + 3 * (8 * 8 + 8) + 8 + 1);
    await page.getByTestId('panel-chain').scrollIntoViewIfNeeded();
    await check('deep');
    await page.screenshot({ path: resolve(shots, 'chain-deep.png') });
    // The path follows the parameter picked from the list.
    await page.getByTestId('chain-param').selectOption({ label: 'W1[3][1]' });
    await expect
      .poll(async () => (await drawn(2)).boxes.some((b) => b[4].startsWith('θ = W1[3][1] = ')))
      .toBe(true);
    await check('deep, W1[3][1]');
    await page.screenshot({ path: resolve(shots, 'chain-deep-path.png') });
    expect(problems).toEqual([]);
  });
});
