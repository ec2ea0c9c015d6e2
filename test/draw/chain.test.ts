import { describe, expect, it } from 'vitest';
import { chainAt, sci } from '../../src/core/chain';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { type ChainEdge, chainEdgeAt, drawChain, gradientWidth, paramIndex } from '../../src/draw/chain';
import { chainFormulas, texNumber } from '../../src/draw/chainTex';
import { LIGHT } from '../../src/draw/theme';
import { recordingContext } from './recorder';

const sim = runSimulation(DEFAULT_EXPERIMENT);
const view = (variant: number, example: number, t = 0) =>
  chainAt(
    sim.runs[variant].net,
    sim.data,
    sim.runs[variant].frame(t).params,
    example,
    sim.runs[variant].recordedStep(t),
  );
const size = { width: 480, height: 240 };
const texts = (calls: ReturnType<typeof recordingContext>['calls']) =>
  calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));

describe('chain diagram', () => {
  it('writes the forward values, the local derivatives and the running products along the path', () => {
    const v = view(1, 1); // sigmoid + MSE, confidently wrong
    const { ctx, calls } = recordingContext();
    drawChain(ctx, v, size, LIGHT);
    const t = texts(calls).flatMap((s) => s.split('   '));
    expect(t).toContain(`z = ${sci(v.z[0])}`);
    expect(t).toContain(`ŷ = ${sci(v.yhat[0])}`);
    expect(t).toContain(`σ′(z) = ${sci(v.dyhatdz[0])}`);
    expect(t).toContain(`∂L/∂z = ${sci(v.dLdz[0])}`);
    expect(t).toContain(`∂L/∂ŷ = ${sci(v.dLdyhat[0])}`);
    expect(t).toContain(`∂L/∂θ = ${sci(v.layers[0].gradW[0][0])}`);
    expect(t).toContain(`θ = W1[0][0] = -8`);
    expect(t.some((s) => s.startsWith('update: W1[0][0] ← W1[0][0] − α·∂J/∂W1[0][0] = -8 − 0.5·'))).toBe(
      true,
    );
    // The bias's path instead, when it is the one chosen.
    const b = recordingContext();
    drawChain(b.ctx, v, { width: 700, height: 300 }, LIGHT, undefined, undefined, { param: 1 });
    expect(texts(b.calls)).toContain(`θ = b1[0] = ${sci(v.layers[0].b[0])}`);
    expect(texts(b.calls)).toContain(`∂L/∂θ = ${sci(v.layers[0].gradB[0])}`);
  });

  it('cuts an edge whose gradient is exactly 0 (dashed) and thins one that is tiny', () => {
    const clipped = recordingContext();
    drawChain(clipped.ctx, view(0, 1), { width: 480, height: 320 }, LIGHT);
    expect(clipped.calls.filter((c) => c.name === 'setLineDash')).not.toHaveLength(0);
    expect(texts(clipped.calls).some((t) => /^• f′\(z\) = 0: the clipped unit is flat/.test(t))).toBe(true);
    const nll = recordingContext();
    drawChain(nll.ctx, view(2, 1), size, LIGHT);
    expect(nll.calls.filter((c) => c.name === 'setLineDash')).toHaveLength(0);
    expect(gradientWidth(0)).toBe(0);
    expect(gradientWidth(1e-5)).toBeLessThan(gradientWidth(1e-1));
    expect(gradientWidth(1e-5)).toBeGreaterThan(0);
  });

  it('animates the sub-steps: forward reveals values left to right; the backward sweep reaches the inputs last', () => {
    const v = view(2, 1);
    const early = recordingContext();
    drawChain(early.ctx, v, size, LIGHT, { phase: 0, t: 0.1 });
    expect(texts(early.calls)).not.toContain(`L = ${sci(v.L)}`);
    const forward = recordingContext();
    drawChain(forward.ctx, v, size, LIGHT, { phase: 1, t: 1 });
    expect(texts(forward.calls)).toContain(`L = ${sci(v.L)}`);
    expect(texts(forward.calls)).not.toContain(`∂L/∂z = ${sci(v.dLdz[0])}`);
    const half = recordingContext();
    drawChain(half.ctx, v, size, LIGHT, { phase: 2, t: 0.7 });
    expect(texts(half.calls)).toContain(`∂L/∂z = ${sci(v.dLdz[0])}`);
    expect(texts(half.calls)).not.toContain(`∂L/∂θ = ${sci(v.layers[0].gradW[0][0])}`);
  });

  it('draws the mean over the data and networks with hidden layers', () => {
    const m = recordingContext();
    drawChain(m.ctx, view(2, -1), size, LIGHT);
    expect(texts(m.calls)).toContain(`mean over the 40 examples: J = ${sci(sim.runs[2].frame(0).loss)}`);
    const deep = runSimulation({
      ...DEFAULT_EXPERIMENT,
      data: { kind: 'moons', n: 50, noise: 0.1 },
      model: { hidden: [4, 3], activation: 'sigmoid', output: 'sigmoid', classes: 2 },
      init: { kind: 'xavier' },
      steps: 3,
    });
    const r = deep.runs[0];
    const d = recordingContext();
    drawChain(
      d.ctx,
      chainAt(r.net, deep.data, r.frame(3).params, 0, r.recordedStep(3)),
      { width: 600, height: 360 },
      LIGHT,
    );
    // Nodes: 2 inputs, 4 + 3 hidden, z, ŷ, L, J.
    expect(
      d.calls.filter((c) => c.name === 'arc' && c.args[3] === 0 && c.args[4] === 2 * Math.PI),
    ).toHaveLength(13);
    expect(texts(d.calls).filter((s) => s.startsWith('‖∇W'))).toHaveLength(3);
  });
});

