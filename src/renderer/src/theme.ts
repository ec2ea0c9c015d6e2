export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The palette a choice means now: 'system' follows the OS. */
export function resolveTheme(theme: Theme, w: Window = window): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return w.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** Sets the palette on <html> (app.css keys its colours on data-theme). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = resolveTheme(theme);
}

/** Calls `onChange` when the OS switches between light and dark; returns the unsubscribe. */
export function watchSystemTheme(onChange: () => void, w: Window = window): () => void {
  const q = w.matchMedia(DARK_QUERY);
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}
