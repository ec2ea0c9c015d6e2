import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Experiment files named on a command line (a launch or a second launch): existing `*.json` arguments. */
export function filesFromArgv(argv: string[], cwd = process.cwd()): string[] {
  return argv
    .slice(1)
    .filter((a) => !a.startsWith('-') && /\.json$/i.test(a))
    .map((a) => resolve(cwd, a))
    .filter((p) => existsSync(p));
}
