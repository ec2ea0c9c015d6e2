/**
 * SVG and PDF exports, decoded by their own tools: the SVG rasterised by
 * rsvg-convert matches the PNG export of the same frame and size (text
 * anti-aliasing and the fonts' kerning aside, measured); the PDF has one page
 * per frame, its words are found by pdftotext (CJK too) and it decodes in
 * pdfinfo and pdftoppm; heatmaps and the 3-D surface are embedded images at
 * the export's resolution; lines and words stay vectors and text.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeExportHost, vectorFonts } from '../../../src/cli/nodeHost';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { runSimulation } from '../../../src/core/simulation';
import { FrameRenderer } from '../../../src/export/render';
import { runExport } from '../../../src/export/run';
import { defaultSettings, type ExportSettings } from '../../../src/export/settings';
import { fontSet } from '../../../src/export/vector/font';
import { run, toolsOrSkip } from '../tools';

const sim = runSimulation({ ...DEFAULT_EXPERIMENT, steps: 60 });
const host = nodeExportHost();
const tools = toolsOrSkip();
const base = (o: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultSettings(60),
  panels: ['data', 'chain', 'surface', 'units', 'curves'],
  width: 900,
  height: null,
  scale: 1,
  step: 30,
  ...o,
});

async function decode(file: string | Uint8Array) {
  const img = await loadImage(typeof file === 'string' ? await readFile(file) : Buffer.from(file));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe.skipIf(!tools)('vector exports in their tools', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-vector-'));
  });

  it('the SVG rasterised by rsvg-convert matches the PNG of the same frame and size; only text differs', async () => {
    for (const s of [
      base(),
      base({ scale: 2, width: 600, panels: ['data', 'surface', 'curves'], step: 12 }),
    ]) {
      const svg = await runExport(sim, { ...s, format: 'svg' }, host);
      const png = await runExport(sim, { ...s, format: 'png' }, host);
      const file = join(dir, 'frame.svg');
      await writeFile(file, svg.data!);
      const r = await run('rsvg-convert', [file, '-o', join(dir, 'frame-svg.png')]);
      expect(r.code, r.stderr).toBe(0);
      const a = await decode(join(dir, 'frame-svg.png'));
      const b = await decode(png.data!);
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      // Where the text is: every text item's box (from the recording), a few pixels wider.
      const fonts = fontSet(...(Object.values(await vectorFonts()) as [Uint8Array, Uint8Array]));
      const r2 = new FrameRenderer(sim, { ...s, format: 'svg' }, host.createCanvas, fonts);
      r2.render({ step: s.step, phase: 3 });
      const text = new Uint8Array(a.width * a.height);
      for (const it of r2.page().items) {
        if (it.kind !== 'text') continue;
        const [m0, , , , e, f] = it.matrix;
        const size = it.size * m0;
        const w = it.text.length * size;
        for (let y = Math.floor(f - size * 1.1); y < f + size * 0.45; y++)
          for (let x = Math.floor(e - 3); x < e + w + 3; x++)
            if (x >= 0 && y >= 0 && x < a.width && y < a.height) text[y * a.width + x] = 1;
      }
      r2.destroy();
      let off = 0;
      let offText = 0;
      let outside = 0;
      let all = 0;
      for (let i = 0; i < a.width * a.height; i++) {
        const d = Math.max(
          Math.abs(a.data[4 * i] - b.data[4 * i]),
          Math.abs(a.data[4 * i + 1] - b.data[4 * i + 1]),
          Math.abs(a.data[4 * i + 2] - b.data[4 * i + 2]),
        );
        if (d > 48) all++;
        if (text[i]) continue;
        outside++;
        if (d > 48) off++;
        if (d > 0) offText++;
      }
      const n = a.width * a.height;
      // Away from the text, the two rasterisers agree but for anti-aliasing at a few edges…
      expect(off / outside).toBeLessThan(0.003);
      // …and most pixels are exactly equal (measured: 6.5 %; the rest differ by a few levels at edges).
      expect(offText / outside).toBeLessThan(0.1);
      // With the text: fonts are hinted and kerned differently (measured: about 1 % of pixels).
      expect(all / n).toBeLessThan(0.03);
    }
  });

  it('keeps lines as paths, words as <text>, heatmaps and the 3-D surface as images at the export’s resolution', async () => {
    const s = base({ panels: ['data', 'surface', 'curves'], scale: 2, width: 800, format: 'svg' });
    const svg = new TextDecoder().decode((await runExport(sim, s, host)).data!);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const v of sim.runs) expect(svg).toContain(`>${v.variant.name.replace(/&/g, '&amp;')}</text>`);
    expect(svg).toContain('>loss J (log)</text>');
    expect(svg).toContain('>accuracy</text>');
    expect(svg).toMatch(/<path d="M[^"]+" fill="none" stroke="#/);
    // One heatmap per surface (and per data view of 2-D data), at 2 pixels per CSS pixel.
    const images = (text: string) =>
      [...text.matchAll(/<image width="(\d+)" height="(\d+)"/g)].map((m) => [+m[1], +m[2]]);
    const at2 = images(svg);
    expect(at2).toHaveLength((sim.data.dims === 2 ? 2 : 1) * sim.runs.length);
    const at1 = images(new TextDecoder().decode((await runExport(sim, { ...s, scale: 1 }, host)).data!));
    expect(at2[0][0]).toBeGreaterThan(100);
    expect(Math.abs(at2[0][0] - 2 * at1[0][0])).toBeLessThanOrEqual(1);
    // The 3-D surface: its mesh one image, not 1,600 polygons.
    const three = new TextDecoder().decode(
      (await runExport(sim, { ...s, panels: ['surface'], view: { surfaceMode: '3d' } }, host)).data!,
    );
    expect([...three.matchAll(/<image /g)]).toHaveLength(sim.runs.length);
    expect([...three.matchAll(/<path /g)].length).toBeLessThan(200);
    // The same drawing gives the same file, byte for byte.
    expect(new TextDecoder().decode((await runExport(sim, s, host)).data!)).toBe(svg);
  });

  it('a PDF of pages: one page per frame, the words found by pdftotext, decoded by pdfinfo and pdftoppm', async () => {
    const s = base({
      format: 'pdf',
      pages: true,
      from: 0,
      to: 40,
      every: 20,
      subSteps: true,
      label: true,
      title: 'Why the sigmoid',
      panels: ['data', 'chain', 'curves'],
    });
    const pdf = await runExport(sim, s, host);
    expect(pdf.frames).toBe(12);
    const file = join(dir, 'pages.pdf');
    await writeFile(file, pdf.data!);
    const info = await run('pdfinfo', [file]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Pages:\s+12\n/);
    expect(info.stdout).toMatch(/Title:\s+Why the sigmoid\n/);
    expect(info.stdout).toMatch(/Page size:\s+675 x [\d.]+ pts/);
    const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
    for (const v of sim.runs) expect(text).toContain(v.variant.name);
    expect(text).toContain('loss J (log)');
    expect(text).toContain('∂L/∂z');
    expect(text).toContain('Why the sigmoid');
    // Page 7 is step 20, sub-step 3 (backward).
    const page7 = (await run('pdftotext', ['-f', '7', '-l', '7', file, '-'])).stdout;
    expect(page7).toContain('step 20 / 60 · backward');
    const ppm = await run('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect(ppm.code, ppm.stderr).toBe(0);
    const img = await decode(join(dir, 'page-01.png'));
    expect(img.width).toBe(900);
  });

  it('writes CJK words as text in both formats (简体中文)', async () => {
    const s = base({ panels: ['curves'], locale: 'zh-CN' });
    const svg = new TextDecoder().decode((await runExport(sim, { ...s, format: 'svg' }, host)).data!);
    expect(svg).toContain('>损失 J（对数）</text>');
    const file = join(dir, 'zh.pdf');
    await writeFile(file, (await runExport(sim, { ...s, format: 'pdf' }, host)).data!);
    expect((await run('pdfinfo', [file])).code).toBe(0);
    const text = (await run('pdftotext', [file, '-'])).stdout;
    expect(text).toContain('损失 J（对数）');
    expect(text).toContain('准确率');
  });
});
