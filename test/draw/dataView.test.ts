import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/core/network';
import { predictGrid } from '../../src/core/predict';
import {
  AXES_OVERLAY_MIN_HEIGHT,
  drawDataView,
  HEAT_LEVELS,
  niceTicks,
  placement,
} from '../../src/draw/dataView';
import { DARK, LIGHT, rgb } from '../../src/draw/theme';
import { recordingContext } from './recorder';

const size = { width: 200, height: 100 };

/**
 * Offscreen canvases as the app's factory gives them (the same canvas for a key every time), each
 * with a recording context: `layers` holds what was drawn into each, and its size when made.
 */
function offscreen() {
  const layers = new Map<string, ReturnType<typeof recordingContext> & { width: number; height: number }>();
  const canvases: Record<
    string,
    { getContext: () => CanvasRenderingContext2D; width: number; height: number }
  > = {};
  const raster = (key: string, w: number, h: number) => {
    let l = layers.get(key);
    if (!l) layers.set(key, (l = { ...recordingContext(), width: w, height: h }));
    const image = { data: new Uint8ClampedArray(w * h * 4), width: w, height: h };
    const ctx = l.ctx as unknown as Record<string, unknown>;
    ctx.createImageData = () => image;
    ctx.putImageData = (img: typeof image) =>
      l.calls.push({ name: 'putImageData', args: [img], fillStyle: '', strokeStyle: '' });
    return (canvases[key] ??= { getContext: () => l.ctx, width: w, height: h });
  };
  return { layers, canvases, raster };
}

