/**
 * The editor's lists as a person reads them: translated labels over the
 * identifiers the files keep ("moons" stays "moons" in the file, the list says
 * "two moons" or "双月").
 */
import { isFormulaLoss, isFormulaUnit, type LossSpec, type OutputSpec } from '../../../core/experiment';
import type { MessageKey, Translate } from '../../../i18n';

export type ListKind = 'data' | 'activation' | 'unit' | 'loss' | 'init';

/** [identifier, label] pairs for a Choice. */
export function labelled(kind: ListKind, values: readonly string[], t: Translate): [string, string][] {
  return values.map((v) => [v, t(`label.${kind}.${v}` as MessageKey)]);
}

/** A unit as a person reads it: the translated name of a built-in one, a typed unit's own name. */
export function unitName(unit: OutputSpec, t: Translate): string {
  return isFormulaUnit(unit) ? unit.name : t(`label.unit.${unit}`);
}

/** A loss as a person reads it: the translated name of a built-in one, a typed loss's own name. */
export function lossName(loss: LossSpec, t: Translate): string {
  return isFormulaLoss(loss) ? loss.name : t(`label.loss.${loss}`);
}
