/** The export host in Node: @napi-rs/canvas to draw on and to encode PNG; no video encoder. */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import type { ExportCanvas } from '../export/render';
import type { ExportHost } from '../export/run';
import { registerFonts } from './fonts';

export function nodeExportHost(): ExportHost {
  registerFonts();
  return {
    createCanvas: (w, h) => createCanvas(w, h) as unknown as ExportCanvas,
    encodePng: async (canvas) => new Uint8Array(await (canvas as unknown as Canvas).encode('png')),
  };
}
