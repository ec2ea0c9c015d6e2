/**
 * Parts of a drawing that are pictures by nature (heatmaps, the 3-D surface's
 * mesh): on a pixel canvas they are drawn directly; a vector export's context
 * (src/export/vector) draws them on a pixel canvas at the export's resolution
 * and keeps them as one embedded image, so the file stays small and the rest
 * (lines, marks, text) stays vector.
 */
export const RASTER_LAYER = Symbol.for('sigmoid-lab.rasterLayer');

/**
 * The layer's pixels computed directly (RGBA, `pw` × `ph`, `k` pixels per unit): the same
 * bytes in every engine, where a canvas's anti-aliasing would differ between them.
 */
export type PixelFill = (rgba: Uint8ClampedArray, pw: number, ph: number, k: number) => void;

type Layered = {
  [RASTER_LAYER]?: (
    w: number,
    h: number,
    draw: (c: CanvasRenderingContext2D) => void,
    pixels?: PixelFill,
  ) => void;
};

/**
 * Draws `draw` (in the rectangle 0, 0, width, height of ctx) as a raster layer where ctx
 * keeps vectors; there, `pixels` (when given) makes the layer's pixels instead of `draw`.
 */
export function rasterLayer(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
  pixels?: PixelFill,
): void {
  const layer = (ctx as unknown as Layered)[RASTER_LAYER];
  if (typeof layer === 'function') layer.call(ctx, width, height, draw, pixels);
  else draw(ctx);
}

/**
 * A G × G grid of cells filling width × height as pixels, row 0 at the bottom: each pixel
 * takes the colour of the cell its centre is in.
 */
export function gridPixels(
  G: number,
  width: number,
  height: number,
  colour: (c: number, r: number) => readonly [number, number, number],
): PixelFill {
  return (rgba, pw, ph, k) => {
    for (let py = 0; py < ph; py++) {
      const r = Math.min(G - 1, Math.max(0, G - 1 - Math.floor(((py + 0.5) / k / height) * G)));
      for (let px = 0; px < pw; px++) {
        const c = Math.min(G - 1, Math.max(0, Math.floor(((px + 0.5) / k / width) * G)));
        const [R, Gr, B] = colour(c, r);
        const o = 4 * (py * pw + px);
        rgba[o] = R;
        rgba[o + 1] = Gr;
        rgba[o + 2] = B;
        rgba[o + 3] = 255;
      }
    }
  };
}
