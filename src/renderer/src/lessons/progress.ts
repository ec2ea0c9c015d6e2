import { LESSONS } from '../../../lessons/lessons';

export interface LessonProgress {
  open: boolean;
  index: number;
  seen: number[];
  dismissed: boolean;
}

/** Remembered lesson progress, checked field by field (anything unreadable: from the start). */
export function readLessons(raw: unknown): LessonProgress {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const ok = (i: unknown): i is number =>
    Number.isInteger(i) && (i as number) >= 0 && (i as number) < LESSONS.length;
  return {
    open: o.open === true,
    index: ok(o.index) ? o.index : 0,
    seen: Array.isArray(o.seen) ? [...new Set(o.seen.filter(ok))] : [],
    dismissed: o.dismissed === true,
  };
}
