/** Reading a user's file with a size cap: a file over it is named with its size and the cap, unread. */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';

/** The largest experiment file read (the same cap as the app's). */
export { MAX_EXPERIMENT_BYTES } from '../shared/limits';

export class TooBig extends Error {}

/** Why a file cannot be read, in words, with the absolute path tried. */
export function readProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : String((e as Error).message ?? e);
  return `${path}: cannot read the file (${code ? `${code}: ` : ''}${why})`;
}

/** Bytes in words: "80.0 MiB (83,886,080 bytes)". */
export function sizeText(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB (${bytes.toLocaleString('en')} bytes)`;
}

/** The file's text as UTF-8, or TooBig when it holds more than `cap` bytes. */
export async function readCapped(path: string, cap: number): Promise<string> {
  const h = await fs.open(path, 'r');
  try {
    const st = await h.stat();
    if (st.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (st.size > cap)
      throw new TooBig(
        `${path}: the file is ${sizeText(st.size)}; an experiment file is at most ${sizeText(cap)}`,
      );
    if (st.isFile()) return await h.readFile('utf8');
    // Not a regular file (a pipe, a device): read at most cap + 1 bytes.
    const chunks: Buffer[] = [];
    let n = 0;
    while (n <= cap) {
      const buf = Buffer.alloc(Math.min(1 << 20, cap + 1 - n));
      const { bytesRead } = await h.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      n += bytesRead;
    }
    if (n > cap)
      throw new TooBig(
        `${path}: the file is over ${sizeText(cap)}; an experiment file is at most ${sizeText(cap)}`,
      );
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await h.close();
  }
}

/** Where the user's relative paths start: the folder `npm run` was typed in, not the package's. */
export function userCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

/** Whether two paths name the same file (the same path, or the same file through links). */
export async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
