/**
 * The curves panel: loss, accuracy, gradient norm per weight layer (log
 * scale) and the fraction of examples saturated and wrong, for every variant
 * over the training steps, with a cursor at the current frame. Each chart is
 * a Chart.js line chart rendered offscreen (on any canvas: the browser's or
 * @napi-rs/canvas in Node, through Chart.js's DOM-free BasicPlatform) and
 * copied onto the target; charts are re-rendered only when their data, size
 * or theme changed, so moving the cursor costs four image copies and four lines.
 */
import type { MessageKey } from '../i18n';
import {
  BasicPlatform,
  Chart,
  type ChartConfiguration,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Title,
} from 'chart.js';
import type { Size } from './dataView';
import { markOff } from './safe';
import { wrapText } from './text';
import { FONT, type DrawTheme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Title);

export interface CurveSeries {
  name: string;
  color: string;
  /** Frames available: steps 0..length−1. */
  length: number;
  loss: Float64Array;
  accuracy: Float64Array;
  saturatedWrong: Float64Array;
  /** Weight layers. */
  layers: number;
  /** length × layers, frame-major: gradNorms[t·layers + l], l = 0 on the input side. */
  gradNorms: Float64Array;
}

export interface CurvesInput {
  series: CurveSeries[];
  /** The x axis: steps 0..steps. */
  steps: number;
  /** The current frame, or null for no cursor (the app draws it as an overlay). */
  cursor: number | null;
  /** Changes whenever the series' data changed. */
  version: number;
  /** Draw the lines only up to this step (a figure of frame t: the curves grow with the frames); the axes stay the whole run's. */
  upTo?: number;
}

export const CURVE_METRICS = ['loss', 'accuracy', 'gradNorm', 'saturatedWrong'] as const;
export type CurveMetric = (typeof CURVE_METRICS)[number];

const TITLES: Record<CurveMetric, MessageKey> = {
  loss: 'draw.curveLoss',
  accuracy: 'draw.curveAccuracy',
  gradNorm: 'draw.curveGrad',
  saturatedWrong: 'draw.curveSatWrong',
};

/** Points per series at most: 2 per bucket. */
const BUCKETS = 300;
const LEGEND = 18;
const GAP = 8;

/** Dash pattern of weight layer l of `layers`: the output layer solid, earlier ones dashed. */
export function layerDash(l: number, layers: number): number[] {
  const patterns = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3]];
  return patterns[Math.min(layers - 1 - l, patterns.length - 1)];
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Min–max downsampling of values[offset + stride·t] for t < length into at most
 * `buckets` buckets: each bucket's minimum and maximum in step order, plus the
 * first and last points; exact when length ≤ 2·buckets. A run of non-finite
 * values becomes one NaN point (a gap in the line).
 */
export function downsample(
  values: Float64Array,
  length: number,
  buckets: number,
  stride = 1,
  offset = 0,
): Point[] {
  const out: Point[] = [];
  const at = (t: number): number => values[offset + t * stride];
  let gap = false;
  const push = (t: number): void => {
    const y = at(t);
    if (Number.isFinite(y)) {
      out.push({ x: t, y });
      gap = false;
    } else if (!gap) {
      out.push({ x: t, y: NaN });
      gap = true;
    }
  };
  if (length <= 2 * buckets) {
    for (let t = 0; t < length; t++) push(t);
    return out;
  }
  const size = Math.ceil(length / buckets);
  push(0);
  for (let start = 1; start < length - 1; start += size) {
    const end = Math.min(length - 1, start + size);
    let lo = -1;
    let hi = -1;
    let bad = -1;
    for (let t = start; t < end; t++) {
      const y = at(t);
      if (!Number.isFinite(y)) {
        if (bad < 0) bad = t;
        continue;
      }
      if (lo < 0 || y < at(lo)) lo = t;
      if (hi < 0 || y > at(hi)) hi = t;
    }
    const picks = [lo, hi, bad].filter((t) => t >= 0).sort((a, b) => a - b);
    for (const t of new Set(picks)) push(t);
  }
  push(length - 1);
  return out;
}

