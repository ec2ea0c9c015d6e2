/**
 * A guard in front of a Canvas 2D context, so that no value a drawing computes
 * can crash it: coordinates are clamped to what a canvas holds (Skia, under
 * @napi-rs/canvas, aborts the whole process on coordinates like −1e74), calls
 * with a value that is not finite are skipped (a browser throws on some of
 * them, e.g. gradients and negative radii), and control characters are taken
 * out of text (a NUL makes @napi-rs/canvas fail). The guard counts what it
 * had to clamp or skip, so the picture can say that a value is off the chart.
 */
import type { DrawTheme } from './theme';
import { FONT } from './theme';

/** Coordinates are kept within ±LIMIT CSS pixels (far outside any panel, well inside what Skia holds). */
export const LIMIT = 1e5;

export interface Guard {
  /** The guarded context: draw on this one. */
  readonly ctx: CanvasRenderingContext2D;
  /** How many calls had a coordinate clamped or a non-finite value skipped since the last reset. */
  readonly off: number;
  reset(): void;
}

type Fn = (...args: unknown[]) => unknown;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Text without control characters (what every drawing's labels go through). */
export function printable(text: unknown): string {
  return String(text).replace(CONTROL, '');
}

/**
 * The guarded calls: where their numeric arguments start, which are radii (≥ 0), and which are
 * free of the coordinate limit (angles, a matrix's linear part); each must still be finite.
 */
const CALLS: Record<string, { from: number; radii?: number[]; free?: number[]; text?: boolean }> = {
  moveTo: { from: 0 },
  lineTo: { from: 0 },
  rect: { from: 0 },
  roundRect: { from: 0 },
  fillRect: { from: 0 },
  strokeRect: { from: 0 },
  clearRect: { from: 0 },
  quadraticCurveTo: { from: 0 },
  bezierCurveTo: { from: 0 },
  arcTo: { from: 0, radii: [4] },
  arc: { from: 0, radii: [2], free: [3, 4] },
  ellipse: { from: 0, radii: [2, 3], free: [4, 5, 6] },
  translate: { from: 0 },
  scale: { from: 0 },
  rotate: { from: 0, free: [0] },
  transform: { from: 0, free: [0, 1, 2, 3] },
  setTransform: { from: 0, free: [0, 1, 2, 3] },
  fillText: { from: 1, text: true },
  strokeText: { from: 1, text: true },
  drawImage: { from: 1 },
  createLinearGradient: { from: 0 },
  createRadialGradient: { from: 0, radii: [2, 5] },
  isPointInPath: { from: 0 },
};

/** Numeric properties: a non-finite or negative value is ignored rather than set. */
const NUMERIC = new Set(['lineWidth', 'globalAlpha', 'shadowBlur', 'lineDashOffset', 'miterLimit']);

/** The counters of the guarded contexts, so that a drawing can report what it left out. */
const COUNTERS = new WeakMap<object, () => void>();

/**
 * Tells the guard behind `ctx` (if any) that the drawing left a value out or drew it at the
 * edge: the picture will say so. On an unguarded context it does nothing.
 */
export function markOff(ctx: CanvasRenderingContext2D): void {
  COUNTERS.get(ctx)?.();
}

export function guardContext(ctx: CanvasRenderingContext2D): Guard {
  let off = 0;
  const cache = new Map<PropertyKey, Fn>();
  const target = ctx as unknown as Record<PropertyKey, unknown>;
  const wrap = (name: string, f: Fn): Fn => {
    const spec = CALLS[name];
    if (name === 'measureText') return (text) => f.call(ctx, printable(text));
    if (name === 'setLineDash')
      return (segments) => {
        const s = segments as number[];
        if (!Array.isArray(s) || !s.every((v) => Number.isFinite(v) && v >= 0)) {
          off++;
          return undefined;
        }
        return f.call(
          ctx,
          s.map((v) => Math.min(v, LIMIT)),
        );
      };
    if (!spec) return f.bind(ctx) as Fn;
    return (...args) => {
      let clamped = false;
      for (let i = spec.from; i < args.length; i++) {
        const v = args[i];
        if (typeof v !== 'number') continue; // an image, a text, an anticlockwise flag
        if (!Number.isFinite(v)) {
          off++;
          // A gradient must still be returned: a flat one at the origin.
          if (name === 'createLinearGradient') return f.call(ctx, 0, 0, 0, 0);
          if (name === 'createRadialGradient') return f.call(ctx, 0, 0, 0, 0, 0, 0);
          if (name === 'isPointInPath') return false;
          return undefined;
        }
        if (spec.free?.includes(i)) continue;
        let w = v;
        if (spec.radii?.includes(i) && w < 0) w = 0;
        if (w > LIMIT) w = LIMIT;
        else if (w < -LIMIT) w = -LIMIT;
        if (w !== v) {
          clamped = true;
          args[i] = w;
        }
      }
      if (clamped) off++;
      if (spec.text) args[0] = printable(args[0]);
      return f.apply(ctx, args);
    };
  };
  const proxy = new Proxy(target, {
    get(t, prop) {
      const v = Reflect.get(t, prop, t);
      if (typeof v !== 'function') return v;
      let w = cache.get(prop);
      if (!w) {
        w = wrap(String(prop), v as Fn);
        cache.set(prop, w);
      }
      return w;
    },
    set(t, prop, value) {
      if (typeof prop === 'string' && NUMERIC.has(prop)) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          off++;
          return true;
        }
        return Reflect.set(t, prop, Math.min(value, LIMIT), t);
      }
      return Reflect.set(t, prop, value, t);
    },
  });
  COUNTERS.set(proxy, () => off++);
  return {
    ctx: proxy as unknown as CanvasRenderingContext2D,
    get off() {
      return off;
    },
    reset() {
      off = 0;
    },
  };
}

/**
 * Draws `draw` on a guarded `ctx` and, when a value had to be clamped or left
 * out, says so in the bottom-left corner of the `width` × `height` box.
 */
export function drawGuarded(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  theme: DrawTheme,
  draw: (ctx: CanvasRenderingContext2D) => void,
): void {
  const g = guardContext(ctx);
  g.ctx.save();
  try {
    draw(g.ctx);
  } finally {
    g.ctx.restore();
  }
  if (g.off > 0) drawOffNote(g.ctx, width, height, theme);
}

/** The note that some values are off the chart or not finite, on a band at the bottom left. */
export function drawOffNote(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  theme: DrawTheme,
): void {
  ctx.save();
  ctx.font = `11px ${FONT}`;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  let text = `⚠ ${theme.t('draw.offChart')}`;
  while (text.length > 2 && ctx.measureText(text).width > width - 12) text = text.slice(0, -2) + '…';
  const w = Math.min(width - 4, ctx.measureText(text).width + 8);
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = theme.background;
  ctx.fillRect(2, height - 20, Math.max(0, w), 18);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.foreground;
  ctx.fillText(text, 6, height - 5);
  ctx.restore();
}
