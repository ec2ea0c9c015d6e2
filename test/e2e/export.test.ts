/**
 * Export in Chromium, through the app's dialog: the PNG of one frame equals
 * the command line's within anti-aliasing; a PNG sequence's frame i is
 * pixel-identical to the image export of frame i; GIF and WebM decode with
 * ffprobe (frames, size, duration); MP4 works or says why not; Cancel leaves
 * nothing; the studio stays usable while an export runs. Screenshots.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { CAPTION, panelHeight } from '../../src/draw/view';
import { ffprobeOrSkip, probe } from '../export/ffprobe';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();
const ffprobe = ffprobeOrSkip();

async function pixels(png: Uint8Array | Buffer) {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Fraction of pixels in rows y0..y1 whose channels differ by more than `tol`. */
function differing(
  a: { width: number; data: Uint8ClampedArray },
  b: { data: Uint8ClampedArray },
  y0: number,
  y1: number,
  tol: number,
): number {
  let n = 0;
  for (let i = y0 * a.width * 4; i < y1 * a.width * 4; i += 4) {
    const d = Math.max(
      Math.abs(a.data[i] - b.data[i]),
      Math.abs(a.data[i + 1] - b.data[i + 1]),
      Math.abs(a.data[i + 2] - b.data[i + 2]),
      Math.abs(a.data[i + 3] - b.data[i + 3]),
    );
    if (d > tol) n++;
  }
  return n / ((y1 - y0) * a.width);
}

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/export.ts'), ...args],
      { cwd: root },
      (err, _o, stderr) => done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    ),
  );
}