type AnyCanvas = { width: number; height: number; getContext(type: '2d'): unknown };

/** A chart's plot area after a draw, and its x axis's tick labels. */
export interface CurvePlot {
  metric: CurveMetric;
  x: number;
  y: number;
  width: number;
  height: number;
  xTicks: number;
}

export interface CurvesRenderer {
  /** Draws the charts into (0, 0, width, height) of ctx, whose units are CSS pixels. */
  /**
   * `budget`: at most this many charts whose data changed are re-rendered now
   * (the others keep their last image); returns false when some are still stale,
   * so a caller can spread the work over animation frames. Default: all.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    input: CurvesInput,
    size: Size,
    theme: DrawTheme,
    budget?: number,
  ): boolean;
  /** After a draw: the step under (x, y) and its chart, or null outside every plot area. */
  hit(x: number, y: number): { step: number; metric: CurveMetric } | null;
  /**
   * After a draw: each chart's plot area (CSS px of the panel) and how many x tick labels it has
   * room for (0: none drawn), for the studio's scenes and their tests.
   */
  plots(): CurvePlot[];
  /** After a draw: where the cursor at `step` goes in each chart (CSS px of the panel). */
  cursorLines(step: number): { x: number; top: number; bottom: number }[];
  /** After a draw: the least height at its width for plots of `MIN_PLOT_HEIGHT` (see `curvesMinHeight`). */
  readonly minHeight: number;
  /** Offscreen renders so far (each re-render of the four charts counts one). */
  readonly renders: number;
  destroy(): void;
}

interface Slot {
  metric: CurveMetric;
  x: number;
  y: number;
  width: number;
  height: number;
  chart: Chart<'line', Point[]>;
  /** The data the chart shows now. */
  data: string;
  /** The step its lines were drawn up to. */
  upTo: number | undefined;
  /**
   * Growing (on a raster canvas): the chart drawn once without its lines and once with all of them;
   * each frame is the first with the second's lines up to its step laid over it (instead of the
   * whole chart drawn again every frame: its axes, ticks and titles are most of the drawing).
   */
  layers?: { still: AnyCanvas; full: AnyCanvas } | null;
}

/**
 * The least height of a chart's plot area (CSS px) for its line to be read: a curves panel picks
 * the arrangement of its four charts that keeps them at least this tall where its size allows.
 */
export const MIN_PLOT_HEIGHT = 80;
/** The narrowest a chart gets in a row: its y ticks and three x ticks beside a plot. */
const MIN_CHART_WIDTH = 130;
/** A chart's height around its plot: the title's first line and the x axis with its ticks (measured). */
const CHART_CHROME = 52;
/** Each further line of a wrapped title. */
const TITLE_LINE = 15;
const TITLE_FONT = `bold 12px ${FONT}`;

/** How the four charts sit: `cols` per row (1, 2 or 4), and each title wrapped to its chart. */
export interface CurvesArrangement {
  cols: 1 | 2 | 4;
  /** Each metric's title lines, padded to its row's tallest so that a row's plots line up. */
  titles: string[][];
  /** The plot height this arrangement leaves a chart (an estimate from the chrome; the charts report theirs). */
  plot: number;
}

/**
 * The arrangement of the charts in `width` × `height` (the legend's `top` taken off): 2×2 when
 * wide enough and stacked when not, as long as each plot keeps `MIN_PLOT_HEIGHT`; else whichever
 * of one, two or four in a row leaves the tallest plots (four in a row in a wide, short panel, as a
 * lesson's in a small window; two in a row in a narrow, tall one).
 */
