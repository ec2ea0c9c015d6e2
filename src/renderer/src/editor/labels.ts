/**
 * The editor's lists as a person reads them: translated labels over the
 * identifiers the files keep ("moons" stays "moons" in the file, the list says
 * "two moons" or "双月").
 */
import type { MessageKey, Translate } from '../../../i18n';

export type ListKind = 'data' | 'activation' | 'unit' | 'loss' | 'init';

/** [identifier, label] pairs for a Choice. */
export function labelled(kind: ListKind, values: readonly string[], t: Translate): [string, string][] {
  return values.map((v) => [v, t(`label.${kind}.${v}` as MessageKey)]);
}
