/**
 * The recording context: Canvas 2D calls become vector items with canvas
 * semantics (paths in device coordinates, line widths scaled at stroke time,
 * arcs as Béziers, nested clips, text aligned with the font's metrics,
 * recordings inlined by drawImage), written as SVG and PDF.
 */
import { createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rasterLayer } from '../../../src/draw/raster';
import { VectorCanvas, type VectorHost } from '../../../src/export/vector/context';
import { fontSet, textRuns } from '../../../src/export/vector/font';
import { PdfWriter } from '../../../src/export/vector/pdf';
import { encodePng } from '../../../src/export/vector/png';
import { toSvg } from '../../../src/export/vector/svg';

const file = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../src/export/fonts/${name}`, import.meta.url)));
const fonts = fontSet(file('DejaVuSans.ttf'), file('DejaVuSans-Bold.ttf'));
const host: VectorHost = {
  fonts,
  createCanvas: (w, h) => createCanvas(w, h) as unknown as ReturnType<VectorHost['createCanvas']>,
};

function page(draw: (ctx: CanvasRenderingContext2D) => void, w = 200, h = 100) {
  const canvas = new VectorCanvas(host, w, h);
  draw(canvas.getContext('2d') as unknown as CanvasRenderingContext2D);
  return { width: w, height: h, items: canvas.items };
}

describe('the recording context', () => {
  it('keeps paths in device coordinates and scales line widths and dashes at stroke time', () => {
    const p = page((ctx) => {
      ctx.scale(2, 2);
      ctx.translate(10, 5);
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.lineTo(10, 0);
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 1]);
      ctx.strokeStyle = 'rgba(255, 0, 0, 0.5)';
      ctx.stroke();
    });
    expect(p.items).toHaveLength(1);
    const it = p.items[0];
    expect(it.kind).toBe('stroke');
    if (it.kind !== 'stroke') return;
    expect(it.path).toEqual([
      ['M', 20, 10],
      ['L', 40, 10],
    ]);
    expect(it.width).toBe(3);
    expect(it.dash).toEqual([6, 2]);
    expect(it.paint).toEqual({ r: 255, g: 0, b: 0, a: 0.5 });
    expect(toSvg(p)).toContain(
      '<path d="M20 10L40 10" fill="none" stroke="#ff0000" stroke-opacity="0.5" stroke-width="3" stroke-miterlimit="10" stroke-dasharray="6 2"/>',
    );
  });

  it('draws arcs as Béziers on the circle', () => {
    const p = page((ctx) => {
      ctx.beginPath();
      ctx.arc(50, 50, 20, 0, 2 * Math.PI);
      ctx.fill();
    });
    const it = p.items[0];
    if (it.kind !== 'fill') throw new Error('not a fill');
    const curves = it.path.filter((s) => s[0] === 'C');
    expect(curves).toHaveLength(4);
    // Each cubic ends on the circle, and its midpoint lies on it within 0.03 % of the radius.
    for (const c of curves)
      expect(Math.hypot((c[5] as number) - 50, (c[6] as number) - 50)).toBeCloseTo(20, 9);
    const [, ax, ay] = it.path[0] as ['M', number, number];
    const [, x1, y1, x2, y2, x, y] = curves[0] as ['C', number, number, number, number, number, number];
    const mx = (ax + 3 * x1 + 3 * x2 + x) / 8;
    const my = (ay + 3 * y1 + 3 * y2 + y) / 8;
    expect(Math.abs(Math.hypot(mx - 50, my - 50) - 20)).toBeLessThan(20 * 3e-4);
  });

  it('nests clips as groups in SVG and q/W n/Q in PDF, and forgets a cleared canvas', () => {
    const p = page((ctx) => {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 10, 10);
      ctx.clearRect(0, 0, 200, 100);
      ctx.save();
      ctx.beginPath();
      ctx.rect(10, 10, 50, 50);
      ctx.clip();
      ctx.fillStyle = '#123456';
      ctx.fillRect(0, 0, 100, 100);
      ctx.restore();
      ctx.fillRect(0, 0, 5, 5);
    });
    expect(p.items).toHaveLength(2);
    const svg = toSvg(p);
    expect(svg).toContain('<clipPath id="c1"><path d="M10 10L60 10L60 60L10 60ZM10 10"/></clipPath>');
    expect(svg).toMatch(
      /<g clip-path="url\(#c1\)">\n<path d="M0 0L100 0L100 100L0 100ZM0 0" fill="#123456"\/>\n<\/g>/,
    );
    const pdf = new PdfWriter(fonts, { dpi: 96 });
    pdf.addPage(p);
    expect(pdf.pageCount).toBe(1);
    expect(new TextDecoder('latin1').decode(pdf.finish())).toContain('/Count 1');
  });

  it('places text by the font’s metrics, as Chromium’s canvas does, and keeps it as text', () => {
    const p = page((ctx) => {
      ctx.font = '600 20px system-ui, sans-serif';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'top';
      ctx.fillStyle = '#222';
      ctx.fillText('θ & <b>', 150, 10);
    });
    const it = p.items[0];
    if (it.kind !== 'text') throw new Error('not text');
    expect(it.bold).toBe(true);
    const width = textRuns(fonts.bold, 'θ & <b>').reduce((w, r) => w + r.width, 0) * 20;
    expect(it.matrix[4]).toBeCloseTo(150 - width, 9);
    // 'top' is the normalised typographic ascent above the baseline: 1556/2048 em in DejaVu Sans.
    expect(it.matrix[5]).toBeCloseTo(10 + (20 * 1556) / 2048, 9);
    expect(toSvg(p)).toContain(
      'font-size="20" font-weight="bold" fill="#222222" xml:space="preserve">θ &amp; &lt;b&gt;</text>',
    );
    // Characters the interface font lacks (CJK) are one em wide, in the fallback font.
    expect(textRuns(fonts.regular, 'J（对数）').map((r) => [r.text, r.glyphs === null, r.width])).toEqual([
      ['J', false, expect.closeTo(0.2949, 3)],
      ['（对数）', true, 4],
    ]);
  });

  it('inlines a recording drawn with drawImage (a chart) as vectors, and keeps raster layers as images', () => {
    const chart = new VectorCanvas(host, 100, 50);
    const c = chart.getContext('2d')!;
    c.setTransform(2, 0, 0, 2, 0, 0);
    c.fillStyle = '#00ff00';
    c.fillRect(0, 0, 10, 10);
    const p = page((ctx) => {
      ctx.drawImage(chart as unknown as CanvasImageSource, 20, 10, 50, 25);
      rasterLayer(ctx, 4, 3, (r) => {
        r.fillStyle = '#ff0000';
        r.fillRect(0, 0, 4, 3);
      });
    });
    expect(p.items.map((i) => i.kind)).toEqual(['fill', 'image']);
    const fill = p.items[0];
    if (fill.kind !== 'fill') return;
    // The chart's 20 × 20 px square, drawn at half size from (20, 10).
    expect(fill.path.slice(0, 3)).toEqual([
      ['M', 20, 10],
      ['L', 30, 10],
      ['L', 30, 20],
    ]);
    expect(fill.clip?.path[0]).toEqual(['M', 20, 10]);
    const img = p.items[1];
    if (img.kind !== 'image') return;
    expect([img.width, img.height]).toEqual([4, 3]);
    expect([...img.rgba.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(toSvg(p)).toContain(
      `xlink:href="data:image/png;base64,${Buffer.from(encodePng(img.rgba, 4, 3)).toString('base64')}"`,
    );
  });

  it('refuses what a vector drawing cannot hold, by name', () => {
    const ctx = new VectorCanvas(host, 10, 10).getContext('2d')!;
    expect(() => ctx.putImageData()).toThrow(/raster layer/);
    expect(() => ctx.createLinearGradient()).toThrow(/gradients/);
    ctx.fillStyle = 'hsl(10, 20%, 30%)';
    expect(() => ctx.fillRect(0, 0, 1, 1)).toThrow(/colour hsl\(10, 20%, 30%\) is not understood/);
  });

  it('subsets the font: the glyphs used keep their ids, the others are emptied', () => {
    const g = fonts.regular.glyph('θ'.codePointAt(0)!);
    expect(g).toBeGreaterThan(0);
    const sub = fonts.regular.subset([g]);
    expect(sub.length).toBeLessThan(fonts.regular.data.length / 5);
    const again = fontSet(sub, file('DejaVuSans-Bold.ttf')).regular;
    expect(again.numGlyphs).toBe(fonts.regular.numGlyphs);
    expect(again.advance(g)).toBe(fonts.regular.advance(g));
  });
});
