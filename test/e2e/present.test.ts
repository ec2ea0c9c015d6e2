/**
 * One view of a frame (issue 14): for a matrix of experiments, frames and view
 * choices, the app's exported PNG of each panel (File › Export Image, drawn in
 * the export worker on an OffscreenCanvas) equals the screen's drawing of it
 * pixel for pixel in Chromium — the data views, the chain diagrams, the unit
 * plots and the loss surfaces (rounded ranges, 128², in 2-D and 3-D). Each case
 * opens a share link (experiment and view), waits until training is done and
 * every surface is whole, reads each variant's canvas, and exports that panel
 * at the size the screen drew it, so each variant's cell is the canvas.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import type { Experiment } from '../../src/core/experiment';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { CAPTION, MIN_CHAIN_WIDTH } from '../../src/draw/view';
import { EN } from '../../src/i18n';
import { encodeLink, type LinkView } from '../../src/renderer/src/share/link';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

type Panel = 'data' | 'chain' | 'surface' | 'units';
type Pixels = { width: number; height: number; data: Uint8ClampedArray };

async function pixels(png: Uint8Array | Buffer): Promise<Pixels> {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Pixels of `whole` in the rectangle (x, y, w, h) that differ from `part` (w × h) by more than `tol` in a channel. */
function differing(whole: Pixels, x: number, y: number, part: Pixels, tol = 0): number {
  let n = 0;
  for (let r = 0; r < part.height; r++)
    for (let c = 0; c < part.width; c++) {
      const a = 4 * ((y + r) * whole.width + x + c);
      const b = 4 * (r * part.width + c);
      for (let i = 0; i < 4; i++)
        if (Math.abs(whole.data[a + i] - part.data[b + i]) > tol) {
          n++;
          break;
        }
    }
  return n;
}

/**
 * What Chromium's rasteriser leaves between two drawings of the same calls: a smoothed heatmap's
 * bilinear samples may differ by 1 in a channel (an OffscreenCanvas source against a page's canvas),
 * and a stroke's anti-aliased edge in a few pixels where the cell does not sit at the image's origin
 * (Skia's fixed-point edges at other device coordinates). Anything the drawing shows — a range, a
 * grid point, a ring, a label, a curve — differs in hundreds of pixels or more.
 */
const AA_PIXELS = 24;

const MOONS: Experiment = {
  ...DEFAULT_EXPERIMENT,
  seed: 7,
  data: { kind: 'moons', n: 120, noise: 0.15 },
  model: { hidden: [4], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.5, momentum: 0.9, batchSize: 16 },
  init: { kind: 'xavier' },
  steps: 60,
  variants: [
    { name: 'sigmoid + NLL', color: '#1a9e77', model: { output: 'sigmoid' }, loss: 'nll' },
    { name: 'softmax + NLL', color: '#d95f02', model: { output: 'softmax' }, loss: 'nll' },
  ],
};

interface Case {
  name: string;
  experiment: Experiment;
  step: number;
  panels: Panel[];
  surface?: Partial<LinkView['surface']>;
  naive?: boolean;
  example?: number | null;
}

const CASES: Case[] = [
  {
    name: 'default-120',
    experiment: DEFAULT_EXPERIMENT,
    step: 120,
    panels: ['data', 'chain', 'surface', 'units'],
  },
  { name: 'default-0', experiment: DEFAULT_EXPERIMENT, step: 0, panels: ['surface'], example: -1 },
  {
    name: 'moons-30',
    experiment: MOONS,
    step: 30,
    panels: ['data', 'chain', 'surface', 'units'],
    surface: { mode: '3d', log: false, yaw: 1.1, pitch: 0.7 },
    naive: true,
    example: 5,
  },
  {
    name: 'moons-60-hidden-pair',
    experiment: MOONS,
    step: 60,
    panels: ['surface'],
    surface: { p: 0, q: 3 },
  },
];

