/**
 * The export host in a browser engine (the app's export worker): an
 * OffscreenCanvas to draw on, the engine's PNG encoder, and WebCodecs with
 * mediabunny for WebM (VP9, else VP8) and MP4 (H.264) where the engine can
 * encode them.
 */
import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  type VideoCodec,
  WebMOutputFormat,
} from 'mediabunny';
import type { ExportCanvas } from '../../../export/render';
import { type GifEncoder, gifWantsThread, inlineGifEncoder, threadGifEncoder } from '../../../export/gif';
import { type ExportHost, type VideoEncoderHost, VideoUnavailable } from '../../../export/run';

const CODECS: Record<'webm' | 'mp4', VideoCodec[]> = { webm: ['vp9', 'vp8'], mp4: ['avc', 'hevc', 'vp9'] };

async function video(
  format: 'webm' | 'mp4',
  width: number,
  height: number,
  fps: number,
): Promise<VideoEncoderHost> {
  if (typeof VideoEncoder === 'undefined')
    throw new VideoUnavailable(
      `${format.toUpperCase()} needs WebCodecs, which this browser does not have. Export a GIF or a PNG sequence instead.`,
    );
  let codec: VideoCodec | null = null;
  for (const c of CODECS[format])
    if (await canEncodeVideo(c, { width, height, bitrate: QUALITY_HIGH })) {
      codec = c;
      break;
    }
  if (codec === null)
    throw new VideoUnavailable(
      `This engine has no ${format === 'mp4' ? 'H.264, HEVC or VP9' : 'VP9 or VP8'} encoder for ${width} × ${height} ${format.toUpperCase()}. ${format === 'mp4' ? 'Export WebM, ' : 'Export '}a GIF or a PNG sequence instead.`,
    );
  const output = new Output({
    format: format === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }),
    target: new BufferTarget(),
  });
  let source: CanvasSource | null = null;
  return {
    async add(canvas: ExportCanvas, index: number): Promise<void> {
      if (!source) {
        source = new CanvasSource(canvas as unknown as OffscreenCanvas, {
          codec: codec!,
          bitrate: QUALITY_HIGH,
          keyFrameInterval: 2,
        });
        output.addVideoTrack(source, { frameRate: fps });
        await output.start();
      }
      await source.add(index / fps, 1 / fps);
    },
    async finish(): Promise<Uint8Array> {
      if (!source) throw new Error('no frames were encoded');
      source.close();
      await output.finalize();
      return new Uint8Array((output.target as BufferTarget).buffer!);
    },
  };
}

async function file(url: URL): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: ${r.status} ${r.statusText}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The interface font shipped for vector exports (src/export/fonts), the same files as the command line's. */
async function fonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  const [regular, bold] = await Promise.all([
    file(new URL('../../../export/fonts/DejaVuSans.ttf', import.meta.url)),
    file(new URL('../../../export/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]);
  return { regular, bold };
}

/** mediabunny's target bitrate for the codec it would pick first (its Quality computes it from the size). */
function videoBitrate(format: 'webm' | 'mp4', width: number, height: number): number {
  const q = QUALITY_HIGH as unknown as { _toVideoBitrate?(c: VideoCodec, w: number, h: number): number };
  return q._toVideoBitrate?.(CODECS[format][0], width, height) ?? width * height * 3;
}

/**
 * GIF frames encoded on a Web Worker of their own when the machine has a core to spare and the
 * animation is long enough (the same bytes as on this thread).
 */
function gifEncoder(
  width: number,
  height: number,
  fps: number,
  palette: number[][],
  frames: number,
): GifEncoder {
  if (
    !gifWantsThread(frames, globalThis.navigator?.hardwareConcurrency ?? 1) ||
    typeof Worker === 'undefined'
  )
    return inlineGifEncoder(width, height, fps, palette);
  const worker = new Worker(new URL('./gif.worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage({ type: 'start', width, height, fps, palette });
  return threadGifEncoder({
    post: (i, rgba) => worker.postMessage({ type: 'frame', i, rgba }),
    listen: (answer, failure) => {
      worker.onmessage = (e: MessageEvent<{ i: number; bytes: Uint8Array }>) =>
        answer(e.data.i, e.data.bytes);
      worker.onerror = (e) => failure(new Error(`the GIF encoder failed: ${e.message}`));
    },
    terminate: () => worker.terminate(),
  });
}

export const browserExportHost: ExportHost = {
  fonts,
  gifEncoder,
  videoBitrate,
  createCanvas: (w, h) => new OffscreenCanvas(w, h) as unknown as ExportCanvas,
  encodePng: async (canvas) => {
    const blob = await (canvas as unknown as OffscreenCanvas).convertToBlob({ type: 'image/png' });
    return new Uint8Array(await blob.arrayBuffer());
  },
  video,
};