export function arrangeCurves(
  width: number,
  height: number,
  top: number,
  title: (m: CurveMetric) => string,
  measure: (text: string) => number,
): CurvesArrangement {
  const h = height - top;
  const make = (cols: 1 | 2 | 4): CurvesArrangement => {
    const w = (width - (cols - 1) * GAP) / cols;
    const rows = 4 / cols;
    const wrapped = CURVE_METRICS.map((m) => wrapText(title(m), Math.max(20, w - 12), measure));
    const titles = wrapped.map((_, k) => {
      const row = wrapped.slice(k - (k % cols), k - (k % cols) + cols);
      const n = Math.max(...row.map((l) => l.length));
      return [...wrapped[k], ...Array<string>(n - wrapped[k].length).fill('')];
    });
    const lines = Math.max(...titles.map((t) => t.length));
    const chartH = (h - (rows - 1) * GAP) / rows;
    return { cols, titles, plot: chartH - CHART_CHROME - (lines - 1) * TITLE_LINE };
  };
  const usual = make(width >= 440 ? 2 : 1);
  if (usual.plot >= MIN_PLOT_HEIGHT) return usual;
  const fits = ([1, 2, 4] as const).filter((c) => (width - (c - 1) * GAP) / c >= MIN_CHART_WIDTH).map(make);
  return fits.reduce((a, b) => (b.plot > a.plot ? b : a), usual);
}

/**
 * The least height a curves drawing `width` wide needs for plots of `MIN_PLOT_HEIGHT` (with a
 * legend of `legendRows` rows), in its best arrangement: what a lesson's scene gives it at least.
 */
export function curvesMinHeight(
  width: number,
  legendRows: number,
  title: (m: CurveMetric) => string,
  measure: (text: string) => number,
): number {
  const top = legendRows * LEGEND;
  let best = Infinity;
  for (const cols of [1, 2, 4] as const) {
    if (cols > 1 && (width - (cols - 1) * GAP) / cols < MIN_CHART_WIDTH) continue;
    const rows = 4 / cols;
    const w = (width - (cols - 1) * GAP) / cols;
    const lines = Math.max(
      ...CURVE_METRICS.map((m) => wrapText(title(m), Math.max(20, w - 12), measure).length),
    );
    const chartH = MIN_PLOT_HEIGHT + CHART_CHROME + (lines - 1) * TITLE_LINE;
    best = Math.min(best, top + rows * chartH + (rows - 1) * GAP);
  }
  return Math.ceil(best);
}

/** The four charts' rectangles, `cols` to a row. */
function slots(
  width: number,
  height: number,
  top: number,
  cols: number,
): { x: number; y: number; width: number; height: number }[] {
  const rows = 4 / cols;
  const w = (width - (cols - 1) * GAP) / cols;
  const hh = (height - top - (rows - 1) * GAP) / rows;
  return [0, 1, 2, 3].map((k) => ({
    x: (k % cols) * (w + GAP),
    y: top + Math.floor(k / cols) * (hh + GAP),
    width: w,
    height: hh,
  }));
}

function datasets(
  metric: CurveMetric,
  series: CurveSeries[],
): ChartConfiguration<'line', Point[]>['data']['datasets'] {
  if (metric === 'loss') {
    return series.map((s) => ({
      label: s.name,
      // A loss of exactly 0 has no place on the log axis: a gap.
      data: downsample(s.loss, s.length, BUCKETS).map((p) => (p.y > 0 ? p : { x: p.x, y: NaN })),
      borderColor: s.color,
      borderWidth: 1.6,
    }));
  }
  if (metric !== 'gradNorm') {
    return series.map((s) => ({
      label: s.name,
      data: downsample(s[metric], s.length, BUCKETS),
      borderColor: s.color,
      borderWidth: 1.6,
    }));
  }
  return series.flatMap((s) =>
    Array.from({ length: s.layers }, (_, l) => {
      // Zeros (an exactly flat unit) and non-finite values cannot sit on a log axis: gaps.
      const data = downsample(s.gradNorms, s.length, BUCKETS, s.layers, l).map((p) =>
        p.y > 0 ? p : { x: p.x, y: NaN },
      );
      return {
        label: `${s.name} · ${l + 1}`,
        data,
        borderColor: s.color,
        borderWidth: 1.4,
        borderDash: layerDash(l, s.layers),
      };
    }),
  );
}

