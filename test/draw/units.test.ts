import { describe, expect, it } from 'vitest';
import { scalarChain } from '../../src/core/units';
import { sigmoid } from '../../src/core/scalar';
import { LIGHT } from '../../src/draw/theme';
import { drawUnitPlots, naiveBreak, naiveNll, unitAt } from '../../src/draw/units';
import { recordingContext } from './recorder';

describe('output-unit plots', () => {
  it('use the core’s unit and loss; softmax over (−z/2, z/2) is the sigmoid', () => {
    for (const z of [-30, -2, 0, 0.5, 8]) {
      for (const y of [0, 1]) {
        const c = scalarChain('sigmoid', 'nll', z, y);
        expect(unitAt('sigmoid', 'nll', z, y)).toEqual({
          yhat: c.yhat,
          loss: c.loss,
          dLdz: c.dLdz,
          dyhatdz: c.dyhatdz,
        });
        const s = unitAt('softmax', 'nll', z, y);
        expect(s.yhat).toBeCloseTo(sigmoid(z), 12);
        expect(s.loss).toBeCloseTo(c.loss, 10);
        expect(s.dLdz).toBeCloseTo(c.dLdz, 10);
      }
    }
  });

  it('shows where the naive −log σ(z) overflows to ∞ in float64', () => {
    expect(naiveNll(-800, 1)).toBe(Infinity);
    expect(naiveNll(-20, 1)).toBeCloseTo(20, 6);
    const z1 = naiveBreak(1, 800)!;
    expect(z1).toBeLessThan(-709);
    expect(z1).toBeGreaterThan(-711);
    const z0 = naiveBreak(0, 800)!;
    expect(z0).toBeGreaterThan(36);
    expect(z0).toBeLessThan(38.5);
    const input = {
      unit: 'sigmoid' as const,
      loss: 'nll' as const,
      z: Float64Array.from([-8, -1, 2, 9]),
      y: Int32Array.from([1, 1, 0, 1]),
      example: 0,
      naive: false,
    };
    const off = recordingContext();
    drawUnitPlots(off.ctx, input, { width: 900, height: 400 }, LIGHT);
    const text = (calls: typeof off.calls) =>
      calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(text(off.calls).some((t) => t.startsWith('naive'))).toBe(false);
    const on = recordingContext();
    drawUnitPlots(on.ctx, { ...input, naive: true }, { width: 900, height: 400 }, LIGHT);
    expect(text(on.calls).filter((t) => t.startsWith('naive'))).toHaveLength(2);
    // Every example is a dot on each of the three curves plots (4 examples × 3) plus the odds dot.
    expect(on.calls.filter((c) => c.name === 'arc' && c.args[2] === 2.6)).toHaveLength(13);
    // The counts of saturated examples: z = −8 with y = 1 is saturated and wrong; z = 9, y = 1 right.
    expect(text(on.calls)).toContain('  1 saturated and wrong');
    expect(text(on.calls)).toContain('  1 saturated and right');
    expect(text(on.calls)).toContain('logit(p) = log(p/(1−p)) = -8 = z');
  });

  it('a short box shows the summary lines that fit whole, none cut at its bottom', () => {
    const input = {
      unit: 'sigmoid' as const,
      loss: 'nll' as const,
      z: Float64Array.from([-8, -1, 2, 9]),
      y: Int32Array.from([1, 1, 0, 1]),
      example: 0,
      naive: false,
    };
    // Two columns, three rows of about 70 px (a lesson's scene at 900×600), and of 140 px.
    for (const [height, shown] of [
      [216, 3],
      [430, 4],
    ] as const) {
      const { ctx, calls } = recordingContext();
      drawUnitPlots(ctx, input, { width: 585, height }, LIGHT);
      const last = calls.filter((c) => c.name === 'strokeRect').map((c) => c.args as number[])[5];
      const bottom = last[1] + last[3];
      // The summary's lines: 15 px apart, 12 px text drawn from the top.
      const summary = calls.filter(
        (c) =>
          c.name === 'fillText' && c.args[1] === last[0] - 0.5 + 6 && (c.args[2] as number) > last[1] + 15,
      );
      expect(summary).toHaveLength(shown);
      for (const c of summary) expect((c.args[2] as number) + 15).toBeLessThanOrEqual(bottom + 0.5);
    }
  });

  it('fits each box’s title to the box (wrapped, never into the next box) and uses fewer columns when narrow', () => {
    const input = {
      unit: 'softmax' as const,
      loss: 'nll' as const,
      z: Float64Array.from([-8, -1, 2, 9]),
      y: Int32Array.from([1, 1, 0, 1]),
      example: 0,
      naive: true,
    };
    for (const [width, columns] of [
      [300, 1],
      [520, 2],
      [700, 3],
      [1200, 3],
    ] as const) {
      const { ctx, calls } = recordingContext();
      drawUnitPlots(ctx, input, { width, height: 420 }, LIGHT);
      const boxes = calls
        .filter((c) => c.name === 'strokeRect')
        .map((c) => c.args as number[])
        .map(([x, y, w, h]) => ({ x: x - 0.5, y: y - 0.5, w: w + 1, h: h + 1 }));
      expect(boxes).toHaveLength(6);
      expect(new Set(boxes.map((b) => b.x)).size).toBe(columns);
      for (const b of boxes) {
        // The title's lines: left-aligned at the box's left, from its top, 14 px apart.
        const title = calls.filter(
          (c) =>
            c.name === 'fillText' &&
            c.args[1] === b.x + 5 &&
            (c.args[2] as number) >= b.y + 3 &&
            (c.args[2] as number) < b.y + 3 + 4 * 14 &&
            ((c.args[2] as number) - b.y - 3) % 14 === 0,
        );
        expect(title.length).toBeGreaterThan(0);
        for (const line of title) expect(6 * String(line.args[0]).length).toBeLessThanOrEqual(b.w - 10);
      }
    }
  });
});
