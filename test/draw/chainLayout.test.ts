/**
 * The chain diagram's layout for every shape of network the validator accepts, at widths from
 * 320 to 1,600 px, measured with a real text engine (@napi-rs/canvas): no two text boxes
 * intersect, none leaves the canvas, and the chosen parameter's path is labelled.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chainAt, type ChainView, gradientStep, sci } from '../../src/core/chain';
import type { ActivationName, LossName, OutputUnitName } from '../../src/core/experiment';
import { LIMITS } from '../../src/core/experiment';
import { createNetwork, initParams, paramName } from '../../src/core/network';
import {
  chainHeight,
  chainParamName,
  contextMeasure,
  crosses,
  defaultChainParam,
  drawChain,
  intersects,
  layoutChain,
  paramAt,
  paramIndex,
  type ChainLayout,
  wrapText,
} from '../../src/draw/chain';
import { LIGHT, withLocale } from '../../src/draw/theme';
import { recordingContext } from './recorder';

const measureCtx = createCanvas(10, 10).getContext('2d') as unknown as CanvasRenderingContext2D;
const measure = contextMeasure(measureCtx);
const ZH = withLocale(LIGHT, 'zh-CN');

interface Shape {
  name: string;
  dims: number;
  hidden: number[];
  unit: OutputUnitName;
  loss: LossName;
  classes: number;
  activation?: ActivationName;
}

const SHAPES: Shape[] = [
  { name: '1-D', dims: 1, hidden: [], unit: 'sigmoid', loss: 'mse', classes: 2 },
  { name: '2-D', dims: 2, hidden: [], unit: 'sigmoid', loss: 'nll', classes: 2 },
  { name: 'hidden [4,4]', dims: 2, hidden: [4, 4], unit: 'sigmoid', loss: 'nll', classes: 2 },
  { name: 'hidden [8,8,8,8]', dims: 2, hidden: [8, 8, 8, 8], unit: 'sigmoid', loss: 'nll', classes: 2 },
  { name: 'hidden [64]', dims: 2, hidden: [64], unit: 'clipped', loss: 'nll', classes: 2 },
  { name: 'softmax, 2 classes', dims: 1, hidden: [], unit: 'softmax', loss: 'nll', classes: 2 },
  { name: 'softmax, 3 classes', dims: 2, hidden: [4], unit: 'softmax', loss: 'mse', classes: 3 },
  { name: 'softmax, 16 classes', dims: 2, hidden: [8], unit: 'softmax', loss: 'nll', classes: 16 },
  { name: '64 inputs', dims: 64, hidden: [64, 64, 64, 64], unit: 'softmax', loss: 'nll', classes: 16 },
];
expect(LIMITS.maxInputDims).toBe(64);

/** A network of the shape, its Xavier start, 12 seeded examples, and the chain of example 3 (or the mean). */
function chainOf(s: Shape, example = 3): ChainView {
  const sizes = [s.dims, ...s.hidden, s.unit === 'softmax' ? s.classes : 1];
  const net = createNetwork(sizes, s.activation ?? 'tanh', s.unit, s.loss);
  const theta = initParams(sizes, { kind: 'xavier' }, 7);
  const n = 12;
  const x = new Float64Array(n * s.dims);
  const y = new Int32Array(n);
  let r = 1;
  const rand = (): number => ((r = (r * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 0; i < x.length; i++) x[i] = rand();
  for (let i = 0; i < n; i++) y[i] = i % s.classes;
  const data = { x, y, n };
  return chainAt(net, data, theta, example, gradientStep(net, data, theta, 0.5));
}

/** No text box outside the canvas, none intersecting another. */
function expectLegible(lay: ChainLayout, width: number, height: number, what: string): void {
  for (const b of lay.boxes) {
    if (!(b.x >= 0 && b.y >= 0 && b.x + b.w <= width + 1e-9 && b.y + b.h <= height + 1e-9 && b.w > 0))
      expect.fail(`${what}: "${b.text}" at (${b.x}, ${b.y}) ${b.w}×${b.h} leaves the canvas`);
  }
  // The path's labels cover no unit and no stretch of the path's line.
  for (const b of lay.boxes) {
    if (b.kind !== 'label') continue;
    for (const n of lay.nodes) {
      const hh = n.count > 1 ? n.h / 2 : n.r;
      if (intersects(b, { x: n.x - n.r, y: n.y - hh, w: 2 * n.r, h: 2 * hh }))
        expect.fail(`${what}: "${b.text}" covers unit ${n.k} of column ${n.col}`);
    }
    for (const e of lay.lines) {
      if (!e.onPath) continue;
      for (let t = 0; t <= 1; t += 1 / 64) {
        const x = e.x1 + (e.x2 - e.x1) * t;
        const y = e.y1 + (e.y2 - e.y1) * t;
        if (x > b.x + 1 && x < b.x + b.w - 1 && y > b.y + 1 && y < b.y + b.h - 1)
          expect.fail(`${what}: "${b.text}" covers the path's line at (${x.toFixed(1)}, ${y.toFixed(1)})`);
      }
    }
  }
  for (let i = 0; i < lay.boxes.length; i++) {
    for (let j = i + 1; j < lay.boxes.length; j++) {
      const a = lay.boxes[i];
      const b = lay.boxes[j];
      if (intersects(a, b)) expect.fail(`${what}: "${a.text}" and "${b.text}" intersect`);
    }
  }
}

const WIDTHS = [320, 400, 480, 560, 640, 800, 960, 1200, 1600];

describe('the chain diagram’s layout', () => {
  for (const s of SHAPES) {
    it(`${s.name}: no label intersects another or leaves the canvas, 320–1600 px, both languages`, () => {
      const views = [chainOf(s), chainOf(s, -1)];
      for (const v of views) {
        for (const theme of [LIGHT, ZH]) {
          for (const width of WIDTHS) {
            // At the height the panel gives it (its natural one) and at fixed heights (exports).
            const natural = chainHeight(v, width, theme, measure);
            for (const height of [natural, 200, 320]) {
              const lay = layoutChain(v, { width, height }, theme, measure);
              expectLegible(
                lay,
                width,
                height,
                `${s.name} ${theme.locale} ${width}×${height} ex ${v.example}`,
              );
            }
            // Focus mode: the text scaled up.
            const big = layoutChain(v, { width, height: NaN }, theme, measure, { scale: 1.6 });
            expectLegible(big, width, big.height, `${s.name} focus ${width}`);
          }
        }
      }
    }, 60_000);
  }

  it('labels the whole path at its natural height when there is room: value, local derivative, running product', () => {
    const v = chainOf(SHAPES[2]); // hidden [4, 4]
    const param = paramIndex(v, 0, 2, 1); // W1[2][1]
    const lay = layoutChain(v, { width: 1200, height: NaN }, LIGHT, measure, { param });
    // In the graph, or (where it found no room) in the lines that follow it.
    const texts = lay.boxes.flatMap((b) => (b.kind === 'overflow' ? b.text.split('   ') : [b.text]));
    expect(texts).toContain(`θ = W1[2][1] = ${sci(v.layers[0].W[2][1])}`);
    expect(texts).toContain(`∂L/∂θ = ${sci(v.layers[0].gradW[2][1])}`);
    expect(texts).toContain(`x[1] = ${sci(v.acts[0][1])}`);
    expect(texts).toContain(`h1[2] = ${sci(v.acts[1][2])}`);
    // The running product at h1[2] is Σ_o W2[o][2]·∂L/∂b2[o], and ∂L/∂θ = it · g′ · x[1].
    const dh = v.layers[1].W.reduce((s, row, o) => s + row[2] * v.layers[1].gradB[o], 0);
    expect(texts).toContain(`∂L/∂h1[2] = ${sci(dh)}`);
    expect(dh * v.gprime[0][2] * v.acts[0][1]).toBeCloseTo(v.layers[0].gradW[2][1], 12);
    expect(texts).toContain(`z = ${sci(v.z[0])}`);
    expect(texts).toContain(`∂L/∂z = ${sci(v.dLdz[0])}`);
    expect(texts).toContain(`σ′(z) = ${sci(v.dyhatdz[0])}`);
    expect(texts).toContain(`L = ${sci(v.L)}`);
    expect(texts).toContain(`J = ${sci(v.J)}`);
    // What found no room follows in one line at most (its texts apart, each after its badge).
    const under = lay.boxes.filter((b) => b.kind === 'overflow' || (b.kind === 'marker' && b.col < 0));
    expect(new Set(under.map((b) => b.y)).size).toBeLessThanOrEqual(1);
    // One highlighted path: x[1] → h1[2] → h2[·] → z → ŷ → L → J.
    expect(lay.lines.filter((l) => l.onPath)).toHaveLength(6);
    expect(lay.lines.find((l) => l.onPath && l.param === param)).toBeDefined();
    // Every weight drawn once more as a thin line (2·4 + 4·4 + 4), and clickable.
    expect(lay.lines.filter((l) => !l.onPath && l.param >= 0)).toHaveLength(28);
  });

  it('numbers the labels that follow a short graph: a badge where each would go, the same number before its text', () => {
    let numbered = 0;
    for (const s of SHAPES) {
      for (const v of [chainOf(s), chainOf(s, -1)]) {
        for (const width of [320, 584, 800]) {
          // The fixed heights a lesson's scene gives a diagram in a small window (MIN_CHAIN_HEIGHT and up).
          for (const height of [120, 160, 200]) {
            const lay = layoutChain(v, { width, height }, LIGHT, measure);
            const what = `${s.name} ${width}×${height} ex ${v.example}`;
            const under = lay.boxes.filter((b) => b.kind === 'overflow');
            const badges = lay.boxes.filter((b) => b.kind === 'marker');
            // Along the path from the input side (left to right, then top to bottom).
            const onPath = badges.filter((b) => b.col >= 0).sort((a, b) => a.x - b.x || a.y - b.y);
            const before = badges.filter((b) => b.col < 0);
            // Each number once on the path and once under it, 1, 2, 3… in order on both.
            const numbers = onPath.map((_, i) => String(i + 1));
            if (onPath.length <= 9)
              expect(
                onPath.map((b) => b.text),
                what,
              ).toEqual(numbers);
            expect(new Set(onPath.map((b) => b.text)), what).toEqual(new Set(numbers));
            expect(
              before.map((b) => b.text),
              what,
            ).toEqual(numbers);
            // A badge on the path sits in the graph, above the lines under it; one under it leads its text.
            const firstLine = Math.min(...under.map((b) => b.y));
            for (const b of onPath) expect(b.y + b.h, what).toBeLessThanOrEqual(firstLine);
            for (const b of before)
              expect(
                under.some((t) => t.y === b.y && Math.abs(t.x - (b.x + b.w + 4)) < 1e-9),
                `${what}: badge ${b.text} leads no text`,
              ).toBe(true);
            numbered += before.length;
            // A text under the graph follows its badge (but where the graph had no room left for one).
            const l = under.filter(
              (t) => !before.some((b) => b.y === t.y && Math.abs(t.x - (b.x + b.w + 4)) < 1e-9),
            ).length;
            // The lessons' diagrams (one input, no hidden layer) in a 900×600 window or larger: every one.
            if (s.name === '1-D' && width >= 584) expect(l, `${what}: texts without a badge`).toBe(0);
            expectLegible(lay, width, height, what);
          }
        }
      }
    }
    // Short graphs do leave labels out of the graph (this checks something).
    expect(numbered).toBeGreaterThan(20);
  });

  it('keeps every label of the path where a short graph cannot place them, and draws the graph', () => {
    // The heights an export's chain cell gets (800×600 with data, chain and curves: about 118 px
    // for each of four variants): a shorter graph leaves more labels out, so reserving lines for
    // them may never settle. Then they all follow the graph as text, none lost (the last stop's
    // layout lost the gradient itself here).
    let asText = 0;
    for (const s of SHAPES.slice(0, 6)) {
      for (const v of [chainOf(s), chainOf(s, -1)]) {
        for (const width of [320, 390, 480]) {
          for (const height of [118, 130, 150]) {
            const lay = layoutChain(v, { width, height }, LIGHT, measure);
            const what = `${s.name} ${width}×${height} ex ${v.example}`;
            expectLegible(lay, width, height, what);
            expect(lay.nodes.length, `${what}: no graph`).toBeGreaterThan(0);
            const texts = lay.boxes.flatMap((b) => (b.kind === 'overflow' ? b.text.split('   ') : [b.text]));
            const param = defaultChainParam(v);
            const p = paramAt(v, param)!;
            const grad = p.j < 0 ? v.layers[p.l].gradB[p.o] : v.layers[p.l].gradW[p.o][p.j];
            const dJ = texts.find((t) => t.startsWith('∂J') && t.endsWith(`= ${sci(grad)}`));
            const dL = texts.find((t) => t === `∂L/∂θ = ${sci(grad)}`);
            expect(dJ ?? dL, `${what}: the gradient of θ is nowhere`).toBeDefined();
            // The last lines may be cut where even the text has no room (narrow: more lines).
            if (width >= 390) {
              if (v.example >= 0) expect(texts, what).toContain(`L = ${sci(v.L)}`);
              expect(texts, what).toContain(`J = ${sci(v.J)}`);
            }
            if (!lay.boxes.some((b) => b.kind === 'label' || b.kind === 'marker')) asText++;
          }
        }
      }
    }
    // Some of these sizes do fall back to text (this checks something).
    expect(asText).toBeGreaterThan(0);
  });

  it('draws the softmax coupling the gradient flows through: z[k] → ŷ[y] for NLL', () => {
    const v = chainOf(SHAPES[6 - 1]); // softmax, 2 classes, example 3: y = 1
    expect(v.y).toBe(1);
    const param = paramIndex(v, 0, 0, 0); // W1[0][0]: class 0's logit
    const lay = layoutChain(v, { width: 900, height: NaN }, LIGHT, measure, { param });
    const texts = lay.boxes.map((b) => b.text);
    // The path goes z[0] → ŷ[1]: the coupling ∂ŷ[1]/∂z[0] = −ŷ₁ŷ₀.
    expect(texts).toContain(`∂ŷ[1]/∂z[0] = ${sci(v.jacobian[1 * 2 + 0])}`);
    expect(v.jacobian[2]).toBeCloseTo(-v.yhat[1] * v.yhat[0], 14);
    // Every z to ŷ[y], the only ŷ that NLL's L depends on (K lines), and ŷ[y] alone to L.
    const zCol = 1;
    expect(lay.lines.filter((l) => l.col === zCol && !l.onPath)).toHaveLength(2);
    expect(lay.lines.filter((l) => l.col === zCol + 1 && !l.onPath)).toHaveLength(1);
    // With MSE every ŷ counts: K² couplings.
    const mse = chainOf(SHAPES[6]);
    const lm = layoutChain(mse, { width: 900, height: NaN }, LIGHT, measure);
    expect(lm.lines.filter((l) => l.col === 2 && !l.onPath)).toHaveLength(9);
  });

  it('summarises wide layers as one bar with its vector norm, and keeps the path through it', () => {
    const v = chainOf(SHAPES[8]); // 64 inputs, 4 × 64 hidden, 16 classes
    const lay = layoutChain(v, { width: 1600, height: NaN }, LIGHT, measure, {
      param: paramIndex(v, 0, 3, 5),
    });
    const bars = lay.nodes.filter((n) => n.count > 1);
    expect(bars.map((n) => n.count)).toEqual([64, 64, 64, 64, 64]);
    expect(lay.nodes.filter((n) => n.onPath)).toHaveLength(lay.cols);
    expect(lay.boxes.map((b) => b.text)).toContain('h2 (64)');
    // Fewer than a hundred lines, not 64·64·4.
    expect(lay.lines.length).toBeLessThan(400);
    // The bars of the gradient norms: one per layer, all inside the canvas.
    expect(lay.bars).toHaveLength(5);
    for (const b of lay.bars) expect(b.x + b.w).toBeLessThanOrEqual(1600);
  });

  it('prints each note once, wrapped, never cut mid-word', () => {
    const s: Shape = { name: 'relu', dims: 2, hidden: [4, 4], unit: 'sigmoid', loss: 'nll', classes: 2 };
    const sizes = [2, 4, 4, 1];
    const net = createNetwork(sizes, 'relu', 'sigmoid', 'nll');
    const theta = initParams(sizes, { kind: 'xavier' }, 7);
    // Biases far negative: every ReLU unit is dead.
    for (let l = 0; l < 2; l++) for (let o = 0; o < 4; o++) theta[net.bOff[l] + o] = -50;
    const x = Float64Array.from([0.5, 0.2, -0.3, 0.1]);
    const data = { x, y: Int32Array.from([1, 0]), n: 2 };
    const v = chainAt(net, data, theta, 0, gradientStep(net, data, theta, 0.5));
    void s;
    expect(v.notes.length).toBeGreaterThan(0);
    const lay = layoutChain(v, { width: 320, height: NaN }, LIGHT, measure);
    const noteText = lay.boxes
      .filter((b) => b.kind === 'note')
      .map((b) => b.text)
      .join(' ');
    for (const n of v.notes) expect(noteText).toContain(n.text.split(' ').slice(-3).join(' '));
    // Each note's first words exactly once.
    for (const n of v.notes) expect(noteText.split(n.text.slice(0, 20)).length - 1).toBe(1);
    expectLegible(lay, 320, lay.height, 'dead units');
  });

  it('short of room, leaves out the update before the notes (they say why a gradient vanished)', () => {
    const sizes = [2, 4, 4, 1];
    const net = createNetwork(sizes, 'relu', 'sigmoid', 'nll');
    const theta = initParams(sizes, { kind: 'xavier' }, 7);
    for (let l = 0; l < 2; l++) for (let o = 0; o < 4; o++) theta[net.bOff[l] + o] = -50;
    const data = { x: Float64Array.from([0.5, 0.2, -0.3, 0.1]), y: Int32Array.from([1, 0]), n: 2 };
    const v = chainAt(net, data, theta, 0, gradientStep(net, data, theta, 0.5));
    const natural = layoutChain(v, { width: 600, height: NaN }, LIGHT, measure);
    const kinds = (l: ChainLayout, k: string): string[] =>
      l.boxes.filter((b) => b.kind === k).map((b) => b.text);
    expect(kinds(natural, 'update').length).toBeGreaterThan(0);
    expect(kinds(natural, 'note').length).toBeGreaterThan(0);
    // The first height, going down, at which anything is left out: the update goes, every note stays.
    const whole = (l: ChainLayout): number => kinds(l, 'update').length + kinds(l, 'note').length;
    let height = natural.height;
    let short = natural;
    while (whole(short) === whole(natural) && height > 100)
      short = layoutChain(v, { width: 600, height: (height -= 2) }, LIGHT, measure);
    expect(kinds(short, 'note')).toEqual(kinds(natural, 'note'));
    expect(kinds(short, 'update')).toEqual([]);
    expectLegible(short, 600, height, 'short');
  });

  it('knows when a line passes through or near a box (the path’s line is an obstacle for labels)', () => {
    const box = { x: 10, y: 10, w: 20, h: 10 };
    expect(crosses({ x1: 0, y1: 0, x2: 40, y2: 30 }, box)).toBe(true); // through it
    expect(crosses({ x1: 0, y1: 15, x2: 5, y2: 15 }, box)).toBe(false); // stops short
    expect(crosses({ x1: 0, y1: 15, x2: 5, y2: 15 }, box, 6)).toBe(true); // within the pad
    expect(crosses({ x1: 0, y1: 40, x2: 40, y2: 25 }, box)).toBe(false); // passes below
    expect(crosses({ x1: 20, y1: 0, x2: 20, y2: 50 }, box)).toBe(true); // vertical, across
    expect(crosses({ x1: 35, y1: 0, x2: 35, y2: 50 }, box)).toBe(false);
  });

  it('names parameters as the app does', () => {
    const v = chainOf(SHAPES[2]);
    const sizes = [2, 4, 4, 1];
    const net = createNetwork(sizes, 'tanh', 'sigmoid', 'nll');
    for (let k = 0; k < net.paramCount; k++) {
      expect(chainParamName(v, k)).toBe(paramName(net, k));
      const p = paramAt(v, k)!;
      expect(paramIndex(v, p.l, p.o, p.j)).toBe(k);
    }
    expect(paramAt(v, net.paramCount)).toBeNull();
    expect(chainParamName(v, defaultChainParam(v))).toBe('W3[0][0]');
    const soft = chainOf(SHAPES[7]);
    expect(chainParamName(soft, defaultChainParam(soft))).toBe('W2[1][0]');
  });

  it('wraps English at spaces and Chinese between characters', () => {
    const w = (s: string): number => measure(s, '12px sans-serif');
    const en = wrapText('the quick brown fox jumps over the lazy dog', 80, w);
    expect(en.length).toBeGreaterThan(1);
    for (const l of en) expect(w(l)).toBeLessThanOrEqual(80);
    expect(en.join(' ')).toBe('the quick brown fox jumps over the lazy dog');
    const zh = wrapText('第 2 层的 4 个单元中有 4 个已死：没有梯度能到达它们', 90, w);
    expect(zh.length).toBeGreaterThan(1);
    for (const l of zh) expect(w(l)).toBeLessThanOrEqual(90);
  });

  it('draws every box it laid out, and nothing else as text', () => {
    const v = chainOf(SHAPES[3]);
    const { ctx, calls } = recordingContext();
    const lay = drawChain(ctx, v, { width: 700, height: 420 }, LIGHT);
    const drawn = calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(drawn).toEqual(lay.boxes.map((b) => b.text));
  });
});
