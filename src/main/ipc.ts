/**
 * The IPC handlers. Each checks that the message comes from the app's own
 * page and validates its payload before acting; a bad payload is refused with
 * a message naming the field.
 */
import {
  type AppInfo,
  CHANNELS,
  type DocumentState,
  LINK_PATTERN,
  MAX_LINK_LENGTH,
  type UnsavedChoice,
} from '../shared/api';
import { EXPERIMENT_EXTENSION, type FileService } from './files';
import * as guard from './guard';
import { isLocale, type Locale } from '../i18n';
import { isTrustedSender, type TrustedPage } from './trust';

/** The part of IpcMainEvent / IpcMainInvokeEvent the handlers read. */
export interface IpcEventLike {
  senderFrame?: { url: string } | null;
  sender?: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}

export interface IpcDeps {
  files: FileService;
  /** The app's own page: the only sender whose messages are acted on. */
  page: TrustedPage;
  appInfo(): AppInfo;
  askUnsaved(event: IpcEventLike, name: string): Promise<UnsavedChoice>;
  setDocumentState(event: IpcEventLike, state: DocumentState): void;
  closeConfirmed(event: IpcEventLike): void;
  reveal(path: string): void;
  setLanguage(locale: Locale): void;
  /** Writes text to the clipboard (a share link, already checked). */
  copyLink(link: string): void;
}

const MAX_FILTERS = 8;

function checkSender(event: IpcEventLike, page: TrustedPage): void {
  if (!isTrustedSender(event.senderFrame?.url, page)) throw new guard.PayloadError('untrusted sender');
}

function filters(v: unknown): { name: string; extensions: string[] }[] {
  if (!Array.isArray(v) || v.length > MAX_FILTERS)
    throw new guard.PayloadError(`filters: expected at most ${MAX_FILTERS}`);
  return v.map((f, i) => {
    const o = guard.object(f, `filters[${i}]`);
    const exts = o.extensions;
    if (!Array.isArray(exts) || exts.length === 0 || exts.length > 8) {
      throw new guard.PayloadError(`filters[${i}].extensions: expected 1..8 extensions`);
    }
    return {
      name: guard.string(o.name, `filters[${i}].name`, 80),
      extensions: exts.map((e, j) => {
        const s = guard.string(e, `filters[${i}].extensions[${j}]`, 20);
        if (!/^[a-z0-9.]+$|^\*$/i.test(s))
          throw new guard.PayloadError(`filters[${i}].extensions[${j}]: not an extension`);
        return s;
      }),
    };
  });
}

export function registerIpc(ipc: IpcMainLike, deps: IpcDeps): void {
  const { files } = deps;
  const handle = (channel: string, fn: (event: IpcEventLike, ...args: unknown[]) => unknown): void =>
    ipc.handle(channel, (event, ...args) => {
      checkSender(event, deps.page);
      return fn(event, ...args);
    });
  const on = (channel: string, fn: (event: IpcEventLike, ...args: unknown[]) => void): void =>
    ipc.on(channel, (event, ...args) => {
      // One-way messages cannot answer an error: a bad one is dropped.
      try {
        checkSender(event, deps.page);
        fn(event, ...args);
      } catch {
        /* refused */
      }
    });

  handle(CHANNELS.appInfo, () => deps.appInfo());
  handle(CHANNELS.openDialog, () => files.openDialog());
  handle(CHANNELS.openRecent, (_e, path) => files.openRecent(guard.string(path, 'path', guard.MAX_PATH)));
  handle(CHANNELS.saveExperiment, (_e, text, path, suggestedName, saveAs) =>
    files.saveExperiment(
      guard.string(text, 'text', guard.MAX_TEXT),
      path === null ? null : guard.string(path, 'path', guard.MAX_PATH),
      // A restored document's name may be longer than a file name can be: the dialog suggests it shortened.
      guard.displayName(suggestedName, 'suggestedName', guard.MAX_NAME - EXPERIMENT_EXTENSION.length),
      guard.boolean(saveAs, 'saveAs'),
    ),
  );
  handle(CHANNELS.chooseExport, (_e, kind, suggestedName, f) => {
    if (kind !== 'file' && kind !== 'folder') throw new guard.PayloadError('kind: expected file or folder');
    return files.chooseExport(kind, guard.fileName(suggestedName, 'suggestedName'), filters(f));
  });
  handle(CHANNELS.writeExport, (_e, id, data) =>
    files.writeExport(guard.string(id, 'id', 64), guard.bytes(data, 'data')),
  );
  handle(CHANNELS.writeFrames, (_e, id, frames) => {
    const target = guard.string(id, 'id', 64);
    if (!Array.isArray(frames) || frames.length === 0 || frames.length > guard.MAX_FRAMES) {
      throw new guard.PayloadError(`frames: expected 1..${guard.MAX_FRAMES} frames`);
    }
    let total = 0;
    const names = new Set<string>();
    const checked = frames.map((f, i) => {
      const o = guard.object(f, `frames[${i}]`);
      const data = guard.bytes(o.data, `frames[${i}].data`);
      total += data.byteLength;
      if (total > guard.MAX_BYTES)
        throw new guard.PayloadError(`frames: larger than ${guard.MAX_BYTES} bytes in all`);
      const name = guard.fileName(o.name, `frames[${i}].name`);
      if (names.has(name)) throw new guard.PayloadError(`frames[${i}].name: ${name} is named twice`);
      names.add(name);
      return { name, data };
    });
    return files.writeFrames(target, checked);
  });
  handle(CHANNELS.discardExport, (_e, id) => files.discardExport(guard.string(id, 'id', 64)));
  handle(CHANNELS.reveal, (_e, path) => {
    const p = guard.string(path, 'path', guard.MAX_PATH);
    if (!files.isGranted(p)) throw new guard.PayloadError('path: not a file the user chose');
    deps.reveal(p);
  });
  handle(CHANNELS.recentFiles, () => files.recentFiles);
  handle(CHANNELS.askUnsaved, (event, name) => deps.askUnsaved(event, guard.displayName(name, 'name')));
  handle(CHANNELS.autosaveWrite, (_e, text) =>
    files.writeAutosave(guard.string(text, 'text', guard.MAX_TEXT)),
  );
  handle(CHANNELS.autosaveRead, () => files.readAutosave());
  handle(CHANNELS.autosaveClear, () => files.clearAutosave());
  handle(CHANNELS.copyLink, (_e, link) => {
    const s = guard.string(link, 'link', MAX_LINK_LENGTH);
    if (!LINK_PATTERN.test(s)) throw new guard.PayloadError('link: not a Sigmoid Lab share link');
    deps.copyLink(s);
  });
  on(CHANNELS.documentState, (event, state) => {
    const o = guard.object(state, 'state');
    deps.setDocumentState(event, {
      title: guard.displayName(o.title, 'state.title'),
      dirty: guard.boolean(o.dirty, 'state.dirty'),
    });
  });
  on(CHANNELS.closeConfirmed, (event) => deps.closeConfirmed(event));
  on(CHANNELS.setLanguage, (_event, l) => {
    if (!isLocale(l)) throw new guard.PayloadError('locale: expected en or zh-CN');
    deps.setLanguage(l);
  });
}
