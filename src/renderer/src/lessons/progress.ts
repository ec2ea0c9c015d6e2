import { LESSONS } from '../../../lessons/lessons';

export interface LessonProgress {
  open: boolean;
  index: number;
  seen: number[];
  dismissed: boolean;
  /** Per lesson: the answer guessed before its "try this" (null: not asked yet). */
  guesses: (number | null)[];
  /** Per lesson: the answer its numbers gave (null: not known yet). */
  answers: (number | null)[];
  /** The page after the last lesson (its experiments as files, the summary) is open. */
  done: boolean;
}

/** Remembered lesson progress, checked field by field (anything unreadable: from the start). */
export function readLessons(raw: unknown): LessonProgress {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ok = (i: unknown): i is number =>
    Number.isInteger(i) && (i as number) >= 0 && (i as number) < LESSONS.length;
  const answerList = (v: unknown): (number | null)[] =>
    LESSONS.map((_, i) => {
      const a = Array.isArray(v) ? (v as unknown[])[i] : null;
      return Number.isInteger(a) && (a as number) >= 0 && (a as number) < 4 ? (a as number) : null;
    });
  return {
    open: o.open === true,
    index: ok(o.index) ? o.index : 0,
    seen: Array.isArray(o.seen) ? [...new Set(o.seen.filter(ok))] : [],
    dismissed: o.dismissed === true,
    guesses: answerList(o.guesses),
    answers: answerList(o.answers),
    done: o.done === true,
  };
}
