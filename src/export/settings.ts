/**
 * What an export is: the panels, the size, the background, and for an
 * animation the frames and the format. Shared by the app's export dialog and
 * `npm run export`; `checkExport` names every problem with its field.
 */
import { EN, isLocale, type Locale, LOCALES, type Translate } from '../i18n';
import { panelHeight, VIEW_PANELS, type ViewOptions, type ViewPanel } from '../draw/view';

export const IMAGE_FORMATS = ['png'] as const;
export const ANIMATION_FORMATS = ['gif', 'webm', 'mp4', 'pngseq'] as const;
export const EXPORT_FORMATS = [...IMAGE_FORMATS, ...ANIMATION_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const BACKGROUNDS = ['theme', 'white', 'transparent'] as const;
export type Background = (typeof BACKGROUNDS)[number];

export const LIMITS = {
  scale: [1, 4],
  width: [240, 4096],
  height: [120, 4096],
  fps: [1, 60],
  /** Pixels of one frame (after scaling): 8192 × 8192. */
  pixels: 8192 * 8192,
  frames: 20_000,
} as const;

export interface ExportSettings {
  format: ExportFormat;
  /** The panels drawn, one row each, in this order. */
  panels: ViewPanel[];
  /** The view's width in CSS pixels; the image is `width × scale` pixels wide. */
  width: number;
  /** The view's height; null: each panel at its natural height. */
  height: number | null;
  scale: number;
  theme: 'light' | 'dark';
  /** The language of the words drawn. */
  locale: Locale;
  background: Background;
  /** An image: its step, and its sub-step (3 = the step complete). */
  step: number;
  phase: Phase;
  /** An animation: steps from..to, every k-th; with sub-steps each step is four frames. */
  from: number;
  to: number;
  every: number;
  subSteps: boolean;
  fps: number;
  /** The screen's choices (example, surface parameters, 3-D, naive formula). */
  view: ViewOptions;
}

export type Phase = 0 | 1 | 2 | 3;

/** One frame of an export: a step and a sub-step (forward, loss, backward, update). */
export interface ExportFrame {
  step: number;
  phase: Phase;
}

export function defaultSettings(steps: number): ExportSettings {
  return {
    format: 'png',
    panels: ['data', 'chain', 'curves'],
    width: 1200,
    height: null,
    scale: 2,
    theme: 'light',
    locale: 'en',
    background: 'theme',
    step: 0,
    phase: 3,
    from: 0,
    to: steps,
    every: 1,
    subSteps: false,
    fps: 30,
    view: {},
  };
}

export function isAnimation(format: ExportFormat): boolean {
  return format !== 'png';
}

/** The frames of an export, in order: one for an image; from..to every k-th (×4 with sub-steps) for an animation. */
export function exportFrames(s: ExportSettings): ExportFrame[] {
  if (!isAnimation(s.format)) return [{ step: s.step, phase: s.phase }];
  const out: ExportFrame[] = [];
  for (let t = s.from; t <= s.to; t += s.every) {
    if (s.subSteps) for (const phase of [0, 1, 2, 3] as const) out.push({ step: t, phase });
    else out.push({ step: t, phase: 3 });
  }
  return out;
}

/** The number of frames without listing them. */
export function frameCount(s: ExportSettings): number {
  if (!isAnimation(s.format)) return 1;
  if (!(s.to >= s.from) || !(s.every >= 1)) return 0;
  return (Math.floor((s.to - s.from) / s.every) + 1) * (s.subSteps ? 4 : 1);
}

const int = (v: number, lo: number, hi: number): boolean => Number.isInteger(v) && v >= lo && v <= hi;

/** Every problem with the settings for an experiment of `steps` steps; empty when they are fine. */
export function checkExport(
  s: ExportSettings,
  steps: number,
  variants: number,
  dims: number,
  t: Translate = EN,
): string[] {
  const errors: string[] = [];
  const whole = (field: string, v: number, [lo, hi]: readonly [number, number]): void => {
    if (!int(v, lo, hi)) errors.push(t('exportCheck.whole', { field, lo, hi, got: String(v) }));
  };
  const panels = VIEW_PANELS.join(', ');
  if (!(EXPORT_FORMATS as readonly string[]).includes(s.format))
    errors.push(t('exportCheck.format', { formats: EXPORT_FORMATS.join(', '), got: String(s.format) }));
  if (s.panels.length === 0) errors.push(t('exportCheck.noPanel', { panels }));
  for (const p of s.panels)
    if (!(VIEW_PANELS as readonly string[]).includes(p))
      errors.push(t('exportCheck.notPanel', { panel: p, panels }));
  if (new Set(s.panels).size !== s.panels.length) errors.push(t('exportCheck.twice'));
  const pv = s.view.projection;
  if (dims > 2 && pv?.kind === 'features' && (pv.x >= dims || pv.y >= dims))
    errors.push(t('exportCheck.dataView', { dims, i: pv.x + 1, j: pv.y + 1 }));
  whole('width', s.width, LIMITS.width);
  if (s.height !== null) whole('height', s.height, LIMITS.height);
  whole('scale', s.scale, LIMITS.scale);
  if (s.theme !== 'light' && s.theme !== 'dark')
    errors.push(t('exportCheck.theme', { got: String(s.theme) }));
  if (!isLocale(s.locale))
    errors.push(t('exportCheck.lang', { langs: LOCALES.join(', '), got: String(s.locale) }));
  if (!(BACKGROUNDS as readonly string[]).includes(s.background))
    errors.push(
      t('exportCheck.background', { backgrounds: BACKGROUNDS.join(', '), got: String(s.background) }),
    );
  else if (
    s.background === 'transparent' &&
    (s.format === 'gif' || s.format === 'webm' || s.format === 'mp4')
  )
    errors.push(t('exportCheck.solid', { format: s.format.toUpperCase() }));
  if (isAnimation(s.format)) {
    if (!int(s.from, 0, steps))
      errors.push(t('exportCheck.step', { field: 'from', steps, got: String(s.from) }));
    if (!int(s.to, 0, steps)) errors.push(t('exportCheck.step', { field: 'to', steps, got: String(s.to) }));
    else if (int(s.from, 0, steps) && s.to < s.from)
      errors.push(t('exportCheck.before', { to: s.to, from: s.from }));
    whole('every', s.every, [1, Math.max(1, steps)]);
    whole('fps', s.fps, LIMITS.fps);
    const n = frameCount(s);
    if (n > LIMITS.frames) errors.push(t('exportCheck.frames', { n, max: LIMITS.frames }));
  } else {
    if (!int(s.step, 0, steps))
      errors.push(t('exportCheck.step', { field: 'frame', steps, got: String(s.step) }));
    if (!int(s.phase, 0, 3)) errors.push(t('exportCheck.phase', { got: String(s.phase) }));
  }
  if (errors.length === 0) {
    const { width, height } = pixelSize(s, variants);
    if (width * height > LIMITS.pixels)
      errors.push(t('exportCheck.pixels', { width, height, max: LIMITS.pixels / 2 ** 20 }));
  }
  return errors;
}

/** The view's height in CSS pixels. */
export function viewHeight(s: ExportSettings, variants: number): number {
  return s.height ?? naturalHeight(s.panels, s.width, variants);
}

/** Width and height of each frame in pixels, rounded up to even (as video encoders want). */
export function pixelSize(s: ExportSettings, variants: number): { width: number; height: number } {
  const even = (v: number): number => v + (v % 2);
  return { width: even(s.width * s.scale), height: even(viewHeight(s, variants) * s.scale) };
}

export function naturalHeight(panels: readonly ViewPanel[], width: number, variants: number): number {
  return panels.reduce((h, p) => h + panelHeight(p, width, variants), 0);
}

/** The file name an export suggests: "experiment-step-120@2x.png", "experiment-0-200.gif". */
export function suggestedName(base: string, s: ExportSettings): string {
  const stem =
    base.replace(/\.sigmoidlab\.json$|\.json$/i, '').replace(/[\\/:*?"<>|]/g, '_') || 'sigmoid-lab';
  const panels = s.panels.length === VIEW_PANELS.length ? '' : `-${s.panels.join('-')}`;
  const scale = s.scale === 1 ? '' : `@${s.scale}x`;
  if (!isAnimation(s.format)) {
    const sub = s.phase === 3 ? '' : `.${s.phase + 1}`;
    return `${stem}${panels}-step-${s.step}${sub}${scale}.png`;
  }
  const ext = s.format === 'pngseq' ? '' : `.${s.format}`;
  return `${stem}${panels}-${s.from}-${s.to}${s.every > 1 ? `-every-${s.every}` : ''}${scale}${ext}`;
}
