/**
 * Every file the main process reads or writes on the page's behalf. The page
 * never names a path to write: it gets one from a dialog the user answered (or
 * the app's own user-data folder), and a path it may read again is one the
 * user chose before (a dialog, the command line, the recent list).
 */
import { EN, type Translate } from '../i18n';
import { promises as fs } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  type Autosave,
  autosaveRecord,
  type ExportFilter,
  type ExportTarget,
  type OpenedFile,
  readAutosaveRecord,
  type SavedFile,
} from '../shared/api';
import { describeWriteError, writeFileAtomic } from './atomicWrite';
import { MAX_AUTOSAVE_BYTES, MAX_EXPERIMENT_BYTES, mib } from '../shared/limits';

export const EXPERIMENT_EXTENSION = '.sigmoidlab.json';
const MAX_RECENT = 10;

/** The native dialogs, injected so that tests can answer them. */
export interface Dialogs {
  open(filters: ExportFilter[]): Promise<string | null>;
  save(defaultName: string, filters: ExportFilter[]): Promise<string | null>;
  folder(): Promise<string | null>;
}

export interface FileServiceDeps {
  userData: string;
  dialogs: Dialogs;
  /** The page's language (English when not given). */
  t?(): Translate;
  /** The OS's recent documents (where supported). */
  addRecentDocument?(path: string): void;
  onRecentChanged?(list: string[]): void;
  /** The autosave's size cap (MAX_AUTOSAVE_BYTES unless a test gives a smaller one). */
  maxAutosaveBytes?: number;
}

/** A failure the user should read, as it is. */
export class UserFacingError extends Error {}

export function experimentFilters(t: Translate = EN): ExportFilter[] {
  return [
    { name: t('io.experimentFilter'), extensions: ['sigmoidlab.json', 'json'] },
    { name: t('io.allFiles'), extensions: ['*'] },
  ];
}

export class FileService {
  private readonly granted = new Set<string>();
  /** Export destinations the user chose, by one-time id, until the export is written or cancelled. */
  private readonly exportTargets = new Map<string, { kind: 'file' | 'folder'; path: string }>();
  private recent: string[] = [];

  constructor(private readonly deps: FileServiceDeps) {}

  get recentFiles(): string[] {
    return [...this.recent];
  }

  private get recentFile(): string {
    return join(this.deps.userData, 'recent.json');
  }

  private get maxAutosave(): number {
    return this.deps.maxAutosaveBytes ?? MAX_AUTOSAVE_BYTES;
  }

  private get autosaveFile(): string {
    return join(this.deps.userData, 'autosave.json');
  }

