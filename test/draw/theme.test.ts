import { describe, expect, it } from 'vitest';
import { DARK, LIGHT, rgb } from '../../src/draw/theme';

/** WCAG 2.1 contrast ratio of two '#rrggbb' colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = rgb(hex).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('drawing themes', () => {
  it('draw their text colours at 4.5:1 or more on their background (WCAG AA for 12 px text)', () => {
    for (const theme of [LIGHT, DARK])
      for (const key of ['foreground', 'muted', 'wrong'] as const)
        expect(contrast(theme[key], theme.background), `${theme.background} ${key}`).toBeGreaterThanOrEqual(
          4.5,
        );
  });
});
