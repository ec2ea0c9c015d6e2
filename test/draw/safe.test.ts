import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { drawGuarded, guardContext, LIMIT, markOff, printable } from '../../src/draw/safe';
import { LIGHT } from '../../src/draw/theme';
import { translator } from '../../src/i18n';
import { recordingContext } from './recorder';

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
});
