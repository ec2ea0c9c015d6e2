/**
 * How big an export's file will be, from one sample frame drawn and encoded
 * as the export will (the middle frame): PNG and SVG exactly; a PNG sequence,
 * a GIF or a PDF of pages as that frame's size times the frames; video from
 * the encoder's target bitrate and the duration. Shown beside the frame count.
 */
import type { Simulation } from '../core/simulation';
import { GifWriter, gifPalette } from './gif';
import { FrameRenderer } from './render';
import type { ExportHost } from './run';
import { svgOptions } from './run';
import { type ExportSettings, exportFrames } from './settings';
import { fontSet } from './vector/font';
import { PdfWriter } from './vector/pdf';
import { toSvg } from './vector/svg';

export async function estimateSize(
  sim: Simulation,
  settings: ExportSettings,
  host: ExportHost,
): Promise<number> {
  const frames = exportFrames(settings);
  const n = frames.length;
  const sample = frames[Math.floor(n / 2)];
  if (settings.format === 'webm' || settings.format === 'mp4') {
    const renderer = new FrameRenderer(sim, settings, host.createCanvas);
    const { width, height } = renderer;
    renderer.destroy();
    const bitrate = host.videoBitrate?.(settings.format, width, height) ?? width * height * 3;
    return Math.round(((bitrate / 8) * n) / settings.fps);
  }
  const vector = settings.format === 'svg' || settings.format === 'pdf';
  const fonts = vector ? await host.fonts().then((f) => fontSet(f.regular, f.bold)) : undefined;
  const renderer = new FrameRenderer(sim, settings, host.createCanvas, fonts);
  try {
    renderer.render(sample);
    switch (settings.format) {
      case 'png':
        return (await host.encodePng(renderer.canvas)).length;
      case 'pngseq':
        // Each frame's PNG, and a zip entry's headers (about 100 bytes) for each.
        return ((await host.encodePng(renderer.canvas)).length + 100) * n + 22;
      case 'gif': {
        const pixels = renderer.pixels();
        const one = new GifWriter(renderer.width, renderer.height, settings.fps, gifPalette([pixels]));
        one.add(pixels);
        const single = one.finish().length;
        return single + (n - 1) * Math.max(0, single - 800);
      }
      case 'svg':
        return new TextEncoder().encode(
          toSvg(renderer.page(), svgOptions(settings, renderer.width, renderer.height)),
        ).length;
      case 'pdf': {
        const one = new PdfWriter(fonts!, { dpi: settings.dpi });
        one.addPage(renderer.page());
        const single = one.finish().length;
        if (n === 1) return single;
        const two = new PdfWriter(fonts!, { dpi: settings.dpi });
        two.addPage(renderer.page());
        two.addPage(renderer.page());
        const page = two.finish().length - single;
        return single + (n - 1) * page;
      }
    }
  } finally {
    renderer.destroy();
  }
}
