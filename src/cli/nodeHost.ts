/** The export host in Node: @napi-rs/canvas to draw on and to encode PNG; no video encoder. */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import type { ExportCanvas } from '../export/render';
import type { ExportHost } from '../export/run';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type GifEncoder, inlineGifEncoder, joinGif } from '../export/gif';
import { registerFonts } from './fonts';
import type { GifWorkerData } from './gifWorker';

/** The interface font shipped for vector exports (src/export/fonts). */
export async function vectorFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const [regular, bold] = await Promise.all([
    readFile(new URL('../export/fonts/DejaVuSans.ttf', import.meta.url)),
    readFile(new URL('../export/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

export function nodeExportHost(): ExportHost {
  registerFonts();
  return {
    createCanvas: (w, h) => createCanvas(w, h) as unknown as ExportCanvas,
    encodePng: async (canvas) => new Uint8Array(await (canvas as unknown as Canvas).encode('png')),
    fonts: vectorFonts,
    gifEncoder: threadedGifEncoder,
  };
}

/** Frames in flight to the encoding thread: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 3;

/**
 * A GIF encoder on a worker thread when the machine has a core to spare and the animation is long
 * enough to pay for starting it (about a tenth of a second); else on this thread. The bytes are
 * the same either way (`encodeGifFrame`).
 */
export function threadedGifEncoder(
  width: number,
  height: number,
  fps: number,
  palette: number[][],
  frames: number,
): GifEncoder {
  if (frames < 8 || availableParallelism() < 2) return inlineGifEncoder(width, height, fps, palette);
  const worker = new Worker(new URL('./gifWorker.mjs', import.meta.url), {
    workerData: { width, height, fps, palette } satisfies GifWorkerData,
  });
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
  worker.on('message', ({ i, bytes }: { i: number; bytes: Uint8Array }) => {
    done[i] = bytes;
    received++;
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', (code) => {
    if (received < sent && !failure) failure = new Error(`the GIF encoder stopped (exit code ${code})`);
    notify();
  });
  const until = async (ok: () => boolean): Promise<void> => {
    while (!ok()) {
      if (failure) throw failure;
      await new Promise<void>((r) => (wake = r));
    }
    if (failure) throw failure;
  };
  return {
    async add(rgba) {
      await until(() => sent - received < IN_FLIGHT);
      // The pixels are copied to the thread (a frame's own buffer, not the canvas's).
      worker.postMessage({ i: sent++, rgba });
    },
    async finish() {
      await until(() => received === sent);
      void worker.terminate();
      return joinGif(done);
    },
    close() {
      void worker.terminate();
    },
  };
}
