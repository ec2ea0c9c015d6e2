// `npm start`: make sure the Electron binary is there (it is downloaded on first
// use), then build and launch the app. Offline, say so and offer `npm run web`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const bin = (name) => join(dirname(electronDir), '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function binaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

if (!binaryPresent()) {
  console.log('Sigmoid Lab: downloading the Electron runtime (once)…');
  const r = spawnSync(bin('install-electron'), [], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0 || !binaryPresent()) {
    console.error(
      [
        '',
        'Sigmoid Lab could not download the Electron runtime it needs to open its window.',
        'This needs an internet connection to GitHub once; the download failed or was blocked.',
        '  • Check the connection (or a proxy: see https://www.electronjs.org/docs/latest/tutorial/installation)',
        '    and run `npm start` again, or',
        '  • run the same app in your browser instead: `npm run web`',
      ].join('\n'),
    );
    process.exit(1);
  }
}
const r = spawnSync(bin('electron-vite'), ['preview'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(r.status ?? 1);
