/**
 * Export throughput at 800 × 600, drawing included: the default experiment's
 * view (data, chain rule, curves) rendered frame by frame with the app's
 * drawing functions on @napi-rs/canvas, then encoded as an animated GIF
 * (gifenc) or as a PNG sequence (zip). Also gifenc alone on those frames and
 * the drawing alone, to show where the time goes.
 */
import { nodeExportHost } from '../src/cli/nodeHost';
import { DEFAULT_EXPERIMENT } from '../src/core/presets';
import { runSimulation } from '../src/core/simulation';
import { GifWriter, gifPalette } from '../src/export/gif';
import { FrameRenderer } from '../src/export/render';
import { runExport } from '../src/export/run';
import { VIEW_PANELS } from '../src/draw/view';
import { defaultSettings, type ExportSettings, withPreset } from '../src/export/settings';

export interface ExportFigures {
  gifFps: number;
  /** GIF with the curves growing with the frames (the default for animations). */
  gifGrowFps: number;
  /** One 1920 × 1080 frame of all panels as SVG, and as PDF (milliseconds, encoding included). */
  svgMs: number;
  pdfMs: number;
  svgBytes: number;
  pdfBytes: number;
  pngseqFps: number;
  drawFps: number;
  gifencFps: number;
  frames: number;
}

export async function measureExport(): Promise<ExportFigures> {
  const sim = runSimulation(DEFAULT_EXPERIMENT);
  const host = nodeExportHost();
  const FRAMES = 120;
  const settings = (format: ExportSettings['format']): ExportSettings => ({
    ...defaultSettings(DEFAULT_EXPERIMENT.steps),
    format,
    panels: ['data', 'chain', 'curves'],
    width: 800,
    height: 600,
    scale: 1,
    from: 0,
    to: FRAMES - 1,
    every: 1,
    fps: 30,
  });
  const time = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await fn();
      best = Math.min(best, performance.now() - t0);
    }
    return best / 1000;
  };
  const gif = await time(() => runExport(sim, settings('gif'), host));
  const gifGrow = await time(() => runExport(sim, { ...settings('gif'), grow: true }, host));
  const slide = (format: 'svg' | 'pdf'): ExportSettings =>
    withPreset(
      { ...defaultSettings(DEFAULT_EXPERIMENT.steps), format, panels: [...VIEW_PANELS], step: 120 },
      'slide169',
      sim.runs.length,
    );
  let svgBytes = 0;
  let pdfBytes = 0;
  const svg = await time(async () => {
    svgBytes = (await runExport(sim, slide('svg'), host)).data!.length;
  });
  const pdf = await time(async () => {
    pdfBytes = (await runExport(sim, slide('pdf'), host)).data!.length;
  });
  const seq = await time(() => runExport(sim, settings('pngseq'), host));
  // Where the time goes: drawing alone, and gifenc alone on frames drawn beforehand.
  const renderer = new FrameRenderer(sim, settings('gif'), host.createCanvas);
  const draw = await time(() => {
    for (let i = 0; i < FRAMES; i++) renderer.render({ step: i, phase: 3 });
  });
  const frames: Uint8ClampedArray[] = [];
  for (let i = 0; i < FRAMES; i++) {
    renderer.render({ step: i, phase: 3 });
    frames.push(renderer.pixels());
  }
  renderer.destroy();
  const palette = gifPalette([frames[0], frames[FRAMES - 1]]);
  const enc = await time(() => {
    const w = new GifWriter(800, 600, 30, palette);
    for (const f of frames) w.add(f);
    w.finish();
  });
  return {
    gifFps: FRAMES / gif,
    gifGrowFps: FRAMES / gifGrow,
    svgMs: svg * 1000,
    pdfMs: pdf * 1000,
    svgBytes,
    pdfBytes,
    pngseqFps: FRAMES / seq,
    drawFps: FRAMES / draw,
    gifencFps: FRAMES / enc,
    frames: FRAMES,
  };
}
