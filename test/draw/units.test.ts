import { describe, expect, it } from 'vitest';
import { scalarChain } from '../../src/core/units';
import { sigmoid } from '../../src/core/scalar';
import { LIGHT, withLocale } from '../../src/draw/theme';
import { drawUnitPlots, naiveBreak, naiveNll, unitAt, unitColumns } from '../../src/draw/units';
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

  it('gives a short drawing more columns, so that no box is too short for its title, plot and labels', () => {
    // A panel zoomed for a room at 900×600: its drawing is laid out 333 × 193 px.
    for (const size of [
      { width: 333, height: 193 },
      { width: 333, height: 290 },
      { width: 500, height: 150 },
    ]) {
      const cols = unitColumns(size);
      expect(size.height / Math.ceil(6 / cols), JSON.stringify(size)).toBeGreaterThanOrEqual(64);
      expect(size.width / cols).toBeGreaterThanOrEqual(150);
    }
  });

  it('keeps the dots and curves off the range’s labels, and the logit line on a backing', () => {
    const input = {
      unit: 'sigmoid' as const,
      loss: 'nll' as const,
      z: Float64Array.from([-8, -7.9, -7.5, -1, 2, 7, 8]),
      y: Int32Array.from([0, 0, 1, 1, 0, 1, 1]),
      example: 4,
      naive: false,
    };
    for (const size of [
      { width: 500, height: 290 },
      { width: 900, height: 300 },
    ]) {
      const { ctx, calls } = recordingContext();
      drawUnitPlots(ctx, input, size, LIGHT);
      // The range's labels: "-8.8" … "8.8" (bottom-aligned), and the odds plot's "0.001" … "0.999".
      const labels = calls
        .filter((c) => c.name === 'fillText' && /^-?(8\.8|0\.001|0\.999)$/.test(String(c.args[0])))
        .map((c) => {
          const w = 6 * String(c.args[0]).length;
          const x = Number(c.args[1]);
          const left = c.textAlign === 'right' ? x - w : x;
          return { x: left, y: Number(c.args[2]) - 12, w, h: 12, text: String(c.args[0]) };
        });
      expect(labels.length).toBe(8);
      const hits = (x: number, y: number, r = 0): boolean =>
        labels.some((l) => x + r > l.x && x - r < l.x + l.w && y + r > l.y && y - r < l.y + l.h);
      for (const c of calls.filter((c) => c.name === 'arc'))
        expect(hits(Number(c.args[0]), Number(c.args[1]), Number(c.args[2])), 'a dot on a label').toBe(false);
      // Curves are clipped to each plot's rectangle: none reaches a label.
      for (const c of calls.filter((c) => c.name === 'rect')) {
        const [x, y, w, h] = c.args.map(Number);
        const over = labels.filter((l) => x < l.x + l.w && x + w > l.x && y < l.y + l.h && y + h > l.y);
        expect(
          over.map((l) => l.text),
          'a plot over a label',
        ).toEqual([]);
      }
      // The logit line, inside the odds plot, is drawn on a backing that covers it (a curve may pass under it).
      const at = calls.findIndex((c) => c.name === 'fillText' && String(c.args[0]).startsWith('logit(p)'));
      const logit = calls[at];
      const box = { x: Number(logit.args[1]), y: Number(logit.args[2]), w: 6 * String(logit.args[0]).length };
      const backing = calls
        .slice(0, at)
        .reverse()
        .find((c) => c.name === 'fillRect');
      const [bx, by, bw, bh] = backing!.args.map(Number);
      expect(bx).toBeLessThanOrEqual(box.x);
      expect(by).toBeLessThanOrEqual(box.y);
      expect(bx + bw).toBeGreaterThanOrEqual(box.x + box.w);
      expect(by + bh).toBeGreaterThanOrEqual(box.y + 12);
    }
  });

  it('keeps the logit line off the odds plot’s curves, its dot and its range labels, in a short plot too', () => {
    // Lesson 2 at 900×600: six boxes of some 290 × 69 px, a plot of 25 px under a two-line title.
    for (const ze of [-3.85, 7.99, 0.5])
      for (const size of [
        { width: 584, height: 218 },
        { width: 500, height: 290 },
        { width: 900, height: 400 },
      ]) {
        const input = {
          unit: 'sigmoid' as const,
          loss: 'nll' as const,
          z: Float64Array.from([ze, 2]),
          y: Int32Array.from([1, 0]),
          example: 0,
          naive: false,
        };
        const { ctx, calls } = recordingContext();
        drawUnitPlots(ctx, input, size, LIGHT);
        const what = `${size.width}×${size.height}, z = ${ze}`;
        const at = calls.findIndex((c) => c.name === 'fillText' && /^logit\(p\) = /.test(String(c.args[0])));
        expect(at, what).toBeGreaterThan(0);
        const t = calls[at];
        const w = 6 * String(t.args[0]).length;
        const [x, y] = [Number(t.args[1]), Number(t.args[2])];
        const rect = {
          x: t.textAlign === 'center' ? x - w / 2 : x,
          y: t.textBaseline === 'bottom' ? y - 12 : y,
          w,
          h: 12,
        };
        const near = (px: number, py: number, r = 0): boolean =>
          px + r > rect.x - 2 &&
          px - r < rect.x + rect.w + 2 &&
          py + r > rect.y - 2 &&
          py - r < rect.y + rect.h + 2;
        // The odds plot's frame is the fourth box; its curves, dot and labels come after it.
        const frame = calls.filter((c) => c.name === 'strokeRect')[3];
        const from = calls.indexOf(frame);
        for (const c of calls.slice(from, at)) {
          // The curves (the grid's lines at z = 0 and v = 0 may pass under it, as under the plot's other curves).
          if ((c.name === 'lineTo' || c.name === 'moveTo') && c.strokeStyle !== LIGHT.grid)
            expect(near(Number(c.args[0]), Number(c.args[1])), `${what}: a curve under the line`).toBe(false);
          if (c.name === 'arc')
            expect(near(Number(c.args[0]), Number(c.args[1]), Number(c.args[2])), `${what}: the dot`).toBe(
              false,
            );
          if (c.name === 'fillText' && /^0\.(001|999)$/.test(String(c.args[0]))) {
            const lw = 6 * String(c.args[0]).length;
            const lx = c.textAlign === 'right' ? Number(c.args[1]) - lw : Number(c.args[1]);
            const ly = Number(c.args[2]) - 12;
            const meet =
              lx < rect.x + rect.w + 4 && rect.x < lx + lw + 4 && ly < rect.y + 12 && rect.y < ly + 12;
            expect(meet, `${what}: the label ${String(c.args[0])}`).toBe(false);
          }
        }
      }
  });

  it('keeps every text inside its box and off every other text, in two narrow columns too, in both languages', () => {
    const input = {
      unit: 'sigmoid' as const,
      loss: 'nll' as const,
      z: Float64Array.from([-8, -7.9, -7.5, -1, 2.29, 7, 8]),
      y: Int32Array.from([0, 0, 1, 1, 0, 1, 1]),
      example: 4,
      naive: false,
    };
    for (const theme of [LIGHT, withLocale(LIGHT, 'zh-CN')])
      for (const size of [
        { width: 333, height: 290 },
        { width: 420, height: 300 },
        { width: 300, height: 420 },
        { width: 900, height: 300 },
      ]) {
        const { ctx, calls } = recordingContext();
        drawUnitPlots(ctx, input, size, theme);
        const boxes = calls
          .filter((c) => c.name === 'strokeRect')
          .map((c) => c.args.map(Number))
          .map(([x, y, w, h]) => ({ x: x - 0.5, y: y - 0.5, w: w + 1, h: h + 1 }));
        for (const c of calls.filter((c) => c.name === 'fillText' && c.args[0] !== '')) {
          const text = String(c.args[0]);
          const w = 6 * text.length;
          const x = Number(c.args[1]);
          const y = Number(c.args[2]);
          const left = c.textAlign === 'center' ? x - w / 2 : c.textAlign === 'right' ? x - w : x;
          const box = boxes.find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h)!;
          expect(box, text).toBeDefined();
          const what = `${theme.locale} ${size.width}×${size.height}: "${text}"`;
          expect(left, what).toBeGreaterThanOrEqual(box.x);
          expect(left + w, what).toBeLessThanOrEqual(box.x + box.w);
        }
        // No two texts on top of each other (12 px tall, placed by their baseline).
        const rects = calls
          .filter((c) => c.name === 'fillText' && c.args[0] !== '')
          .map((c) => {
            const text = String(c.args[0]);
            const w = 6 * text.length;
            const x = Number(c.args[1]);
            const y = Number(c.args[2]);
            const top = { top: y, bottom: y - 12, middle: y - 6 }[String(c.textBaseline)] ?? y - 10;
            const left = c.textAlign === 'center' ? x - w / 2 : c.textAlign === 'right' ? x - w : x;
            return { x: left, y: top, w, h: 12, text };
          });
        for (let i = 0; i < rects.length; i++)
          for (let j = i + 1; j < rects.length; j++) {
            const [a, b] = [rects[i], rects[j]];
            const meet = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            expect(meet, `${theme.locale} ${size.width}×${size.height}: "${a.text}" / "${b.text}"`).toBe(
              false,
            );
          }
      }
  });
});
