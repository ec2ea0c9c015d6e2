/**
 * Everything platform-specific the renderer needs, behind one interface with
 * two implementations: `electron.ts` (the preload's bridge) and `browser.ts`
 * (file input, File System Access API or downloads, localStorage).
 */
import type {
  AppInfo,
  Autosave,
  DocumentState,
  ExportFilter,
  ExportTarget,
  MenuCommand,
  OpenedFile,
  SavedFile,
  UnsavedChoice,
} from '../../../shared/api';
import type { Locale } from '../../../i18n';

export interface Platform {
  readonly kind: 'electron' | 'web';
  appInfo(): Promise<AppInfo>;
  /** Asks for an experiment file; null when the person cancelled. */
  openExperiment(): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile>;
  recentFiles(): Promise<string[]>;
  /** Saves to the current file, or asks where (always with `saveAs`); null when cancelled. */
  saveExperiment(text: string, current: SavedFile, saveAs: boolean): Promise<SavedFile | null>;
  /** Whether an export can go into a new folder (the desktop app); a browser saves a zip instead. */
  readonly exportFolders: boolean;
  /** Where an export goes, asked before it is rendered; null when the person cancelled. */
  chooseExport(
    kind: 'file' | 'folder',
    suggestedName: string,
    filters: ExportFilter[],
  ): Promise<ExportTarget | null>;
  /** The finished export, written atomically to its target. */
  writeExport(target: ExportTarget, data: Uint8Array): Promise<SavedFile>;
  writeFrames(target: ExportTarget, frames: { name: string; data: Uint8Array }[]): Promise<SavedFile>;
  /** A cancelled or failed export: the target is released, nothing is written. */
  discardExport(target: ExportTarget): Promise<void>;
  reveal(path: string): Promise<void>;
  /** The page's language: the native menu and dialogs follow it. */
  setLanguage(locale: Locale): void;
  askUnsaved(name: string): Promise<UnsavedChoice>;
  setDocumentState(state: DocumentState): void;
  /** After "Save" in the close prompt succeeded: close now. */
  closeConfirmed(): void;
  writeAutosave(text: string): Promise<void>;
  readAutosave(): Promise<Autosave | null>;
  /** Where share links point: this page's address in a browser, the web version's in the desktop app. */
  linkBase(): string;
  /** Puts a share link on the clipboard. */
  copyLink(link: string): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files opened from outside the page: command line, second launch, recent menu. */
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  onFileOpenFailed(listener: (message: string) => void): () => void;
}
