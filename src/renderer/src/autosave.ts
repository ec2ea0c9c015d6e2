import { isLocale, type Locale } from '../../i18n';
import { type DocumentSnapshot, isSnapshot } from './document.svelte';
import { type LessonProgress, readLessons } from './lessons/progress';
import { type Layout, readLayout } from './studio/layout';
import { type Theme, THEMES } from './theme';

/** Every few seconds the document and view are saved for crash recovery, when they changed. */
export const AUTOSAVE_MS = 3000;

/** What is saved for crash recovery: the document, and the view around it. */
export interface SavedState {
  document: DocumentSnapshot;
  view: {
    theme: Theme;
    layout: Layout;
    /** The language chosen; null follows the OS. */
    language: Locale | null;
    lessons: LessonProgress;
  };
}

/** The autosave's text (compared with the last one written: an unchanged state is not written again). */
export function autosaveText(state: SavedState): string {
  return JSON.stringify({ version: 1, ...state });
}

/**
 * The state an autosave holds, its view checked field by field (a theme or language it does not
 * know: null, the current one stays); null when it holds no document. Throws on text that is not JSON.
 */
export function readAutosaveText(
  text: string,
): (Omit<SavedState, 'view'> & { view: Omit<SavedState['view'], 'theme'> & { theme: Theme | null } }) | null {
  const v = JSON.parse(text) as {
    document?: unknown;
    view?: { theme?: unknown; layout?: unknown; language?: unknown; lessons?: unknown };
  } | null;
  if (!v || !isSnapshot(v.document)) return null;
  const theme = v.view?.theme;
  const language = v.view?.language;
  return {
    document: v.document,
    view: {
      theme: THEMES.includes(theme as Theme) ? (theme as Theme) : null,
      layout: readLayout(v.view?.layout),
      language: isLocale(language) ? language : null,
      lessons: readLessons(v.view?.lessons),
    },
  };
}

/**
 * Once started, writes `state()` every AUTOSAVE_MS when it differs from the text last written (or
 * the one at start); a write refused (a state too large to be read back) is told to `onerror`.
 */
export function autosaver(
  write: (text: string) => Promise<void>,
  state: () => string,
  onerror: (e: unknown) => void,
): { start(): void; stop(): void } {
  let last = '';
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    start() {
      last = state();
      timer ??= setInterval(() => {
        const s = state();
        if (s === last) return;
        last = s;
        write(s).catch(onerror);
      }, AUTOSAVE_MS);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
