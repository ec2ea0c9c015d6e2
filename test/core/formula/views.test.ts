/**
 * Typed units and losses everywhere a built-in one is drawn (issue 19): the loss
 * surface, the chain diagram's factors and notes, its TeX, and the unit plots.
 */
import { describe, expect, it } from 'vitest';
import { chainAt, gradientStep } from '../../../src/core/chain';
import type { LossSpec, OutputSpec } from '../../../src/core/experiment';
import { createNetwork, initParams } from '../../../src/core/network';
import { computeSurface, type SurfaceSpec } from '../../../src/core/surface';
import { unitAt } from '../../../src/core/units';
import { chainFormulas } from '../../../src/draw/chainTex';
import { LIGHT } from '../../../src/draw/theme';
import { drawFormulaPreview } from '../../../src/draw/formula';
import { drawUnitPlots } from '../../../src/draw/units';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import type { Experiment } from '../../../src/core/experiment';
import { codeProblem, pytorchScript } from '../../../src/export/pytorch';
import { pytorchNotebook } from '../../../src/export/notebook';
import { translator } from '../../../src/i18n';
import { recordingContext } from '../../draw/recorder';
import { randomDataset } from '../helpers';

const SIGMA: OutputSpec = { name: 'typed σ', f: '1 / (1 + exp(-z))' };
const CLIP: OutputSpec = { name: 'wide clip', f: 'max(0, min(1, 0.5 + z / 4))' };

function surface(
  unit: OutputSpec,
  loss: LossSpec,
  hidden: number[],
  where: 'output' | 'first',
): Float64Array {
  const data = randomDataset(300, 2, 2, 5);
  const sizes = [2, ...hidden, 1];
  const theta = initParams(sizes, { kind: 'xavier' }, 3);
  const P = theta.length;
  const spec: SurfaceSpec = {
    net: { sizes, activation: 'tanh', unit, loss },
    x: data.x,
    y: data.y,
    theta,
    p: where === 'output' ? P - 2 : 0,
    q: where === 'output' ? P - 1 : 1,
    pRange: [-6, 4],
    qRange: [-3, 5],
    size: 13,
  };
  return computeSurface(spec).values;
}

