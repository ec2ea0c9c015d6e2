/**
 * An experiment's runs: one per variant, all on the same data and from the same
 * start (the output layer adapted where a variant's width differs).
 */
import { type Dataset, makeDataset } from './datasets';
import type { Experiment, ResolvedVariant } from './experiment';
import { adaptParams, initParams } from './network';
import { outputWidth } from './units';
import { Run } from './run';
import { layerSizes, resolveVariants } from './variants';

export interface Simulation {
  experiment: Experiment;
  data: Dataset;
  variants: ResolvedVariant[];
  runs: Run[];
}

/** Runs with frame 0 not yet recorded; `advanceTo` trains them. `experiment` must be validated. */
export function createSimulation(experiment: Experiment): Simulation {
  const data = makeDataset(experiment.data, experiment.seed);
  const sizes = layerSizes(experiment.model, data.dims);
  const theta0 = initParams(sizes, experiment.init, experiment.seed);
  const variants = resolveVariants(experiment);
  const runs = variants.map(
    (v) =>
      new Run(
        v,
        data,
        experiment.model.hidden,
        adaptParams(sizes, theta0, outputWidth(v.model.output, v.model.classes)),
        experiment.seed,
      ),
  );
  return { experiment, data, variants, runs };
}

/** Trains every run to `steps` (default: the experiment's), or until it diverges. */
export function runSimulation(experiment: Experiment, steps = experiment.steps): Simulation {
  const sim = createSimulation(experiment);
  for (const run of sim.runs) {
    run.history.reserve(steps + 1);
    run.advanceTo(steps);
  }
  return sim;
}
