/**
 * What an export is: the panels, the size, the background, and for an
 * animation the frames and the format. Shared by the app's export dialog and
 * `npm run export`; `checkExport` names every problem with its field.
 */
import { EN, isLocale, type Locale, LOCALES, type Translate } from '../i18n';
import { panelHeight, VIEW_PANELS, type ViewOptions, type ViewPanel } from '../draw/view';
import { layoutScore } from './layout';

export const IMAGE_FORMATS = ['png', 'svg', 'pdf'] as const;
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
  dpi: [72, 1200],
  /** Characters of a title. */
  title: 200,
  /** Pages of a PDF. */
  pages: 1000,
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
  /** PDF: one page per frame of from..to (a handout) instead of one page at `step`. */
  pages: boolean;
  /** Pixels per inch of the figure (a PDF's page size, an SVG's physical size): 96, or 300 for paper. */
  dpi: number;
  /** A title drawn at the top of every frame; empty: none. */
  title: string;
  /** "step 40 / 300 · backward" drawn in every frame. */
  label: boolean;
  /** The curves drawn up to the frame's step (else the whole run with a cursor). */
  grow: boolean;
}

export type Phase = 0 | 1 | 2 | 3;

/**
 * Sizes for slides and papers, in pixels, with the zooms tried (how big the drawing is in
 * the picture: 2 draws every line and letter twice as big as on screen), largest first.
 * Slides and the square have a height: the panels are laid out to fill the frame, at the
 * largest zoom at which they fit without being stretched or squeezed much. Paper presets fix
 * the width at 300 pixels per inch; the height is what the panels need.
 */
export const PRESETS = {
  slide169: { pixels: [1920, 1080], zooms: [2, 1.5, 1.25, 1], dpi: 96 },
  slide43: { pixels: [1440, 1080], zooms: [2, 1.5, 1.25, 1], dpi: 96 },
  column: { pixels: [1050, null], zooms: [3], dpi: 300 },
  page: { pixels: [2100, null], zooms: [3], dpi: 300 },
  square: { pixels: [1080, 1080], zooms: [2, 1.5, 1.25, 1], dpi: 96 },
} as const satisfies Record<
  string,
  { pixels: readonly [number, number | null]; zooms: readonly number[]; dpi: number }
>;
export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

type Size = Pick<ExportSettings, 'width' | 'height' | 'scale' | 'dpi'>;

/** A panel stretched or squeezed by up to this factor on average still reads well. */
const FITS = Math.log(1.45);

/** A preset's size for these panels, and how much they are stretched in it. */
function fitPreset(
  id: PresetId,
  panels: readonly ViewPanel[],
  variants: number,
  header: number,
): Size & { score: number } {
  const p = PRESETS[id];
  const [pw, ph] = p.pixels;
  let best: (Size & { score: number }) | null = null;
  for (const zoom of p.zooms) {
    const width = pw / zoom;
    const height = ph === null ? null : ph / zoom;
    const score =
      height === null || panels.length === 0
        ? 0
        : layoutScore(panels, width, height - header, variants) / panels.length;
    const size = { width, height, scale: zoom, dpi: p.dpi, score };
    if (score <= FITS) return size;
    if (!best || score < best.score) best = size;
  }
  return best!;
}

/** The settings with a preset's size, at the zoom that fits their panels. */
export function withPreset<S extends ExportSettings>(s: S, id: PresetId, variants: number): S {
  const { width, height, scale, dpi } = fitPreset(id, s.panels, variants, headerHeight(s));
  return { ...s, width, height, scale, dpi };
}

/** The preset a size is (null: a custom size). */
export function presetOf(s: ExportSettings, variants: number): PresetId | null {
  return (
    PRESET_IDS.find((id) => {
      const p = withPreset(s, id, variants);
      return p.width === s.width && p.height === s.height && p.scale === s.scale && p.dpi === s.dpi;
    }) ?? null
  );
}

/**
 * The default size for these panels: of the slides and the square, the one that holds them
 * at the largest zoom (the most legible), then the one that stretches them least.
 */
export function bestPreset(panels: readonly ViewPanel[], variants: number, header = 0): PresetId {
  let best: { id: PresetId; scale: number; score: number } | null = null;
  for (const id of ['slide169', 'slide43', 'square'] as const) {
    const f = fitPreset(id, panels, variants, header);
    if (f.score > FITS) continue;
    if (!best || f.scale > best.scale || (f.scale === best.scale && f.score < best.score - 1e-9))
      best = { id, scale: f.scale, score: f.score };
  }
  // Panels that fit no frame well: the widest slide, at the zoom that squeezes them least.
  return best?.id ?? 'slide169';
}

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
    pages: false,
    dpi: 96,
    title: '',
    label: false,
    grow: false,
  };
}

export function isAnimation(format: ExportFormat): boolean {
  return !(IMAGE_FORMATS as readonly string[]).includes(format);
}

/** Whether the export has the frames from..to (an animation, a sequence, a PDF of pages), else one. */
export function isSequence(s: Pick<ExportSettings, 'format' | 'pages'>): boolean {
  return isAnimation(s.format) || (s.format === 'pdf' && s.pages);
}

