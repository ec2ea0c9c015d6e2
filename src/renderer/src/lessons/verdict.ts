import type { Experiment } from '../../../core/experiment';
import type { History } from '../../../core/history';
import { resolveVariants } from '../../../core/variants';
import { LESSONS, type Outcome, predictionOf, type RunNumbers } from '../../../lessons/lessons';
import type { LessonProgress } from './progress';

/** The open lesson's answer (null: not known), or the step it waits for (null: it waits for nothing). */
export interface Verdict {
  outcome: Outcome | null;
  waiting: number | null;
}

const NONE: Verdict = { outcome: null, waiting: null };

/**
 * The open lesson's answer, from the run's own numbers: known once training has reached the frame
 * it needs and the playhead has too (the try has shown it); else the step it waits for.
 */
export function lessonVerdict(
  lessons: LessonProgress,
  run: {
    experiment: Experiment | null;
    tracks: readonly History[];
    /** Training has ended (every worker done). */
    done: boolean;
    /** The frame the panels show now (read only when it matters: it changes every frame while playing). */
    shown: () => number;
  },
): Verdict {
  if (!lessons.open) return NONE;
  const i = lessons.index;
  const p = predictionOf(LESSONS[i]);
  if (!p || lessons.guesses[i] === null) return NONE;
  const exp = run.experiment;
  if (!exp) return NONE;
  const need = Math.min(p.needs(exp.steps), exp.steps);
  const names = resolveVariants(exp).map((v) => v.name);
  const tracks = run.tracks;
  const trained = tracks.length === names.length && tracks.every((tr) => tr.length > need);
  if (!trained) return run.done ? NONE : { outcome: null, waiting: need };
  // Shown once the try has reached the frame (or at once, when it was answered before).
  if (lessons.answers[i] === null && run.shown() < need) return { outcome: null, waiting: need };
  const runs: RunNumbers[] = tracks.map((tr, k) => ({
    name: names[k],
    length: tr.length,
    layers: tr.layers,
    loss: tr.loss,
    accuracy: tr.accuracy,
    gradNorms: tr.gradNorms,
    paramsAt: (t) => tr.paramsAt(t),
  }));
  try {
    return { outcome: p.outcome(runs, exp.steps), waiting: null };
  } catch {
    // The document is no longer the lesson's experiment (a variant renamed or removed).
    return NONE;
  }
}
