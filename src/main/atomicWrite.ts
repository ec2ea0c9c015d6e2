/**
 * Writes a file so that a crash, a full disk or a failed write never leaves it
 * half-written: the bytes go to a temporary file in the same folder, are
 * flushed to disk, and only then renamed over the destination (atomic on one
 * file system). On any failure the temporary file is removed and the old file
 * is untouched.
 */
import { EN, type MessageKey, type Translate } from '../i18n';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, path);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** A human sentence for a failed write, naming the file and the cause. */
export function describeWriteError(path: string, e: unknown, t: Translate = EN): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: Record<string, MessageKey> = {
    EACCES: 'io.permission',
    EPERM: 'io.permission',
    ENOSPC: 'io.full',
    EROFS: 'io.readOnly',
    ENOENT: 'io.noFolder',
    EISDIR: 'io.isFolder',
    EDQUOT: 'io.quota',
  };
  const reason = code && why[code] ? t(why[code]) : e instanceof Error ? e.message : String(e);
  return t('io.cannotWrite', { path, reason });
}
