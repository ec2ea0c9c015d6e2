/**
 * Each lesson's preset is a valid experiment and shows its claim in numbers,
 * run with the core exactly as the studio runs it.
 */
import { describe, expect, it } from 'vitest';
import { logit, sigmoid } from '../../src/core/scalar';
import { runSimulation } from '../../src/core/simulation';
import { validateExperiment } from '../../src/core/validate';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { LESSONS } from '../../src/lessons/lessons';

const byId = (id: string) => LESSONS.find((l) => l.id === id)!;
const run = (id: string) => {
  const v = validateExperiment(byId(id).experiment);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return runSimulation(v.experiment);
};
const named = (sim: ReturnType<typeof run>, name: string) => sim.runs.find((r) => r.variant.name === name)!;

describe('the lessons', () => {
  it('are six, each with words in both languages, a valid preset, panels and an action', () => {
    expect(LESSONS).toHaveLength(6);
    for (const l of LESSONS) {
      expect(validateExperiment(l.experiment).ok, l.id).toBe(true);
      for (const key of [l.title, ...l.body, l.action.label]) {
        expect(en[key], key).toBeTruthy();
        expect(zhCN[key], key).toBeTruthy();
      }
      expect(l.panels.length).toBeGreaterThan(0);
      expect(
        l.formulas.every((f) => !/\\text\{/.test(f)),
        `${l.id}: no words in formulas`,
      ).toBe(true);
    }
  });

  it('1: the clipped variants end with exactly the parameters they started with; linear regression moves', () => {
    const sim = run('probability');
    for (const name of ['clipped + MSE', 'clipped + NLL']) {
      const r = named(sim, name);
      const first = r.frame(0).params.slice();
      const last = r.frame(r.length - 1).params;
      expect(r.length - 1, name).toBe(sim.experiment.steps);
      expect(Array.from(last), name).toEqual(Array.from(first));
      expect(r.frame(r.length - 1).gradNorms[0], name).toBe(0);
    }
    const lin = named(sim, 'linear + MSE');
    expect(lin.frame(lin.length - 1).loss).toBeLessThan(lin.frame(0).loss / 100);
  });

  it('2: the log-odds of the sigmoid’s p are z, and p crosses 1/2 where z crosses 0', () => {
    const sim = run('odds');
    const r = sim.runs[0];
    const d = r.details(r.length - 1);
    for (let i = 0; i < d.z.length; i++) {
      expect(logit(sigmoid(d.z[i]))).toBeCloseTo(d.z[i], 9);
      expect(d.yhat[i] > 0.5).toBe(d.z[i] > 0);
    }
    expect(r.frame(r.length - 1).accuracy).toBe(1);
  });

  it('3: softmax with two classes starts with the sigmoid’s probabilities, example by example', () => {
    const sim = run('softmax');
    const s = named(sim, 'sigmoid + NLL').details(0);
    const m = named(sim, 'softmax + NLL').details(0);
    for (let i = 0; i < s.yhat.length; i++) expect(m.yhat[2 * i + 1]).toBeCloseTo(s.yhat[i], 12);
    expect(named(sim, 'softmax + NLL').frame(0).loss).toBeCloseTo(
      named(sim, 'sigmoid + NLL').frame(0).loss,
      12,
    );
  });

  it('4: σ′ ≤ 1/4, and sigmoid + MSE from a confidently wrong start barely learns', () => {
    const sim = run('saturation');
    const r = sim.runs[0];
    const d = r.details(0);
    expect(Math.max(...d.dyhatdz)).toBeLessThanOrEqual(0.25);
    // The worst examples are deep in saturation: σ′ below 10⁻³.
    expect(Math.min(...d.dyhatdz)).toBeLessThan(1e-3);
    expect(r.frame(r.length - 1).loss / r.frame(0).loss).toBeGreaterThan(0.9);
  });

  it('5: NLL’s loss falls at least tenfold while MSE’s barely moves', () => {
    const sim = run('log-cancels-exp');
    const nll = named(sim, 'sigmoid + NLL');
    const mse = named(sim, 'sigmoid + MSE');
    expect(nll.frame(nll.length - 1).loss).toBeLessThan(nll.frame(0).loss / 10);
    expect(mse.frame(mse.length - 1).loss / mse.frame(0).loss).toBeGreaterThan(0.9);
  });

  it('6: the first layer’s gradient norm with sigmoid hidden units is at least 4× smaller than with ReLU', () => {
    const sim = run('hidden-units');
    const sig = named(sim, 'sigmoid hidden').frame(0).gradNorms[0];
    const relu = named(sim, 'ReLU hidden').frame(0).gradNorms[0];
    expect(relu / sig).toBeGreaterThanOrEqual(4);
    // Layer by layer: with sigmoid units the norm shrinks going down towards the input.
    const g = named(sim, 'sigmoid hidden').frame(0).gradNorms;
    for (let l = 0; l + 2 < g.length; l++) expect(g[l]).toBeLessThan(g[l + 1]);
  });
});
