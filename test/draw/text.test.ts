import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { contextMeasure } from '../../src/draw/chain';
import { wrapText } from '../../src/draw/text';
import { translator } from '../../src/i18n';

const measure = contextMeasure(createCanvas(10, 10).getContext('2d') as unknown as CanvasRenderingContext2D);
const w = (s: string): number => measure(s, '12px sans-serif');

describe('wrapText', () => {
  it('never starts a line with a closing mark nor ends one with an opening mark, at any width', () => {
    const zh = translator('zh-CN');
    const texts = [
      zh('draw.surfaceMin', { J: '0.499', p: '-2.5', q: '-4.8' }),
      zh('draw.surfaceMin', { J: '0.00298', p: '15', q: '-0.39' }),
      zh('draw.odds', { p: '0.908' }),
      '样本 0：y = 0，L = 100（clipped + NLL）',
    ];
    for (const text of texts)
      for (let max = 30; max <= 320; max++) {
        const lines = wrapText(text, max, w);
        // Nothing lost or reordered (spaces aside).
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        for (const l of lines) {
          expect(l, `${max}: ${lines.join(' | ')}`).not.toMatch(/^[）)，、。：；]/);
          expect(l, `${max}: ${lines.join(' | ')}`).not.toMatch(/[（(]$/);
        }
      }
  });
});
