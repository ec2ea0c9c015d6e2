import { tick } from 'svelte';
import type { ExperimentDocument } from '../document.svelte';
import { num, t } from '../i18n.svelte';
import type { LessonGuide } from '../lessons/guide.svelte';
import { type Messages, messageOf } from '../messages.svelte';
import type { Platform } from '../platform';
import { decodeLink, encodeLink, type LinkView } from './link';

/** What of the studio a link reads and sets. */
export interface LinkStage {
  linkView(): Omit<LinkView, 'lesson'>;
  showLinkView(v: Omit<LinkView, 'lesson'>): void;
}

/** Share links: the experiment and the view (with the open lesson) as a link, and a link opened. */
export class Sharing {
  private readonly app: {
    doc: ExperimentDocument;
    platform: Platform;
    messages: Messages;
    guide: LessonGuide;
    stage: () => LinkStage | undefined;
    /** True when it is fine to replace the document (saved, discarded, or nothing to lose). */
    confirmDiscard: () => Promise<boolean>;
    undoKey: () => string;
  };

  constructor(app: Sharing['app']) {
    this.app = app;
  }

  /** File › Copy Link: the experiment and the view, in a link shown to copy. */
  copy(): void {
    const { doc, platform, messages, guide } = this.app;
    const view = this.app.stage()?.linkView();
    if (!view) return;
    const lessons = guide.progress;
    const r = encodeLink(
      platform.linkBase(),
      $state.snapshot(doc.experiment),
      { ...view, lesson: lessons.open ? lessons.index : null },
      t,
    );
    if (r.ok) messages.modal = { kind: 'link', link: r.link };
    else messages.problems(t('link.tooLongTitle'), [r.problem]);
  }

  /** The link shown, onto the clipboard. */
  async copyText(link: string): Promise<void> {
    const { messages } = this.app;
    try {
      await this.app.platform.copyLink(link);
      messages.modal = null;
      messages.notify(t('link.copied', { size: num(link.length) }));
    } catch (e) {
      messages.notify(messageOf(e));
    }
  }

  /**
   * Opens a share link: checked by the validator first (its problems shown, nothing changed), then,
   * unsaved changes asked about, the experiment becomes the document as one undoable edit.
   */
  async open(text: string): Promise<void> {
    const { doc, messages } = this.app;
    messages.modal = null;
    const r = decodeLink(text, t);
    if (!r.ok) {
      messages.problems(t('link.invalidTitle'), [...r.problems, t('link.nothingChanged')]);
      return;
    }
    if (!(await this.app.confirmDiscard())) return;
    const errs = doc.replace(r.experiment);
    if (errs.length > 0) {
      messages.problems(t('link.invalidTitle'), [...errs, t('link.nothingChanged')]);
      return;
    }
    this.app.guide.showLink(r.view.lesson);
    await tick();
    this.app.stage()?.showLinkView(r.view);
    messages.notify(t('link.opened', { key: this.app.undoKey() }));
  }
}
