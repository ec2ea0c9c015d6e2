/**
 * Frames for slides and papers: the presets' sizes in pixels, the default that
 * fits the panels, the panels laid out to fill the frame (not one tall stack),
 * the frame's title and label, and curves that grow with the frames.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { rgb } from '../../src/draw/theme';
import { VIEW_PANELS, type ViewPanel } from '../../src/draw/view';
import { layoutPanels } from '../../src/export/layout';
import { exportTheme, frameLabel, FrameRenderer } from '../../src/export/render';
import {
  bestPreset,
  defaultSettings,
  type ExportSettings,
  PRESET_IDS,
  pixelSize,
  presetOf,
  withPreset,
} from '../../src/export/settings';

const sim = runSimulation({ ...DEFAULT_EXPERIMENT, steps: 60 });
const n = sim.runs.length;
const all = [...VIEW_PANELS];

describe('size presets', () => {
  it('give the sizes slides and papers want, in pixels', () => {
    const s = { ...defaultSettings(60), panels: ['data', 'curves'] as ViewPanel[] };
    const px = (id: (typeof PRESET_IDS)[number], panels: ViewPanel[] = s.panels) =>
      pixelSize(withPreset({ ...s, panels }, id, n), n);
    expect(px('slide169')).toEqual({ width: 1920, height: 1080 });
    expect(px('slide169', all)).toEqual({ width: 1920, height: 1080 });
    expect(px('slide43')).toEqual({ width: 1440, height: 1080 });
    expect(px('square')).toEqual({ width: 1080, height: 1080 });
    // Paper: 3.5 in and 7 in at 300 dpi; the height is what the panels need.
    expect(px('column').width).toBe(1050);
    expect(px('page').width).toBe(2100);
    expect(withPreset(s, 'column', n).dpi).toBe(300);
    expect(presetOf(withPreset(s, 'square', n), n)).toBe('square');
    expect(presetOf({ ...s, width: 1000, height: null, scale: 2 }, n)).toBeNull();
  });

  it('zoom out only as far as the panels need: one panel large, all panels smaller', () => {
    const one = withPreset({ ...defaultSettings(60), panels: ['curves'] }, 'slide169', n);
    const five = withPreset({ ...defaultSettings(60), panels: all }, 'slide169', n);
    expect(one.scale).toBe(2);
    expect(five.scale).toBeLessThan(2);
    expect(pixelSize(five, n)).toEqual({ width: 1920, height: 1080 });
  });

  it('default to a frame that fits the panels chosen', () => {
    expect(bestPreset(['data', 'chain', 'curves'], 1)).toBe('slide169');
    expect(bestPreset(all, 4)).toBe('slide169');
    expect(bestPreset(['chain'], 2)).toBe('slide43');
    expect(bestPreset(['data', 'curves'], 2)).toBe('square');
  });
});

describe('the layout', () => {
  it('fills the frame with the panels in columns: no overlap, nothing outside, every pixel used', () => {
    for (const [panels, w, h] of [
      [all, 1920, 1080],
      [all, 960, 540],
      [['data', 'chain', 'curves'], 1440, 1080],
      [['curves'], 540, 540],
    ] as [ViewPanel[], number, number][]) {
      const cells = layoutPanels(panels, w, h, n);
      expect(cells).toHaveLength(panels.length);
      const covered = new Uint8Array(w * h);
      for (const c of cells) {
        expect(c.x >= 0 && c.y >= 0 && c.x + c.width <= w && c.y + c.height <= h).toBe(true);
        for (let y = c.y; y < c.y + c.height; y++)
          for (let x = c.x; x < c.x + c.width; x++) covered[y * w + x]++;
      }
      expect(covered.every((v) => v === 1)).toBe(true);
    }
    // All panels on a slide: side by side in columns, not one tall stack.
    const xs = new Set(layoutPanels(all, 1920, 1080, n).map((c) => c.x));
    expect(xs.size).toBeGreaterThan(1);
    // Without a height: one column at the panels' natural heights.
    expect(new Set(layoutPanels(all, 1200, null, n).map((c) => c.x))).toEqual(new Set([0]));
  });
});

describe('title, frame label and growing curves', () => {
  const settings = (o: Partial<ExportSettings>): ExportSettings => ({
    ...defaultSettings(60),
    panels: ['curves'],
    width: 800,
    height: 400,
    scale: 1,
    ...o,
  });

  it('labels a frame with its step and, where the frames have them, its sub-step', () => {
    const theme = exportTheme(settings({}));
    expect(frameLabel(theme, settings({}), { step: 40, phase: 3 }, 300)).toBe('step 40 / 300');
    expect(frameLabel(theme, settings({ format: 'gif', subSteps: true }), { step: 40, phase: 2 }, 300)).toBe(
      'step 40 / 300 · backward',
    );
    expect(frameLabel(theme, settings({ phase: 1 }), { step: 7, phase: 1 }, 300)).toBe('step 7 / 300 · loss');
    const zh = exportTheme(settings({ locale: 'zh-CN' }));
    expect(frameLabel(zh, settings({ locale: 'zh-CN' }), { step: 40, phase: 3 }, 300)).toBe('第 40 / 300 步');
  });

  /** Pixels of the variants' colours right of x0 in the curves' plots (below the legend). */
  function colourRight(
    pixels: Uint8ClampedArray,
    width: number,
    height: number,
    x0: number,
    y0: number,
  ): number {
    const colours = sim.runs.map((r) => rgb(r.variant.color));
    let count = 0;
    for (let y = y0; y < height; y++)
      for (let x = x0; x < width; x++) {
        const o = 4 * (y * width + x);
        if (
          colours.some(
            ([r, g, b]) =>
              Math.abs(pixels[o] - r) + Math.abs(pixels[o + 1] - g) + Math.abs(pixels[o + 2] - b) < 30,
          )
        )
          count++;
      }
    return count;
  }

  it('draws the title and label in a strip above the panels, and curves up to the frame’s step when growing', () => {
    const make = (o: Partial<ExportSettings>) => {
      const r = new FrameRenderer(sim, settings(o), (w, h) => createCanvas(w, h) as never);
      r.render({ step: 10, phase: 3 });
      const p = r.pixels();
      r.destroy();
      return p;
    };
    const plain = make({});
    const titled = make({ title: 'Why the sigmoid', label: true });
    // The strip (28 px) differs, as the panels are pushed down.
    let strip = 0;
    for (let i = 0; i < 28 * 800 * 4; i += 4) if (titled[i] !== plain[i]) strip++;
    expect(strip).toBeGreaterThan(200);
    // Growing: in the right-hand charts, no curve right of step 10 (a sixth of the x axis).
    const grown = make({ grow: true });
    expect(colourRight(plain, 800, 400, 560, 40)).toBeGreaterThan(50);
    expect(colourRight(grown, 800, 400, 560, 40)).toBe(0);
    expect(colourRight(grown, 800, 400, 0, 40)).toBeGreaterThan(20);
  });
});
