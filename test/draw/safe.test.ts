import { createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RASTER_LAYER } from '../../src/draw/raster';
import { drawGuarded, guardContext, LIMIT, markOff, printable } from '../../src/draw/safe';
import { LIGHT } from '../../src/draw/theme';
import { translator } from '../../src/i18n';
import { VectorCanvas, type VectorHost } from '../../src/export/vector/context';
import { fontSet } from '../../src/export/vector/font';
import { recordingContext } from './recorder';

const file = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../src/export/fonts/${name}`, import.meta.url)));
const vectorHost: VectorHost = {
  fonts: fontSet(file('DejaVuSans.ttf'), file('DejaVuSans-Bold.ttf')),
  createCanvas: (w, h) => createCanvas(w, h) as unknown as ReturnType<VectorHost['createCanvas']>,
};

describe('the guarded context', () => {
  it('clamps coordinates to what a canvas holds and counts it', () => {
    const { ctx, calls } = recordingContext();
    const g = guardContext(ctx);
    g.ctx.moveTo(0, 0);
    expect(g.off).toBe(0);
    g.ctx.lineTo(-1e74, 5);
    g.ctx.arc(1e308, 0, -3, 0, 2 * Math.PI);
    expect(calls.map((c) => [c.name, ...c.args])).toEqual([
      ['moveTo', 0, 0],
      ['lineTo', -LIMIT, 5],
      ['arc', LIMIT, 0, 0, 0, 2 * Math.PI],
    ]);
    expect(g.off).toBe(2);
  });

  it('skips calls with a value that is not finite, and returns a gradient all the same', () => {
    const { ctx, calls } = recordingContext();
    const g = guardContext(ctx);
    g.ctx.lineTo(NaN, 1);
    g.ctx.fillRect(0, 0, Infinity, 3);
    g.ctx.lineWidth = NaN;
    g.ctx.setLineDash([1, NaN]);
    g.ctx.createLinearGradient(0, NaN, 1, 1);
    expect(calls.map((c) => c.name)).toEqual(['createLinearGradient']);
    expect(calls[0].args).toEqual([0, 0, 0, 0]);
    expect(g.off).toBe(5);
  });

  it('takes control characters out of text (a NUL fails on @napi-rs/canvas)', () => {
    expect(printable('a\u0000b\nc\u007f')).toBe('abc');
    const { ctx, calls } = recordingContext();
    guardContext(ctx).ctx.fillText('x\u0000y', 1, 2);
    expect(calls[0].args).toEqual(['xy', 1, 2]);
  });

  it('lets a drawing report what it left out', () => {
    const { ctx } = recordingContext();
    const g = guardContext(ctx);
    markOff(g.ctx);
    markOff(ctx); // not guarded: nothing happens
    expect(g.off).toBe(1);
  });

  it('draws on @napi-rs/canvas what would abort the process, and says so in the picture', () => {
    const canvas = createCanvas(200, 100);
    const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
    const theme = { ...LIGHT, t: translator('zh-CN') };
    const { ctx: rec, calls } = recordingContext();
    for (const c of [ctx, rec]) {
      drawGuarded(c, 200, 100, theme, (g) => {
        g.beginPath();
        g.moveTo(-1e74, 1e74);
        g.lineTo(1e308, -1e308);
        g.stroke();
        g.fillText('name\u0000', 1e300, 10);
      });
    }
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('name');
    expect(texts.some((t) => String(t).includes('有些数值超出图表范围或不是有限数'))).toBe(true);
  });

  it('says nothing when everything fits', () => {
    const { ctx, calls } = recordingContext();
    drawGuarded(ctx, 200, 100, LIGHT, (g) => g.fillRect(0, 0, 10, 10));
    expect(calls.filter((c) => c.name === 'fillText')).toEqual([]);
  });

  it('guards the contexts of a class (@napi-rs/canvas, the vector export) without a Proxy, as it guards any other', () => {
    const contexts: [string, CanvasRenderingContext2D, unknown][] = [];
    const pixel = createCanvas(120, 60);
    contexts.push(['@napi-rs/canvas', pixel.getContext('2d') as unknown as CanvasRenderingContext2D, pixel]);
    const vector = new VectorCanvas(vectorHost, 120, 60);
    contexts.push(['vector', vector.getContext('2d') as unknown as CanvasRenderingContext2D, vector]);
    for (const [what, ctx, canvas] of contexts) {
      const g = guardContext(ctx);
      // Methods and properties found on the class: no Proxy trap on every call.
      expect(types.isProxy(g.ctx), what).toBe(false);
      expect(g.ctx.canvas, what).toBe(canvas);
      // Members named by a symbol too (the vector context draws heatmaps as images through one).
      expect(typeof (g.ctx as unknown as Record<symbol, unknown>)[RASTER_LAYER], what).toBe(
        what === 'vector' ? 'function' : 'undefined',
      );
      g.ctx.lineWidth = 3;
      g.ctx.lineWidth = NaN;
      g.ctx.globalAlpha = -1;
      expect(ctx.lineWidth, what).toBe(3);
      expect(ctx.globalAlpha, what).toBe(1);
      g.ctx.lineWidth = 1e9;
      expect(ctx.lineWidth, what).toBe(LIMIT);
      g.ctx.beginPath();
      g.ctx.moveTo(-1e74, 1e74);
      g.ctx.lineTo(NaN, 1);
      g.ctx.stroke();
      g.ctx.fillText('a\u0000b', 1e300, 10);
      g.ctx.setLineDash([1, -1]);
      expect(g.off, what).toBe(6);
      markOff(g.ctx);
      expect(g.off, what).toBe(7);
      g.reset();
      expect(g.off, what).toBe(0);
      // Fonts set through the guard are the context's, and save/restore bring them back.
      g.ctx.font = '20px sans-serif';
      g.ctx.save();
      g.ctx.font = '10px sans-serif';
      const small = g.ctx.measureText('measured').width;
      g.ctx.restore();
      expect(ctx.font, what).toMatch(/^20px/);
      const big = g.ctx.measureText('measured');
      // Remembered per canvas and font: a second guard finds the same metrics.
      expect(guardContext(ctx).ctx.measureText('measured'), what).toBe(big);
      expect(big.width, what).toBeGreaterThan(small);
      expect(big.width, what).toBeCloseTo(ctx.measureText('measured').width, 9);
    }
  });
});
