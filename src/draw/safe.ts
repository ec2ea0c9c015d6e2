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

/**
 * Text metrics remembered per canvas: a frame measures mostly the strings the last one did (a
 * caption cut to its width, tick labels, wrapped titles), and in @napi-rs/canvas measuring a text
 * costs about as much as drawing it. Keyed on the canvas, as a guard is made for every drawing.
 */
const MEASURED = new WeakMap<object, Map<string, TextMetrics>>();
const MEASURED_MAX = 5_000;

function measured(ctx: CanvasRenderingContext2D): Map<string, TextMetrics> {
  const owner = (ctx.canvas as object | undefined) ?? ctx;
  let known = MEASURED.get(owner);
  if (!known) MEASURED.set(owner, (known = new Map()));
  return known;
}

/** Where a guard keeps its context and its count (symbols: no context property is named so). */
const TARGET = Symbol('guarded context');
const OFF = Symbol('off count');
interface Self {
  [TARGET]: CanvasRenderingContext2D;
  [OFF]: number;
}

/** The guarded call `name` (f is the context's own): clamps, skips and counts as `CALLS` says. */
function guardedCall(name: string, f: Fn): (self: Self, args: unknown[]) => unknown {
  const spec = CALLS[name];
  if (name === 'measureText') {
    return (self, [text]) => {
      const ctx = self[TARGET];
      const known = measured(ctx);
      const s = printable(text);
      // Everything the metrics depend on, read back from the context (save/restore change them too).
      const key = `${ctx.font}\u0000${ctx.textAlign}\u0000${ctx.textBaseline}\u0000${ctx.direction}\u0000${s}`;
      let m = known.get(key);
      if (m === undefined) {
        m = f.call(ctx, s) as TextMetrics;
        if (known.size >= MEASURED_MAX) known.clear();
        known.set(key, m);
      }
      return m;
    };
  }
  if (name === 'setLineDash')
    return (self, [segments]) => {
      const s = segments as number[];
      if (!Array.isArray(s) || !s.every((v) => Number.isFinite(v) && v >= 0)) {
        self[OFF]++;
        return undefined;
      }
      return f.call(
        self[TARGET],
        s.map((v) => Math.min(v, LIMIT)),
      );
    };
  if (!spec) return (self, args) => f.apply(self[TARGET], args);
  return (self, args) => {
    const ctx = self[TARGET];
    let clamped = false;
    for (let i = spec.from; i < args.length; i++) {
      const v = args[i];
      if (typeof v !== 'number') continue; // an image, a text, an anticlockwise flag
      if (!Number.isFinite(v)) {
        self[OFF]++;
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
    if (clamped) self[OFF]++;
    if (spec.text) args[0] = printable(args[0]);
    return f.apply(ctx, args);
  };
}

/** A guarded property set: a numeric one that is not finite or negative is skipped and counted. */
function guardedSet(self: Self, prop: PropertyKey, value: unknown): void {
  const t = self[TARGET] as unknown as Record<PropertyKey, unknown>;
  if (typeof prop === 'string' && NUMERIC.has(prop)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      self[OFF]++;
      return;
    }
    t[prop] = Math.min(value, LIMIT);
    return;
  }
  t[prop] = value;
}

/**
 * The guard's prototype for contexts of one class (a browser's or @napi-rs/canvas's context, the
 * vector export's): a method for each of its methods and an accessor for each of its properties,
 * found once per class. Faster than a Proxy, whose traps V8 cannot inline: a frame makes thousands
 * of calls. Null for a context whose class says nothing of its members (a test's Proxy).
 */
const PROTOTYPES = new WeakMap<object, object | null>();

function guardPrototype(ctx: object): object | null {
  const proto = Object.getPrototypeOf(ctx) as object | null;
  if (!proto || proto === Object.prototype) return null;
  const known = PROTOTYPES.get(proto);
  if (known !== undefined) return known;
  const members = new Map<string | symbol, PropertyDescriptor>();
  const chain: object[] = [ctx];
  for (
    let o: object | null = proto;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  )
    chain.push(o);
  for (const o of chain)
    // Symbols too: the vector export's context answers RASTER_LAYER.
    for (const name of Reflect.ownKeys(o))
      if (name !== 'constructor' && !members.has(name))
        members.set(name, Object.getOwnPropertyDescriptor(o, name)!);
  let made: object | null = null;
  if (['fillRect', 'fillText', 'save', 'restore'].every((m) => typeof members.get(m)?.value === 'function')) {
    const p: Record<string, unknown> = {};
    for (const [name, d] of members) {
      if (typeof d.value === 'function') {
        const call = guardedCall(String(name), d.value as Fn);
        Object.defineProperty(p, name, {
          value: function (this: Self, ...args: unknown[]) {
            return call(this, args);
          },
          writable: true,
          configurable: true,
        });
      } else
        Object.defineProperty(p, name, {
          get(this: Self) {
            return (this[TARGET] as unknown as Record<PropertyKey, unknown>)[name];
          },
          set(this: Self, value: unknown) {
            guardedSet(this, name, value);
          },
          configurable: true,
        });
    }
    made = p;
  }
  PROTOTYPES.set(proto, made);
  return made;
}

export function guardContext(ctx: CanvasRenderingContext2D): Guard {
  const proto = guardPrototype(ctx);
  let self: Self;
  let guarded: CanvasRenderingContext2D;
  if (proto) {
    self = Object.create(proto) as Self;
    self[TARGET] = ctx;
    self[OFF] = 0;
    guarded = self as unknown as CanvasRenderingContext2D;
  } else {
    // Any other object: a Proxy in front of it, wrapping each method once.
    self = { [TARGET]: ctx, [OFF]: 0 };
    const state = self;
    const cache = new Map<PropertyKey, Fn>();
    const target = ctx as unknown as Record<PropertyKey, unknown>;
    guarded = new Proxy(target, {
      get(t, prop) {
        const v = Reflect.get(t, prop, t);
        if (typeof v !== 'function') return v;
        let w = cache.get(prop);
        if (!w) {
          const call = guardedCall(String(prop), v as Fn);
          w = (...args) => call(state, args);
          cache.set(prop, w);
        }
        return w;
      },
      set(_t, prop, value) {
        guardedSet(state, prop, value);
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
  }
  COUNTERS.set(guarded, () => self[OFF]++);
  return {
    ctx: guarded,
    get off() {
      return self[OFF];
    },
    reset() {
      self[OFF] = 0;
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
