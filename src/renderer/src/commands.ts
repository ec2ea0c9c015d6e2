/**
 * File commands: New, Open, Save, Save As, and files arriving from outside
 * (drop, command line). Unsaved changes are asked about before they could be
 * lost; a bad file or a failed write is explained and changes nothing.
 */
import type { MenuCommand, OpenedFile } from '../../shared/api';
import { MAX_EXPERIMENT_BYTES, mib } from '../../shared/limits';
import type { ExperimentDocument } from './document.svelte';
import { t } from './i18n.svelte';
import { messageOf } from './messages.svelte';
import type { Platform } from './platform';

export interface CommandUi {
  showProblems(title: string, problems: string[]): void;
  notify(message: string): void;
}

export function createCommands(doc: ExperimentDocument, platform: Platform, ui: CommandUi) {
  async function save(saveAs: boolean): Promise<boolean> {
    if (doc.problems.length > 0) {
      ui.showProblems(t('cmd.fixBeforeSaving'), doc.problems);
      return false;
    }
    const text = doc.text;
    try {
      const saved = await platform.saveExperiment(text, { name: doc.name, path: doc.path }, saveAs);
      if (saved === null) return false;
      doc.markSaved(saved, text);
      ui.notify(t('cmd.saved', { name: saved.name }));
      return true;
    } catch (e) {
      ui.showProblems(t('cmd.saveFailed'), [messageOf(e)]);
      return false;
    }
  }

  /** True when it is fine to replace the document (saved, discarded, or nothing to lose). */
  async function confirmDiscard(): Promise<boolean> {
    if (!doc.dirty) return true;
    const choice = await platform.askUnsaved(doc.name);
    if (choice === 'cancel') return false;
    return choice === 'discard' || (await save(false));
  }

  function openFile(file: OpenedFile): boolean {
    const problems = doc.load(file);
    if (problems) {
      ui.showProblems(t('cmd.invalidFile', { name: file.name }), problems);
      return false;
    }
    ui.notify(t('cmd.opened', { name: file.name }));
    return true;
  }

  const commands = {
    save,
    openFile,
    confirmDiscard,
    async newExperiment(): Promise<void> {
      if (await confirmDiscard()) {
        doc.reset();
        ui.notify(t('cmd.newExperiment'));
      }
    },
    async open(): Promise<void> {
      if (!(await confirmDiscard())) return;
      try {
        const file = await platform.openExperiment();
        if (file) openFile(file);
      } catch (e) {
        ui.showProblems(t('cmd.openFailed'), [messageOf(e)]);
      }
    },
    /** A file that arrived from outside (drop, command line, recent menu). */
    async receive(file: OpenedFile): Promise<void> {
      if (await confirmDiscard()) openFile(file);
    },
    /** A file dropped on the window (one too large to be an experiment is refused unread). */
    async drop(file: File): Promise<void> {
      if (file.size > MAX_EXPERIMENT_BYTES) {
        const size = mib(file.size);
        ui.showProblems(t('app.openFailed'), [
          t('io.tooBig', { path: file.name, size, max: mib(MAX_EXPERIMENT_BYTES) }),
        ]);
        return;
      }
      const text = await file.text();
      if (await confirmDiscard()) openFile({ name: file.name, path: null, text });
    },
    async saveAndClose(): Promise<void> {
      if (await save(false)) platform.closeConfirmed();
    },
    /** The file commands of the menu (and keys); false for the others. */
    run(command: MenuCommand): boolean {
      const file: Partial<Record<MenuCommand, () => Promise<unknown>>> = {
        'file.new': commands.newExperiment,
        'file.open': commands.open,
        'file.save': () => save(false),
        'file.saveAs': () => save(true),
        'file.saveAndClose': commands.saveAndClose,
      };
      const f = file[command];
      if (f) void f();
      return f !== undefined;
    },
  };
  return commands;
}
