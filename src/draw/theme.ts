import { EN, type Locale, type Translate, translator } from '../i18n';

/** Colours of the drawings, per palette: the same numbers on screen and in exports. */
export interface DrawTheme {
  /** The language of the words drawn (titles, labels, notes). */
  t: Translate;
  /** Its name: a change redraws what caches words (the charts). */
  locale: string;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  /** Class colours, class 0 first. */
  classes: string[];
  /** The mark of a saturated, wrong example. */
  wrong: string;
  /** Heatmap end points: P = 0 and P = 1 (mixed with the background). */
  heat: [string, string];
}

export const LIGHT: DrawTheme = {
  t: EN,
  locale: 'en',
  background: '#ffffff',
  foreground: '#15191e',
  muted: '#5b6571',
  grid: '#d9dee5',
  classes: ['#e08a1e', '#2f7de1', '#1f9d6b', '#8a63d2', '#d9482b', '#6b7785'],
  // The page's red (--accent-2): 5.4:1 on white, for the notes drawn in it at 12 px (#d9482b was 4.3:1).
  wrong: '#c23a1e',
  heat: ['#f6d6ad', '#b9d3f5'],
};

export const DARK: DrawTheme = {
  t: EN,
  locale: 'en',
  background: '#171c22',
  foreground: '#e8ecf1',
  muted: '#98a3b0',
  grid: '#2a323c',
  classes: ['#ffb04d', '#5aa2ff', '#4fd19b', '#b08cff', '#ff7a5c', '#98a3b0'],
  wrong: '#ff7a5c',
  heat: ['#4a3518', '#1d3a5f'],
};

/** '#rrggbb' → [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * The drawings' font: the system's interface font (DejaVu Sans on Debian), then
 * CJK fonts for 简体中文 where a renderer does not fall back glyph by glyph
 * (Skia in `npm run export`; Chromium does, and finds the same fonts).
 */
export const FONT = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** A palette speaking `locale`. */
export function withLocale(theme: DrawTheme, locale: Locale): DrawTheme {
  return locale === theme.locale ? theme : { ...theme, t: translator(locale), locale };
}
