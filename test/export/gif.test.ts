/**
 * GIF frames encoded one by one (in any order, on any thread) and joined are
 * the file gifenc writes in one pass.
 */
import * as gifencModule from 'gifenc';
import { describe, expect, it } from 'vitest';
import { encodeGifFrame, gifDelay, gifPalette, GifWriter, joinGif } from '../../src/export/gif';

// As in src/export/gif.ts: named exports in the ES build, a default export under Node.
type Gifenc = typeof gifencModule.default;
const gifenc: Gifenc =
  'quantize' in gifencModule ? (gifencModule as unknown as Gifenc) : gifencModule.default;

const W = 37;
const H = 23;
const frames = Array.from({ length: 6 }, (_, f) => {
  const a = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < a.length; i++) a[i] = (i * 13 + f * 71 + (i >> 6) * f) & 255;
  return a;
});
const palette = gifPalette([frames[0], frames[5]]);

describe('GIF frames', () => {
  it('joined in order, equal gifenc’s one-pass file (header, screen, palette and loop once)', () => {
    const one = gifenc.GIFEncoder();
    frames.forEach((f, i) =>
      one.writeFrame(gifenc.applyPalette(f, palette), W, H, {
        palette: i === 0 ? palette : undefined,
        delay: gifDelay(30, i),
        repeat: 0,
      }),
    );
    one.finish();
    const reversed = frames
      .map((_, i) => frames.length - 1 - i)
      .map((i) => [i, encodeGifFrame(frames[i], W, H, 30, palette, i)] as const);
    const joined = joinGif(reversed.sort((a, b) => a[0] - b[0]).map(([, b]) => b));
    expect(Buffer.from(joined).equals(Buffer.from(one.bytes()))).toBe(true);
    const writer = new GifWriter(W, H, 30, palette);
    for (const f of frames) writer.add(f);
    expect(Buffer.from(writer.finish()).equals(Buffer.from(joined))).toBe(true);
    // Only frame 0 carries the header; every frame differs.
    expect(new TextDecoder().decode(joined.slice(0, 6))).toBe('GIF89a');
    expect(new TextDecoder().decode(encodeGifFrame(frames[1], W, H, 30, palette, 1).slice(0, 6))).not.toBe(
      'GIF89a',
    );
    expect(joined[joined.length - 1]).toBe(0x3b);
  });
});