function config(
  metric: CurveMetric,
  title: string[],
  input: CurvesInput,
  theme: DrawTheme,
  pixelRatio: number,
  /** The step the lines end at (undefined: all of them; null: none). */
  growTo: () => number | undefined | null,
  lines: LineCalls,
): ChartConfiguration<'line', Point[]> {
  const font = { family: FONT, size: 12 };
  const grid = { color: theme.grid };
  const ticks = { color: theme.muted, font, maxTicksLimit: 6 };
  const bounded = metric === 'accuracy' || metric === 'saturatedWrong';
  return {
    type: 'line',
    data: { datasets: direct(datasets(metric, input.series), lines) },
    platform: BasicPlatform,
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: pixelRatio,
      parsing: false,
      normalized: true,
      events: [],
      spanGaps: false,
      layout: { padding: { top: 2, right: 8, bottom: 0, left: 2 } },
      elements: { point: { radius: 0 }, line: { tension: 0 } },
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false },
        title: {
          display: true,
          text: title,
          color: theme.foreground,
          font: { ...font, weight: 'bold' },
          padding: { top: 2, bottom: 4 },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: Math.max(1, input.steps),
          grid,
          ticks: { ...ticks, precision: 0 },
          border: { color: theme.grid },
        },
        y:
          metric === 'gradNorm' || metric === 'loss'
            ? {
                type: 'logarithmic',
                grid,
                ticks: {
                  ...ticks,
                  maxTicksLimit: 5,
                  callback: (v, _i, all) =>
                    logLabel(
                      Number(v),
                      all.some((t) => isPowerOfTen(t.value)),
                    ),
                },
                afterBuildTicks: (axis) => {
                  // Chart.js's own tick objects kept (its powers of ten are major: kept by its autoskip).
                  const keep = new Set(logTicks(axis.ticks.map((t) => t.value)));
                  axis.ticks = axis.ticks.filter((t) => keep.has(t.value));
                },
                border: { color: theme.grid },
              }
            : {
                type: 'linear',
                min: bounded ? 0 : undefined,
                max: bounded ? 1 : undefined,
                beginAtZero: true,
                grid,
                ticks,
                border: { color: theme.grid },
              },
      },
    },
    plugins: [
      {
        id: 'background',
        beforeDraw(chart) {
          const c = chart.ctx;
          c.save();
          c.fillStyle = theme.background;
          c.fillRect(0, 0, chart.width, chart.height);
          c.restore();
        },
      },
      {
        // Growing curves: the lines clipped at the frame's step (the scales are the whole run's).
        id: 'grow',
        beforeDatasetsDraw(chart) {
          const t = growTo();
          if (t === undefined) return;
          const c = chart.ctx;
          c.save();
          c.beginPath();
          c.rect(0, 0, t === null ? 0 : chart.scales.x.getPixelForValue(t), chart.height);
          c.clip();
        },
        afterDatasetsDraw(chart) {
          if (growTo() !== undefined) chart.ctx.restore();
        },
      },
    ],
  };
}

function isPowerOfTen(v: number): boolean {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) <= 1e-9;
}

/**
 * A log axis's ticks from Chart.js's (1, 2, …, 9 × 10^k between its ends): all of them where they
 * hold a power of ten (only those are labelled); else, not to leave the axis bare, those at 2 and
 * 5 × 10^k, or where fewer than two of those fall in its range its two ends (and the one between).
 */
export function logTicks(values: readonly number[]): number[] {
  if (values.length === 0 || values.some(isPowerOfTen)) return [...values];
  const nice = values.filter((v) => {
    const m = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
    return Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9;
  });
  if (nice.length >= 2 || values.length < 2) return nice.length >= 2 ? nice : [...values];
  const ends = [values[0], values[values.length - 1]];
  return [ends[0], ...nice.filter((v) => v > ends[0] && v < ends[1]), ends[1]];
}

/**
 * A log axis's label: a power of ten (1e-5, 0.01, 1, 100) where the axis holds one, no other tick
 * labelled; on an axis without one, every tick (`logTicks` left only the round ones).
 */
export function logLabel(v: number, powers: boolean): string {
  if (powers && !isPowerOfTen(v)) return '';
  const r = Math.floor(Math.log10(v) + 1e-9);
  if (r >= -2 && r <= 3) return String(Number(v.toPrecision(2)));
  return `${Number((v / 10 ** r).toPrecision(2))}e${r}`;
}

