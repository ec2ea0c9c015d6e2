import { describe, expect, it } from 'vitest';
import { contour } from '../../src/draw/contour';

/** The segments marching squares adds for `values` (G×G, row r = y), in grid coordinates. */
function segments(values: number[], level: number): number[][] {
  const G = Math.round(Math.sqrt(values.length));
  const out: number[][] = [];
  let from: number[] = [];
  contour(
    {
      moveTo: (x, y) => (from = [x, y]),
      lineTo: (x, y) => out.push([...from, x, y]),
    },
    (k) => values[k],
    G,
    level,
    (c) => c,
    (r) => r,
  );
  return out;
}

describe('marching squares', () => {
  it('crosses a cell where the level lies between its corners, interpolated along the edges', () => {
    // Left column 0, right column 1: the ¼ level runs vertically at x = ¼.
    expect(segments([0, 1, 0, 1], 0.25)).toEqual([[0.25, 0, 0.25, 1]]);
    // Bottom row 0, top row 2: the level 1 runs across at y = ½.
    expect(segments([0, 0, 2, 2], 1)).toEqual([[1, 0.5, 0, 0.5]]);
  });

  it('draws nothing for a cell wholly on one side, or with a corner not finite', () => {
    expect(segments([1, 2, 3, 4], 0.5)).toEqual([]);
    expect(segments([0, 0, 0, 0], 0.5)).toEqual([]);
    expect(segments([0, 1, NaN, 1], 0.5)).toEqual([]);
    expect(segments([0, 1, Infinity, 1], 0.5)).toEqual([]);
  });

  it('counts a corner on the level as above it, so a cell never has an odd number of crossings', () => {
    // One corner exactly on ½: one segment, from that corner.
    expect(segments([0.5, 0, 0, 0], 0.5)).toEqual([[0, 0, 0, 0]]);
    // Every corner on ½ (an untrained sigmoid, θ = 0): no boundary drawn.
    expect(segments([0.5, 0.5, 0.5, 0.5], 0.5)).toEqual([]);
  });

  it('draws both lines of a saddle, cell by cell over a larger grid', () => {
    expect(segments([1, 0, 0, 1], 0.5)).toHaveLength(2);
    const G = 5;
    const ramp = Array.from({ length: G * G }, (_, k) => k % G);
    // x = 2.5 crosses every one of the four rows of cells.
    expect(segments(ramp, 2.5)).toEqual([0, 1, 2, 3].map((r) => [2.5, r, 2.5, r + 1]));
  });
});
