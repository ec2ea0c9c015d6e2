/**
 * Frame times of the studio during playback, in headless Chromium against the
 * built renderer: 4 variants of a 2-8-8-1 network on 500 points, all panels of
 * the studio shown, training 10,000 steps in the worker meanwhile. Reports the
 * median and 95th percentile of requestAnimationFrame intervals and the
 * main-thread tasks over 50 ms (Long Tasks API).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic } from '../scripts/serve';
import { findChromium, launchChromium } from '../test/e2e/browser';
import type { Experiment } from '../src/core/experiment';

const root = resolve(import.meta.dirname, '..');

export const PLAYBACK_EXPERIMENT: Experiment = {
  version: 1,
  seed: 1,
  data: { kind: 'moons', n: 500, noise: 0.15 },
  model: { hidden: [8, 8], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
  init: { kind: 'xavier' },
  steps: 10_000,
  variants: [
    { name: 'clipped + NLL', model: { output: 'clipped' }, loss: 'nll' },
    { name: 'sigmoid + MSE', model: { output: 'sigmoid' }, loss: 'mse' },
    { name: 'sigmoid + NLL', model: { output: 'sigmoid' }, loss: 'nll' },
    { name: 'softmax + NLL', model: { output: 'softmax' }, loss: 'nll' },
  ],
};

export interface PlaybackFigures {
  /** From the experiment shown to its 10,000 steps trained in the worker, in seconds. */
  trainedS: number;
  /** While the worker trains the 10,000 steps. */
  trainingMedianMs: number;
  trainingP95Ms: number;
  /** After training, playing back through the history. */
  medianMs: number;
  p95Ms: number;
  /** Share of animation frames that took longer than one 60 Hz frame (a frame dropped), in %. */
  droppedPct: number;
  /** Main-thread tasks over 50 ms while playing back (after training). */
  longTasks: number;
  longestTaskMs: number;
  /** The same while the worker trains 10,000 steps and the playhead follows. */
  trainingLongTasks: number;
  trainingLongestTaskMs: number;
  frames: number;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/** rAF intervals for `ms` milliseconds (as source text: tsx's helpers do not exist in the page). */
export async function record(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((done) => {
    const out = [];
    let last = -1;
    const start = performance.now();
    const tick = (t) => {
      if (last >= 0) out.push(t - last);
      last = t;
      if (t - start < ${ms}) requestAnimationFrame(tick);
      else done(out);
    };
    requestAnimationFrame(tick);
  })`);
}

/**
 * null when no Chromium is installed (the reason is printed). `build` false serves the last build;
 * `dir` serves another build (to compare two back to back).
 */
export async function measurePlayback(
  build = true,
  dir = resolve(root, 'out/renderer'),
): Promise<PlaybackFigures | null> {
  const chromium = findChromium();
  if (!chromium) {
    console.error('playback: skipped, Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
    return null;
  }
  if (build)
    execFileSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'ignore' });
  const server = await serveStatic(dir);
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Tasks that started before a count began are left out: the observer hears of a task some time
    // after it ended, and a task of the experiment's loading was counted in the training's window.
    await page.addInitScript(`window.__long = [];
      window.__since = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.startTime >= window.__since) window.__long.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });`);
    await page.goto(server.url);
    await page.getByTestId('frame').waitFor();
    const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-bench-'));
    const file = join(dir, 'playback.sigmoidlab.json');
    await writeFile(file, JSON.stringify(PLAYBACK_EXPERIMENT));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(file);
    await page.locator('[data-testid="data-canvas-3"]').waitFor();
    const loaded = Date.now();
    await page.getByLabel('Speed (steps per second)').selectOption('60');
    await page.evaluate('window.__long = []; window.__since = performance.now()');
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press(' ');
    const training = await record(page, 4000);

    // Wait for the 10,000 steps (about 20 s on a quiet 2-core machine; several times that when the
    // machine is shared), then play through the history.
    await page.keyboard.press(' ');
    await page.keyboard.press('End');
    await page
      .locator('[data-testid="frame-counter"] .wait')
      .waitFor({ state: 'detached', timeout: 900_000 });
    const trainedS = (Date.now() - loaded) / 1000;
    // Every long task from the load of the experiment to the end of its training.
    const trainingLong = (await page.evaluate('window.__long')) as number[];
    await page.keyboard.press('Home');
    await page.evaluate('window.__long = []; window.__since = performance.now()');
    await page.keyboard.press(' ');
    const played = await record(page, 4000);
    await page.keyboard.press(' ');
    const long = (await page.evaluate('window.__long')) as number[];
    return {
      trainingMedianMs: percentile(training, 0.5),
      trainingP95Ms: percentile(training, 0.95),
      medianMs: percentile(played, 0.5),
      p95Ms: percentile(played, 0.95),
      droppedPct: (100 * played.filter((d) => d > 20).length) / Math.max(1, played.length),
      longTasks: long.length,
      longestTaskMs: long.length ? Math.max(...long) : 0,
      trainingLongTasks: trainingLong.length,
      trainingLongestTaskMs: trainingLong.length ? Math.max(...trainingLong) : 0,
      frames: training.length + played.length,
      trainedS,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** `--dir=PATH` of a command line, else undefined. */
export function dirArgument(argv: string[]): string | undefined {
  const arg = argv.find((a) => a.startsWith('--dir='));
  return arg ? resolve(arg.slice('--dir='.length)) : undefined;
}

// `tsx bench/playback.ts`: this figure alone (`--no-build` uses the last build, `--dir=PATH` another).
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = dirArgument(process.argv);
  console.log(await measurePlayback(!process.argv.includes('--no-build') && !dir, dir));
}