/**
 * How Chart.js draws its lines: through a cached Path2D where the engine has one (the
 * screen), or with moveTo/lineTo on the context (a recording context, which cannot read a Path2D).
 */
export type LineCalls = 'path2d' | 'direct';

/** Datasets drawn with direct path calls: a `segment` option turns Chart.js's Path2D cache off. */
function direct(
  sets: ChartConfiguration<'line', Point[]>['data']['datasets'],
  lines: LineCalls,
): ChartConfiguration<'line', Point[]>['data']['datasets'] {
  if (lines === 'direct') for (const d of sets) d.segment = {};
  return sets;
}

export function createCurvesRenderer(
  createCanvas: (width: number, height: number) => AnyCanvas,
  opts: { lines?: LineCalls } = {},
): CurvesRenderer {
  /** The charts made so far (one per metric once all are made; see `budget`). */
  let charts: Slot[] = [];
  let key = '';
  let renders = 0;
  let growTo: number | undefined;
  /** What the charts' lines are drawn up to (`growTo`, but none or all of them for the layers). */
  let clipTo: number | undefined | null;
  let minHeight = 0;
  const lines = opts.lines ?? 'path2d';

  /** The slot's chart without its lines and with all of them, each copied from its canvas. */
  function layersOf(s: Slot): { still: AnyCanvas; full: AnyCanvas } {
    const source = s.chart.canvas as unknown as AnyCanvas;
    const copy = (): AnyCanvas => {
      const c = createCanvas(source.width, source.height);
      (c.getContext('2d') as CanvasRenderingContext2D).drawImage(
        source as unknown as CanvasImageSource,
        0,
        0,
      );
      return c;
    };
    clipTo = null;
    s.chart.draw();
    const still = copy();
    clipTo = undefined;
    s.chart.draw();
    const full = copy();
    clipTo = growTo;
    return { still, full };
  }

  function destroy(): void {
    for (const s of charts) s.chart.destroy();
    charts = [];
    key = '';
  }

  function make(
    r: { x: number; y: number; width: number; height: number },
    k: number,
    title: string[],
    input: CurvesInput,
    theme: DrawTheme,
    pixelRatio: number,
    data: string,
  ): Slot {
    const metric = CURVE_METRICS[k];
    const canvas = createCanvas(Math.max(1, Math.floor(r.width)), Math.max(1, Math.floor(r.height)));
    const chart = new Chart(
      canvas as unknown as HTMLCanvasElement,
      config(metric, title, input, theme, pixelRatio, () => clipTo, lines),
    );
    return { metric, ...r, chart, data, upTo: growTo };
  }

  return {
    get renders() {
      return renders;
    },
    get minHeight() {
      return minHeight;
    },
    destroy,
    draw(ctx, input, size, theme, budget = Infinity) {
      const pixelRatio = size.pixelRatio ?? 1;
      const legend = legendItems(ctx, input.series, size.width);
      const legendH = legend.rows * LEGEND;
      ctx.save();
      ctx.font = TITLE_FONT;
      const arrangement = arrangeCurves(
        size.width,
        size.height,
        legendH,
        (m) => theme.t(TITLES[m]),
        (t) => ctx.measureText(t).width,
      );
      minHeight = curvesMinHeight(
        size.width,
        legend.rows,
        (m) => theme.t(TITLES[m]),
        (t) => ctx.measureText(t).width,
      );
      ctx.restore();
      const layoutKey = `${size.width}x${size.height}@${pixelRatio}|${theme.background}${theme.foreground}|${theme.locale}|${legend.rows}`;
      const dataKey = `${input.version}|${input.steps}|${input.series.length}`;
      let complete = true;
      let worked = false;
      growTo = input.upTo;
      clipTo = growTo;
      if (key !== layoutKey) destroy();
      key = layoutKey;
      // Charts are made, or given new data, up to `budget` of them per call.
      slots(size.width, size.height, legendH, arrangement.cols).forEach((r, k) => {
        const s = charts.find((c) => c.metric === CURVE_METRICS[k]);
        if (s && s.data === dataKey) return;
        if (budget <= 0) {
          complete = false;
          return;
        }
        budget--;
        worked = true;
        if (!s) {
          charts.push(make(r, k, arrangement.titles[k], input, theme, pixelRatio, dataKey));
          return;
        }
        s.chart.data.datasets = direct(datasets(s.metric, input.series), lines);
        const x = s.chart.options.scales!.x!;
        x.max = Math.max(1, input.steps);
        s.chart.update('none');
        s.data = dataKey;
        s.upTo = growTo;
        s.layers = null;
      });
      // Growing curves on a raster canvas: from the chart's two layers, made once per data (so that
      // a frame of an animation is the image of that step alone, pixel for pixel); else a chart whose
      // data is unchanged is only drawn again, clipped further on.
      for (const s of charts) {
        if (growTo !== undefined && lines === 'path2d') s.layers ??= layersOf(s);
        else if (s.upTo !== growTo) s.chart.draw();
        s.upTo = growTo;
      }
      if (worked) renders++;
      ctx.save();
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, size.width, size.height);
      drawLegend(ctx, legend.items, theme);
      for (const s of charts) {
        const w = Math.floor(s.width);
        const h = Math.floor(s.height);
        if (s.layers && growTo !== undefined) {
          // Clipped where the chart's own clip would be (its pixels scaled to the slot's).
          const x = s.chart.scales.x.getPixelForValue(growTo) * (w / s.chart.width);
          ctx.drawImage(s.layers.still as unknown as CanvasImageSource, s.x, s.y, w, h);
          ctx.save();
          ctx.beginPath();
          ctx.rect(s.x, s.y, x, h);
          ctx.clip();
          ctx.drawImage(s.layers.full as unknown as CanvasImageSource, s.x, s.y, w, h);
          ctx.restore();
        } else ctx.drawImage(s.chart.canvas as unknown as CanvasImageSource, s.x, s.y, w, h);
        const area = s.chart.chartArea;
        if (!area) continue;
        if (s.metric === 'gradNorm') drawZeroNotes(ctx, s, input.series, theme);

        if (input.cursor === null) continue;
        const cx = Math.round(s.x + s.chart.scales.x.getPixelForValue(input.cursor)) + 0.5;
        ctx.strokeStyle = theme.foreground;
        ctx.globalAlpha = 0.75;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(cx, s.y + area.top);
        ctx.lineTo(cx, s.y + area.bottom);
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
      // A run that diverged ends in a value that is not finite, a gap in its lines: the picture says so.
      if (input.series.some(endsNotFinite)) markOff(ctx);
      ctx.restore();
      return complete;
    },
    plots() {
      return charts.flatMap((s) => {
        const a = s.chart.chartArea;
        if (!a) return [];
        const x = s.chart.scales.x;
        return [
          {
            metric: s.metric,
            x: s.x + a.left,
            y: s.y + a.top,
            width: a.right - a.left,
            height: a.bottom - a.top,
            // Tick labels drawn under the plot: as many as there are ticks, if the axis has room for a line.
            xTicks: x.height >= 12 && s.y + a.bottom + x.height <= s.y + s.height + 0.5 ? x.ticks.length : 0,
          },
        ];
      });
    },
    cursorLines(step) {
      return charts.flatMap((s) => {
        const a = s.chart.chartArea;
        if (!a) return [];
        return [
          {
            x: Math.round(s.x + s.chart.scales.x.getPixelForValue(step)),
            top: s.y + a.top,
            bottom: s.y + a.bottom,
          },
        ];
      });
    },
    hit(x, y) {
      for (const s of charts) {
        const a = s.chart.chartArea;
        if (!a) continue;
        const lx = x - s.x;
        const ly = y - s.y;
        if (lx < a.left - 2 || lx > a.right + 2 || ly < a.top || ly > a.bottom) continue;
        const scale = s.chart.scales.x;
        const v = scale.getValueForPixel(lx) ?? 0;
        return { step: Math.max(0, Math.min(Math.round(scale.max), Math.round(v))), metric: s.metric };
      }
      return null;
    },
  };
}

