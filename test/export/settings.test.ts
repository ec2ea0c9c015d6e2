import { describe, expect, it } from 'vitest';
import { gifDelay } from '../../src/export/gif';
import {
  checkExport,
  defaultSettings,
  type ExportSettings,
  exportFrames,
  frameCount,
  pixelSize,
  suggestedName,
} from '../../src/export/settings';
import { naturalHeight } from '../../src/export/settings';

const anim = (o: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultSettings(300),
  format: 'gif',
  ...o,
});

describe('export settings', () => {
  it('lists the frames: one for an image, from..to every k-th for an animation, ×4 with sub-steps', () => {
    expect(exportFrames({ ...defaultSettings(300), step: 7, phase: 1 })).toEqual([{ step: 7, phase: 1 }]);
    const s = anim({ from: 10, to: 20, every: 4 });
    expect(exportFrames(s)).toEqual([
      { step: 10, phase: 3 },
      { step: 14, phase: 3 },
      { step: 18, phase: 3 },
    ]);
    expect(frameCount(s)).toBe(3);
    const sub = anim({ from: 5, to: 6, subSteps: true });
    expect(exportFrames(sub).map((f) => `${f.step}.${f.phase}`)).toEqual([
      '5.0',
      '5.1',
      '5.2',
      '5.3',
      '6.0',
      '6.1',
      '6.2',
      '6.3',
    ]);
    expect(frameCount(sub)).toBe(8);
  });

  it('names every problem at once, with the field and what is allowed', () => {
    const errors = checkExport(
      anim({
        panels: ['data', 'status' as never],
        width: 10,
        scale: 5,
        from: 50,
        to: 20,
        every: 0,
        fps: 120,
        background: 'transparent',
      }),
      300,
      4,
      2,
    );
    expect(errors).toEqual([
      'panels: "status" is not a panel; expected all or some of data, chain, surface, units, curves',
      'width: expected a whole number 240..4096, got 10',
      'scale: expected 1 to 4 in quarters (1, 1.25, 1.5, …), got 5',
      'background: GIF is exported on a solid background; choose theme or white (PNG and PNG sequences can be transparent)',
      'to: 20 is before from (50)',
      'every: expected a whole number 1..300, got 0',
      'fps: expected a whole number 1..60, got 120',
    ]);
    expect(checkExport(anim({ to: 301 }), 300, 4, 2)).toEqual(['to: expected a step 0..300, got 301']);
    expect(checkExport({ ...defaultSettings(300), step: NaN }, 300, 4, 2)).toEqual([
      'frame: expected a step 0..300, got NaN',
    ]);
    expect(checkExport(anim({ panels: [] }), 300, 4, 2)[0]).toMatch(/choose at least one/);
    // Data of more than two inputs is drawn (two inputs or along z); inputs beyond the data are named.
    expect(checkExport(anim({ panels: ['data'] }), 300, 4, 3)).toEqual([]);
    const beyond = anim({ panels: ['data'] });
    beyond.view = { projection: { kind: 'features', x: 0, y: 3, hold: 'mean' } };
    expect(checkExport(beyond, 300, 4, 3)).toEqual(['data view: the inputs are numbered 1..3; got 1 and 4']);
    expect(checkExport(anim({ width: 4096, height: 4096, scale: 4 }), 300, 4, 2)).toEqual([
      'size: 16384 × 16384 pixels is more than 64 megapixels; lower the scale or the size',
    ]);
    expect(checkExport(anim({ to: 300, subSteps: true, every: 1 }), 30000, 4, 2)).toEqual([]);
    expect(checkExport(anim({ to: 30000, every: 1 }), 30000, 4, 2)).toEqual([
      'frames: 30001 frames is more than 20000; export fewer steps or every k-th',
    ]);
    expect(checkExport({ ...defaultSettings(300), background: 'transparent' }, 300, 4, 2)).toEqual([]);
  });

  it('sizes frames in whole, even pixels: the width × scale, the panels’ heights or the given one', () => {
    const s = { ...defaultSettings(300), panels: ['data', 'curves'] as ExportSettings['panels'] };
    const h = naturalHeight(s.panels, 1200, 4);
    expect(pixelSize(s, 4)).toEqual({ width: 2400, height: 2 * h });
    expect(pixelSize({ ...s, width: 801, scale: 1, height: 599 }, 4)).toEqual({ width: 802, height: 600 });
  });

  it('suggests file names that say what is in them', () => {
    const s = defaultSettings(300);
    expect(suggestedName('story.sigmoidlab.json', { ...s, step: 120 })).toBe(
      'story-data-chain-curves-step-120@2x.png',
    );
    expect(suggestedName('a/b', { ...s, step: 3, phase: 1, scale: 1 })).toBe(
      'a_b-data-chain-curves-step-3.2.png',
    );
    expect(
      suggestedName('story', {
        ...anim(),
        panels: ['data', 'chain', 'surface', 'units', 'curves'],
        every: 2,
      }),
    ).toBe('story-0-300-every-2@2x.gif');
    expect(suggestedName('story', { ...anim(), format: 'pngseq', panels: ['curves'] })).toBe(
      'story-curves-0-300@2x',
    );
  });

  it('keeps a GIF’s duration exact in hundredths of a second', () => {
    const total = (fps: number, n: number) =>
      Array.from({ length: n }, (_, i) => gifDelay(fps, i)).reduce((a, b) => a + b);
    expect([0, 1, 2].map((i) => gifDelay(30, i))).toEqual([30, 40, 30]);
    expect(total(30, 30)).toBe(1000);
    expect(total(24, 48)).toBe(2000);
    expect(total(60, 60)).toBe(1200); // capped at 50 frames/s
    for (let i = 0; i < 100; i++) expect(gifDelay(60, i)).toBe(20);
  });
});
