/**
 * The update the chain shows is the update that happened: with momentum 0.9 and
 * batches of 16, θ_(t+1), the batch gradient and the velocity the chain diagram
 * and its formulas give at frame t are those `npm run sim` prints.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainAt, datasetGradient } from '../../src/core/chain';
import type { Experiment } from '../../src/core/experiment';
import { runSimulation } from '../../src/core/simulation';
import { chainFormulas } from '../../src/draw/chainTex';

const root = join(import.meta.dirname, '../..');

const experiment: Experiment = {
  version: 1,
  seed: 3,
  data: { kind: 'moons', n: 100, noise: 0.1 },
  model: { hidden: [4], activation: 'tanh', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.2, momentum: 0.9, batchSize: 16 },
  init: { kind: 'xavier' },
  steps: 20,
};

interface Line {
  step: number;
  params: number[];
  grad: number[];
}

async function simLines(): Promise<Line[]> {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-'));
  const file = join(dir, 'momentum.sigmoidlab.json');
  await writeFile(file, JSON.stringify(experiment));
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/sim.ts'), file],
      { cwd: root, maxBuffer: 64 * 2 ** 20 },
      (err, out) => (err ? reject(err) : resolve(out)),
    ),
  );
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

describe('the update shown is the update that happened', () => {
  it('matches npm run sim with momentum 0.9 and batches of 16', { timeout: 60_000 }, async () => {
    const lines = await simLines();
    expect(lines).toHaveLength(experiment.steps + 1);
    const sim = runSimulation(experiment);
    const run = sim.runs[0];
    let differs = 0;
    for (let t = 0; t < experiment.steps; t++) {
      const theta = run.frame(t).params;
      for (const example of [-1, 5]) {
        const v = chainAt(run.net, sim.data, theta, example, run.recordedStep(t));
        const s = v.step;
        const k = s.index;
        expect(s.theta).toBe(lines[t].params[k]);
        expect(s.grad).toBe(lines[t].grad[k]);
        // θ_(t+1) exactly as the run computed it, and v_t = μ·v_(t−1) + g_t.
        expect(s.next).toBe(lines[t + 1].params[k]);
        expect(s.velocity).toBe(s.momentum * s.previous + s.grad);
        expect(s.momentum).toBe(0.9);
        // Batches of 16 through a shuffled epoch of 100: 6 of 16, then 4.
        const inEpoch = t % 7;
        expect(s.batch).toEqual({
          epoch: Math.floor(t / 7),
          from: 16 * inEpoch,
          size: inEpoch === 6 ? 4 : 16,
        });
        // Its formulas say so, with its numbers.
        const tex = chainFormulas(v).join('\n');
        expect(tex).toContain('v \\leftarrow \\mu v + \\frac{\\partial J_B}');
        expect(tex).toContain('|B| = ' + s.batch.size);
      }
      // The whole data set's gradient (what the panel used to show) is not the batch's.
      const full = datasetGradient(run.net, sim.data, theta).grad;
      if (full[run.net.wOff[1]] !== lines[t].grad[run.net.wOff[1]]) differs++;
    }
    expect(differs).toBeGreaterThan(15);
  });
});
