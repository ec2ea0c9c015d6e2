/**
 * Draws the frames of an export on any canvas: @napi-rs/canvas in
 * `npm run export`, an OffscreenCanvas in the app's export worker. The same
 * settings and frame give the same drawing calls, so an animation's frame i
 * is pixel-identical to the image export of that frame.
 */
import type { Simulation } from '../core/simulation';
import { createCurvesRenderer, type CurvesRenderer } from '../draw/curves';
import { DARK, type DrawTheme, LIGHT, withLocale } from '../draw/theme';
import { buildView, drawView, viewCache, viewRows, worstExample } from '../draw/view';
import { type ExportFrame, type ExportSettings, pixelSize, viewHeight } from './settings';

/** The canvas both hosts provide (the parts used here). */
export interface ExportCanvas {
  width: number;
  height: number;
  getContext(type: '2d', options?: { willReadFrequently?: boolean }): unknown;
}

export function exportTheme(s: Pick<ExportSettings, 'theme' | 'background' | 'locale'>): DrawTheme {
  if (s.background === 'white') return withLocale({ ...LIGHT, background: '#ffffff' }, s.locale);
  const base = withLocale(s.theme === 'dark' ? DARK : LIGHT, s.locale);
  return s.background === 'transparent' ? { ...base, background: 'rgba(0,0,0,0)' } : base;
}

export class FrameRenderer {
  readonly width: number;
  readonly height: number;
  readonly canvas: ExportCanvas;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly curves: CurvesRenderer;
  private readonly theme: DrawTheme;
  private readonly rows: number[];
  private readonly cache = viewCache();
  private readonly example: number;

  constructor(
    private readonly sim: Simulation,
    private readonly settings: ExportSettings,
    createCanvas: (width: number, height: number) => ExportCanvas,
  ) {
    const n = sim.runs.length;
    ({ width: this.width, height: this.height } = pixelSize(settings, n));
    this.canvas = createCanvas(this.width, this.height);
    // Drawn on the CPU in every export (a GPU canvas could raster differently, and reading it back is slow).
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    this.curves = createCurvesRenderer(createCanvas as Parameters<typeof createCurvesRenderer>[0]);
    this.theme = exportTheme(settings);
    this.rows = viewRows(settings.panels, settings.width, n, viewHeight(settings, n));
    this.example = settings.view.example ?? worstExample(sim);
  }

  /** Draws one frame on `canvas`. */
  render(frame: ExportFrame): void {
    const s = this.settings;
    const ctx = this.ctx;
    const view = buildView(
      this.sim,
      frame.step,
      { ...s.view, example: this.example, panels: s.panels },
      this.cache,
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    // The even-size padding (at most one pixel) in the background too.
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.setTransform(s.scale, 0, 0, s.scale, 0, 0);
    drawView(
      ctx,
      view,
      s.panels,
      { width: s.width, height: this.height / s.scale, pixelRatio: s.scale },
      this.theme,
      this.curves,
      { anim: { phase: frame.phase, t: 1 }, rows: this.rows },
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The current frame's RGBA pixels. */
  pixels(): Uint8ClampedArray {
    return this.ctx.getImageData(0, 0, this.width, this.height).data;
  }

  destroy(): void {
    this.curves.destroy();
  }
}