describe.skipIf(chromiumPath === null)('export in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-e2e-export-'));
    context = await browser.newContext({ viewport: { width: 1200, height: 800 }, acceptDownloads: true });
    // Without the File System Access API the browser platform saves by download.
    await context.addInitScript('delete window.showSaveFilePicker');
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the dialog (Ctrl+E / Ctrl+Shift+E), fills it, exports, and returns the downloaded file. */
  async function exportVia(
    what: 'image' | 'animation',
    fields: Record<string, string>,
    name: string,
  ): Promise<{ file: string; suggested: string }> {
    await openDialog(what === 'image' ? 'Control+e' : 'Control+Shift+E');
    const dialog = page.getByRole('dialog');
    // A size given in pixels is a custom size (the natural height unless one is given).
    if (('scale' in fields || 'width' in fields) && !('preset' in fields))
      fields = { preset: 'custom', height: '', ...fields };
    for (const [id, value] of Object.entries(fields)) {
      const el = page.getByTestId(`export-${id}`);
      const kind = await el.evaluate((e) => (e as HTMLInputElement).type ?? e.tagName);
      if (kind === 'checkbox') await el.setChecked(value === 'true');
      else if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
      else await el.fill(value);
    }
    expect(await page.getByTestId('export-problems').count()).toBe(0);
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const d = await download;
    const file = join(dir, name);
    await d.saveAs(file);
    return { file, suggested: d.suggestedFilename() };
  }

  /**
   * Opens the export dialog with its shortcut, again until it is open: on a loaded machine the
   * studio may have no frame to export yet when the page has just loaded, and then the key does nothing.
   */
  async function openDialog(keys: string): Promise<void> {
    const dialog = page.getByRole('dialog');
    await expect
      .poll(
        async () => {
          if ((await dialog.count()) === 0) {
            await page.locator('footer').click();
            await page.keyboard.press(keys);
          }
          return dialog.count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
  }

  it('exports the PNG of one frame, the same as `npm run export` draws it (text aside)', async () => {
    await openDialog('Control+e');
    await page.getByTestId('export-panels').selectOption('all');
    await page.getByTestId('export-step').fill('120');
    await page.screenshot({ path: join(shots, 'export-dialog-image.png') });
    await page.keyboard.press('Escape');
    const { file, suggested } = await exportVia(
      'image',
      { panels: 'data', step: '120', scale: '2', width: '1000' },
      'app.png',
    );
    expect(suggested).toBe('Untitled-data-step-120@2x.png');
    expect(await page.getByTestId('status').textContent()).toMatch(
      /Exported Untitled-data-step-120@2x\.png \(1 frame, 2000 × \d+ px/,
    );
    const experiment = join(dir, 'default.json');
    await writeFile(experiment, JSON.stringify(DEFAULT_EXPERIMENT));
    const out = join(dir, 'cli.png');
    const r = await cli([
      experiment,
      '--panels',
      'data',
      '--frame',
      '120',
      '--scale',
      '2',
      '--width',
      '1000',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [a, b] = [await pixels(await readFile(file)), await pixels(await readFile(out))];
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(a.height).toBe(2 * panelHeight('data', 1000, 4));
    // Below the captions the drawings agree but for anti-aliasing and the 1-D view's tick labels
    // (text, in the browser's fonts on one side and the command line's on the other).
    expect(differing(a, b, 2 * CAPTION, a.height, 32)).toBeLessThan(0.006);
    // With the captions, still close: fonts are the only other difference.
    expect(differing(a, b, 0, a.height, 32)).toBeLessThan(0.03);
    // The comparison can fail: another frame differs.
    const other = join(dir, 'cli-0.png');
    await cli([
      experiment,
      '--panels',
      'data',
      '--frame',
      '0',
      '--scale',
      '2',
      '--width',
      '1000',
      '--out',
      other,
    ]);
    expect(differing(a, await pixels(await readFile(other)), 2 * CAPTION, a.height, 32)).toBeGreaterThan(
      0.01,
    );
  });

  it('exports SVG and PDF: the app’s SVG is the command line’s, byte for byte; the PDF’s words are text', async () => {
    const experiment = join(dir, 'default.json');
    await writeFile(experiment, JSON.stringify(DEFAULT_EXPERIMENT));
    const svg = await exportVia(
      'image',
      {
        panels: 'all',
        'image-format': 'svg',
        preset: 'slide169',
        step: '80',
        title: 'Why the sigmoid',
        label: 'true',
      },
      'app.svg',
    );
    expect(svg.suggested).toBe('Untitled-step-80.svg');
    const out = join(dir, 'cli.svg');
    const r = await cli([
      experiment,
      '--frame',
      '80',
      '--preset',
      'slide169',
      '--title',
      'Why the sigmoid',
      '--label',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const app = await readFile(svg.file, 'utf8');
    expect(app).toContain('>Why the sigmoid</text>');
    expect(app).toContain('>step 80 / 300</text>');
    expect(app === (await readFile(out, 'utf8'))).toBe(true);
    const pdf = await exportVia(
      'animation',
      { format: 'pdfpages', panels: 'data', from: '0', to: '30', every: '10', preset: 'square' },
      'app.pdf',
    );
    expect(pdf.suggested).toBe('Untitled-data-0-30-every-10.pdf');
    const head = new TextDecoder('latin1').decode(await readFile(pdf.file));
    expect(head.startsWith('%PDF-1.7')).toBe(true);
    expect(head).toContain('/Count 4');
    expect(problems).toEqual([]);
  });

  it('frame-exact: a PNG sequence’s frame i is pixel-identical to the image export of frame i', async () => {
    const seq = await exportVia(
      'animation',
      { format: 'pngzip', panels: 'all', from: '40', to: '100', every: '30', scale: '1', width: '900' },
      'seq.zip',
    );
    expect(seq.suggested).toBe('Untitled-40-100-every-30.zip');
    const entries = unzipSync(new Uint8Array(await readFile(seq.file)));
    expect(Object.keys(entries)).toEqual(['frame-00000.png', 'frame-00001.png', 'frame-00002.png']);
    // The animation's curves grow with the frames (its default): so do the image's here.
    const image = await exportVia(
      'image',
      { panels: 'all', step: '70', scale: '1', width: '900', grow: 'true' },
      'step70.png',
    );
    const a = await pixels(entries['frame-00001.png']);
    const b = await pixels(await readFile(image.file));
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    const c = await pixels(entries['frame-00002.png']);
    expect(Buffer.from(c.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it.skipIf(!ffprobe)('exports a GIF and a WebM that ffprobe decodes: frames, size, duration', async () => {
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const gif = await exportVia(
      'animation',
      {
        format: 'gif',
        panels: 'curves',
        to: '60',
        every: '2',
        fps: '20',
        scale: '1',
        width: '800',
        height: '600',
      },
      'a.gif',
    );
    expect(await probe(gif.file)).toEqual({
      codec: 'gif',
      width: 800,
      height: 600,
      frames: 31,
      duration: 1.55,
    });
    // The frames were encoded on a worker of their own while the export's worker drew the next ones.
    expect(workers.some((u) => /gif\.worker/.test(u))).toBe(true);
    const webm = await exportVia(
      'animation',
      { format: 'webm', panels: 'data', to: '59', fps: '30', scale: '1', width: '640' },
      'a.webm',
    );
    const p = await probe(webm.file);
    expect(p).toMatchObject({ width: 640, frames: 60 });
    expect(['vp9', 'vp8']).toContain(p.codec);
    expect(p.duration).toBeCloseTo(2, 1);
  });

  it('MP4 is encoded where the engine can, and otherwise says why and what to use instead', async () => {
    await page.locator('footer').click();
    await page.keyboard.press('Control+Shift+E');
    await page.getByTestId('export-format').selectOption('mp4');
    await page.getByTestId('export-to').fill('10');
    await page.getByTestId('export-preset').selectOption('custom');
    await page.getByTestId('export-scale').selectOption('1');
    const download = page.waitForEvent('download', { timeout: 60_000 }).catch(() => null);
    await page.getByRole('dialog').getByRole('button', { name: 'Export…' }).click();
    const settled = async (): Promise<boolean> =>
      (await page.getByTestId('dialog-problems').count()) > 0 ||
      /Exported .*\.mp4/.test((await page.getByTestId('status').textContent()) ?? '');
    await expect.poll(settled, { timeout: 60_000 }).toBe(true);
    if ((await page.getByTestId('dialog-problems').count()) > 0) {
      const text = await page.getByTestId('dialog-problems').innerText();
      expect(text).toMatch(/no H\.264, HEVC or VP9 encoder .* Export WebM, a GIF or a PNG sequence instead/);
      expect(text).toMatch(/Nothing was written/);
      await page.screenshot({ path: join(shots, 'export-mp4-unavailable.png') });
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    } else if (ffprobe) {
      const d = await download;
      const file = join(dir, 'a.mp4');
      await d!.saveAs(file);
      expect(await probe(file)).toMatchObject({ frames: 11 });
    }
  });

  it('shows progress, keeps the studio usable, and Cancel leaves nothing', async () => {
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.locator('footer').click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Shift+E');
    await page.getByTestId('export-panels').selectOption('all');
    await page.getByTestId('export-format').selectOption('gif');
    await page.getByTestId('export-preset').selectOption('custom');
    await page.getByTestId('export-height').fill('');
    await page.getByTestId('export-scale').selectOption('2');
    await page.screenshot({ path: join(shots, 'export-dialog-animation.png') });
    await page.getByRole('dialog').getByRole('button', { name: 'Export…' }).click();
    const progress = page.getByTestId('export-progress');
    await expect
      .poll(() => progress.innerText(), { timeout: 30_000 })
      .toMatch(/Exporting GIF, 301 frames: \d+ of 301 · (\d+ min )?\d+ s left/);
    // The studio still answers: a step forward while the export runs.
    const before = await page.getByTestId('frame').textContent();
    await page.locator('footer').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('frame').textContent()).not.toBe(before);
    await page.screenshot({ path: join(shots, 'export-progress.png') });
    await page.getByTestId('export-cancel').click();
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toBe('Export cancelled; nothing was written.');
    await page.waitForTimeout(500);
    expect(downloads).toBe(0);
    expect(problems).toEqual([]);
  });
});