describe('typed units in the views', () => {
  it('the loss surface of a typed σ + MSE is the built-in one (affine rows by the chunk kernel, and the general path)', () => {
    for (const [hidden, where] of [
      [[], 'output'],
      [[4], 'output'],
      [[4], 'first'],
    ] as const) {
      const a = surface('sigmoid', 'mse', [...hidden], where);
      const b = surface(SIGMA, 'mse', [...hidden], where);
      const c = surface('sigmoid', { name: 'sq', L: '(p - y)^2' }, [...hidden], where);
      for (let i = 0; i < a.length; i++) {
        expect(Math.abs(b[i] - a[i])).toBeLessThan(1e-12 * Math.max(1, a[i]));
        expect(Math.abs(c[i] - a[i])).toBeLessThan(1e-12 * Math.max(1, a[i]));
      }
    }
  });

  it('the chain diagram shows f′(z) and ∂L/∂ŷ of a typed unit with their values, and notes a flat unit', () => {
    const data = randomDataset(20, 1, 2, 4);
    const net = createNetwork([1, 1], 'relu', CLIP, 'nll');
    // z = −8x: the examples with x > 0.25 sit on the clip's lower flat part.
    const theta = Float64Array.from([-8, 0]);
    const i = Array.from(data.x).findIndex((x, k) => x > 1 && data.y[k] === 1);
    expect(i).toBeGreaterThanOrEqual(0);
    const v = chainAt(net, data, theta, i, gradientStep(net, data, theta, 0.5));
    expect(v.yhat[0]).toBe(0);
    expect(v.dyhatdz[0]).toBe(0);
    expect(v.dLdz[0]).toBe(0);
    // PyTorch's BCELoss: log clamped at −100, ∂L/∂ŷ = (ŷ − y)/max(ŷ(1 − ŷ), 1e-12).
    expect(v.L).toBe(100);
    expect(v.dLdyhat[0]).toBe(-1e12);
    expect(v.notes.some((n) => n.factor === 'f′(z)')).toBe(true);
    const tex = chainFormulas(v).join('\n');
    expect(tex).toContain("\\quad f'(z) = ");
    expect(tex).toContain('\\max');
    // A smooth typed unit: the factors are the exact ones.
    const s = createNetwork([1, 1], 'relu', SIGMA, 'mse');
    const sv = chainAt(s, data, Float64Array.from([0.7, 0.1]), 3, gradientStep(s, data, theta, 0.5));
    const z = sv.z[0];
    const sig = 1 / (1 + Math.exp(-z));
    expect(sv.dyhatdz[0]).toBeCloseTo(sig * (1 - sig), 14);
    expect(sv.dLdz[0]).toBeCloseTo(2 * (sig - data.y[3]) * sig * (1 - sig), 14);
  });

  it('the unit plots draw a typed unit and say where its formula overflows in float64', () => {
    const u = unitAt(SIGMA, 'mse', 2, 1);
    expect(u.yhat).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    const rec = recordingContext();
    drawUnitPlots(
      rec.ctx,
      {
        unit: SIGMA,
        loss: { name: 'CE', L: '-(y*log(p) + (1-y)*log(1-p))' },
        z: Float64Array.from([-3, 0.5, 2]),
        y: Int32Array.from([1, 0, 1]),
        example: 0,
        naive: true,
      },
      { width: 900, height: 400 },
      LIGHT,
    );
    const text = rec.calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(text.some((t) => t.includes('CE'))).toBe(true);
    // exp(−z) overflows for z < −709.8: f′ = exp(−z)/(1 + exp(−z))² is ∞/∞ there.
    expect(text.some((t) => /f′ is not .* z < -709\.\d/.test(t))).toBe(true);
  });

  it('the editor preview draws f, f′ and L for y = 1 and y = 0, with gaps where they are not finite', () => {
    const rec = recordingContext();
    drawFormulaPreview(
      rec.ctx,
      {
        f: (z) => Math.sqrt(z),
        der: (z) => 0.5 / Math.sqrt(z),
        loss: (z, y) => (Math.sqrt(z) - y) ** 2,
        range: 8,
      },
      { width: 300, height: 110 },
      LIGHT,
    );
    const text = rec.calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
    expect(text).toEqual(expect.arrayContaining(['f(z)', 'f′(z)', 'L, y = 1', 'L, y = 0', '-8', '8', 'z']));
    // Every point drawn is a finite number (NaN for z < 0 leaves a gap, not a line to NaN).
    for (const c of rec.calls.filter((c) => c.name === 'lineTo' || c.name === 'moveTo'))
      expect(c.args.every((a) => Number.isFinite(a as number))).toBe(true);
  });
});

describe('export as code', () => {
  it('refuses a typed unit or loss, naming the variant and its formula, in the export language', () => {
    const exp = structuredClone(DEFAULT_EXPERIMENT) as Experiment;
    exp.variants = [
      { name: 'plain', model: { output: 'sigmoid' }, loss: 'nll' },
      { name: 'mine', model: { output: { name: 'half tanh', f: '(tanh(z) + 1) / 2' } }, loss: 'nll' },
    ];
    expect(codeProblem(exp)).toBe(
      'Variant "mine": "half tanh" is typed as a formula ((tanh(z) + 1) / 2), which the PyTorch export cannot translate yet; change it to a built-in unit and loss to export the code.',
    );
    expect(codeProblem(exp, translator('zh-CN'))).toContain('变体“mine”');
    exp.variants[1] = { name: 'sq', loss: { name: 'squared', L: '(p - y)^2' } };
    expect(codeProblem(exp)).toContain('Variant "sq": "squared" is typed as a formula ((p - y)^2)');
    expect(pytorchScript(exp, 'x').ok).toBe(false);
    expect(pytorchNotebook(exp, 'x').ok).toBe(false);
  });
});
