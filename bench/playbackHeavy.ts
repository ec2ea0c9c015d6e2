/**
 * The heavy preset in the studio (headless Chromium against the built renderer):
 * frame times while it plays back with data, chain, curves, status and the loss
 * surface shown, and the time from an edit in the editor to every variant's first
 * frame drawn and to every variant trained, for the default experiment and for
 * the heavy preset. The edit is a change of the number of steps, which re-runs
 * every variant from the start.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../scripts/serve';
import { findChromium, launchChromium } from '../test/e2e/browser';
import type { Experiment } from '../src/core/experiment';
import { HEAVY_EXPERIMENT } from './heavy';
import { dirArgument, percentile, record } from './playback';

const root = resolve(import.meta.dirname, '..');

/** The preset with fewer steps than its 5,000, so that the bench waits minutes, not a quarter of an hour. */
export const HEAVY_BENCH_STEPS = 1000;

export interface HeavyFigures {
  heavyP95Ms: number;
  heavyMedianMs: number;
  /** Share of animation frames over 20 ms (a 60 Hz frame dropped), in %. */
  heavyDroppedPct: number;
  defaultFirstFrameMs: number;
  defaultTrainedMs: number;
  heavyFirstFrameMs: number;
  heavyTrainedMs: number;
  /** Simulation workers the page trained on (navigator.hardwareConcurrency, at most 2). */
  workers: number;
}

/** Polls `expression` in the page until it is true (waitForFunction would need eval, which the CSP forbids). */
async function until(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Watches the studio's data-sim attribute (loads:frames:done), then changes the steps to `steps`
 * and resolves with the milliseconds from the edit's input event to the first animation frame after
 * every variant of the new run had a frame, and to every variant trained.
 */
async function timeEdit(
  page: Page,
  steps: number,
  timeoutMs: number,
): Promise<{ first: number; trained: number }> {
  await page.evaluate(`(() => {
    const studio = document.querySelector('.studio');
    const loads = Number(studio.dataset.sim.split(':')[0]);
    window.__edit = { t0: -1, first: -1, trained: -1 };
    const e = window.__edit;
    document.addEventListener('input', () => { if (e.t0 < 0) e.t0 = performance.now(); }, { capture: true, once: true });
    const seen = () => {
      const [l, frames, done] = studio.dataset.sim.split(':');
      if (Number(l) <= loads) return;
      if (e.first < 0 && Number(frames) >= 1) {
        e.first = 0;
        requestAnimationFrame((t) => { e.first = t; });
      }
      if (e.trained < 0 && done === 'true') e.trained = performance.now();
    };
    new MutationObserver(seen).observe(studio, { attributes: true, attributeFilter: ['data-sim'] });
  })()`);
  const field = page.getByTestId('steps');
  await field.fill(String(steps));
  await field.press('Enter');
  await until(page, 'window.__edit.first > 0 && window.__edit.trained > 0', timeoutMs);
  const e = (await page.evaluate('window.__edit')) as { t0: number; first: number; trained: number };
  return { first: e.first - e.t0, trained: e.trained - e.t0 };
}

async function open(page: Page, experiment: Experiment): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-bench-'));
  const file = join(dir, 'heavy.sigmoidlab.json');
  await writeFile(file, JSON.stringify(experiment));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open…' }).click();
  // The edit before left unsaved changes: the studio asks first.
  const dontSave = page.getByRole('button', { name: "Don't Save" });
  await Promise.race([
    chooser,
    dontSave
      .waitFor({ timeout: 60_000 })
      .then(() => dontSave.click())
      .catch(() => undefined),
  ]);
  await (await chooser).setFiles(file);
}

/** null when no Chromium is installed (the reason is printed); `dir` serves another build. */
export async function measureHeavy(
  build = true,
  dir = resolve(root, 'out/renderer'),
): Promise<HeavyFigures | null> {
  const chromium = findChromium();
  if (!chromium) {
    console.error(
      'playback (heavy): skipped, Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)',
    );
    return null;
  }
  if (build)
    execFileSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'ignore' });
  const server = await serveStatic(dir);
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByTestId('frame').waitFor();
    const workers = (await page.evaluate(
      'Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1))',
    )) as number;
    // Every panel the issue names: data, chain, curves and status are shown by default; add the loss surface.
    await page.getByRole('button', { name: 'Loss surface', exact: true }).click();
    await page.locator('[data-testid="data-canvas-3"]').waitFor();
    await until(page, `document.querySelector('.studio').dataset.sim.endsWith(':true')`, 120_000);
    const small = await timeEdit(page, 301, 120_000);

    await open(page, { ...HEAVY_EXPERIMENT, steps: HEAVY_BENCH_STEPS });
    await until(
      page,
      `document.querySelector('.studio').dataset.sim.endsWith(':true') &&
       document.querySelector('[data-testid="steps"]').value === '${HEAVY_BENCH_STEPS}'`,
      1_800_000,
    );
    const heavy = await timeEdit(page, HEAVY_BENCH_STEPS + 1, 1_800_000);

    await page.getByLabel('Speed (steps per second)').selectOption('60');
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('Home');
    await page.keyboard.press(' ');
    const played = await record(page, 4000);
    await page.keyboard.press(' ');
    return {
      heavyMedianMs: percentile(played, 0.5),
      heavyP95Ms: percentile(played, 0.95),
      heavyDroppedPct: (100 * played.filter((d) => d > 20).length) / Math.max(1, played.length),
      defaultFirstFrameMs: small.first,
      defaultTrainedMs: small.trained,
      heavyFirstFrameMs: heavy.first,
      heavyTrainedMs: heavy.trained,
      workers,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// `tsx bench/playbackHeavy.ts`: these figures alone (`--no-build` uses the last build, `--dir=PATH` another).
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = dirArgument(process.argv);
  console.log(await measureHeavy(!process.argv.includes('--no-build') && !dir, dir));
}
