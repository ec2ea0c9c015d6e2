/**
 * Whether an IPC message comes from the app's own page: exactly the renderer
 * file the app loads (its path resolved from the app, inside the ASAR when
 * packaged), or, in development only, the server electron-vite names in
 * ELECTRON_RENDERER_URL. Anything else is refused.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export interface TrustedPage {
  /** The absolute path of the page the window loads (out/renderer/index.html). */
  rendererFile: string;
  /** The development server's URL; give it only when the app is not packaged. */
  devUrl?: string | undefined;
}

function samePath(a: string, b: string): boolean {
  // Windows and macOS file systems ignore case by default; a URL's drive letter may differ in case.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

export function isTrustedSender(url: string | undefined, page: TrustedPage): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') {
    // A file URL from another machine (file://host/…) is never the app's own.
    if (u.host !== '') return false;
    let path: string;
    try {
      u.hash = '';
      u.search = '';
      path = fileURLToPath(u);
    } catch {
      return false;
    }
    return samePath(resolve(path), resolve(page.rendererFile));
  }
  if (page.devUrl) {
    try {
      const dev = new URL(page.devUrl);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
    } catch {
      return false;
    }
  }
  return false;
}
