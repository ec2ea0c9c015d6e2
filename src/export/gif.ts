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

/**
 * Frame i of an animated GIF as bytes of its own: the file's header, screen, palette and loop for
 * frame 0, then the frame's control block, image and compressed pixels. Frames do not depend on
 * each other (each is compressed alone, against one palette), so they can be encoded in any order
 * or in parallel and joined: header-frame 0, frame 1, …, then `GIF_TRAILER`.
 */
export function encodeGifFrame(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  fps: number,
  palette: number[][],
  i: number,
): Uint8Array {
  const gif = GIFEncoder({ auto: false, initialCapacity: Math.max(4096, (width * height) >> 2) });
  if (i === 0) gif.writeHeader();
  gif.writeFrame(applyPalette(rgba, palette), width, height, {
    first: i === 0,
    palette: i === 0 ? palette : undefined,
    delay: gifDelay(fps, i),
    repeat: 0,
  });
  return gif.bytes();
}

/** The byte that ends a GIF. */
export const GIF_TRAILER = 0x3b;

/** The frames joined into one file, with the trailer. */
export function joinGif(frames: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0) + 1);
  let o = 0;
  for (const f of frames) {
    out.set(f, o);
    o += f.length;
  }
  out[o] = GIF_TRAILER;
  return out;
}

/**
 * Encodes frames as they are added, in order. A host may encode them on other threads
 * (`ExportHost.gifEncoder`); this one encodes on the calling thread.
 */
export interface GifEncoder {
  /** Frame `i` (0, 1, 2, … in order); resolves when the encoder can take the next one. */
  add(rgba: Uint8ClampedArray): Promise<void>;
  finish(): Promise<Uint8Array>;
  /** Stops any thread it started (after finish, or when the export is cancelled). */
  close(): void;
}

export class GifWriter {
  private readonly frames: Uint8Array[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly fps: number,
    private readonly palette: number[][],
  ) {}

  add(rgba: Uint8ClampedArray): void {
    this.frames.push(
      encodeGifFrame(rgba, this.width, this.height, this.fps, this.palette, this.frames.length),
    );
  }

  finish(): Uint8Array {
    return joinGif(this.frames);
  }
}

/** A GifEncoder on the calling thread. */
export function inlineGifEncoder(
  width: number,
  height: number,
  fps: number,
  palette: number[][],
): GifEncoder {
  const gif = new GifWriter(width, height, fps, palette);
  return {
    add: async (rgba) => gif.add(rgba),
    finish: async () => gif.finish(),
    close: () => undefined,
  };
}

/** Another thread that encodes GIF frames (a worker thread, a Web Worker), as `threadGifEncoder` drives it. */
export interface GifThread {
  /** Frame i's pixels, copied to the thread. */
  post(i: number, rgba: Uint8ClampedArray): void;
  /** The thread's answers (frame i's bytes) and failures go to these. */
  listen(answer: (i: number, bytes: Uint8Array) => void, failure: (e: Error) => void): void;
  terminate(): void;
}

/**
 * Whether an animation of `frames` frames is worth a thread of its own on a machine of `cores`
 * cores: a core to spare, and enough frames to pay for starting the thread (a tenth of a second).
 */
export function gifWantsThread(frames: number, cores: number): boolean {
  return frames >= 8 && cores >= 2;
}

/** Frames in flight to an encoding thread: enough to keep it busy, few enough to bound memory. */
export const GIF_IN_FLIGHT = 3;

/** A GifEncoder whose frames are encoded on `thread` while the caller draws the next ones. */
export function threadGifEncoder(thread: GifThread): GifEncoder {
  const done: Uint8Array[] = [];
  let sent = 0;
  let received = 0;
  let failure: Error | null = null;
  /** Whoever waits for the next answer (a full queue, or the end). */
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  thread.listen(
    (i, bytes) => {
      done[i] = bytes;
      received++;
      notify();
    },
    (e) => {
      failure ??= e;
      notify();
    },
  );
  const until = async (ok: () => boolean): Promise<void> => {
    while (!ok() && !failure) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
  };
  return {
    async add(rgba) {
      await until(() => sent - received < GIF_IN_FLIGHT);
      thread.post(sent++, rgba);
    },
    async finish() {
      await until(() => received === sent);
      thread.terminate();
      return joinGif(done);
    },
    close() {
      thread.terminate();
    },
  };
}