/** Whether a series' last frame has a loss or a gradient norm that is not finite (a divergence). */
function endsNotFinite(s: CurveSeries): boolean {
  const t = s.length - 1;
  if (t < 0) return false;
  if (!Number.isFinite(s.loss[t])) return true;
  for (let l = 0; l < s.layers; l++) if (!Number.isFinite(s.gradNorms[t * s.layers + l])) return true;
  return false;
}

/** Where each series' name goes in the legend: in rows that wrap to the width, never cut. */
function legendItems(
  ctx: CanvasRenderingContext2D,
  series: CurveSeries[],
  width: number,
): { items: { x: number; row: number; name: string; color: string }[]; rows: number } {
  ctx.save();
  ctx.font = `12px ${FONT}`;
  const items: { x: number; row: number; name: string; color: string }[] = [];
  let x = 2;
  let row = 0;
  for (const s of series) {
    const w = 18 + ctx.measureText(s.name).width;
    if (x > 2 && x + w > width - 2) {
      row++;
      x = 2;
    }
    items.push({ x, row, name: s.name, color: s.color });
    x += w + 14;
  }
  ctx.restore();
  return { items, rows: Math.max(1, row + 1) };
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  items: { x: number; row: number; name: string; color: string }[],
  theme: DrawTheme,
): void {
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'middle';
  for (const it of items) {
    const y = it.row * LEGEND + 8;
    ctx.fillStyle = it.color;
    ctx.fillRect(it.x, y - 2, 14, 3);
    ctx.fillStyle = theme.foreground;
    ctx.fillText(it.name, it.x + 18, y);
  }
}