describe('chain formulas', () => {
  it('substitutes the live values for each unit and loss', () => {
    const nll = chainFormulas(view(2, 1));
    expect(nll[2]).toBe(
      `\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial \\hat y}\\, \\sigma'(z) = \\hat y - y = ${texNumber(view(2, 1).yhat[0])} - 1 = ${texNumber(view(2, 1).dLdz[0])}`,
    );
    expect(chainFormulas(view(1, 1))[2]).toMatch(
      /^\\frac\{\\partial L\}\{\\partial z\} = 2\(\\hat y - y\)\\, \\sigma'\(z\)/,
    );
    expect(chainFormulas(view(0, 1))[2]).toMatch(/f'\(z\) = .* \\cdot 0 = 0$/);
    expect(chainFormulas(view(3, 1))[2]).toMatch(/\\hat\{\\mathbf y\} - \\mathrm\{onehot\}\(y\) = /);
    expect(chainFormulas(view(2, -1))[0]).toMatch(/^J = \\frac\{1\}\{n\} \\sum_\{i=1\}\^\{n\} L_i = /);
    for (const f of [...nll, ...chainFormulas(view(3, 1))]) expect(f).not.toMatch(/NaN|undefined/);
  });

  it('writes numbers for LaTeX', () => {
    expect(texNumber(4.54e-5)).toBe('4.54 \\times 10^{-5}');
    expect(texNumber(-0.98213)).toBe('-0.9821');
    expect(texNumber(0)).toBe('0');
  });

  it('records each parameter’s edge for clicks, with the network’s own parameter indices', () => {
    const deep = runSimulation({
      ...DEFAULT_EXPERIMENT,
      data: { kind: 'moons', n: 30, noise: 0.1 },
      model: { hidden: [3], activation: 'tanh', output: 'sigmoid', classes: 2 },
      init: { kind: 'xavier' },
      steps: 2,
    });
    const r = deep.runs[2];
    const v = chainAt(r.net, deep.data, r.frame(1).params, 0, r.recordedStep(1));
    const edges: ChainEdge[] = [];
    drawChain(recordingContext().ctx, v, size, LIGHT, undefined, edges);
    // 2×3 weights of layer 1 and 3 of layer 2 (the path's edge drawn twice), and each unit for its bias.
    expect([...new Set(edges.map((e) => e.param))].sort((a, b) => a - b)).toEqual(
      Array.from({ length: r.net.paramCount }, (_, k) => k),
    );
    expect(paramIndex(v, 1, 0, 2)).toBe(r.net.wOff[1] + 2);
    expect(paramIndex(v, 1, 0, -1)).toBe(r.net.bOff[1]);
    const e = edges.find((x) => x.param === r.net.wOff[1] + 2)!;
    expect(chainEdgeAt(edges, (e.x1 + e.x2) / 2, (e.y1 + e.y2) / 2 + 1)?.param).toBe(r.net.wOff[1] + 2);
    expect(chainEdgeAt(edges, 1, 1)).toBeNull();
  });
});
