/**
 * The runs an experiment asks for: the base alone, or each variant over the
 * base, fully resolved; and each one's layer sizes.
 */
import {
  type Experiment,
  type LossSpec,
  type ModelSpec,
  type OutputSpec,
  type ResolvedVariant,
  unitLabel,
  VARIANT_COLORS,
} from './experiment';
import { lossLabel, outputWidth } from './units';

/** [inputs, ...hidden, output width]. */
export function layerSizes(model: ModelSpec, dims: number): number[] {
  return [dims, ...model.hidden, outputWidth(model.output, model.classes)];
}

/** "sigmoid + NLL"; a typed unit or loss by its own name. */
export function variantName(output: OutputSpec, loss: LossSpec): string {
  return `${unitLabel(output)} + ${lossLabel(loss)}`;
}

/** The runs an experiment asks for: the base alone, or each variant over the base. */
export function resolveVariants(exp: Experiment): ResolvedVariant[] {
  const base: ResolvedVariant = {
    name: variantName(exp.model.output, exp.loss),
    color: VARIANT_COLORS[0],
    model: { ...exp.model, hidden: [...exp.model.hidden] },
    loss: exp.loss,
    optimizer: { ...exp.optimizer },
  };
  if (!exp.variants || exp.variants.length === 0) return [base];
  return exp.variants.map((v, i) => {
    const model = { ...base.model, ...v.model };
    const loss = v.loss ?? base.loss;
    return {
      name: v.name ?? variantName(model.output, loss),
      color: v.color ?? VARIANT_COLORS[i % VARIANT_COLORS.length],
      model,
      loss,
      optimizer: { ...base.optimizer, ...v.optimizer },
    };
  });
}

/**
 * After an edit from `before` to `after`: a variant's name the user never typed follows its unit
 * and loss. A name equal to the automatic one of the variant before the edit is dropped (so that it
 * is automatic again) when that automatic name changes; a name typed by the user stays.
 */
export function followAutoNames(before: Experiment, after: Experiment): void {
  const was = resolveVariants(before);
  const now = resolveVariants(after);
  after.variants?.forEach((v, i) => {
    if (v.name === undefined || !was[i] || !now[i]) return;
    const auto = variantName(was[i].model.output, was[i].loss);
    if (v.name === auto && variantName(now[i].model.output, now[i].loss) !== auto) delete v.name;
  });
}
