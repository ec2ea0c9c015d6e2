import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/datasets';
import { computeSurface } from '../../src/core/surface';
import {
  colormap,
  drawSurface,
  gridMinimum,
  projector,
  surfaceCaption,
  surfaceFrame,
  surfaceValueAt,
  type SurfaceViewInput,
} from '../../src/draw/surface';
import { LIGHT } from '../../src/draw/theme';
import { recordingContext } from './recorder';

const data = makeDataset({ kind: 'line', n: 40, noise: 0.1 }, 1);
const surface = computeSurface({
  net: { sizes: [1, 1], activation: 'relu', unit: 'sigmoid', loss: 'nll' },
  x: data.x,
  y: data.y,
  theta: Float64Array.from([0, 0]),
  p: 0,
  q: 1,
  pRange: [-10, 10],
  qRange: [-4, 4],
  size: 24,
});
const size = { width: 300, height: 220 };
const input = (over: Partial<SurfaceViewInput> = {}): SurfaceViewInput => ({
  surface,
  pName: 'θ',
  qName: 'b',
  trajectory: Float64Array.from([-8, 0, -6, 0.1, -3, 0.2]),
  trajectoryJ: Float64Array.from([3, 2, 1]),
  gradient: [-0.5, 0.01],
  log: false,
  mode: '2d',
  yaw: 0.6,
  pitch: 0.9,
  ...over,
});

