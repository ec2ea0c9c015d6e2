/** The export host in Node: @napi-rs/canvas to draw on and to encode PNG; no video encoder. */
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import type { ExportCanvas } from '../export/render';
import type { ExportHost } from '../export/run';
import { readFile } from 'node:fs/promises';
import { registerFonts } from './fonts';

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
  };
}
