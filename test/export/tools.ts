/**
 * rsvg-convert (Debian's librsvg2-bin) and pdftotext/pdfinfo/pdftoppm
 * (poppler-utils) decode vector exports in tests. Under CI=true a missing tool
 * fails the run; elsewhere those tests are skipped with a note.
 */
import { execFile, execFileSync } from 'node:child_process';

function has(tool: string, arg: string): boolean {
  try {
    execFileSync(tool, [arg], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function toolsOrSkip(): boolean {
  const ok = has('rsvg-convert', '--version') && has('pdfinfo', '-v');
  const help =
    'rsvg-convert or pdfinfo was not found. Install them with `sudo apt-get install librsvg2-bin poppler-utils`.';
  if (!ok && process.env['CI'] === 'true') throw new Error(help);
  if (!ok) console.warn(`Skipping vector decode checks: ${help}`);
  return ok;
}

export function run(tool: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(tool, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
