import type { Experiment } from '../../../core/experiment';
import type { DrawTheme } from '../../../draw/theme';
import type { ExperimentDocument } from '../document.svelte';
import { parseNumber } from './edits';

/** What the editor and its sections are given. */
export interface EditorProps {
  doc: ExperimentDocument;
  theme: DrawTheme;
  onproblems: (title: string, problems: string[]) => void;
  notify: (message: string) => void;
}

/** Two texts of the same number ("0.50" and ".5"): a field shows the document's without retyping. */
export const sameNumber = (a: string, b: string): boolean => parseNumber(a) === parseNumber(b);

/** A number field's commit: its text read as a number and set by `f`, validated by the core. */
export const numberCommit =
  (doc: ExperimentDocument, f: (d: Experiment, v: number) => void) =>
  (text: string, group: string): ReturnType<ExperimentDocument['change']> =>
    doc.change((d) => f(d, parseNumber(text)), group);
