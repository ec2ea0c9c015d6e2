import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  createCurvesRenderer,
  type CurveSeries,
  curvesMinHeight,
  downsample,
  logLabel,
  logTicks,
  layerDash,
  MIN_PLOT_HEIGHT,
} from '../../src/draw/curves';
import { FONT, LIGHT, rgb } from '../../src/draw/theme';
import { en } from '../../src/i18n/en';

const make = (w: number, h: number) => createCanvas(w, h);

function series(
  name: string,
  color: string,
  length: number,
  f: (t: number) => number,
  layers = 2,
): CurveSeries {
  const values = Float64Array.from({ length }, (_, t) => f(t));
  return {
    name,
    color,
    length,
    loss: values,
    accuracy: values.map((v) => Math.min(1, v)),
    saturatedWrong: values.map((v) => Math.min(1, v / 2)),
    layers,
    gradNorms: Float64Array.from({ length: length * layers }, (_, k) => f(Math.floor(k / layers))),
  };
}

/** Pixels of the target within a rectangle matching a colour (±tolerance per channel). */
function count(ctx: CanvasRenderingContext2D, [x, y, w, h]: number[], hex: string, tol = 40): number {
  const data = ctx.getImageData(x, y, w, h).data;
  const [r, g, b] = rgb(hex);
  let n = 0;
  for (let k = 0; k < data.length; k += 4) {
    if (Math.abs(data[k] - r) <= tol && Math.abs(data[k + 1] - g) <= tol && Math.abs(data[k + 2] - b) <= tol)
      n++;
  }
  return n;
}

describe('downsample', () => {
  it('keeps every point of a short series and marks a run of non-finite values as one gap', () => {
    const v = Float64Array.from([1, 2, NaN, Infinity, 5]);
    expect(downsample(v, 5, 10)).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: NaN },
      { x: 4, y: 5 },
    ]);
    expect(downsample(v, 2, 10)).toHaveLength(2);
  });

  it('keeps the extremes, the first and the last point of a long series, within the budget', () => {
    const n = 100_000;
    const v = Float64Array.from(
      { length: n },
      (_, t) => Math.sin(t / 50) + (t === 31_337 ? 9 : 0) - (t === 77_777 ? 9 : 0),
    );
    const d = downsample(v, n, 500);
    expect(d.length).toBeLessThanOrEqual(2 * 500 + 4);
    expect(d[0]).toEqual({ x: 0, y: v[0] });
    expect(d.at(-1)).toEqual({ x: n - 1, y: v[n - 1] });
    expect(d).toContainEqual({ x: 31_337, y: v[31_337] });
    expect(d).toContainEqual({ x: 77_777, y: v[77_777] });
    for (let k = 1; k < d.length; k++) expect(d[k].x).toBeGreaterThan(d[k - 1].x);
  });

  it('reads one column of frame-major values with a stride and an offset', () => {
    const g = Float64Array.from([1, 10, 2, 20, 3, 30]);
    expect(downsample(g, 3, 10, 2, 1).map((p) => p.y)).toEqual([10, 20, 30]);
  });

  it('dashes the layers before the output layer', () => {
    expect(layerDash(2, 3)).toEqual([]);
    expect(layerDash(1, 3)).not.toEqual([]);
    expect(layerDash(0, 3)).not.toEqual(layerDash(1, 3));
  });
});

