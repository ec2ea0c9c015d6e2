/**
 * One export from start to end, for either host: renders the frames with
 * `FrameRenderer`, encodes them (PNG, GIF, zip of PNGs; WebM/MP4 through
 * the host's video encoder), reports progress, and stops when cancelled.
 * Nothing is written here: the caller writes the result, atomically.
 */
import type { Simulation } from '../core/simulation';
import { type GifEncoder, gifPalette, inlineGifEncoder } from './gif';
import { type ExportCanvas, FrameRenderer } from './render';
import { type ExportSettings, exportFrames } from './settings';
import { type FontSet, fontSet } from './vector/font';
import { PdfWriter } from './vector/pdf';
import { type SvgOptions, toSvg } from './vector/svg';
import { frameName, ZipWriter } from './zip';

/** An SVG's physical size: in inches when the figure is for paper (not 96 pixels per inch). */
export function svgOptions(s: ExportSettings, width: number, height: number): SvgOptions {
  if (s.dpi === 96) return {};
  const inch = (px: number): string => `${Math.round((px / s.dpi) * 1000) / 1000}in`;
  return { physical: { width: inch(width), height: inch(height) } };
}

export interface VideoEncoderHost {
  add(canvas: ExportCanvas, index: number): Promise<void>;
  finish(): Promise<Uint8Array>;
}

export interface ExportHost {
  createCanvas(width: number, height: number): ExportCanvas;
  encodePng(canvas: ExportCanvas): Promise<Uint8Array>;
  /** The interface font (DejaVu Sans, regular and bold) for SVG and PDF: measured and embedded. */
  fonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }>;
  /** The video encoder's target bits per second at this size (for the size estimate). */
  videoBitrate?(format: 'webm' | 'mp4', width: number, height: number): number;
  /**
   * A GIF encoder for `frames` frames that may work on other threads (same bytes as
   * `inlineGifEncoder`, which is used when the host has none).
   */
  gifEncoder?(width: number, height: number, fps: number, palette: number[][], frames: number): GifEncoder;
  /** A WebM or MP4 encoder of this size and rate; throws VideoUnavailable where there is none. */
  video?(format: 'webm' | 'mp4', width: number, height: number, fps: number): Promise<VideoEncoderHost>;
}

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled; nothing was written.');
  }
}

/** A format this host cannot encode, with what to do instead. */
export class VideoUnavailable extends Error {}

export { VIDEO_ALTERNATIVES } from './videoAlternatives';

export interface ExportJob {
  /** After each frame: frames done of total. */
  progress?(done: number, total: number): void;
  /** Checked before each frame. */
  cancelled?(): boolean;
  /** Called between frames now and then, so the host can handle events (a cancel). */
  breathe?(): Promise<void>;
  /** PNG sequences: each frame handed over as it is made (a folder); without it they are zipped. */
  onFrame?(name: string, png: Uint8Array): Promise<void>;
}

export interface ExportResult {
  /** The file (PNG, GIF, WebM, MP4, zip); null when the frames went to `onFrame`. */
  data: Uint8Array | null;
  frames: number;
  width: number;
  height: number;
}

export async function runExport(
  sim: Simulation,
  settings: ExportSettings,
  host: ExportHost,
  job: ExportJob = {},
): Promise<ExportResult> {
  const frames = exportFrames(settings);
  const vector = settings.format === 'svg' || settings.format === 'pdf';
  let fonts: FontSet | undefined;
  if (vector) {
    const files = await host.fonts();
    fonts = fontSet(files.regular, files.bold);
  }
  const renderer = new FrameRenderer(sim, settings, (w, h) => host.createCanvas(w, h), fonts);
  const { width, height } = renderer;
  const total = frames.length;
  let lastBreath = Date.now();
  const step = async (): Promise<void> => {
    if (job.breathe && Date.now() - lastBreath > 100) {
      await job.breathe();
      lastBreath = Date.now();
    }
    if (job.cancelled?.()) throw new ExportCancelled();
  };
  try {
    switch (settings.format) {
      case 'png': {
        await step();
        renderer.render(frames[0]);
        const data = await host.encodePng(renderer.canvas);
        job.progress?.(1, 1);
        return { data, frames: 1, width, height };
      }
      case 'svg': {
        await step();
        renderer.render(frames[0]);
        const data = new TextEncoder().encode(toSvg(renderer.page(), svgOptions(settings, width, height)));
        job.progress?.(1, 1);
        return { data, frames: 1, width, height };
      }
      case 'pdf': {
        const pdf = new PdfWriter(fonts!, { dpi: settings.dpi, title: settings.title.trim() || undefined });
        for (let i = 0; i < total; i++) {
          await step();
          renderer.render(frames[i]);
          pdf.addPage(renderer.page());
          job.progress?.(i + 1, total);
        }
        return { data: pdf.finish(), frames: total, width, height };
      }
      case 'gif': {
        await step();
        renderer.render(frames[total - 1]);
        const last = renderer.pixels();
        renderer.render(frames[0]);
        const palette = gifPalette([renderer.pixels(), last]);
        const gif = (host.gifEncoder ?? inlineGifEncoder)(width, height, settings.fps, palette, total);
        try {
          for (let i = 0; i < total; i++) {
            await step();
            renderer.render(frames[i]);
            await gif.add(renderer.pixels());
            job.progress?.(i + 1, total);
          }
          return { data: await gif.finish(), frames: total, width, height };
        } finally {
          gif.close();
        }
      }
      case 'pngseq': {
        const zip = job.onFrame ? null : new ZipWriter();
        for (let i = 0; i < total; i++) {
          await step();
          renderer.render(frames[i]);
          const png = await host.encodePng(renderer.canvas);
          if (zip) zip.add(frameName(i, total), png);
          else await job.onFrame!(frameName(i, total), png);
          job.progress?.(i + 1, total);
        }
        return { data: zip ? zip.finish() : null, frames: total, width, height };
      }
      case 'webm':
      case 'mp4': {
        if (!host.video)
          throw new VideoUnavailable(
            `${settings.format.toUpperCase()} needs a video encoder (WebCodecs), which this runtime does not have.`,
          );
        const video = await host.video(settings.format, width, height, settings.fps);
        for (let i = 0; i < total; i++) {
          await step();
          renderer.render(frames[i]);
          await video.add(renderer.canvas, i);
          job.progress?.(i + 1, total);
        }
        return { data: await video.finish(), frames: total, width, height };
      }
    }
  } finally {
    renderer.destroy();
  }
}
