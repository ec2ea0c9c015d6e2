/**
 * A zip of PNG frames, stored (PNG is compressed already), built as the
 * frames come so memory holds the zip once.
 */
import { Zip, ZipPassThrough } from 'fflate';

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private error: Error | null = null;
  private done = false;

  constructor() {
    this.zip = new Zip((err, chunk, final) => {
      if (err) this.error = err;
      else this.chunks.push(chunk);
      if (final) this.done = true;
    });
  }

  add(name: string, data: Uint8Array): void {
    const file = new ZipPassThrough(name);
    this.zip.add(file);
    file.push(data, true);
    if (this.error) throw this.error;
  }

  finish(): Uint8Array {
    this.zip.end();
    if (this.error) throw this.error;
    if (!this.done) throw new Error('the zip did not complete');
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/** Frame file names sort in order: frame-00000.png … */
export function frameName(i: number, total: number): string {
  return `frame-${String(i).padStart(Math.max(5, String(total - 1).length), '0')}.png`;
}
