/**
 * Animated GIF with gifenc. One palette for the whole animation, quantised
 * from sample frames (the first and the last), so each frame only maps its
 * pixels to it: fast, and no colour flicker between frames.
 */
import * as gifencModule from 'gifenc';

// gifenc's ES build has named exports (its default is GIFEncoder alone); its CommonJS build, loaded
// by Node, has them on the default export. Either way, the same three functions.
type Gifenc = typeof gifencModule.default;
const gifenc: Gifenc =
  'quantize' in gifencModule ? (gifencModule as unknown as Gifenc) : gifencModule.default;
const { GIFEncoder, quantize, applyPalette } = gifenc;

/** A palette of at most 256 colours from sample frames (every other pixel of each). */
export function gifPalette(samples: Uint8ClampedArray[]): number[][] {
  const total = samples.reduce((n, s) => n + Math.ceil(s.length / 8), 0);
  const rgba = new Uint8Array(total * 4);
  let o = 0;
  for (const s of samples)
    for (let i = 0; i < s.length; i += 8) {
      rgba[o++] = s[i];
      rgba[o++] = s[i + 1];
      rgba[o++] = s[i + 2];
      rgba[o++] = 255;
    }
  return quantize(rgba, 256);
}

/**
 * Frame i's delay in milliseconds. A GIF stores hundredths of a second, so
 * 30 frames/s alternates 3, 3, 4 hundredths: the total duration stays exact
 * (frames / fps, to the hundredth). Browsers slow delays below 2 hundredths,
 * so none is shorter (at most 50 frames/s).
 */
export function gifDelay(fps: number, i: number): number {
  const f = Math.min(fps, 50);
  return (Math.round(((i + 1) * 100) / f) - Math.round((i * 100) / f)) * 10;
}

export class GifWriter {
  private readonly gif = GIFEncoder();
  private count = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly fps: number,
    private readonly palette: number[][],
  ) {}

  add(rgba: Uint8ClampedArray): void {
    const index = applyPalette(rgba, this.palette);
    this.gif.writeFrame(index, this.width, this.height, {
      palette: this.count === 0 ? this.palette : undefined,
      delay: gifDelay(this.fps, this.count),
      repeat: 0,
    });
    this.count++;
  }

  finish(): Uint8Array {
    this.gif.finish();
    return this.gif.bytes();
  }
}
