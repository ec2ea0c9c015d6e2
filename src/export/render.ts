/**
 * Draws the frames of an export on any canvas: @napi-rs/canvas in
 * `npm run export`, an OffscreenCanvas in the app's export worker, or a
 * recording canvas (src/export/vector) for SVG and PDF. The same settings and
 * frame give the same drawing calls, so an animation's frame i is
 * pixel-identical to the image export of that frame, and a vector figure is
 * drawn by the same functions as its PNG.
 */
import type { Simulation } from '../core/simulation';
import { createCurvesRenderer, type CurvesRenderer } from '../draw/curves';
import { DARK, type DrawTheme, FONT, LIGHT, withLocale } from '../draw/theme';
import type { DataViewInput } from '../draw/dataView';
import type { ViewSource } from '../draw/present';
import { buildView, drawView, simulationSource, viewCache, worstExample } from '../draw/view';
import { type Cell, layoutPanels } from './layout';
import {
  type ExportFrame,
  type ExportSettings,
  HEADER,
  headerHeight,
  isSequence,
  pixelSize,
  viewHeight,
} from './settings';
import type { FontSet } from './vector/font';
import { type VectorPage, VectorCanvas } from './vector/context';

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

const SUBSTEPS = ['forward', 'loss', 'backward', 'update'] as const;

/** "step 40 / 300 · backward": the frame's label (the sub-step named when the frames have them). */
export function frameLabel(theme: DrawTheme, s: ExportSettings, frame: ExportFrame, steps: number): string {
  const label = theme.t('draw.frameLabel', { step: frame.step, steps });
  const named = isSequence(s) ? s.subSteps : frame.phase !== 3;
  return named ? `${label} · ${theme.t(`sub.${SUBSTEPS[frame.phase]}`)}` : label;
}

export class FrameRenderer {
  readonly width: number;
  readonly height: number;
  readonly canvas: ExportCanvas;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly curves: CurvesRenderer;
  private readonly theme: DrawTheme;
  private readonly cells: Cell[];
  private readonly header: number;
  private readonly cache = viewCache();
  private readonly example: number;
  private readonly selected: number;
  /** The runs as the presentation layer reads them (the studio's tracks are the same kind of source). */
  private readonly source: ViewSource;
  /** A pixel export's offscreen canvases for heatmaps and dots (null: a vector export, drawn as cells). */
  private readonly raster: ((k: number, panel: 'data' | 'surface') => DataViewInput['raster']) | null;

  /**
   * `fonts`: a vector export (SVG, PDF): the frame is recorded, not rasterised, and text is
   * measured with these fonts; `createCanvas` then makes only the raster layers.
   */
  constructor(
    private readonly sim: Simulation,
    private readonly settings: ExportSettings,
    createCanvas: (width: number, height: number) => ExportCanvas,
    fonts?: FontSet,
  ) {
    const n = sim.runs.length;
    ({ width: this.width, height: this.height } = pixelSize(settings, n));
    if (fonts) {
      const host = { fonts, createCanvas };
      this.canvas = new VectorCanvas(host, this.width, this.height);
      this.ctx = this.canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
      this.curves = createCurvesRenderer((w, h) => new VectorCanvas(host, w, h), { lines: 'direct' });
    } else {
      this.canvas = createCanvas(this.width, this.height);
      // Drawn on the CPU in every export (a GPU canvas could raster differently, and reading it back is slow).
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      this.curves = createCurvesRenderer(createCanvas as Parameters<typeof createCurvesRenderer>[0]);
    }
    if (fonts) this.raster = null;
    else {
      // One canvas per variant, panel and layer, reused frame after frame (as the screen keeps them).
      const canvases = new Map<string, ExportCanvas>();
      this.raster = (k, panel) => (key, w, h) => {
        const id = `${k}|${panel}|${key}`;
        let c = canvases.get(id);
        if (!c) canvases.set(id, (c = createCanvas(w, h)));
        if (c.width !== w) c.width = w;
        if (c.height !== h) c.height = h;
        return c;
      };
    }
    this.theme = exportTheme(settings);
    this.header = headerHeight(settings);
    this.cells = layoutPanels(
      settings.panels,
      settings.width,
      settings.height === null ? null : viewHeight(settings, n) - this.header,
      n,
    );
    this.source = simulationSource(sim);
    this.example = settings.view.example ?? worstExample(this.source);
    // The ring is the selected example's: the one named (a click in the studio, --example N), not the default worst.
    const named = settings.view.example;
    this.selected = settings.view.selected ?? (named !== undefined && named >= 0 ? named : -1);
  }

  /** Draws one frame on `canvas`. */
  render(frame: ExportFrame): void {
    const s = this.settings;
    const ctx = this.ctx;
    const view = buildView(
      this.source,
      frame.step,
      { ...s.view, example: this.example, selected: this.selected, panels: s.panels },
      this.cache,
    );
    if (s.grow) view.curves.upTo = frame.step;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    // The even-size padding (at most one pixel) in the background too.
    ctx.fillStyle = this.theme.background;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.setTransform(s.scale, 0, 0, s.scale, 0, 0);
    if (this.header > 0) this.drawHeader(frame);
    ctx.translate(0, this.header);
    drawView(
      ctx,
      view,
      s.panels,
      { width: s.width, height: this.height / s.scale - this.header, pixelRatio: s.scale },
      this.theme,
      this.curves,
      { anim: { phase: frame.phase, t: 1 }, cells: this.cells, raster: this.raster ?? undefined },
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The title (left) and the frame's label (right) in a strip `HEADER` high. */
  private drawHeader(frame: ExportFrame): void {
    const ctx = this.ctx;
    const s = this.settings;
    const theme = this.theme;
    ctx.save();
    ctx.textBaseline = 'middle';
    let right = s.width - 8;
    if (s.label) {
      ctx.font = `12px ${FONT}`;
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'right';
      const text = frameLabel(theme, s, frame, this.sim.experiment.steps);
      ctx.fillText(text, right, HEADER / 2);
      right -= ctx.measureText(text).width + 16;
    }
    if (s.title.trim()) {
      ctx.font = `600 15px ${FONT}`;
      ctx.fillStyle = theme.foreground;
      ctx.textAlign = 'left';
      let title = s.title.trim();
      while (title.length > 1 && ctx.measureText(title).width > right - 8) title = title.slice(0, -2) + '…';
      ctx.fillText(title, 8, HEADER / 2);
    }
    ctx.restore();
  }

  /** The current frame's RGBA pixels. */
  pixels(): Uint8ClampedArray {
    return this.ctx.getImageData(0, 0, this.width, this.height).data;
  }

  /** The current frame as vectors (a vector export only). */
  page(): VectorPage {
    if (!(this.canvas instanceof VectorCanvas)) throw new Error('not a vector export');
    return { width: this.width, height: this.height, items: this.canvas.items };
  }

  destroy(): void {
    this.curves.destroy();
  }
}