describe('loss surface drawing', () => {
  it('maps parameters to pixels and back, and reads J at the nearest grid point', () => {
    const f = surfaceFrame(input(), size);
    const [x, y] = f.toPx(2.5, -1);
    const [p, q] = f.toParams(x, y);
    expect(p).toBeCloseTo(2.5, 10);
    expect(q).toBeCloseTo(-1, 10);
    expect(f.inside(x, y)).toBe(true);
    expect(f.inside(1, 1)).toBe(false);
    // Grid point (c = 23, r = 0) is (10, −4).
    expect(surfaceValueAt(surface, 10, -4)).toBe(surface.values[23]);
    expect(surfaceValueAt(surface, 11, 0)).toBeNaN();
  });

  it('finds the grid minimum and colours from dark (low) to light (high)', () => {
    const m = gridMinimum(surface)!;
    expect(m[2]).toBe(Math.min(...surface.values));
    expect(colormap(0)).toEqual([68, 1, 84]);
    expect(colormap(1)).toEqual([253, 231, 37]);
  });

  it('draws the trajectory through every frame, the −∇J arrow, and no arrow for an exactly zero gradient', () => {
    const a = recordingContext();
    drawSurface(a.ctx, input(), size, LIGHT);
    const white = a.calls.filter((c) => c.name === 'lineTo' && c.strokeStyle === '#ffffff');
    expect(white.length).toBeGreaterThanOrEqual(2); // the trajectory's two segments (and the minimum's cross)
    const arrow = a.calls.filter((c) => c.name === 'lineTo' && c.strokeStyle === LIGHT.wrong);
    expect(arrow).toHaveLength(3);
    // −∇J = (0.5, −0.01): the arrow points right.
    const f = surfaceFrame(input(), size);
    const [cx] = f.toPx(-3, 0.2);
    expect(arrow[0].args[0] as number).toBeGreaterThan(cx + 30);
    const b = recordingContext();
    drawSurface(b.ctx, input({ gradient: [0, 0] }), size, LIGHT);
    expect(b.calls.filter((c) => c.name === 'lineTo' && c.strokeStyle === LIGHT.wrong)).toHaveLength(0);
    const none = recordingContext();
    drawSurface(none.ctx, input({ surface: null }), size, LIGHT);
    expect(none.calls.find((c) => c.name === 'fillText')?.args[0]).toBe('computing the surface…');
  });

  it('writes ‖∇J‖ and the minimum over a large plot, and under a small one (never over its heatmap)', () => {
    const texts = (calls: ReturnType<typeof recordingContext>['calls']) =>
      calls.filter((c) => c.name === 'fillText' && /‖∇J‖|min J/.test(String(c.args[0])));
    const inPlot = (f: ReturnType<typeof surfaceFrame>, y: number) => y >= f.y && y <= f.y + f.h;
    // Large: over the plot, as before.
    const large = { width: 420, height: 320 };
    expect(surfaceCaption(large)).toBe(false);
    const a = recordingContext();
    const la = drawSurface(a.ctx, input(), large, LIGHT)!;
    expect(texts(a.calls)).toHaveLength(2);
    for (const c of texts(a.calls))
      expect(inPlot(surfaceFrame(input(), large), c.args[2] as number)).toBe(true);
    expect(la.texts).toHaveLength(2);
    // Small (lesson 8's in a 900×600 window): under the plot and the axis's name, in the canvas; the plot
    // and the mapping to parameters shrink alike.
    for (const small of [size, { width: 272, height: 254 }, { width: 420, height: 180 }]) {
      expect(surfaceCaption(small)).toBe(true);
      const b = recordingContext();
      const lb = drawSurface(b.ctx, input(), small, LIGHT)!;
      const f = surfaceFrame(input(), small);
      expect(lb.plot).toEqual({ x: f.x, y: f.y, w: f.w, h: f.h });
      const drawn = texts(b.calls);
      expect(drawn.map((c) => c.args[0])).toEqual(['‖∇J‖ = 0.5', expect.stringMatching(/^min J ≈ /)]);
      for (const t of lb.texts) {
        expect(t.y).toBeGreaterThan(f.y + f.h + 27); // below the ticks and the parameter's name
        expect(t.y + t.h).toBeLessThanOrEqual(small.height);
        expect(t.x + t.w).toBeLessThanOrEqual(small.width);
      }
      const [, y] = f.toPx(0, -4);
      expect(y).toBeCloseTo(f.y + f.h, 9);
    }
    // Too narrow for the minimum's place: its value alone, never cut.
    const narrow = recordingContext();
    drawSurface(narrow.ctx, input(), { width: 130, height: 200 }, LIGHT);
    expect(texts(narrow.calls)[1].args[0]).toMatch(/^min J ≈ [^…(]+$/);
  });

  it('draws the 3-D mesh back to front and rotates with the view', () => {
    const r = recordingContext();
    drawSurface(r.ctx, input({ mode: '3d' }), size, LIGHT);
    expect(r.calls.filter((c) => c.name === 'closePath')).toHaveLength(23 * 23);
    const a = projector(surface, { yaw: 0, pitch: 0.5, log: false }, size)(10, 0, surface.values[0]);
    const b = projector(surface, { yaw: Math.PI / 2, pitch: 0.5, log: false }, size)(
      10,
      0,
      surface.values[0],
    );
    expect(a[0]).not.toBeCloseTo(b[0], 3);
  });

  it('keeps the range’s labels inside the canvas, where a centred label at the plot’s corner would leave it', () => {
    // Ranges whose ends are wider labels ("-2.5") than the plot's right margin holds half of.
    const narrow = computeSurface({
      net: { sizes: [1, 1], activation: 'relu', unit: 'sigmoid', loss: 'mse' },
      x: data.x,
      y: data.y,
      theta: Float64Array.from([-8, 0]),
      p: 0,
      q: 1,
      pRange: [-9.5, -2.5],
      qRange: [-6.55, 1.5],
      size: 8,
    });
    for (const width of [180, 260, 300]) {
      const { ctx, calls } = recordingContext();
      drawSurface(ctx, input({ surface: narrow, qName: '' }), { width, height: 160 }, LIGHT);
      const texts = calls.filter((c) => c.name === 'fillText' && c.args[0] !== '');
      expect(texts.map((c) => c.args[0])).toContain('-2.5');
      for (const c of texts) {
        const w = 6 * String(c.args[0]).length;
        const x = Number(c.args[1]);
        const left = c.textAlign === 'center' ? x - w / 2 : c.textAlign === 'right' ? x - w : x;
        expect(left, `${width}: ${String(c.args[0])}`).toBeGreaterThanOrEqual(0);
        expect(left + w, `${width}: ${String(c.args[0])}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('moves the ‖∇J‖ and min J overlay to the bottom when it would hide the current point or its arrow', () => {
    // A plot big enough for the numbers to go over it (a small one writes them under it).
    const big = { width: 420, height: 320 };
    const overlayY = (trajectory: number[]): number => {
      const { ctx, calls } = recordingContext();
      drawSurface(ctx, input({ trajectory: Float64Array.from(trajectory) }), big, LIGHT);
      return Number(
        calls.find((c) => c.name === 'fillText' && String(c.args[0]).startsWith('‖∇J‖'))!.args[2],
      );
    };
    // The current point in the middle: the overlay at the top.
    expect(overlayY([-8, 0, -3, 0.2])).toBeLessThan(20);
    // In the top-left corner, under where the overlay would be: at the bottom.
    expect(overlayY([-8, 0, -9, 3.6])).toBeGreaterThan(big.height / 2);
  });
});
