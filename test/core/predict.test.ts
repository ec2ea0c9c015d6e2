import { describe, expect, it } from 'vitest';
import { createNetwork, initParams } from '../../src/core/network';
import { dataRange, predictGrid } from '../../src/core/predict';
import { sigmoid, softmax } from '../../src/core/scalar';

describe('predictGrid', () => {
  it('gives σ(θx + b) along a line for a 1-D sigmoid model', () => {
    const net = createNetwork([1, 1], 'relu', 'sigmoid', 'nll');
    const g = predictGrid(net, Float64Array.from([-8, 1]), 5, [-1, 1]);
    expect(Array.from(g.values)).toEqual([-1, -0.5, 0, 0.5, 1].map((x) => sigmoid(-8 * x + 1)));
    expect(g.yRange).toBeUndefined();
  });

  it('lays a 2-D grid out row by row, y from low to high, and picks the softmax class', () => {
    const net = createNetwork([2, 3], 'relu', 'softmax', 'nll');
    const theta = initParams([2, 3], { kind: 'xavier' }, 4);
    const g = predictGrid(net, theta, 3, [0, 2], [-1, 1], 2);
    // Point (x1, x2) = (2, −1) is row 0, column 2.
    const z = [0, 1, 2].map((c) => theta[c * 2] * 2 + theta[c * 2 + 1] * -1 + theta[6 + c]);
    expect(g.values[2]).toBeCloseTo(softmax(z)[2], 15);
    expect(g.values.length).toBe(9);
  });

  it('runs hidden layers, and refuses inputs it cannot lay out', () => {
    const net = createNetwork([2, 4, 1], 'tanh', 'sigmoid', 'nll');
    const theta = initParams([2, 4, 1], { kind: 'he' }, 2);
    const g = predictGrid(net, theta, 4, [-1, 1], [-1, 1]);
    expect(g.values.every((p) => p > 0 && p < 1)).toBe(true);
    expect(() => predictGrid(net, theta, 4, [-1, 1])).toThrow(/y range/);
    expect(() =>
      predictGrid(createNetwork([3, 1], 'relu', 'sigmoid', 'nll'), new Float64Array(4), 4, [0, 1]),
    ).toThrow(/3-D/);
  });

  it('pads the data range', () => {
    expect(dataRange(Float64Array.from([0, 10, 2, 30]), 2, 0)).toEqual([-0.5, 2.5]);
    expect(dataRange(Float64Array.from([0, 10, 2, 30]), 2, 1)).toEqual([8, 32]);
    expect(dataRange(new Float64Array(0), 1, 0)).toEqual([-1, 1]);
  });
});
