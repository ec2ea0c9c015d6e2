import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/core/network';
import { predictGrid } from '../../src/core/predict';
import { drawDataView } from '../../src/draw/dataView';
import { DARK, LIGHT } from '../../src/draw/theme';
import { recordingContext } from './recorder';

const size = { width: 200, height: 100 };

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
      LIGHT.classes[0],
    ]);
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
    expect(calls.filter((c) => c.name === 'fillRect')).toHaveLength(1 + 16 * 16);
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
});
