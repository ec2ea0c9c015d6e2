/** Whether `npm run export` is asked for code: told before anything heavy (the validator, the exporters) is loaded. */
import { extname } from 'node:path';
import { CODE_FORMATS, type CodeFormat } from '../export/codeFormats';

/** Whether these options ask for code (by --format, or by the extension of --out). */
export function codeFormat(raw: Record<string, string | true>): CodeFormat | null {
  const f = raw.format;
  if (typeof f === 'string')
    return (CODE_FORMATS as readonly string[]).includes(f) ? (f as CodeFormat) : null;
  const out = raw.out;
  if (typeof out !== 'string') return null;
  const ext = extname(out).toLowerCase().slice(1);
  return (CODE_FORMATS as readonly string[]).includes(ext) ? (ext as CodeFormat) : null;
}
