/**
 * Whether an IPC message comes from the app's own page: the packaged file, or
 * the development server given by electron-vite. Anything else is refused.
 */
export function isTrustedSender(
  url: string | undefined,
  devUrl = process.env['ELECTRON_RENDERER_URL'],
): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') return u.pathname.endsWith('/renderer/index.html');
  if (devUrl) {
    try {
      return u.origin === new URL(devUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