  async init(): Promise<void> {
    try {
      const list = JSON.parse(await fs.readFile(this.recentFile, 'utf8')) as unknown;
      if (Array.isArray(list))
        this.recent = list.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT);
    } catch {
      this.recent = [];
    }
    for (const p of this.recent) this.granted.add(p);
  }

  /** Marks a path the user chose (dialog, command line, drop) as readable and writable. */
  grant(path: string): string {
    const p = resolve(path);
    this.granted.add(p);
    return p;
  }

  isGranted(path: string): boolean {
    return this.granted.has(resolve(path));
  }

  private async remember(path: string): Promise<void> {
    this.recent = [path, ...this.recent.filter((p) => p !== path)].slice(0, MAX_RECENT);
    this.deps.addRecentDocument?.(path);
    this.deps.onRecentChanged?.(this.recentFiles);
    await writeFileAtomic(this.recentFile, JSON.stringify(this.recent)).catch(() => undefined);
  }

  async forget(path: string): Promise<void> {
    this.recent = this.recent.filter((p) => p !== path);
    this.deps.onRecentChanged?.(this.recentFiles);
    await writeFileAtomic(this.recentFile, JSON.stringify(this.recent)).catch(() => undefined);
  }

  /** Reads a path the user chose (never one the page made up). */
  async read(path: string): Promise<OpenedFile> {
    const p = resolve(path);
    const t = this.t;
    if (!this.granted.has(p)) throw new UserFacingError(t('io.notGranted', { path: p }));
    let text: string;
    try {
      const st = await fs.stat(p);
      if (!st.isFile()) throw new UserFacingError(t('io.notFile', { path: p }));
      if (st.size > MAX_EXPERIMENT_BYTES)
        throw new UserFacingError(
          t('io.tooBig', { path: p, size: mib(st.size), max: mib(MAX_EXPERIMENT_BYTES) }),
        );
      text = await fs.readFile(p, 'utf8');
    } catch (e) {
      if (e instanceof UserFacingError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') await this.forget(p);
      const reason = code === 'ENOENT' ? t('io.gone') : code === 'EACCES' ? t('io.permission') : String(e);
      throw new UserFacingError(t('io.cannotOpen', { path: p, reason }));
    }
    await this.remember(p);
    return { name: basename(p), path: p, text };
  }

  async openDialog(): Promise<OpenedFile | null> {
    const chosen = await this.deps.dialogs.open(experimentFilters(this.t));
    if (chosen === null) return null;
    return this.read(this.grant(chosen));
  }

  async openRecent(path: string): Promise<OpenedFile> {
    if (!this.recent.includes(resolve(path))) throw new UserFacingError(this.t('io.notRecent', { path }));
    return this.read(path);
  }

  /**
   * Saves an experiment: to `path` when the user chose it before and not
   * `saveAs`, otherwise to where a save dialog says.
   */
  async saveExperiment(
    text: string,
    path: string | null,
    suggestedName: string,
    saveAs: boolean,
  ): Promise<SavedFile | null> {
    let target = path !== null && !saveAs && this.isGranted(path) ? resolve(path) : null;
    if (target === null) {
      const chosen = await this.deps.dialogs.save(
        withExtension(suggestedName, EXPERIMENT_EXTENSION),
        experimentFilters(this.t),
      );
      if (chosen === null) return null;
      target = this.grant(chosen);
    }
    try {
      await writeFileAtomic(target, text);
    } catch (e) {
      throw new UserFacingError(describeWriteError(target, e, this.t));
    }
    await this.remember(target);
    return { name: basename(target), path: target };
  }

  /**
   * Where an export will go, asked before it is rendered: a file from the save
   * dialog, or a new folder `suggestedName` inside the folder the user picks.
   * Returns a one-time id the page writes to once the export is complete.
   */
  async chooseExport(
    kind: 'file' | 'folder',
    suggestedName: string,
    filters: ExportFilter[],
  ): Promise<ExportTarget | null> {
    let target: string;
    if (kind === 'file') {
      const chosen = await this.deps.dialogs.save(suggestedName, filters);
      if (chosen === null) return null;
      target = resolve(chosen);
    } else {
      const parent = await this.deps.dialogs.folder();
      if (parent === null) return null;
      target = join(resolve(parent), suggestedName);
      if (await exists(target)) throw new UserFacingError(this.t('io.exists', { path: target }));
    }
    const id = randomUUID();
    this.exportTargets.set(id, { kind, path: target });
    return { id, kind, name: basename(target), path: target };
  }

  /** The language of messages and dialog filters (the page's). */
  private get t(): Translate {
    return this.deps.t?.() ?? EN;
  }

  private takeTarget(id: string, kind: 'file' | 'folder'): string {
    const target = this.exportTargets.get(id);
    if (!target || target.kind !== kind) throw new UserFacingError(this.t('io.noTarget'));
    this.exportTargets.delete(id);
    return target.path;
  }

  /** A cancelled export: its destination is forgotten (nothing was written). */
  discardExport(id: string): void {
    this.exportTargets.delete(id);
  }

  /** A finished export (image, animation, zip) to its chosen file, atomically. */
  async writeExport(id: string, data: Uint8Array): Promise<SavedFile> {
    const target = this.takeTarget(id, 'file');
    try {
      await writeFileAtomic(target, data);
    } catch (e) {
      throw new UserFacingError(describeWriteError(target, e, this.t));
    }
    this.granted.add(target);
    return { name: basename(target), path: target };
  }

  /**
   * A finished PNG sequence into its new folder: filled under a fresh hidden
   * name of its own (made here, never one that was there before) and renamed
   * when complete, so a failure leaves nothing behind and touches nothing else.
   */
  async writeFrames(id: string, frames: { name: string; data: Uint8Array }[]): Promise<SavedFile> {
    const target = this.takeTarget(id, 'folder');
    if (await exists(target)) throw new UserFacingError(this.t('io.exists', { path: target }));
    let tmp: string | null = null;
    const written: string[] = [];
    try {
      tmp = await makeOwnFolder(dirname(target), `.${basename(target)}`, '.partial');
      for (const f of frames) {
        const file = join(tmp, f.name);
        // 'wx': a file that appeared meanwhile is not overwritten (nor removed below).
        await fs.writeFile(file, f.data, { flag: 'wx' });
        written.push(file);
      }
      if (await exists(target)) throw new UserFacingError(this.t('io.exists', { path: target }));
      await fs.rename(tmp, target);
    } catch (e) {
      // Only what this export made is removed: its files, then its folder if nothing else is in it.
      if (tmp !== null) {
        for (const file of written) await fs.rm(file, { force: true }).catch(() => undefined);
        await fs.rmdir(tmp).catch(() => undefined);
      }
      if (e instanceof UserFacingError) throw e;
      throw new UserFacingError(describeWriteError(target, e, this.t));
    }
    this.granted.add(target);
    return { name: basename(target), path: target };
  }

  /** Autosaves the page's state; one too large to be read back is refused (the last one stays). */
  async writeAutosave(text: string): Promise<void> {
    const json = autosaveRecord(text);
    const size = Buffer.byteLength(json);
    if (size > this.maxAutosave)
      throw new UserFacingError(
        this.t('io.autosaveWriteTooBig', { size: mib(size), max: mib(this.maxAutosave) }),
      );
    await fs.mkdir(this.deps.userData, { recursive: true });
    await writeFileAtomic(this.autosaveFile, json);
  }

  /**
   * The last autosave, or null when there is none (or it is unreadable). One
   * larger than the cap is not read: it is moved aside, kept, and refused with
   * a message saying its size and the cap.
   */
  async readAutosave(): Promise<Autosave | null> {
    let size: number;
    try {
      size = (await fs.stat(this.autosaveFile)).size;
    } catch {
      return null;
    }
    if (size > this.maxAutosave) {
      let kept = join(this.deps.userData, `autosave-not-restored-${Date.now()}.json`);
      await fs.rename(this.autosaveFile, kept).catch(() => (kept = this.autosaveFile));
      throw new UserFacingError(
        this.t('io.autosaveTooBig', {
          path: this.autosaveFile,
          size: mib(size),
          max: mib(this.maxAutosave),
          kept,
        }),
      );
    }
    return readAutosaveRecord(await fs.readFile(this.autosaveFile, 'utf8').catch(() => ''));
  }

  async clearAutosave(): Promise<void> {
    await fs.rm(this.autosaveFile, { force: true });
  }
}

/**
 * A new, empty folder `prefix.HEX suffix` in `parent`, made by this call
 * (mkdir fails on a name that exists, so nothing already there is reused).
 */
async function makeOwnFolder(parent: string, prefix: string, suffix: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const p = join(parent, `${prefix}.${randomBytes(6).toString('hex')}${suffix}`);
    try {
      await fs.mkdir(p);
      return p;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw e;
    }
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

export function withExtension(name: string, ext: string): string {
  const base = name.trim() === '' ? 'untitled' : name.trim();
  return base.toLowerCase().endsWith(ext)
    ? base
    : `${base.replace(new RegExp(`${escape(extname(base))}$`), '')}${ext}`;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
