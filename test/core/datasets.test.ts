import { describe, expect, it } from 'vitest';
import { dataClasses, inputDims, makeDataset } from '../../src/core/datasets';
import { GENERATED_DATA } from '../../src/core/experiment';

describe('datasets', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    for (const kind of GENERATED_DATA) {
      const a = makeDataset({ kind, n: 50, noise: 0.1 }, 3);
      const b = makeDataset({ kind, n: 50, noise: 0.1 }, 3);
      const c = makeDataset({ kind, n: 50, noise: 0.1 }, 4);
      expect(b.x).toEqual(a.x);
      expect(b.y).toEqual(a.y);
      expect(c.x).not.toEqual(a.x);
    }
  });

  it('have the advertised sizes, dimensions and balanced, interleaved labels', () => {
    for (const kind of GENERATED_DATA) {
      const d = makeDataset({ kind, n: 31 }, 1);
      expect(d.n).toBe(31);
      expect(d.dims).toBe(kind === 'line' ? 1 : 2);
      expect(d.x.length).toBe(31 * d.dims);
      expect(d.classes).toBe(2);
      expect(Array.from(d.y.slice(0, 4))).toEqual([0, 1, 0, 1]);
      expect(d.x.every(Number.isFinite)).toBe(true);
    }
    const blobs = makeDataset({ kind: 'blobs', n: 30, classes: 3 }, 1);
    expect(blobs.classes).toBe(3);
    expect(Array.from(blobs.y.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(dataClasses({ kind: 'blobs', n: 30, classes: 3 })).toBe(3);
    expect(inputDims({ kind: 'points', x: [[1, 2, 3]], y: [0] })).toBe(3);
  });

  it('line is separable with a margin at noise 0', () => {
    const d = makeDataset({ kind: 'line', n: 200 }, 2);
    for (let i = 0; i < d.n; i++) {
      if (d.y[i] === 1) expect(d.x[i]).toBeGreaterThanOrEqual(0.25);
      else expect(d.x[i]).toBeLessThanOrEqual(-0.25);
    }
  });

  it('circles lie on radii 0.5 and 1 at noise 0; moons follow scikit-learn’s arcs; xor keeps its quadrants', () => {
    const circles = makeDataset({ kind: 'circles', n: 100 }, 5);
    for (let i = 0; i < circles.n; i++) {
      expect(Math.hypot(circles.x[2 * i], circles.x[2 * i + 1])).toBeCloseTo(
        circles.y[i] === 0 ? 0.5 : 1,
        12,
      );
    }
    const moons = makeDataset({ kind: 'moons', n: 100 }, 5);
    for (let i = 0; i < moons.n; i++) {
      const [a, b] = [moons.x[2 * i], moons.x[2 * i + 1]];
      const r = moons.y[i] === 0 ? Math.hypot(a, b) : Math.hypot(1 - a, 0.5 - b);
      expect(r).toBeCloseTo(1, 12);
    }
    const xor = makeDataset({ kind: 'xor', n: 100 }, 5);
    for (let i = 0; i < xor.n; i++) {
      expect(xor.x[2 * i] * xor.x[2 * i + 1] > 0 ? 0 : 1).toBe(xor.y[i]);
      expect(Math.min(Math.abs(xor.x[2 * i]), Math.abs(xor.x[2 * i + 1]))).toBeGreaterThanOrEqual(0.1);
    }
  });

  it('noise scales the same draws', () => {
    const a = makeDataset({ kind: 'moons', n: 40, noise: 0.1 }, 9);
    const b = makeDataset({ kind: 'moons', n: 40, noise: 0.2 }, 9);
    const clean = makeDataset({ kind: 'moons', n: 40, noise: 0 }, 9);
    for (let k = 0; k < a.x.length; k++)
      expect(b.x[k] - clean.x[k]).toBeCloseTo(2 * (a.x[k] - clean.x[k]), 12);
  });

  it('points are copied as given', () => {
    const d = makeDataset(
      {
        kind: 'points',
        x: [
          [0.3, -1.2],
          [1.1, 0.4],
        ],
        y: [1, 0],
      },
      1,
    );
    expect(Array.from(d.x)).toEqual([0.3, -1.2, 1.1, 0.4]);
    expect(Array.from(d.y)).toEqual([1, 0]);
    expect(d.dims).toBe(2);
  });
});
