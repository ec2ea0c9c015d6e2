/**
 * The bridge between the renderer and the platform it runs on. The renderer
 * only ever sees `Platform` (src/renderer/src/platform): the Electron preload
 * implements its desktop half over these IPC channels, and a plain web page
 * implements it with browser APIs.
 */

/** IPC channel names, shared by main and preload: one place for all of them. */
export const CHANNELS = {
  appInfo: 'app:info',
  openDialog: 'file:open-dialog',
  openRecent: 'file:open-recent',
  saveExperiment: 'file:save-experiment',
  chooseExport: 'export:choose',
  writeExport: 'export:write',
  writeFrames: 'export:write-frames',
  discardExport: 'export:discard',
  reveal: 'file:reveal',
  setLanguage: 'app:set-language',
  recentFiles: 'file:recent',
  askUnsaved: 'dialog:unsaved',
  documentState: 'doc:state',
  closeConfirmed: 'app:close-confirmed',
  autosaveWrite: 'autosave:write',
  autosaveRead: 'autosave:read',
  autosaveClear: 'autosave:clear',
  copyLink: 'clipboard:copy-link',
  // main → renderer
  menuCommand: 'menu:command',
  fileOpened: 'file:opened',
  fileOpenFailed: 'file:open-failed',
} as const;

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' in the desktop app, 'web' in a browser. */
  shell: 'electron' | 'web';
  /** Node's process.platform in Electron; 'web' otherwise. */
  platform: string;
  /** The OS (or browser) locale, e.g. 'en-GB', 'zh-CN'. */
  locale: string;
}

/** A file the user opened: its name, its path (null in a browser or for a dropped file), its text. */
export interface OpenedFile {
  name: string;
  path: string | null;
  text: string;
}

/** Where something was saved. */
export interface SavedFile {
  name: string;
  path: string | null;
}

/** The work kept in main's user-data folder between sessions. */
export interface Autosave {
  /** ISO 8601. */
  savedAt: string;
  text: string;
}

/** A file-type filter of a native dialog (name, extensions without the dot). */
export interface ExportFilter {
  name: string;
  extensions: string[];
}

/** Where an export goes, chosen before it is rendered; `id` is what the page writes to, once. */
export interface ExportTarget {
  id: string;
  kind: 'file' | 'folder';
  name: string;
  /** Null in a browser. */
  path: string | null;
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** What the window shows about the current document. */
export interface DocumentState {
  title: string;
  dirty: boolean;
}

/** Menu items, sent from the native menu (or keyboard shortcuts) to the renderer. */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.exportImage',
  'file.exportAnimation',
  'file.exportCode',
  'file.copyLink',
  'file.openLink',
  'file.saveAndClose',
  'edit.undo',
  'edit.redo',
  'view.panel.editor',
  'view.panel.data',
  'view.panel.curves',
  'view.panel.status',
  'view.panel.file',
  'view.panel.chain',
  'view.panel.surface',
  'view.panel.units',
  'view.layout.reset',
  'play.toggle',
  'play.next',
  'play.previous',
  'play.start',
  'play.end',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
  'view.language.en',
  'view.language.zh-CN',
  'help.lessons',
  'help.shortcuts',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the preload exposes as `window.sigmoidLab`: the desktop half of the platform. */
export interface SigmoidLabBridge {
  appInfo(): Promise<AppInfo>;
  openDialog(): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile>;
  saveExperiment(
    text: string,
    path: string | null,
    suggestedName: string,
    saveAs: boolean,
  ): Promise<SavedFile | null>;
  chooseExport(
    kind: 'file' | 'folder',
    suggestedName: string,
    filters: ExportFilter[],
  ): Promise<ExportTarget | null>;
  writeExport(id: string, data: Uint8Array): Promise<SavedFile>;
  writeFrames(id: string, frames: { name: string; data: Uint8Array }[]): Promise<SavedFile>;
  discardExport(id: string): Promise<void>;
  reveal(path: string): Promise<void>;
  setLanguage(locale: 'en' | 'zh-CN'): void;
  recentFiles(): Promise<string[]>;
  askUnsaved(name: string): Promise<UnsavedChoice>;
  setDocumentState(state: DocumentState): void;
  closeConfirmed(): void;
  writeAutosave(text: string): Promise<void>;
  readAutosave(): Promise<Autosave | null>;
  clearAutosave(): Promise<void>;
  /** Puts a share link on the clipboard (main checks that it is one). */
  copyLink(link: string): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  onFileOpenFailed(listener: (message: string) => void): () => void;
}

/** A share link is at most this long (the page refuses longer ones; main checks it too). */
export const MAX_LINK_LENGTH = 8000;
/** What a share link looks like: an http(s) address and a fragment `#v<version>.<base64url>`. */
export const LINK_PATTERN = /^https?:\/\/[^\s#]*#v\d+\.[A-Za-z0-9_-]+$/;

/** Errors from main reach the page with Electron's prefix; this recovers the message meant for people. */
export function userMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/^Error invoking remote method '[^']+': (Error: |UserFacingError: )?/, '');
}

/** An autosave as it is stored (main's file, the web version's localStorage): JSON, dated now. */
export function autosaveRecord(text: string, now = new Date()): string {
  return JSON.stringify({ savedAt: now.toISOString(), text } satisfies Autosave);
}

/** A stored autosave read back; null when it is not one (or not JSON). */
export function readAutosaveRecord(json: string): Autosave | null {
  try {
    const v = JSON.parse(json) as { savedAt?: unknown; text?: unknown } | null;
    return v && typeof v.text === 'string' && typeof v.savedAt === 'string'
      ? { savedAt: v.savedAt, text: v.text }
      : null;
  } catch {
    return null;
  }
}
