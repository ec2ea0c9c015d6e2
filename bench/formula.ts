/**
 * Training speed with a typed output unit (issue 19): the typed sigmoid
 * `1 / (1 + exp(-z))` + nll against the built-in sigmoid + NLL, the same network,
 * data and steps, alternated in the same run. Standalone: `npx tsx bench/formula.ts`.
 */
import { makeDataset } from '../src/core/datasets';
import type { ResolvedVariant } from '../src/core/experiment';
import { initParams } from '../src/core/network';
import { Run } from '../src/core/run';

export interface FormulaFigures {
  /** Examples per second with the typed sigmoid. */
  typed: number;
  /** The built-in sigmoid in the same run. */
  builtin: number;
}

export function measureFormula(steps = 1000, repeats = 5): FormulaFigures {
  const moons = makeDataset({ kind: 'moons', n: 1000, noise: 0.1 }, 1);
  const theta0 = initParams([2, 8, 8, 1], { kind: 'xavier' }, 1);
  const variant = (output: ResolvedVariant['model']['output']): ResolvedVariant => ({
    name: 'bench',
    color: '#1a9e77',
    model: { hidden: [8, 8], activation: 'tanh', output, classes: 2 },
    loss: 'nll',
    optimizer: { learningRate: 0.1, momentum: 0, batchSize: 0 },
  });
  const typedVariant = variant({ name: 'typed σ', f: '1 / (1 + exp(-z))' });
  const builtinVariant = variant('sigmoid');
  const rate = (v: ResolvedVariant): number => {
    const run = new Run(v, moons, [8, 8], theta0, 1);
    const t0 = performance.now();
    run.advanceTo(steps - 1);
    return (steps * moons.n) / ((performance.now() - t0) / 1000);
  };
  let typed = 0;
  let builtin = 0;
  // Alternated, best of each: both see the same load of a shared machine.
  for (let i = 0; i < repeats; i++) {
    builtin = Math.max(builtin, rate(builtinVariant));
    typed = Math.max(typed, rate(typedVariant));
  }
  return { typed, builtin };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = measureFormula();
  console.log(
    `train_formula_examples_per_s ${Math.round(f.typed)} (built-in ${Math.round(f.builtin)}; ${(f.typed / f.builtin).toFixed(2)}×, target ≥ 0.5×)`,
  );
}
