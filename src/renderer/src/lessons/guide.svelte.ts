import { untrack, tick } from 'svelte';
import { experimentText } from '../../../core/presets';
import {
  type LessonAction,
  type LessonPanel,
  type LessonScene,
  LESSONS,
  sceneOf,
} from '../../../lessons/lessons';
import type { ExperimentDocument } from '../document.svelte';
import { t } from '../i18n.svelte';
import { type Messages, messageOf } from '../messages.svelte';
import type { Platform } from '../platform';
import type { SimulationClient } from '../sim/client.svelte';
import { defaultLayout, type Layout, type PanelId } from '../studio/layout';
import { type LessonProgress, readLessons } from './progress';
import { lessonVerdict } from './verdict';

/** What of the studio a lesson drives (its scene, its "try this", the frame shown). */
export interface LessonStage {
  stageScene(scene: LessonScene, panels: LessonPanel[]): void;
  endScene(): void;
  lessonAction(a: LessonAction): void;
  shownFrame(): number;
}

/**
 * The guided lessons beside the studio: which is open, which were seen, the guesses and answers,
 * the first-launch offer; a lesson takes the editor's place and its experiment becomes the document.
 */
export class LessonGuide {
  progress = $state<LessonProgress>(readLessons(null));
  /** No autosave at start: a first launch, so the lessons are offered. */
  firstLaunch = $state(false);
  /** The panels the open lesson points at. */
  readonly highlight = $derived<PanelId[]>(this.progress.open ? LESSONS[this.progress.index].panels : []);
  /** The open lesson's answer from the run's numbers, or the step it waits for. */
  readonly verdict = $derived.by(() => {
    const sim = this.app.simulation;
    void sim.version;
    return lessonVerdict(this.progress, {
      experiment: sim.experiment,
      tracks: sim.tracks,
      done: sim.done,
      shown: () => this.app.stage()?.shownFrame() ?? 0,
    });
  });

  private readonly app: {
    doc: ExperimentDocument;
    simulation: SimulationClient;
    stage: () => LessonStage | undefined;
    /** The app's layout (its editor's width is lent to the lesson). */
    layout: () => Layout;
    messages: Messages;
    platform: Platform;
    /** The Undo key's name, for the status line. */
    undoKey: () => string;
  };
  /** Where the focus was when a lesson opened: it goes back there when the lesson closes. */
  private returnTo: HTMLElement | null = null;
  /** The editor's width before a lesson took its place (0: it was hidden; null: no lesson took it). */
  private editorBefore: number | null = null;

  constructor(app: LessonGuide['app']) {
    this.app = app;
    // The answer is remembered with the progress once known.
    $effect(() => {
      const o = this.verdict.outcome;
      const i = untrack(() => this.progress.index);
      if (o && untrack(() => this.progress.answers[i]) !== o.answer)
        this.progress = {
          ...untrack(() => this.progress),
          answers: this.progress.answers.map((a, j) => (j === i ? o.answer : a)),
        };
    });
  }

  open(i: number): void {
    const p = this.progress;
    if (!p.open) {
      const a = document.activeElement;
      this.returnTo = a instanceof HTMLElement && a !== document.body && !a.closest('.welcome') ? a : null;
    }
    this.progress = { ...p, open: true, done: false, index: i, seen: withSeen(p.seen, i) };
    this.firstLaunch = false;
    this.takeEditor();
    if (!this.loadExperiment(i)) return;
    this.app.messages.notify(t('lessons.loaded', { n: i + 1, key: this.app.undoKey() }));
  }

  close(): void {
    this.progress = { ...this.progress, open: false };
    this.app.stage()?.endScene();
    this.restoreEditor();
    const back = this.returnTo?.isConnected
      ? this.returnTo
      : document.querySelector<HTMLElement>('[data-testid="lessons-button"]');
    this.returnTo = null;
    void tick().then(() => back?.focus());
  }

  /** Help › Lessons: the lesson closed, or the last one open again. */
  toggle(): void {
    if (this.progress.open) this.close();
    else this.open(this.progress.index);
  }

  /** The page after the last lesson. */
  finish(): void {
    this.close();
    this.progress = { ...this.progress, done: true };
  }

  /** The open lesson's "try this". */
  try(): void {
    this.app.stage()?.lessonAction(LESSONS[this.progress.index].action.does);
  }

  /** Sets the open lesson's guess (null: ask again); its answer is found again from the numbers. */
  guess(guess: number | null): void {
    const i = this.progress.index;
    this.progress = {
      ...this.progress,
      guesses: this.progress.guesses.map((g, j) => (j === i ? guess : g)),
      answers: this.progress.answers.map((a, j) => (j === i ? null : a)),
    };
  }

  /** From the page after the last lesson: lesson i's experiment as the document. */
  openExperiment(i: number): void {
    if (this.loadExperiment(i))
      this.app.messages.notify(t('lessons.opened', { n: i + 1, key: this.app.undoKey() }));
  }

  /** Lesson i's experiment saved as a file. */
  async saveExperiment(i: number): Promise<void> {
    const l = LESSONS[i];
    try {
      const saved = await this.app.platform.saveExperiment(
        experimentText(l.experiment),
        { name: `lesson-${i + 1}-${l.id}.sigmoidlab.json`, path: null },
        true,
      );
      if (saved) this.app.messages.notify(t('lessons.saved', { n: i + 1, name: saved.name }));
    } catch (e) {
      this.app.messages.problems(t('cmd.saveFailed'), [messageOf(e)]);
    }
  }

  /** The progress read from the autosave: a lesson open then has its scene again, beside the studio. */
  restore(progress: LessonProgress): void {
    this.progress = progress;
    if (!progress.open) return;
    const layout = this.app.layout();
    this.editorBefore = layout.editor > 0 ? layout.editor : defaultLayout().editor;
    layout.editor = 0;
    const lesson = LESSONS[progress.index];
    void tick().then(() => this.app.stage()?.stageScene(sceneOf(lesson), lesson.panels));
  }

  /**
   * A share link opened (its experiment already the document's): its lesson beside the studio, in
   * the editor's place, or none; the view is the link's, not the lesson's scene.
   */
  showLink(lesson: number | null): void {
    const p = this.progress;
    this.progress =
      lesson !== null && lesson < LESSONS.length
        ? { ...p, open: true, index: lesson, seen: withSeen(p.seen, lesson) }
        : { ...p, open: false };
    this.firstLaunch = false;
    this.app.stage()?.endScene();
    if (this.progress.open) this.takeEditor();
    else this.restoreEditor();
  }

  /** The lesson's experiment as the document (one edit: Undo brings back the one before), its scene staged. */
  private loadExperiment(i: number): boolean {
    const lesson = LESSONS[i];
    const errs = this.app.doc.replace(lesson.experiment);
    if (errs.length > 0) {
      this.app.messages.problems(t(lesson.title), errs);
      return false;
    }
    // Nothing of the previous lesson's view stays: frame, sub-steps, panels, example, surface.
    this.app.stage()?.stageScene(sceneOf(lesson), lesson.panels);
    return true;
  }

  /** The lesson takes the editor's place beside the studio (given back when it closes). */
  private takeEditor(): void {
    if (this.editorBefore !== null) return;
    const layout = this.app.layout();
    this.editorBefore = layout.editor;
    layout.editor = 0;
  }

  private restoreEditor(): void {
    const layout = this.app.layout();
    if (this.editorBefore !== null && layout.editor === 0) layout.editor = this.editorBefore;
    this.editorBefore = null;
  }
}

const withSeen = (seen: number[], i: number): number[] => (seen.includes(i) ? seen : [...seen, i]);