/** A series whose gradient is exactly 0 throughout has no line on a log axis: say so, marked in its colour. */
function drawZeroNotes(
  ctx: CanvasRenderingContext2D,
  s: Slot,
  series: CurveSeries[],
  theme: DrawTheme,
): void {
  const a = s.chart.chartArea;
  let row = 0;
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'top';
  for (const v of series) {
    if (v.length === 0) continue;
    let zero = true;
    for (let k = 0; k < v.length * v.layers && zero; k++) if (v.gradNorms[k] !== 0) zero = false;
    if (!zero) continue;
    // Right-aligned in the area, wrapped to its width; only the rows that fit whole, never over its axes.
    const width = (t: string): number => ctx.measureText(t).width;
    // The variant's colour as a bar before the name (text in its colour may be too faint to read).
    const bar = 14;
    const max = Math.max(20, a.right - a.left - 6 - bar);
    const lines = wrapText(`${v.name}:`, max, width);
    // "‖∇‖ = 0" kept whole: after the name's last line where it fits, else on a line of its own.
    const last = `${lines.pop() ?? ''} ‖∇‖ = 0`.trim();
    if (width(last) <= max) lines.push(last);
    else lines.push(last.slice(0, -' ‖∇‖ = 0'.length), '‖∇‖ = 0');
    // A short plot: the name's lines that do not fit go (the last one kept ends in "…"), never "‖∇‖ = 0".
    const rows = Math.max(1, Math.floor((a.bottom - a.top - 4) / 16) - row);
    if (lines.length > rows) {
      const kept = lines.slice(0, rows - 1);
      if (kept.length > 0) {
        let cut = kept[kept.length - 1];
        while (cut.length > 1 && width(`${cut}…`) > max) cut = cut.slice(0, -1);
        kept[kept.length - 1] = `${cut}…`;
      }
      lines.splice(0, lines.length, ...kept, '‖∇‖ = 0');
    }
    lines.filter(Boolean).forEach((text, i) => {
      if (a.top + 4 + (row + 1) * 16 > a.bottom) return;
      const w = width(text);
      const x = Math.max(a.left + 2 + bar, a.right - w - 4);
      const y = s.y + a.top + 3 + row * 16;
      ctx.fillStyle = theme.background;
      ctx.fillRect(s.x + x - 2 - (i === 0 ? bar : 0), y, w + 4 + (i === 0 ? bar : 0), 15);
      if (i === 0) {
        ctx.fillStyle = v.color;
        ctx.fillRect(s.x + x - bar, y + 6, 10, 3);
      }
      ctx.fillStyle = theme.foreground;
      ctx.fillText(text, s.x + x, y + 1);
      row++;
    });
  }
}