describe.skipIf(chromiumPath === null)('an exported panel is the screen’s drawing, pixel for pixel', () => {
  let browser: Browser;
  let server: StaticServer;
  let context: BrowserContext;
  let dir: string;

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-e2e-present-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the case's link in a fresh page and waits until every run is trained and the frame is shown. */
  async function open(c: Case, panel: Panel): Promise<{ page: Page; problems: string[] }> {
    const view: LinkView = {
      step: c.step,
      sub: null,
      panels: [panel],
      example: c.example ?? null,
      surface: { p: -1, q: -1, mode: '2d', log: true, yaw: 0.6, pitch: 0.9, ...c.surface },
      naive: c.naive ?? false,
      lesson: null,
    };
    const link = encodeLink(server.url, c.experiment, view, EN);
    if (!link.ok) throw new Error(link.problem);
    // A fresh profile each time: no autosave to restore in place of the link.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // Without the File System Access API the browser platform saves by download.
    await context.addInitScript('delete window.showSaveFilePicker');
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(link.link);
    await appReady(page);
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 20_000 })
      .toMatch(/^Opened the experiment of a link/);
    await expect
      .poll(() => page.locator('.studio').getAttribute('data-sim'), { timeout: 60_000 })
      .toMatch(/:true$/);
    await expect.poll(() => page.getByTestId('frame').textContent()).toContain(String(c.step));
    const n = c.experiment.variants!.length;
    if (panel === 'surface')
      for (let k = 0; k < n; k++)
        await expect
          .poll(() => page.getByTestId(`surface-size-${k}`).textContent(), { timeout: 60_000 })
          .toBe('128²');
    // The pointer away from every drawing (a hover would be drawn), then a few frames to settle.
    await page.mouse.move(2, 2);
    await page.waitForTimeout(600);
    return { page, problems };
  }

  /** Each variant's canvas of a panel: its CSS size and its pixels (one device pixel per CSS pixel). */
  async function screen(
    page: Page,
    panel: Panel,
    n: number,
  ): Promise<{ width: number; height: number; png: Buffer }[]> {
    const out = [];
    for (let k = 0; k < n; k++) {
      const canvas = page.getByTestId(`${panel === 'chain' ? 'chain' : panel}-canvas-${k}`);
      await canvas.scrollIntoViewIfNeeded();
      // A drawing scrolled out of view waits to be redrawn until it is back: two frames for that.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const shot = await canvas.evaluate((el: HTMLCanvasElement) => ({
        width: el.clientWidth,
        height: el.clientHeight,
        ratio: window.devicePixelRatio,
        url: el.toDataURL('image/png'),
      }));
      expect(shot.ratio).toBe(1);
      out.push({
        width: shot.width,
        height: shot.height,
        png: Buffer.from(shot.url.slice(shot.url.indexOf(',') + 1), 'base64'),
      });
    }
    return out;
  }

  /** Exports one panel of frame `step` as a PNG `width` × `height` (CSS px, scale 1) through the dialog. */
  async function exportPanel(
    page: Page,
    panel: Panel,
    step: number,
    width: number,
    height: number,
    name: string,
  ) {
    await page.locator('footer').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    await page.getByTestId('export-panels').selectOption(panel);
    await page.getByTestId('export-image-format').selectOption('png');
    await page.getByTestId('export-preset').selectOption('custom');
    await page.getByTestId('export-width').fill(String(width));
    await page.getByTestId('export-height').fill(String(height));
    await page.getByTestId('export-scale').selectOption('1');
    await page.getByTestId('export-step').fill(String(step));
    expect(await page.getByTestId('export-problems').count()).toBe(0);
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const file = join(dir, name);
    await (await download).saveAs(file);
    return pixels(await readFile(file));
  }

  /**
   * Where variant k's drawing sits in an export of one panel, and the export's size, for canvases
   * w × h: side by side (each cell 4 px wider than its drawing), or one under another.
   */
  function placement(panel: Panel, w: number, h: number, n: number) {
    const stacked = panel === 'units' || (panel === 'chain' && w + 4 < MIN_CHAIN_WIDTH);
    return stacked
      ? { width: w, height: n * (h + CAPTION), at: (k: number) => [0, k * (h + CAPTION) + CAPTION] as const }
      : { width: n * (w + 4), height: h + CAPTION, at: (k: number) => [k * (w + 4), CAPTION] as const };
  }

  const exported = new Map<string, Pixels>();

  for (const c of CASES)
    for (const panel of c.panels)
      it(`${c.name}: ${panel}`, async () => {
        const n = c.experiment.variants!.length;
        const { page, problems } = await open(c, panel);
        const drawn = await screen(page, panel, n);
        await page.screenshot({ path: join(shots, `present-${c.name}-${panel}.png`) });
        // The variants' drawings are one size, but for the chain diagrams, which take the height they
        // need: one export per height (an export's cells are one size), each compared where it applies.
        const sizes = [...new Set(drawn.map((d) => `${d.width}x${d.height}`))];
        if (panel !== 'chain') expect(sizes).toHaveLength(1);
        const [w, h] = [drawn[0].width, drawn[0].height];
        for (const [i, wh] of sizes.entries()) {
          const [sw, sh] = wh.split('x').map(Number);
          const at = placement(panel, sw, sh, n);
          const image = await exportPanel(
            page,
            panel,
            c.step,
            at.width,
            at.height,
            `${c.name}-${panel}-${i}.png`,
          );
          if (i === 0) exported.set(`${c.name}:${panel}`, image);
          // An export's pixel size is even (video encoders ask for it): at most one pixel of padding.
          expect([image.width, image.height]).toEqual([
            at.width + (at.width % 2),
            at.height + (at.height % 2),
          ]);
          for (let k = 0; k < n; k++) {
            if (drawn[k].width !== sw || drawn[k].height !== sh) continue;
            const [x, y] = at.at(k);
            const mine = await pixels(drawn[k].png);
            const exact = differing(image, x, y, mine);
            const beyond = differing(image, x, y, mine, 1);
            console.log(
              `${c.name} ${panel} variant ${k}: ${exact} of ${sw * sh} pixels differ, ${beyond} by more than 1`,
            );
            expect(beyond, `${c.name} ${panel} variant ${k}`).toBeLessThanOrEqual(AA_PIXELS);
          }
        }
        // The comparison can fail: another frame's export differs from this screen.
        if (c.name === 'default-0') {
          const other = exported.get('default-120:surface')!;
          // Variant 2 (sigmoid + NLL) learns: its trajectory and −∇J at step 120 are not those of step 0.
          const [x, y] = placement(panel, w, h, n).at(2);
          expect(differing(other, x, y, await pixels(drawn[2].png), 1)).toBeGreaterThan(20 * AA_PIXELS);
        }
        expect(problems).toEqual([]);
        await context.close();
      });
});
