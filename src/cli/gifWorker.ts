/**
 * GIF frames encoded on another thread: the export draws frame i + 1 while this
 * thread maps frame i to the palette and compresses it. Each message is one
 * frame; each answer its bytes, in the order received.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeGifFrame } from '../export/gif';

export interface GifWorkerData {
  width: number;
  height: number;
  fps: number;
  palette: number[][];
}

export interface GifWorkerFrame {
  i: number;
  rgba: Uint8ClampedArray;
}

const { width, height, fps, palette } = workerData as GifWorkerData;
parentPort!.on('message', ({ i, rgba }: GifWorkerFrame) => {
  const bytes = encodeGifFrame(rgba, width, height, fps, palette, i);
  parentPort!.postMessage({ i, bytes }, [bytes.buffer as ArrayBuffer]);
});
