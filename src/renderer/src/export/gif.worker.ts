/// <reference lib="webworker" />
/**
 * GIF frames encoded beside the export's worker: it draws frame i + 1 while this
 * worker maps frame i to the palette and compresses it (the same bytes as on one
 * thread). The first message carries the size, rate and palette; each next one a frame.
 */
import { encodeGifFrame } from '../../../export/gif';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let spec: { width: number; height: number; fps: number; palette: number[][] } | null = null;
scope.onmessage = (e: MessageEvent) => {
  const m = e.data as
    | { type: 'start'; width: number; height: number; fps: number; palette: number[][] }
    | { type: 'frame'; i: number; rgba: Uint8ClampedArray };
  if (m.type === 'start') {
    spec = m;
    return;
  }
  if (!spec) return;
  const bytes = encodeGifFrame(m.rgba, spec.width, spec.height, spec.fps, spec.palette, m.i);
  scope.postMessage({ i: m.i, bytes }, [bytes.buffer as ArrayBuffer]);
};
