import type { UnsavedChoice } from '../../shared/api';
import type { ExportContext } from './export/context';

/** The one dialog open over the app, if any. */
export type Modal =
  | { kind: 'problems'; title: string; problems: string[] }
  | { kind: 'unsaved'; name: string; resolve: (c: UnsavedChoice) => void }
  | { kind: 'shortcuts' }
  | { kind: 'export'; what: 'image' | 'animation'; context: ExportContext }
  | { kind: 'code' }
  | { kind: 'link'; link: string }
  | { kind: 'openLink' }
  | { kind: 'about' }
  | { kind: 'summary' };

/** What the app says to the user: the dialog open over it and the status line. */
export class Messages {
  modal = $state<Modal | null>(null);
  /** The status line: a message, or one built as it is shown (it then follows the language). */
  status = $state<string | (() => string)>('');
  readonly statusText = $derived(typeof this.status === 'function' ? this.status() : this.status);

  /** Problems named in a dialog (nothing was changed, or written). */
  problems = (title: string, problems: string[]): void => {
    this.modal = { kind: 'problems', title, problems };
  };

  notify = (message: string): void => {
    this.status = message;
  };

  /** A dialog answered with `value`: the unsaved-changes question hands it on. */
  close = (value: string): void => {
    if (this.modal?.kind === 'unsaved') this.modal.resolve(value as UnsavedChoice);
    this.modal = null;
  };
}

/** An error's words, for the status line or a dialog. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