describe('data view', () => {
  it('1-D: draws ŷ(x) through every grid point and marks saturated examples, wrong ones crossed', () => {
    const net = createNetwork([1, 1], 'relu', 'clipped', 'nll');
    const grid = predictGrid(net, Float64Array.from([-8, 0]), 33, [-1.5, 1.5]);
    const { ctx, calls } = recordingContext();
    drawDataView(
      ctx,
      {
        dims: 1,
        x: Float64Array.from([-1, 1, 0.05]),
        y: Int32Array.from([0, 1, 0]),
        grid,
        saturated: Uint8Array.from([1, 1, 1]),
        correct: Uint8Array.from([0, 0, 1]),
      },
      size,
      LIGHT,
    );
    expect(calls[1]).toMatchObject({ name: 'fillRect', args: [0, 0, 200, 100], fillStyle: LIGHT.background });
    expect(calls.filter((c) => c.name === 'lineTo' && c.strokeStyle === LIGHT.foreground)).toHaveLength(32);
    const dots = calls.filter((c) => c.name === 'arc' && c.args[2] === 3.5);
    expect(dots).toHaveLength(3);
    // Two saturated wrong examples: two crosses (two strokes each) in the "wrong" colour.
    expect(calls.filter((c) => c.name === 'moveTo' && c.strokeStyle === LIGHT.wrong)).toHaveLength(4);
    // One saturated right example: a ring.
    expect(calls.filter((c) => c.name === 'arc' && c.args[2] === 6.5)).toHaveLength(1);
    // Class colours.
    expect(calls.filter((c) => c.name === 'fill').map((c) => c.fillStyle)).toEqual([
      LIGHT.classes[0],
      LIGHT.classes[1],
    ]);
    // Each dot in its class's path: two of class 0 before the first fill, one of class 1 before the second.
    const fills = calls.flatMap((c, k) => (c.name === 'fill' ? [k] : []));
    expect(dots.filter((c) => calls.indexOf(c) < fills[0])).toHaveLength(2);
    expect(dots.filter((c) => calls.indexOf(c) > fills[0] && calls.indexOf(c) < fills[1])).toHaveLength(1);
  });

  it('2-D: a heatmap cell per grid point, the 0.5 boundary where P crosses ½, nothing where it does not', () => {
    const net = createNetwork([2, 1], 'relu', 'sigmoid', 'nll');
    const crossing = predictGrid(net, Float64Array.from([3, 0, 0]), 16, [-1, 1], [-1, 1]);
    const { ctx, calls } = recordingContext();
    const input = {
      dims: 2,
      x: Float64Array.from([0.5, 0.5]),
      y: Int32Array.from([1]),
      grid: crossing,
      saturated: Uint8Array.from([0]),
      correct: Uint8Array.from([1]),
      selected: 0,
    };
    drawDataView(ctx, input, size, DARK);
    expect(calls.filter((c) => c.name === 'fillRect')).toHaveLength(1);
    const cells = calls.filter((c) => c.name === 'rect');
    expect(cells).toHaveLength(16 * 16);
    // Each cell is filled in the shade of its P: the bottom-left cell (x = −1: P = σ(−3)) and the top-right (σ(3)).
    const shade = (p: number): string => {
      const [a, b] = [rgb(DARK.heat[0]), rgb(DARK.heat[1])];
      const q = Math.round(p * HEAT_LEVELS) / HEAT_LEVELS;
      return `rgb(${[0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * q)).join(',')})`;
    };
    const fillAfter = (cell: (typeof cells)[number]): unknown =>
      calls.slice(calls.indexOf(cell)).find((c) => c.name === 'fill')!.fillStyle;
    const bottomLeft = cells.find((c) => c.args[0] === 0 && (c.args[1] as number) >= 90)!;
    const topRight = cells.find((c) => (c.args[0] as number) >= 185 && c.args[1] === 0)!;
    expect(fillAfter(bottomLeft)).toBe(shade(1 / (1 + Math.exp(3))));
    expect(fillAfter(topRight)).toBe(shade(1 / (1 + Math.exp(-3))));
    const boundary = calls.filter((c) => c.name === 'lineTo' && c.strokeStyle === DARK.foreground);
    expect(boundary.length).toBeGreaterThanOrEqual(15);
    // P = σ(3x) crosses ½ at x = 0: the boundary is the vertical line through the middle.
    for (const b of boundary) expect(b.args[0]).toBeCloseTo(100, 0);
    // The selected example is ringed.
    expect(calls.filter((c) => c.name === 'arc' && c.args[2] === 8.5)).toHaveLength(1);
    const flat = recordingContext();
    drawDataView(
      flat.ctx,
      { ...input, grid: predictGrid(net, Float64Array.from([0, 0, 5]), 16, [-1, 1], [-1, 1]) },
      size,
      DARK,
    );
    expect(flat.calls.filter((c) => c.name === 'lineTo')).toHaveLength(0);
  });

  it('places examples where they are drawn and maps the view back to the data', () => {
    const net = createNetwork([2, 1], 'relu', 'sigmoid', 'nll');
    const grid = predictGrid(net, Float64Array.from([1, 0, 0]), 8, [-2, 2], [0, 4]);
    const input = { dims: 2, x: Float64Array.from([-2, 0, 2, 4, 0, 2]), y: Int32Array.from([0, 1, 1]), grid };
    const p = placement(input, size);
    expect(p.at(0)).toEqual([0, 100]);
    expect(p.at(1)).toEqual([200, 0]);
    expect(p.at(2)).toEqual([100, 50]);
    expect(p.toData(100, 50)).toEqual([0, 2]);
    expect(p.nearest(103, 52)).toBe(2);
    expect(p.nearest(150, 75)).toBe(-1);
    const line = placement(
      {
        dims: 1,
        x: Float64Array.from([-1, 1]),
        y: Int32Array.from([0, 1]),
        grid: predictGrid(
          createNetwork([1, 1], 'relu', 'sigmoid', 'nll'),
          Float64Array.from([1, 0]),
          8,
          [-1, 1],
        ),
      },
      size,
    );
    // 1-D: inside the axes (ŷ's labels on the left, x's ticks below).
    expect(line.at(0)).toEqual([34, 78]);
    expect(line.at(1)).toEqual([190, 12]);
    expect(line.toData(112, 3)[0]).toBeCloseTo(0, 12);
  });

  it('says what a short view of more than two inputs shows in a caption line under its examples, not over them', () => {
    const net = createNetwork([2, 1], 'relu', 'sigmoid', 'nll');
    const grid = predictGrid(net, Float64Array.from([1, 0, 0]), 8, [-2, 2], [0, 4]);
    const axes = {
      kind: 'features' as const,
      x: 'sepal length (cm)',
      y: 'sepal width (cm)',
      others: 2,
      hold: 'mean' as const,
    };
    const input = {
      dims: 2,
      x: Float64Array.from([-2, 0, 2, 4, 0, 2]),
      y: Int32Array.from([0, 1, 1]),
      grid,
      saturated: new Uint8Array(3),
      correct: Uint8Array.from([1, 1, 1]),
      axes,
    };
    const short = { width: 600, height: 160 };
    const { ctx, calls } = recordingContext();
    drawDataView(ctx, input, short, LIGHT);
    const p = placement(input, short);
    // The plot ends above the caption: the top example at 0, the bottom one 17 px above the bottom.
    expect(p.at(1)).toEqual([600, 0]);
    expect(p.at(0)).toEqual([0, 143]);
    const words = calls.filter((c) => c.name === 'fillText');
    expect(words).toHaveLength(1);
    expect(words[0].args[0]).toBe('→ sepal length (cm)   ↑ sepal width (cm)   2 others at their means');
    expect(words[0].args[2]).toBeGreaterThanOrEqual(143);
    // No veil over the examples: the only rectangle is the background.
    expect(calls.filter((c) => c.name === 'fillRect' && c.fillStyle === LIGHT.background)).toHaveLength(1);
    // Narrow: x's words, then y's on a line of their own (what the others are held at, the tools say),
    // nothing cut; the plot ends above both.
    const narrow = recordingContext();
    drawDataView(narrow.ctx, input, { width: 200, height: 100 }, LIGHT);
    const lines = narrow.calls.filter((c) => c.name === 'fillText');
    expect(lines.map((c) => c.args[0])).toEqual(['→ sepal length (cm)', '↑ sepal width (cm)']);
    expect(placement(input, { width: 200, height: 100 }).at(0)).toEqual([0, 68]);
    expect(lines[0].args[2]).toBeGreaterThanOrEqual(68);
    // Wide but for long names: one line, the longest part shortened first.
    const long = { ...input, axes: { ...axes, x: 'a very long name of a feature '.repeat(4) } };
    const cut = recordingContext();
    drawDataView(cut.ctx, long, { width: 480, height: 100 }, LIGHT);
    const line = String(cut.calls.find((c) => c.name === 'fillText')!.args[0]);
    expect(6 * line.length).toBeLessThanOrEqual(472);
    expect(line).toMatch(/^→ a very long.*… {3}↑ sepal width \(cm\) {3}2 others at their means$/);
    // A tall view keeps its box of words in the corner, over the plot, which fills the canvas.
    const tall = { width: 600, height: AXES_OVERLAY_MIN_HEIGHT };
    expect(placement(input, tall).at(0)).toEqual([0, AXES_OVERLAY_MIN_HEIGHT]);
    const t = recordingContext();
    drawDataView(t.ctx, input, tall, LIGHT);
    expect(t.calls.filter((c) => c.name === 'fillText')).toHaveLength(3);
  });

  it('1-D: axes with ticks, and coincident examples stacked rather than drawn on top of each other', () => {
    const grid = predictGrid(
      createNetwork([1, 1], 'relu', 'sigmoid', 'nll'),
      Float64Array.from([1, 0]),
      8,
      [-1, 1],
    );
    // Five examples of label 1 at the same x, two of label 0 at another.
    const input = {
      dims: 1,
      x: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5, -0.5, -0.5]),
      y: Int32Array.from([1, 1, 1, 1, 1, 0, 0]),
      grid,
    };
    const big = { width: 300, height: 200 };
    const p = placement(input, big);
    const ys = [0, 1, 2, 3, 4].map((i) => p.at(i)[1]).sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(7);
    expect(p.at(0)[0]).toBe(p.at(4)[0]);
    // Label 1 stacks downwards from ŷ = 1, label 0 upwards from 0.
    expect(Math.min(...ys)).toBe(p.at(0)[1]);
    expect(p.at(6)[1]).toBeLessThan(p.at(5)[1]);
    // Every example can still be picked.
    for (let i = 0; i < 7; i++) expect(p.nearest(...p.at(i), 1)).toBe(i);
    const { ctx, calls } = recordingContext();
    drawDataView(ctx, { ...input, saturated: new Uint8Array(7), correct: new Uint8Array(7) }, big, LIGHT);
    const texts = calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(texts).toEqual(expect.arrayContaining(['0', '0.5', '1', '-1', '-0.5']));
  });

  it('1-D: marks of one label a little apart (less than a mark) go to separate levels, never half on top of each other', () => {
    const grid = predictGrid(
      createNetwork([1, 1], 'relu', 'sigmoid', 'nll'),
      Float64Array.from([1, 0]),
      8,
      [-1, 1],
    );
    // Five examples of label 1, about 5 px apart at this width (a mark is 7 px wide).
    const input = {
      dims: 1,
      x: Float64Array.from([0.5, 0.54, 0.58, 0.62, 0.66]),
      y: Int32Array.from([1, 1, 1, 1, 1]),
      grid,
    };
    const p = placement(input, { width: 300, height: 200 });
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++) {
        const [a, b] = [p.at(i), p.at(j)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1]), `${i}, ${j}`).toBeGreaterThanOrEqual(7);
      }
  });

  it('ticks are round numbers', () => {
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 7, 3)).toEqual([0, 2, 4, 6]);
    // Steps of 0.2 from −1.4: the tick at 0 is exactly 0 (a running sum drifts to −2.8·10⁻¹⁷).
    expect(niceTicks(-1.45, 1.45, 12)).toEqual([
      -1.4, -1.2, -1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4,
    ]);
    expect(niceTicks(3, 3, 4)).toEqual([3]);
  });

  it('with offscreen canvases: the heatmap as one image, the dots drawn once and copied until they change', () => {
    const net = createNetwork([2, 1], 'relu', 'sigmoid', 'nll');
    const grid = predictGrid(net, Float64Array.from([3, 0, 0]), 16, [-1, 1], [-1, 1]);
    const { layers, raster } = offscreen();
    const input = {
      dims: 2,
      x: Float64Array.from([0.5, 0.5, -0.5, -0.5]),
      y: Int32Array.from([1, 0]),
      grid,
      saturated: Uint8Array.from([0, 0]),
      correct: Uint8Array.from([1, 1]),
      raster,
    };
    const first = recordingContext();
    drawDataView(first.ctx, input, { ...size, pixelRatio: 2 }, LIGHT);
    // No cell rectangles: one image, its pixels the heat colours of P (top row = highest y).
    expect(first.calls.filter((c) => c.name === 'rect')).toHaveLength(0);
    const heat = layers.get('heat')!;
    const put = heat.calls.find((c) => c.name === 'putImageData')!.args[0] as { data: Uint8ClampedArray };
    const [a, b] = [rgb(LIGHT.heat[0]), rgb(LIGHT.heat[1])];
    const p = 1 / (1 + Math.exp(3)); // x = −1: the left column
    expect(Array.from(put.data.slice(0, 4))).toEqual([
      ...[0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * p)),
      255,
    ]);
    // The dots: drawn into a 400×200 layer (pixel ratio 2) once, then copied.
    const dots = layers.get('points')!;
    expect([dots.width, dots.height]).toEqual([400, 200]);
    expect(dots.calls.filter((c) => c.name === 'arc')).toHaveLength(2);
    expect(first.calls.filter((c) => c.name === 'drawImage')).toHaveLength(2);
    drawDataView(recordingContext().ctx, input, { ...size, pixelRatio: 2 }, LIGHT);
    expect(dots.calls.filter((c) => c.name === 'arc')).toHaveLength(2);
    // New data, or another theme: drawn again.
    drawDataView(
      recordingContext().ctx,
      { ...input, x: Float64Array.from([0, 0, 0.5, 0.5]) },
      { ...size, pixelRatio: 2 },
      LIGHT,
    );
    drawDataView(
      recordingContext().ctx,
      { ...input, x: Float64Array.from([0, 0, 0.5, 0.5]) },
      { ...size, pixelRatio: 2 },
      DARK,
    );
    expect(dots.calls.filter((c) => c.name === 'arc')).toHaveLength(6);
  });

  it('with offscreen canvases: the rings and crosses stamped into a layer, again only when a mark changed, each drawn once as a sprite', () => {
    const net = createNetwork([2, 1], 'relu', 'sigmoid', 'nll');
    const grid = predictGrid(net, Float64Array.from([3, 0, 0]), 16, [-1, 1], [-1, 1]);
    const { layers, canvases, raster } = offscreen();
    const n = 300;
    const input = {
      dims: 2,
      x: Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(i)),
      y: Int32Array.from({ length: n }, (_, i) => i % 2),
      grid,
      // Every example saturated: a third wrong (crosses), the others right (rings).
      saturated: new Uint8Array(n).fill(1),
      correct: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1)),
      raster,
    };
    const drawn = () => recordingContext();
    const screen = drawn();
    drawDataView(screen.ctx, input, { ...size, pixelRatio: 2 }, LIGHT);
    const marks = layers.get('marks')!;
    const strokes = () => marks.calls.filter((c) => c.name === 'drawImage').length;
    // A ring for each of the 200 right examples and a cross for each of the 100 wrong ones, each a
    // copy of its sprite (a ring, and a cross of two strokes, drawn once at the layer's ratio).
    const ring = layers.get('ring')!.calls;
    const cross = layers.get('cross')!.calls;
    expect(ring.filter((c) => c.name === 'arc' && c.strokeStyle === LIGHT.muted)).toHaveLength(1);
    expect(cross.filter((c) => c.name === 'moveTo' && c.strokeStyle === LIGHT.wrong)).toHaveLength(2);
    expect(marks.calls.filter((c) => c.name === 'arc' || c.name === 'stroke')).toHaveLength(0);
    const stamped = marks.calls.filter((c) => c.name === 'drawImage');
    expect(stamped.filter((c) => c.args[0] === canvases.ring)).toHaveLength(200);
    expect(stamped.filter((c) => c.args[0] === canvases.cross)).toHaveLength(100);
    expect(strokes()).toBe(n);
    // The screen copies the layer and strokes nothing of its own (no example hovered or selected).
    expect(
      screen.calls.filter((c) => c.name === 'arc' || (c.name === 'lineTo' && c.strokeStyle === LIGHT.wrong)),
    ).toHaveLength(0);
    // The next frame with the same marks (other arrays, the same flags): copied, not drawn again.
    drawDataView(
      drawn().ctx,
      { ...input, saturated: input.saturated.slice(), correct: input.correct.slice() },
      { ...size, pixelRatio: 2 },
      LIGHT,
    );
    expect(strokes()).toBe(n);
    // One example's mark changed: drawn again.
    const correct = input.correct.slice();
    correct[0] = 1;
    drawDataView(drawn().ctx, { ...input, correct }, { ...size, pixelRatio: 2 }, LIGHT);
    expect(strokes()).toBe(2 * n);
    // The sprites were not drawn again.
    expect(layers.get('ring')!.calls.filter((c) => c.name === 'arc')).toHaveLength(1);
    // Without offscreen canvases (vector exports) the marks are drawn on the context itself, the same way.
    const direct = drawn();
    drawDataView(direct.ctx, { ...input, raster: undefined }, { ...size, pixelRatio: 2 }, LIGHT);
    expect(direct.calls.filter((c) => c.name === 'arc' && c.strokeStyle === LIGHT.muted)).toHaveLength(200);
  });
});
