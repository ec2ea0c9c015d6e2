import { describe, expect, it } from 'vitest';
import { History } from '../../../src/core/history';
import { runSimulation } from '../../../src/core/simulation';
import { validateExperiment } from '../../../src/core/validate';
import { LESSONS, predictionOf } from '../../../src/lessons/lessons';
import { readLessons } from '../../../src/renderer/src/lessons/progress';
import { lessonVerdict } from '../../../src/renderer/src/lessons/verdict';

/** Lesson i's runs as the studio holds them: each run's first `frames` frames streamed into a History. */
function tracks(i: number, frames?: number) {
  const v = validateExperiment(LESSONS[i].experiment);
  if (!v.ok) throw new Error('invalid lesson');
  const sim = runSimulation(v.experiment);
  const out = sim.runs.map((r) => {
    const h = r.history;
    const track = new History(h.paramCount, h.layerCount, h.keepsVelocity);
    track.append(h.slice(0, Math.min(frames ?? r.length, r.length)));
    return track;
  });
  return { experiment: v.experiment, tracks: out };
}

/** Lesson i open, its guess made (or not), its answer known before (or not). */
const progress = (i: number, guess: number | null, answer: number | null = null) => {
  const p = readLessons({ open: true, index: i });
  return {
    ...p,
    guesses: p.guesses.map((g, j) => (j === i ? guess : g)),
    answers: p.answers.map((a, j) => (j === i ? answer : a)),
  };
};

describe("a lesson's answer from the run's numbers", () => {
  const i = LESSONS.findIndex((l) => l.id === 'odds');
  const p = predictionOf(LESSONS[i])!;
  const run = tracks(i);
  const need = Math.min(p.needs(run.experiment.steps), run.experiment.steps);

  it('is asked for only once a guess is made, in the open lesson', () => {
    const none = { outcome: null, waiting: null };
    const all = { ...run, done: true, shown: () => run.experiment.steps };
    expect(lessonVerdict(progress(i, null), all)).toEqual(none);
    expect(lessonVerdict({ ...progress(i, 1), open: false }, all)).toEqual(none);
    expect(lessonVerdict(progress(i, 1), { ...all, experiment: null })).toEqual(none);
  });

  it('waits for training to reach the frame it needs, then for the playhead', () => {
    const part = tracks(i, need);
    expect(lessonVerdict(progress(i, 1), { ...part, done: false, shown: () => 0 })).toEqual({
      outcome: null,
      waiting: need,
    });
    // Training ended short of it (diverged): no answer, and nothing to wait for.
    expect(lessonVerdict(progress(i, 1), { ...part, done: true, shown: () => 0 })).toEqual({
      outcome: null,
      waiting: null,
    });
    expect(lessonVerdict(progress(i, 1), { ...run, done: true, shown: () => need - 1 })).toEqual({
      outcome: null,
      waiting: need,
    });
  });

  it("gives the prediction's outcome once shown, or at once when it was answered before", () => {
    const shown = lessonVerdict(progress(i, 1), { ...run, done: true, shown: () => need });
    expect(shown.waiting).toBeNull();
    expect(shown.outcome?.answer).toBe(2); // nearly all right (test/lessons/lessons.test.ts)
    const before = lessonVerdict(progress(i, 1, 2), { ...run, done: true, shown: () => 0 });
    expect(before).toEqual(shown);
  });

  it('gives none when the document is no longer the lesson’s experiment', () => {
    const other = {
      ...run.experiment,
      variants: [{ name: 'renamed' }, ...(run.experiment.variants ?? []).slice(1)],
    };
    const r = lessonVerdict(progress(i, 1), { ...run, experiment: other, done: true, shown: () => need });
    expect(r).toEqual({ outcome: null, waiting: null });
  });
});
