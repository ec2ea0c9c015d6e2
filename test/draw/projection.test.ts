import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../src/core/datasets';
import { createNetwork, forwardRecord } from '../../src/core/network';
import { centre, exampleLogits, fitProjection, projectView } from '../../src/core/projection';
import { sigmoid } from '../../src/core/scalar';
import { runSimulation } from '../../src/core/simulation';
import { builtinTask } from '../../src/core/table';
import { validateExperiment } from '../../src/core/validate';
import { axesText, drawDataView, placement } from '../../src/draw/dataView';
import { DARK, LIGHT, withLocale } from '../../src/draw/theme';
import type { DataProjection } from '../../src/core/projection';
import { buildView, drawView } from '../../src/draw/view';
import { createCurvesRenderer } from '../../src/draw/curves';
import { recordingContext } from './recorder';

const penguins = makeDataset(builtinTask('penguins-adelie'), 1);
const net = createNetwork([4, 1], 'relu', 'sigmoid', 'nll');
const theta = Float64Array.from([2, -1, 0.5, -0.25, 0.3]);

describe('views of more than two inputs', () => {
  it('two chosen inputs on the axes, the others held at their means (or medians): the heatmap is the model on that slice', () => {
    const v = projectView(
      net,
      theta,
      penguins,
      { kind: 'features', x: 2, y: 0, hold: 'mean' },
      { plane: 8, line: 8 },
    );
    expect(v.dims).toBe(2);
    expect(v.axes).toEqual({
      kind: 'features',
      x: 'Flipper Length (mm)',
      y: 'Beak Length (mm)',
      hold: 'mean',
      others: 2,
    });
    // Example i sits at (its flipper length, its beak length).
    expect([v.x[2 * 5], v.x[2 * 5 + 1]]).toEqual([penguins.x[5 * 4 + 2], penguins.x[5 * 4]]);
    // Grid point (c, r) is the model at those two values with inputs 1 and 3 at their means.
    const mean = centre(penguins, 'mean');
    const { xRange, yRange, values, size } = v.grid;
    const [c, r] = [3, 6];
    const a = xRange[0] + ((xRange[1] - xRange[0]) * c) / (size - 1);
    const b = yRange![0] + ((yRange![1] - yRange![0]) * r) / (size - 1);
    const z = 2 * b - 1 * mean[1] + 0.5 * a - 0.25 * mean[3] + 0.3;
    expect(values[r * size + c]).toBeCloseTo(sigmoid(z), 14);
    // Standardised inputs: means 0; medians differ, and are used when asked.
    expect(Math.abs(mean[1])).toBeLessThan(1e-12);
    const median = centre(penguins, 'median');
    const sorted = Array.from({ length: penguins.n }, (_, i) => penguins.x[i * 4 + 3]).sort((p, q) => p - q);
    expect(median[3]).toBe((sorted[170] + sorted[171]) / 2);
    const m = projectView(
      net,
      theta,
      penguins,
      { kind: 'features', x: 2, y: 0, hold: 'median' },
      { plane: 8, line: 8 },
    );
    expect(m.grid.values[r * size + c]).toBeCloseTo(
      sigmoid(2 * b - median[1] + 0.5 * a - 0.25 * median[3] + 0.3),
      14,
    );
  });

  it('along the model’s direction: each example at its z, the output unit’s input, against f(z)', () => {
    const v = projectView(net, theta, penguins, { kind: 'logit' }, { plane: 8, line: 50 });
    const rec = forwardRecord(net, theta, penguins.x, penguins.y, penguins.n);
    expect(v.dims).toBe(1);
    expect(Array.from(v.x)).toEqual(Array.from(rec.z));
    expect(v.grid.xRange[0]).toBeLessThanOrEqual(-6);
    expect(v.grid.values[0]).toBeCloseTo(sigmoid(v.grid.xRange[0]), 15);
    // Softmax over two classes: z₁ − z₀, the same picture as the sigmoid it extends.
    const soft = createNetwork([4, 2], 'relu', 'softmax', 'nll');
    const st = Float64Array.from([-1, 0.5, -0.25, 0.125, 1, -0.5, 0.25, -0.125, -0.15, 0.15]);
    const zs = exampleLogits(soft, st, penguins);
    expect(zs[7]).toBeCloseTo(rec.z[7], 12);
    // Three classes have no single z: the view falls back to two inputs.
    const three = createNetwork([4, 3], 'relu', 'softmax', 'nll');
    expect(fitProjection({ kind: 'logit' }, 4, three).kind).toBe('features');
    expect(fitProjection({ kind: 'features', x: 1, y: 1, hold: 'mean' }, 4, net)).toEqual({
      kind: 'features',
      x: 0,
      y: 1,
      hold: 'mean',
    });
  });

  it('draws what the axes are, in either language, and keeps the saturated-and-wrong crosses', () => {
    const v = projectView(
      net,
      theta,
      penguins,
      { kind: 'features', x: 2, y: 0, hold: 'median' },
      { plane: 8, line: 8 },
    );
    const rec = forwardRecord(net, theta, penguins.x, penguins.y, penguins.n);
    const saturated = Uint8Array.from({ length: penguins.n }, (_, i) => (i < 10 ? 1 : 0));
    const correct = Uint8Array.from({ length: penguins.n }, (_, i) => (i < 5 ? 0 : 1));
    const { ctx, calls } = recordingContext();
    const input = { dims: v.dims, x: v.x, y: penguins.y, grid: v.grid, saturated, correct, axes: v.axes };
    drawDataView(ctx, input, { width: 400, height: 300 }, LIGHT);
    const text = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    // A view under 360 px high and 420 px wide: in a caption of two lines under the plot.
    expect(text).toEqual(['→ Flipper Length (mm)', '↑ Beak Length (mm)   2 others at their medians']);
    // Five saturated and wrong: five crosses (two strokes each); five saturated and right: five rings.
    expect(calls.filter((c) => c.name === 'moveTo' && c.strokeStyle === LIGHT.wrong)).toHaveLength(10);
    expect(calls.filter((c) => c.name === 'arc' && c.args[2] === 6.5)).toHaveLength(5);
    // Hover and click find the example where it is drawn.
    const p = placement(input, { width: 400, height: 300 });
    const [px, py] = p.at(42);
    expect(p.nearest(px, py, 0.5)).toBe(42);
    expect(axesText({ kind: 'logit' }, withLocale(DARK, 'zh-CN'))[0]).toMatch(/输出单元的输入/);
    void rec;
  });

  it('exports draw the data panel of a table experiment on @napi-rs/canvas, pixels changing with the view', () => {
    const raw = JSON.parse(
      JSON.stringify({
        version: 1,
        seed: 1,
        data: builtinTask('penguins-adelie'),
        model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
        loss: 'nll',
        optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
        init: { kind: 'zeros' },
        steps: 20,
        variants: [{ model: { output: 'clipped' } }, { model: { output: 'softmax' } }],
      }),
    );
    const ok = validateExperiment(raw);
    if (!ok.ok) throw new Error(ok.errors.join('; '));
    const sim = runSimulation(ok.experiment);
    const draw = (projection: DataProjection | undefined) => {
      const view = buildView(sim, 20, { panels: ['data'], projection });
      expect(view.variants.every((v) => v.data !== null)).toBe(true);
      const canvas = createCanvas(600, 300);
      const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
      const curves = createCurvesRenderer(createCanvas as never);
      drawView(ctx, view, ['data'], { width: 600, height: 300 }, LIGHT, curves);
      curves.destroy();
      return { view, pixels: canvas.data() };
    };
    const a = draw(undefined);
    expect(a.view.variants[0].data!.axes).toMatchObject({ kind: 'features', x: 'Beak Length (mm)' });
    const b = draw({ kind: 'logit' });
    expect(b.view.variants[1].data!.dims).toBe(1);
    expect(Buffer.compare(a.pixels, b.pixels)).not.toBe(0);
  });
});