describe('curves renderer', () => {
  const size = { width: 800, height: 500 };

  it('draws every series in its colour, the cursor in every chart, and finds the step under a click', () => {
    const target = createCanvas(800, 500);
    const ctx = target.getContext('2d') as unknown as CanvasRenderingContext2D;
    const r = createCurvesRenderer(make);
    const input = {
      series: [series('red', '#ff0000', 101, (t) => 1 - t / 200)],
      steps: 100,
      cursor: 50,
      version: 1,
    };
    r.draw(ctx, input, size, LIGHT);
    // Red lines in each quadrant.
    const quads = [
      [0, 18, 396, 237],
      [404, 18, 396, 237],
      [0, 263, 396, 237],
      [404, 263, 396, 237],
    ];
    for (const q of quads) expect(count(ctx, q, '#ff0000', 60)).toBeGreaterThan(50);
    // The step under the cursor's column, in every chart.
    const hits = quads.map(([x, y, w, h]) => {
      for (let px = x; px < x + w; px++) {
        const hit = r.hit(px, y + h / 2);
        if (hit && hit.step === 50) return { px, metric: hit.metric };
      }
      return null;
    });
    expect(hits.map((h) => h?.metric)).toEqual(['loss', 'accuracy', 'gradNorm', 'saturatedWrong']);
    // The cursor is drawn there: a dark column.
    for (const [k, h] of hits.entries()) {
      const [, y, , hh] = quads[k];
      expect(count(ctx, [h!.px - 1, y + hh / 3, 4, hh / 3], LIGHT.foreground, 70)).toBeGreaterThan(hh / 4);
    }
    expect(r.hit(5, 5)).toBeNull();
    // Nothing of that colour with no series.
    const empty = createCanvas(800, 500).getContext('2d') as unknown as CanvasRenderingContext2D;
    createCurvesRenderer(make).draw(empty, { ...input, series: [] }, size, LIGHT);
    expect(count(empty, [0, 0, 800, 500], '#ff0000', 60)).toBe(0);
  });

  it('keeps each plot 80 px high with its x ticks where the size allows: four in a row when wide and short, two when narrow and tall', () => {
    const input = {
      series: [series('sigmoid + NLL', '#ff0000', 3001, (t) => 1 / (t + 1), 1)],
      steps: 3000,
      cursor: null,
      version: 1,
    };
    // The sizes a lesson's scene gives the curves in a 900×600 window (lessons 4, 5, 9: beside nothing,
    // under the chain diagram; lesson 8: beside the loss surface), and the studio's usual ones.
    const cases: [number, number][] = [
      [586, 170],
      [274, 332],
      [290, 390],
      [800, 500],
      [1000, 340],
    ];
    for (const [width, height] of cases) {
      const ctx = createCanvas(width, height).getContext('2d') as unknown as CanvasRenderingContext2D;
      const r = createCurvesRenderer(make);
      r.draw(ctx, input, { width, height }, LIGHT);
      const plots = r.plots();
      expect(
        plots.map((p) => p.metric),
        `${width}×${height}`,
      ).toEqual(['loss', 'accuracy', 'gradNorm', 'saturatedWrong']);
      for (const p of plots) {
        expect(p.height, `${width}×${height} ${p.metric}`).toBeGreaterThanOrEqual(MIN_PLOT_HEIGHT);
        expect(p.xTicks, `${width}×${height} ${p.metric}`).toBeGreaterThanOrEqual(2);
        expect(p.x + p.width).toBeLessThanOrEqual(width);
        expect(p.y + p.height).toBeLessThanOrEqual(height);
      }
      // No two plots overlap.
      for (const a of plots)
        for (const b of plots)
          if (a !== b)
            expect(
              a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
            ).toBe(false);
      // The drawing asks no more height than it uses for that: the scene's floor is honest.
      expect(r.minHeight).toBeLessThanOrEqual(height);
    }
    // Wide and short: one row of four.
    const wide = createCurvesRenderer(make);
    wide.draw(
      createCanvas(586, 170).getContext('2d') as unknown as CanvasRenderingContext2D,
      input,
      { width: 586, height: 170 },
      LIGHT,
    );
    expect(new Set(wide.plots().map((p) => Math.round(p.y))).size).toBe(1);
    // The floor a scene gives: at its width, enough for 80 px plots; narrower needs taller.
    const m = createCanvas(10, 10).getContext('2d') as unknown as CanvasRenderingContext2D;
    m.font = `bold 12px ${FONT}`;
    const measure = (t: string): number => m.measureText(t).width;
    const title = (k: string) => en[`draw.curve${k}` as keyof typeof en];
    const titles = {
      loss: title('Loss'),
      accuracy: title('Accuracy'),
      gradNorm: title('Grad'),
      saturatedWrong: title('SatWrong'),
    };
    const h586 = curvesMinHeight(586, 1, (k) => titles[k], measure);
    const h290 = curvesMinHeight(290, 1, (k) => titles[k], measure);
    expect(h586).toBeLessThanOrEqual(170);
    expect(h290).toBeGreaterThan(h586);
    const at = createCurvesRenderer(make);
    at.draw(
      createCanvas(290, h290).getContext('2d') as unknown as CanvasRenderingContext2D,
      input,
      { width: 290, height: h290 },
      LIGHT,
    );
    for (const p of at.plots()) expect(p.height).toBeGreaterThanOrEqual(MIN_PLOT_HEIGHT);
  });

  it('re-renders the charts only when data, size or theme change; the cursor alone is cheap', () => {
    const ctx = createCanvas(800, 500).getContext('2d') as unknown as CanvasRenderingContext2D;
    const r = createCurvesRenderer(make);
    const input = {
      series: [series('a', '#00aa00', 51, (t) => 1 / (t + 1))],
      steps: 50,
      cursor: 0,
      version: 1,
    };
    r.draw(ctx, input, size, LIGHT);
    expect(r.renders).toBe(1);
    for (let c = 1; c < 20; c++) r.draw(ctx, { ...input, cursor: c }, size, LIGHT);
    expect(r.renders).toBe(1);
    r.draw(ctx, { ...input, version: 2 }, size, LIGHT);
    expect(r.renders).toBe(2);
    r.draw(ctx, { ...input, version: 2 }, { width: 400, height: 600 }, LIGHT);
    expect(r.renders).toBe(3);
    // With a budget of one chart per call, new data takes four calls to reach every chart.
    const done = [1, 2, 3, 4].map(() =>
      r.draw(ctx, { ...input, version: 3 }, { width: 400, height: 600 }, LIGHT, 1),
    );
    expect(done).toEqual([false, false, false, true]);
    expect(r.draw(ctx, { ...input, version: 3 }, { width: 400, height: 600 }, LIGHT, 1)).toBe(true);
    r.destroy();
  });

  it('shows a gradient that is exactly zero as a note, not a line, on the log axis', () => {
    const ctx = createCanvas(800, 500).getContext('2d') as unknown as CanvasRenderingContext2D;
    const texts: string[] = [];
    const spy = new Proxy(ctx, {
      get(t, p) {
        const v = Reflect.get(t, p) as unknown;
        if (p === 'fillText')
          return (s: string, x: number, y: number) => (texts.push(s), t.fillText(s, x, y));
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
    const flat = series('clipped', '#0000ff', 101, () => 0);
    createCurvesRenderer(make).draw(spy, { series: [flat], steps: 100, cursor: 0, version: 1 }, size, LIGHT);
    expect(texts).toContain('clipped: ‖∇‖ = 0');
    // No blue line in the gradient chart's plot (the note's text aside: look below it).
    expect(count(ctx, [0, 310, 396, 140], '#0000ff', 60)).toBe(0);
    // A narrow chart (four to a row, lesson 9's in a 900×600 window): the note wrapped inside its plot.
    const small = createCanvas(586, 170).getContext('2d') as unknown as CanvasRenderingContext2D;
    const notes: { s: string; x: number; w: number }[] = [];
    const spy2 = new Proxy(small, {
      get(t, p) {
        const v = Reflect.get(t, p) as unknown;
        if (p === 'fillText')
          return (s: string, x: number, y: number) => (
            notes.push({ s, x, w: t.measureText(s).width }),
            t.fillText(s, x, y)
          );
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
    const wide = series('wide clip + NLL', '#0000ff', 101, () => 0);
    const r = createCurvesRenderer(make);
    r.draw(spy2, { series: [wide], steps: 100, cursor: 0, version: 1 }, { width: 586, height: 170 }, LIGHT);
    const plot = r.plots().find((p) => p.metric === 'gradNorm')!;
    const lines = notes.filter((n) => /wide|NLL:|‖∇‖ = 0/.test(n.s) && n.x > 20);
    expect(lines.map((n) => n.s).join(' ')).toBe('wide clip + NLL: ‖∇‖ = 0');
    for (const n of lines) {
      expect(n.x).toBeGreaterThanOrEqual(plot.x);
      expect(n.x + n.w).toBeLessThanOrEqual(plot.x + plot.width);
    }
  });

  it('labels a log axis that holds no power of ten at round ticks (2 and 5 × 10^k) or at its ends', () => {
    // What each chart's canvas has written (its title, its axes' labels).
    const written: string[][] = [];
    const spying = (w: number, h: number) => {
      const c = createCanvas(w, h);
      const ctx = c.getContext('2d');
      const fill = ctx.fillText.bind(ctx);
      const texts: string[] = [];
      written.push(texts);
      ctx.fillText = (s: string, x: number, y: number, max?: number) => {
        texts.push(s);
        fill(s, x, y, max);
      };
      return c;
    };
    const target = createCanvas(800, 500).getContext('2d') as unknown as CanvasRenderingContext2D;
    const y = (title: string): string[] => {
      const texts = written.find((t) => t.includes(title))!;
      return texts.filter((s) => s !== '' && s !== title && !/^(0|20|40|60|80|100)$/.test(s));
    };
    // Loss from 0.7 down to 0.3; gradient norms from 0.0008 down to 0.0004 (no power of ten in either).
    const narrow = {
      ...series('a', '#ff0000', 101, (t) => 0.7 - t / 250),
      gradNorms: Float64Array.from({ length: 202 }, (_, k) => 0.0008 - Math.floor(k / 2) / 250000),
    };
    createCurvesRenderer(spying).draw(
      target,
      { series: [narrow], steps: 100, cursor: 0, version: 1 },
      size,
      LIGHT,
    );
    // 0.3 … 0.7: one round tick (0.5) between the ends; 4e-4 … 8e-4: 5e-4 between them.
    expect(y(en['draw.curveLoss'])).toEqual(['0.3', '0.5', '0.7']);
    expect(y(en['draw.curveGrad'])).toEqual(['4e-4', '5e-4', '8e-4']);
    // Where the axis holds a power of ten, only powers of ten are labelled.
    written.length = 0;
    const wide = series('b', '#ff0000', 101, (t) => 2 - t / 60);
    createCurvesRenderer(spying).draw(
      target,
      { series: [wide], steps: 100, cursor: 0, version: 1 },
      size,
      LIGHT,
    );
    expect(y(en['draw.curveLoss'])).toEqual(['1']);
  });

  it('log-axis ticks and labels: powers of ten where there are some, else round ones or the ends', () => {
    expect(logTicks([0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3])).toEqual([
      0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.3,
    ]);
    expect(logTicks([0.2, 0.3, 0.4, 0.5, 0.6, 0.7])).toEqual([0.2, 0.5]);
    expect(logTicks([0.0003, 0.0004, 0.0005, 0.0006, 0.0007, 0.0008])).toEqual([0.0003, 0.0005, 0.0008]);
    expect(logTicks([3, 4])).toEqual([3, 4]);
    expect(logTicks([0.2, 0.3, 0.4])).toEqual([0.2, 0.4]);
    expect(logLabel(0.01, true)).toBe('0.01');
    expect(logLabel(0.001, true)).toBe('1e-3');
    expect(logLabel(1e-5, true)).toBe('1e-5');
    expect(logLabel(0.2, true)).toBe('');
    expect(logLabel(0.2, false)).toBe('0.2');
    expect(logLabel(0.30000000000000004, false)).toBe('0.3');
    expect(logLabel(5e-5, false)).toBe('5e-5');
    expect(logLabel(2000, false)).toBe('2000');
  });

  it('wraps a zero-gradient note to its chart, never into the chart beside it, in the text colour', () => {
    const ctx = createCanvas(333, 247).getContext('2d') as unknown as CanvasRenderingContext2D;
    const notes: [string, number, unknown][] = [];
    const spy = new Proxy(ctx, {
      get(t, p) {
        const v = Reflect.get(t, p) as unknown;
        if (p === 'fillText')
          return (s: string, x: number, y: number) => (notes.push([s, x, t.fillStyle]), t.fillText(s, x, y));
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
      set: (t, p, v) => Reflect.set(t, p, v),
    });
    const flat = series('clipped start + NLL, long name', '#0000ff', 101, () => 0);
    const r = createCurvesRenderer(make);
    while (
      !r.draw(spy, { series: [flat], steps: 100, cursor: 0, version: 1 }, { width: 333, height: 247 }, LIGHT)
    );
    const left = r.plots().find((p) => p.metric === 'gradNorm')!;
    // The legend's name first, then the note's lines: "‖∇‖ = 0" whole on the last.
    const lines = notes.filter(([s]) => /clipped|long|‖∇‖/.test(s)).slice(1);
    expect(lines.at(-1)![0]).toMatch(/‖∇‖ = 0$/);
    for (const [s, x, style] of lines) {
      // In the text colour (the variant's colour marks it): a variant's colour is often under 4.5:1.
      expect(style, s).toBe(LIGHT.foreground);
      expect(x, s).toBeGreaterThanOrEqual(left.x);
      expect(x + ctx.measureText(s).width, s).toBeLessThanOrEqual(left.x + left.width);
    }
  });
});

describe('growing curves, frame after frame', () => {
  const size = { width: 800, height: 500 };
  const input = (upTo: number) => ({
    series: [
      series('red', '#ff0000', 101, (t) => 1 - t / 200),
      series('blue', '#0000ff', 101, (t) => 0.4 + 0.3 * Math.sin(t / 9)),
    ],
    steps: 100,
    cursor: upTo,
    version: 1,
    upTo,
  });
  const pixels = (r: ReturnType<typeof createCurvesRenderer>, upTo: number): Uint8ClampedArray => {
    const target = createCanvas(800, 500);
    const ctx = target.getContext('2d') as unknown as CanvasRenderingContext2D;
    r.draw(ctx, input(upTo), size, LIGHT);
    return ctx.getImageData(0, 0, 800, 500).data;
  };
  const differing = (a: Uint8ClampedArray, b: Uint8ClampedArray): number => {
    let n = 0;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) n++;
    return n;
  };

  it('draws each frame of an animation exactly as the image of that step alone', () => {
    // Frame-exact exports: a GIF's or a PNG sequence's frame i is the image export of step i.
    const animated = createCurvesRenderer(make);
    for (const step of [0, 10, 20, 30, 45, 70, 25, 100]) {
      const alone = createCurvesRenderer(make);
      expect(differing(pixels(animated, step), pixels(alone, step)), `step ${step}`).toBe(0);
      alone.destroy();
    }
    animated.destroy();
  });

  it('draws the lines up to the step and nothing after it, as the chart clipped there does', () => {
    const layered = createCurvesRenderer(make);
    for (const step of [10, 20, 45, 70, 25]) {
      const got = pixels(layered, step);
      // The chart drawn clipped at the step (the lines drawn call by call: no layers).
      const clipped = createCurvesRenderer(make, { lines: 'direct' });
      const want = pixels(clipped, step);
      // The charts' clip columns (x of the step in each chart), where antialiasing may differ.
      const edges = clipped.cursorLines(step).map((c) => c.x);
      // Right of the clip nothing is drawn but the chart without lines: the same pixels exactly.
      // Left of it, lines drawn clipped or whole are antialiased a little differently: a few
      // levels, and more only where two lines cross.
      const charts = clipped.plots();
      let right = 0;
      let more = 0;
      for (let k = 0; k < got.length; k += 4) {
        const d =
          Math.abs(got[k] - want[k]) +
          Math.abs(got[k + 1] - want[k + 1]) +
          Math.abs(got[k + 2] - want[k + 2]);
        if (d === 0) continue;
        const x = (k / 4) % 800;
        const y = Math.floor(k / 4 / 800);
        if (edges.some((e) => Math.abs(x - e) <= 1)) continue;
        const plot = charts.findIndex((p) => y >= p.y && y < p.y + p.height && x >= p.x && x < p.x + p.width);
        if (plot >= 0 && x > edges[plot]) right++;
        else if (d > 12) more++;
      }
      expect(right, `step ${step}: right of the clip`).toBe(0);
      expect(more, `step ${step}: left of the clip, more than a few levels`).toBeLessThanOrEqual(40);
      clipped.destroy();
    }
    layered.destroy();
  });
});
