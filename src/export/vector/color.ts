/** CSS colours as the drawings write them (#rgb, #rrggbb, rgb(), rgba(), a few names), to RGBA. */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1 */
  a: number;
}

const NAMES: Record<string, Rgba> = {
  black: { r: 0, g: 0, b: 0, a: 1 },
  white: { r: 255, g: 255, b: 255, a: 1 },
  transparent: { r: 0, g: 0, b: 0, a: 0 },
  red: { r: 255, g: 0, b: 0, a: 1 },
  green: { r: 0, g: 128, b: 0, a: 1 },
  blue: { r: 0, g: 0, b: 255, a: 1 },
  gray: { r: 128, g: 128, b: 128, a: 1 },
  grey: { r: 128, g: 128, b: 128, a: 1 },
};

const cache = new Map<string, Rgba>();

export function parseColor(css: unknown): Rgba {
  if (typeof css !== 'string') throw new Error(`vector export: gradients and patterns are not supported`);
  const key = css.trim().toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  let c: Rgba | undefined = NAMES[key];
  if (!c && key.startsWith('#')) {
    const h = key.slice(1);
    const full =
      h.length === 3 || h.length === 4
        ? h
            .split('')
            .map((x) => x + x)
            .join('')
        : h;
    if (/^[0-9a-f]{6}([0-9a-f]{2})?$/.test(full))
      c = {
        r: parseInt(full.slice(0, 2), 16),
        g: parseInt(full.slice(2, 4), 16),
        b: parseInt(full.slice(4, 6), 16),
        a: full.length === 8 ? parseInt(full.slice(6, 8), 16) / 255 : 1,
      };
  }
  if (!c) {
    const m = /^rgba?\(\s*([^)]*)\)$/.exec(key);
    if (m) {
      const parts = m[1].split(/\s*[,/]\s*|\s+/).filter((p) => p !== '');
      const num = (p: string, max: number): number =>
        p.endsWith('%') ? (parseFloat(p) / 100) * max : parseFloat(p);
      if (parts.length === 3 || parts.length === 4) {
        c = {
          r: Math.round(num(parts[0], 255)),
          g: Math.round(num(parts[1], 255)),
          b: Math.round(num(parts[2], 255)),
          a: parts.length === 4 ? num(parts[3], 1) : 1,
        };
        if (![c.r, c.g, c.b, c.a].every(Number.isFinite)) c = undefined;
      }
    }
  }
  if (!c) throw new Error(`vector export: the colour ${css} is not understood`);
  cache.set(key, c);
  return c;
}

export function hex(c: Rgba): string {
  return (
    '#' + [c.r, c.g, c.b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')
  );
}
