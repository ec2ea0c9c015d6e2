/** The export host in Node: @napi-rs/canvas to draw on and to encode PNG; no video encoder. */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import type { ExportCanvas } from '../export/render';
import type { ExportHost } from '../export/run';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type GifEncoder, gifWantsThread, inlineGifEncoder, threadGifEncoder } from '../export/gif';
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
  if (!gifWantsThread(frames, availableParallelism())) return inlineGifEncoder(width, height, fps, palette);
  const worker = new Worker(new URL('./gifWorker.mjs', import.meta.url), {
    workerData: { width, height, fps, palette } satisfies GifWorkerData,
  });
  let pending = 0;
  return threadGifEncoder({
    post: (i, rgba) => {
      pending++;
      worker.postMessage({ i, rgba });
    },
    listen: (answer, failure) => {
      worker.on('message', ({ i, bytes }: { i: number; bytes: Uint8Array }) => {
        pending--;
        answer(i, bytes);
      });
      worker.on('error', failure);
      worker.on('exit', (code) => {
        if (pending > 0) failure(new Error(`the GIF encoder stopped (exit code ${code})`));
      });
    },
    terminate: () => void worker.terminate(),
  });
}
