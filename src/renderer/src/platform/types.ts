/**
 * Everything platform-specific the renderer needs, behind one interface with
 * two implementations: `electron.ts` (the preload's bridge) and `browser.ts`
 * (file input, File System Access API or downloads, localStorage).
 */
import type {
  AppInfo,
  DocumentState,
  ExportFilter,
  MenuCommand,
  OpenedFile,
  SavedFile,
  UnsavedChoice,
} from '../../../shared/api';

export interface Platform {
  readonly kind: 'electron' | 'web';
  appInfo(): Promise<AppInfo>;
  /** Asks for an experiment file; null when the person cancelled. */
  openExperiment(): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile>;
  recentFiles(): Promise<string[]>;
  /** Saves to the current file, or asks where (always with `saveAs`); null when cancelled. */
  saveExperiment(text: string, current: SavedFile, saveAs: boolean): Promise<SavedFile | null>;
  writeExport(data: Uint8Array, suggestedName: string, filters: ExportFilter[]): Promise<SavedFile | null>;
  writeFrames(frames: { name: string; data: Uint8Array }[], folderName: string): Promise<SavedFile | null>;
  reveal(path: string): Promise<void>;
  askUnsaved(name: string): Promise<UnsavedChoice>;
  setDocumentState(state: DocumentState): void;
  /** After "Save" in the close prompt succeeded: close now. */
  closeConfirmed(): void;
  writeAutosave(text: string): Promise<void>;
  readAutosave(): Promise<{ savedAt: string; text: string } | null>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files opened from outside the page: command line, second launch, recent menu. */
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  onFileOpenFailed(listener: (message: string) => void): () => void;
}
