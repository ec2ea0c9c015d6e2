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
import { builtinTask } from '../../src/core/table';
import { History } from '../../src/core/history';
import {
  LESSON_SCENES,
  LESSON_STATUS,
  LESSONS,
  predictionOf,
  type RunNumbers,
  sceneOf,
} from '../../src/lessons/lessons';

const byId = (id: string) => LESSONS.find((l) => l.id === id)!;
const run = (id: string) => {
  const v = validateExperiment(byId(id).experiment);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return runSimulation(v.experiment);
};
const named = (sim: ReturnType<typeof run>, name: string) => sim.runs.find((r) => r.variant.name === name)!;

describe('the lessons', () => {
  it('are nine, each with words in both languages, a valid preset, panels and an action', () => {
    expect(LESSONS).toHaveLength(9);
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

  it('7: on the penguins, the clipped unit stalls with most birds saturated and wrong; sigmoid + NLL ends above 98 % right', () => {
    const sim = run('real-data');
    expect(sim.data.n).toBe(342);
    const clipped = named(sim, 'clipped + NLL');
    const nll = named(sim, 'sigmoid + NLL');
    const last = (r: typeof clipped) => r.frame(r.length - 1);
    // A confidently wrong start: almost every bird misclassified, most of them saturated.
    expect(nll.frame(0).accuracy).toBeLessThan(0.05);
    expect(clipped.history.saturatedWrong[0]).toBeGreaterThan(0.9);
    expect(last(clipped).accuracy).toBeLessThan(0.3);
    expect(clipped.history.saturatedWrong[clipped.length - 1]).toBeGreaterThan(0.7);
    // Its last 50 steps moved no parameter: every gradient is exactly 0.
    expect(Array.from(last(clipped).params)).toEqual(Array.from(clipped.frame(clipped.length - 51).params));
    expect(last(nll).accuracy).toBeGreaterThan(0.98);
    const mse = named(sim, 'sigmoid + MSE');
    expect(last(mse).accuracy).toBeLessThan(last(nll).accuracy);
  });

  it('8: on separable iris data J falls towards 0 while ‖w‖ keeps growing, about equally per tenfold steps', () => {
    const sim = run('separable');
    const r = sim.runs[0];
    const norm = (t: number) => Math.hypot(...Array.from(r.frame(t).params).slice(0, 4));
    const [a, b, c] = [norm(30), norm(300), norm(3000)];
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    // Logarithmic growth: the rise from 300 to 3000 steps is within a factor 2 of the rise from 30 to 300.
    expect((c - b) / (b - a)).toBeGreaterThan(0.5);
    expect((c - b) / (b - a)).toBeLessThan(2);
    expect(r.frame(3000).accuracy).toBe(1);
    expect(r.frame(3000).loss).toBeLessThan(r.frame(300).loss / 5);
    expect(r.frame(3000).loss).toBeGreaterThan(0);
    // Versicolor against virginica, same settings: not separable, J stays above 0.05.
    const other = validateExperiment({
      ...byId('separable').experiment,
      data: builtinTask('iris-versicolor'),
    });
    if (!other.ok) throw new Error(other.errors.join('; '));
    const o = runSimulation(other.experiment).runs[0];
    expect(o.frame(3000).loss).toBeGreaterThan(0.05);
    expect(o.frame(3000).accuracy).toBeLessThan(1);
  });

  it('9: a typed wide clip never moves from the confidently wrong start; a typed smooth unit learns', () => {
    const sim = run('own-unit');
    const clip = named(sim, 'wide clip + NLL');
    const smooth = named(sim, 'algebraic + NLL');
    const T = sim.experiment.steps;
    // Every example on a flat part on the wrong side: L = 100 (the clamp), every gradient exactly 0.
    for (let t = 0; t <= T; t += 50) {
      expect(clip.frame(t).loss).toBe(100);
      expect(Array.from(clip.frame(t).params)).toEqual(Array.from(clip.frame(0).params));
      expect(clip.frame(t).gradNorms[0]).toBe(0);
    }
    expect(smooth.frame(T).loss).toBeLessThan(smooth.frame(0).loss / 100);
    expect(smooth.frame(T).accuracy).toBe(1);
    expect(smooth.frame(0).accuracy).toBe(0);
  });
});

// ─── Scenes, predictions and the status the words claim (issue 17) ───
describe('the lessons’ scenes, questions and statuses', () => {
  const tracked = (id: string) => {
    const sim = run(id);
    return sim.runs.map((r) => {
      const h = r.history;
      const P = h.paramCount;
      const L = h.layerCount;
      const n = r.length;
      // As the studio holds it: the run's frames streamed into a History of its own.
      const track = new History(P, L, h.keepsVelocity);
      track.append(h.slice(0, n));
      track.divergence = r.divergence;
      return { name: r.variant.name, track, steps: sim.experiment.steps };
    });
  };

  it('each lesson sets its whole scene: a frame within its run, sub-steps and phase, chain, surface', () => {
    for (const l of LESSONS) {
      const s = sceneOf(l);
      expect(LESSON_SCENES[l.id], l.id).toBeDefined();
      expect(s.step, l.id).toBeGreaterThanOrEqual(0);
      expect(s.step, l.id).toBeLessThanOrEqual(l.experiment.steps);
      expect([0, 1, 2, 3]).toContain(s.phase);
      if (!s.subSteps) expect(s.phase, l.id).toBe(3);
    }
    // The sub-steps are the third lesson's subject; no other lesson opens on them.
    expect(LESSONS.filter((l) => sceneOf(l).subSteps).map((l) => l.id)).toEqual(['softmax']);
  });

  it('asks one question of two to four answers before every try, worded in both languages', () => {
    for (const l of LESSONS) {
      const p = predictionOf(l)!;
      expect(p, l.id).toBeDefined();
      expect(p.answers.length, l.id).toBeGreaterThanOrEqual(2);
      expect(p.answers.length, l.id).toBeLessThanOrEqual(4);
      for (const key of [p.question, p.detail, ...p.answers]) {
        expect(en[key], key).toBeTruthy();
        expect(zhCN[key], key).toBeTruthy();
      }
    }
  });

  it('answers each question from the run’s own numbers', () => {
    // What the numbers say, lesson by lesson (found by running them, and what the lessons' words claim).
    const expected: Record<string, number> = {
      probability: 1, // stays exactly where it started
      odds: 2, // nearly all right
      softmax: 2, // the softmax's loss is lower after one update
      saturation: 1, // falls by less than half
      'log-cancels-exp': 1, // only NLL falls tenfold
      'hidden-units': 1, // sigmoid's first-layer gradient many times smaller
      'real-data': 2, // the clipped unit gets fewer than half right
      separable: 1, // the weights keep growing
      'own-unit': 1, // the wide clip stays put, the smooth unit learns
    };
    for (const l of LESSONS) {
      const runs = tracked(l.id);
      const steps = runs[0].steps;
      const numbers: RunNumbers[] = runs.map(({ name, track }) => ({
        name,
        length: track.length,
        layers: track.layers,
        loss: track.loss,
        accuracy: track.accuracy,
        gradNorms: track.gradNorms,
        paramsAt: (t) => track.paramsAt(t),
      }));
      const p = predictionOf(l)!;
      expect(p.needs(steps), l.id).toBeLessThanOrEqual(steps);
      const o = p.outcome(numbers, steps);
      expect(o.answer, l.id).toBe(expected[l.id]);
      // Every placeholder of the sentence is filled, in both languages.
      for (const text of [en[p.detail], zhCN[p.detail]])
        for (const m of text.matchAll(/\{(\w+)\}/g)) expect(o.values[m[1]], `${l.id} ${m[1]}`).toBeDefined();
    }
  });

  it('the words and the status table agree at the end of every lesson', () => {
    for (const l of LESSONS) {
      const claims = LESSON_STATUS[l.id];
      const runs = tracked(l.id);
      expect(Object.keys(claims).sort(), l.id).toEqual(runs.map((r) => r.name).sort());
      for (const { name, track, steps } of runs) {
        expect(track.statusAt(steps).state, `${l.id} ${name}`).toBe(claims[name]);
      }
      // A lesson whose runs do not stall never says they do.
      const stalls = Object.values(claims).includes('stalled');
      for (const [text, word] of [
        [l.body.map((k) => en[k]).join(' '), /\bstall/i],
        [l.body.map((k) => zhCN[k]).join(' '), /停滞/],
      ] as const)
        if (!stalls) expect(text, l.id).not.toMatch(word);
    }
    // Lesson 6 quotes the statuses the table shows for its two runs.
    const six = byId('hidden-units').body;
    expect(six.map((k) => en[k]).join(' ')).toContain(`“${en['status.running']}”`);
    expect(six.map((k) => en[k]).join(' ')).toContain(`“${en['status.converged'].split(' ')[0]}”`);
    expect(six.map((k) => zhCN[k]).join(' ')).toContain(`“${zhCN['status.running']}”`);
    expect(zhCN['status.converged']).toMatch(/收敛$/);
    expect(six.map((k) => zhCN[k]).join(' ')).toContain('“收敛”');
  });
});
