/**
 * The open experiment: its text as the file holds it, the validated
 * experiment, where it lives, and whether it has unsaved changes. An invalid
 * file never replaces the current one.
 */
import { num, t } from './i18n.svelte';
import { explain, type Problem, problemText } from './editor/problems';
import type { Experiment } from '../../core/experiment';
import { DEFAULT_EXPERIMENT, experimentText } from '../../core/presets';
import { parseExperimentJson, validateExperiment } from '../../core/validate';
import { followAutoNames } from '../../core/variants';
import type { OpenedFile, SavedFile } from '../../shared/api';

/** The name of a document never saved (shown translated; files are suggested under it). */
export const UNTITLED = 'Untitled';
/** Edits that undo can take back. */
const UNDO_LIMIT = 200;

export type Check = { ok: true; experiment: Experiment } | { ok: false; errors: string[] };

/** Parses and validates an experiment file's text, naming every problem. */
export function checkText(text: string): Check {
  let raw: unknown;
  try {
    raw = parseExperimentJson(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const r = validateExperiment(raw, t);
  return r.ok ? r : { ok: false, errors: r.errors };
}

/** What autosave keeps: enough to bring the document back exactly. */
export interface DocumentSnapshot {
  name: string;
  path: string | null;
  text: string;
  savedText: string;
}

export class ExperimentDocument {
  name = $state(UNTITLED);
  path = $state<string | null>(null);
  text = $state(experimentText(DEFAULT_EXPERIMENT));
  savedText = $state(experimentText(DEFAULT_EXPERIMENT));
  /** The last valid experiment: what the simulation runs while the text has problems. */
  experiment = $state.raw<Experiment>(DEFAULT_EXPERIMENT);
  readonly check: Check = $derived(checkText(this.text));
  readonly problems: string[] = $derived(this.check.ok ? [] : this.check.errors);
  readonly dirty: boolean = $derived(this.text !== this.savedText);

  /** A new, untitled experiment (the default story). */
  reset(): void {
    this.name = UNTITLED;
    this.path = null;
    this.text = this.savedText = experimentText(DEFAULT_EXPERIMENT);
    this.experiment = DEFAULT_EXPERIMENT;
    this.forget();
  }

  /** Opens a file's text; on problems returns them and changes nothing. */
  load(file: OpenedFile): string[] | null {
    const c = checkText(file.text);
    if (!c.ok) return c.errors;
    this.name = file.name;
    this.path = file.path;
    this.text = this.savedText = file.text;
    this.experiment = c.experiment;
    this.forget();
    return null;
  }

  /** An edit of the text: applied to the experiment only when valid. */
  edit(text: string): void {
    this.group = null;
    this.text = text;
    const c = checkText(text);
    if (c.ok) this.experiment = c.experiment;
  }

  /**
   * A change made in the editor: applied to a copy of the experiment and kept
   * only when the validator accepts it. Returns the problems, worded for a
   * person with the file's path as detail (nothing changes then), or [] when
   * applied. Changes of one `group` in a row (one field being typed in) are
   * one step of Undo.
   */
  change(change: (draft: Experiment) => void, group?: string): Problem[] {
    const draft = structuredClone($state.snapshot(this.experiment)) as Experiment;
    change(draft);
    followAutoNames(this.experiment, draft);
    const r = explain(draft, t, (x) => num(x, 6));
    if (!r.ok) return r.problems;
    const text = experimentText(draft);
    if (text === this.text) return [];
    if (group === undefined || group !== this.group || this.undoStack.length === 0) this.remember();
    else this.redoStack = [];
    this.group = group ?? null;
    this.text = text;
    this.experiment = r.experiment;
    this.syncUndo();
    return [];
  }

  /** `change`, its problems as lines of text (for a dialog's list). */
  apply(change: (draft: Experiment) => void): string[] {
    return this.change(change).map(problemText);
  }

  /** The whole experiment replaced by `experiment` (a lesson's, a link's), as one undoable edit. */
  replace(experiment: Experiment): string[] {
    return this.apply((d) => {
      const draft = d as unknown as Record<string, unknown>;
      for (const k of Object.keys(draft)) delete draft[k];
      Object.assign(draft, structuredClone(experiment));
    });
  }

  /** The group of the last change (see `change`); any other edit ends it. */
  private group: string | null = null;

  /** Texts before and after the current one, for undo and redo (cheap: a few KiB each). */
  private undoStack: string[] = [];
  private redoStack: string[] = [];
  canUndo = $state(false);
  canRedo = $state(false);

  private remember(): void {
    this.group = null;
    this.undoStack.push(this.text);
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.syncUndo();
  }

  private syncUndo(): void {
    if (this.undoStack.length === 0) this.group = null;
    this.canUndo = this.undoStack.length > 0;
    this.canRedo = this.redoStack.length > 0;
  }

  undo(): boolean {
    this.group = null;
    const text = this.undoStack.pop();
    if (text === undefined) return false;
    this.redoStack.push(this.text);
    this.setText(text);
    return true;
  }

  redo(): boolean {
    this.group = null;
    const text = this.redoStack.pop();
    if (text === undefined) return false;
    this.undoStack.push(this.text);
    this.setText(text);
    return true;
  }

  private setText(text: string): void {
    this.text = text;
    const c = checkText(text);
    if (c.ok) this.experiment = c.experiment;
    this.syncUndo();
  }

  private forget(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.syncUndo();
  }

  markSaved(saved: SavedFile, text: string): void {
    this.name = saved.name;
    this.path = saved.path;
    this.savedText = text;
  }

  snapshot(): DocumentSnapshot {
    return { name: this.name, path: this.path, text: this.text, savedText: this.savedText };
  }

  restore(s: DocumentSnapshot): void {
    this.name = s.name;
    this.path = s.path;
    this.text = s.text;
    this.savedText = s.savedText;
    const c = checkText(s.text);
    const saved = checkText(s.savedText);
    this.experiment = c.ok ? c.experiment : saved.ok ? saved.experiment : DEFAULT_EXPERIMENT;
  }
}

export function isSnapshot(v: unknown): v is DocumentSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.name === 'string' &&
    (o.path === null || typeof o.path === 'string') &&
    typeof o.text === 'string' &&
    typeof o.savedText === 'string'
  );
}