/** The frames of an export, in order: one for an image; from..to every k-th (×4 with sub-steps) for an animation. */
export function exportFrames(s: ExportSettings): ExportFrame[] {
  if (!isSequence(s)) return [{ step: s.step, phase: s.phase }];
  const out: ExportFrame[] = [];
  for (let t = s.from; t <= s.to; t += s.every) {
    if (s.subSteps) for (const phase of [0, 1, 2, 3] as const) out.push({ step: t, phase });
    else out.push({ step: t, phase: 3 });
  }
  return out;
}

/** The number of frames without listing them. */
export function frameCount(s: ExportSettings): number {
  if (!isSequence(s)) return 1;
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
  if (!(
    Number.isFinite(s.scale) &&
    s.scale >= LIMITS.scale[0] &&
    s.scale <= LIMITS.scale[1] &&
    Number.isInteger(s.scale * 4)
  ))
    errors.push(t('exportCheck.scale', { lo: LIMITS.scale[0], hi: LIMITS.scale[1], got: String(s.scale) }));
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
  if (isSequence(s)) {
    if (!int(s.from, 0, steps))
      errors.push(t('exportCheck.step', { field: 'from', steps, got: String(s.from) }));
    if (!int(s.to, 0, steps)) errors.push(t('exportCheck.step', { field: 'to', steps, got: String(s.to) }));
    else if (int(s.from, 0, steps) && s.to < s.from)
      errors.push(t('exportCheck.before', { to: s.to, from: s.from }));
    whole('every', s.every, [1, Math.max(1, steps)]);
    if (isAnimation(s.format)) whole('fps', s.fps, LIMITS.fps);
    const n = frameCount(s);
    const max = isAnimation(s.format) ? LIMITS.frames : LIMITS.pages;
    if (n > max) errors.push(t('exportCheck.frames', { n, max }));
  } else {
    if (!int(s.step, 0, steps))
      errors.push(t('exportCheck.step', { field: 'frame', steps, got: String(s.step) }));
    if (!int(s.phase, 0, 3)) errors.push(t('exportCheck.phase', { got: String(s.phase) }));
  }
  whole('dpi', s.dpi, LIMITS.dpi);
  if (typeof s.title !== 'string' || s.title.length > LIMITS.title)
    errors.push(t('exportCheck.title', { max: LIMITS.title }));
  if (errors.length === 0) {
    const { width, height } = pixelSize(s, variants);
    if (width * height > LIMITS.pixels)
      errors.push(t('exportCheck.pixels', { width, height, max: LIMITS.pixels / 2 ** 20 }));
  }
  return errors;
}

/** Height of the strip with the title and the frame's label, when there is one. */
export const HEADER = 28;

export function headerHeight(s: Pick<ExportSettings, 'title' | 'label'>): number {
  return s.title.trim() !== '' || s.label ? HEADER : 0;
}

/** The view's height in CSS pixels (the title's strip included). */
export function viewHeight(s: ExportSettings, variants: number): number {
  return s.height ?? naturalHeight(s.panels, s.width, variants) + headerHeight(s);
}

/** Width and height of each frame in pixels, rounded up to even (as video encoders want). */
export function pixelSize(s: ExportSettings, variants: number): { width: number; height: number } {
  const even = (v: number): number => v + (v % 2);
  return {
    width: even(Math.round(s.width * s.scale)),
    height: even(Math.round(viewHeight(s, variants) * s.scale)),
  };
}

export function naturalHeight(panels: readonly ViewPanel[], width: number, variants: number): number {
  return panels.reduce((h, p) => h + panelHeight(p, width, variants), 0);
}

/** The file name an export suggests: "experiment-step-120@2x.png", "experiment-0-200.gif". */
export function suggestedName(base: string, s: ExportSettings): string {
  const stem =
    base.replace(/\.sigmoidlab\.json$|\.json$/i, '').replace(/[\\/:*?"<>|]/g, '_') || 'sigmoid-lab';
  const panels = s.panels.length === VIEW_PANELS.length ? '' : `-${s.panels.join('-')}`;
  const scale = s.scale === 1 || s.format === 'svg' || s.format === 'pdf' ? '' : `@${s.scale}x`;
  if (!isSequence(s)) {
    const sub = s.phase === 3 ? '' : `.${s.phase + 1}`;
    return `${stem}${panels}-step-${s.step}${sub}${scale}.${s.format}`;
  }
  const ext = s.format === 'pngseq' ? '' : `.${s.format}`;
  return `${stem}${panels}-${s.from}-${s.to}${s.every > 1 ? `-every-${s.every}` : ''}${scale}${ext}`;
}

/** Above this many bytes an export is called large (the dialog and the command line warn). */
export const LARGE_FILE = 25 * 1024 * 1024;

/** "830 KB", "12.4 MB" (sizes in 1024s), in the words of `t`. */
export function sizeText(
  bytes: number,
  t: (key: 'unit.kb' | 'unit.mb', p: { n: string }) => string,
  num: (v: number, digits?: number) => string,
): string {
  if (bytes < 1024 * 1024) return t('unit.kb', { n: num(Math.max(1, Math.round(bytes / 1024))) });
  const mb = bytes / (1024 * 1024);
  return t('unit.mb', { n: num(mb, mb < 10 ? 1 : 0) });
}
