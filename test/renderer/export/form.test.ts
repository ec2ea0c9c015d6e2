import { describe, expect, it } from 'vitest';
import { exportSummary, whole } from '../../../src/renderer/src/export/form';

describe("the export dialog's form", () => {
  it('reads whole numbers only: a fraction, a sign, a word or nothing is NaN, never 0', () => {
    expect(whole(' 42 ')).toBe(42);
    expect(whole('0')).toBe(0);
    for (const s of ['', ' ', '1.5', '-3', '+3', '1e3', 'ten']) expect(whole(s), s).toBeNaN();
  });

  it('sums up the file: its name and size, and for a sequence its frames, duration or pages', () => {
    const size = { width: 1200, height: 630 };
    expect(exportSummary('run.png', size, null)).toBe('run.png · 1200 × 630 px');
    expect(exportSummary('run.gif', size, { frames: 45, fps: 30, pages: false })).toBe(
      'run.gif · 1200 × 630 px · 45 frames, 1.5 s at 30 frames/s',
    );
    expect(exportSummary('run.pdf', size, { frames: 12, fps: 30, pages: true })).toBe(
      'run.pdf · 1200 × 630 px · PDF, 12 frames',
    );
  });
});
