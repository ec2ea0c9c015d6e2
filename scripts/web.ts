/** `npm run web`: the whole app in a browser, served from the built renderer. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { argv, exit } from 'node:process';
import { serveStatic } from './serve';

const root = resolve(import.meta.dirname, '../out/renderer');
if (!existsSync(resolve(root, 'index.html'))) {
  console.error('The renderer is not built: run `npm run build` first (or `npm run web`, which builds it).');
  exit(1);
}
const portArg = argv.find((a) => a.startsWith('--port='));
const { url } = await serveStatic(root, portArg ? Number(portArg.slice(7)) : 5199);
console.log(`Sigmoid Lab is served at ${url}  (Ctrl+C to stop)`);
