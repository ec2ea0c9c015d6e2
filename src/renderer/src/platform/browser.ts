/**
 * The platform in a plain browser: a file input to open, the File System
 * Access API to save where it exists (downloads otherwise), localStorage for
 * autosave, and the page's own dialogs.
 */
import {
  autosaveRecord,
  type MenuCommand,
  type OpenedFile,
  readAutosaveRecord,
  type SavedFile,
  type UnsavedChoice,
} from '../../../shared/api';
import { MAX_EXPERIMENT_BYTES, mib } from '../../../shared/limits';
import { t } from '../i18n.svelte';
import type { Platform } from './types';

const MIME: Record<string, string> = {
  png: 'image/png',
  gif: 'image/gif',
  webm: 'video/webm',
  mp4: 'video/mp4',
  zip: 'application/zip',
  py: 'text/x-python',
  ipynb: 'application/x-ipynb+json',
};

export const AUTOSAVE_KEY = 'sigmoid-lab:autosave';

/** The page's own modal, supplied by the UI. */
export interface BrowserDialogs {
  askUnsaved(name: string): Promise<UnsavedChoice>;
}

interface FileHandle {
  name: string;
  createWritable(): Promise<{
    write(data: Blob | string): Promise<void>;
    close(): Promise<void>;
    abort?(): Promise<void>;
  }>;
}

interface SaveFilePicker {
  showSaveFilePicker?(options: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileHandle>;
}

/** Picks one file through a hidden <input type="file">; null when cancelled. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.dataset.testid = 'file-input';
    const done = (f: File | null): void => {
      input.remove();
      resolve(f);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** The save picker's answer; null when the person cancelled it. */
async function pick(
  w: SaveFilePicker,
  options: Parameters<NonNullable<SaveFilePicker['showSaveFilePicker']>>[0],
): Promise<FileHandle | null> {
  try {
    return await w.showSaveFilePicker!(options);
  } catch (e) {
    if ((e as DOMException)?.name === 'AbortError') return null;
    throw e;
  }
}

/** Writes a whole file through its handle: the browser writes to a swap file and replaces the original on close (atomic); a failure aborts it. */
async function writeWhole(handle: FileHandle, blob: Blob): Promise<void> {
  const out = await handle.createWritable();
  try {
    await out.write(blob);
    await out.close();
  } catch (e) {
    await out.abort?.();
    throw e;
  }
}

function download(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function browserPlatform(dialogs: BrowserDialogs, w: Window & SaveFilePicker = window): Platform {
  const menuListeners = new Set<(c: MenuCommand) => void>();
  /** Handles of files saved through the File System Access API, by name: later saves go back to them. */
  const handles = new Map<string, FileHandle>();
  /** Export destinations chosen with the File System Access API, until written or discarded. */
  const exportHandles = new Map<string, FileHandle>();
  let exportIds = 0;
  let dirty = false;
  w.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });

  const saveBlob = async (blob: Blob, name: string, handleKey: string | null): Promise<SavedFile | null> => {
    const known = handleKey === null ? undefined : handles.get(handleKey);
    if (known || w.showSaveFilePicker) {
      const handle = known ?? (await pick(w, { suggestedName: name }));
      if (handle === null) return null;
      await writeWhole(handle, blob);
      handles.set(handle.name, handle);
      return { name: handle.name, path: null };
    }
    download(blob, name);
    return { name, path: null };
  };

  return {
    kind: 'web',
    appInfo: async () => ({
      name: 'Sigmoid Lab',
      version: __APP_VERSION__,
      shell: 'web',
      platform: 'web',
      locale: navigator.language,
    }),
    openExperiment: async (): Promise<OpenedFile | null> => {
      const file = await pickFile('.json,.sigmoidlab.json,application/json');
      if (file === null) return null;
      if (file.size > MAX_EXPERIMENT_BYTES)
        throw new Error(
          t('io.tooBig', { path: file.name, size: mib(file.size), max: mib(MAX_EXPERIMENT_BYTES) }),
        );
      return { name: file.name, path: null, text: await file.text() };
    },
    openRecent: () => Promise.reject(new Error(t('platform.recentDesktopOnly'))),
    recentFiles: async () => [],
    saveExperiment: async (text, current, saveAs) => {
      const name = /\.json$/i.test(current.name) ? current.name : `${current.name}.sigmoidlab.json`;
      return saveBlob(new Blob([text], { type: 'application/json' }), name, saveAs ? null : name);
    },
    exportFolders: false,
    chooseExport: async (kind, name, filters) => {
      if (kind === 'folder') throw new Error(t('platform.zipInBrowser'));
      const id = `export-${++exportIds}`;
      if (w.showSaveFilePicker) {
        const handle = await pick(w, {
          suggestedName: name,
          types: filters
            .filter((f) => !f.extensions.includes('*'))
            .map((f) => ({
              description: f.name,
              accept: {
                [MIME[f.extensions[0]] ?? 'application/octet-stream']: f.extensions.map((e) => `.${e}`),
              },
            })),
        });
        if (handle === null) return null;
        exportHandles.set(id, handle);
        return { id, kind, name: handle.name, path: null };
      }
      return { id, kind, name, path: null };
    },
    writeExport: async (target, data) => {
      const blob = new Blob([data as Uint8Array<ArrayBuffer>], {
        type: MIME[target.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream',
      });
      const handle = exportHandles.get(target.id);
      exportHandles.delete(target.id);
      if (!handle) {
        download(blob, target.name);
        return { name: target.name, path: null };
      }
      await writeWhole(handle, blob);
      return { name: handle.name, path: null };
    },
    writeFrames: () => Promise.reject(new Error(t('platform.zipInBrowser'))),
    setLanguage: () => undefined,
    discardExport: async (target) => {
      exportHandles.delete(target.id);
    },
    reveal: async () => undefined,
    askUnsaved: (name) => dialogs.askUnsaved(name),
    setDocumentState: (state) => {
      dirty = state.dirty;
      document.title = `${state.title}${state.dirty ? ' •' : ''} — Sigmoid Lab`;
    },
    closeConfirmed: () => undefined,
    writeAutosave: async (text) => {
      try {
        w.localStorage.setItem(AUTOSAVE_KEY, autosaveRecord(text));
      } catch {
        // Storage full or disabled: the work is still in the page.
      }
    },
    readAutosave: async () => {
      try {
        return readAutosaveRecord(w.localStorage.getItem(AUTOSAVE_KEY) ?? 'null');
      } catch {
        // Storage disabled: nothing to read.
        return null;
      }
    },
    linkBase: () => `${w.location.origin}${w.location.pathname}`,
    copyLink: async (link) => {
      if (!w.navigator.clipboard) throw new Error(t('link.copyFailed'));
      await w.navigator.clipboard.writeText(link).catch(() => {
        throw new Error(t('link.copyFailed'));
      });
    },
    onMenuCommand: (l) => {
      menuListeners.add(l);
      return () => menuListeners.delete(l);
    },
    onFileOpened: () => () => undefined,
    onFileOpenFailed: () => () => undefined,
  };
}
