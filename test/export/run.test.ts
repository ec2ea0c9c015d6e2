import { loadImage } from '@napi-rs/canvas';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeExportHost } from '../../src/cli/nodeHost';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { FrameRenderer } from '../../src/export/render';
import { ExportCancelled, runExport, VideoUnavailable } from '../../src/export/run';
import { defaultSettings, type ExportSettings } from '../../src/export/settings';
import { ffprobeOrSkip, probe } from './ffprobe';

const sim = runSimulation({ ...DEFAULT_EXPERIMENT, steps: 40 });
const host = nodeExportHost();
const base = (o: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultSettings(40),
  panels: ['data', 'curves'],
  width: 480,
  scale: 1,
  ...o,
});
const ffprobe = ffprobeOrSkip();

/** The RGBA pixels of a PNG file's bytes. */
async function decode(png: Uint8Array): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const img = await loadImage(Buffer.from(png));
  const { createCanvas } = await import('@napi-rs/canvas');
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe('exports on @napi-rs/canvas', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-export-'));
  });

  it('frame-exact: frame i of a PNG sequence is pixel-identical to the image export of frame i', async () => {
    const seq = await runExport(
      sim,
      base({ format: 'pngseq', from: 0, to: 30, every: 10, subSteps: true }),
      host,
    );
    const files = unzipSync(seq.data!);
    expect(Object.keys(files)).toEqual(
      Array.from({ length: 16 }, (_, i) => `frame-${String(i).padStart(5, '0')}.png`),
    );
    // Frame 9 is step 20, sub-step 1 (loss).
    const image = await runExport(sim, base({ format: 'png', step: 20, phase: 1 }), host);
    const a = await decode(files['frame-00009.png']);
    const b = await decode(image.data!);
    expect([a.width, a.height]).toEqual([480, b.height]);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    // …and differs from the neighbouring frames (the test can fail).
    const c = await decode(files['frame-00013.png']);
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false);
  });

  it('draws at the scale asked, on a transparent background when asked', async () => {
    const one = await runExport(sim, base({ format: 'png', scale: 1 }), host);
    const two = await runExport(sim, base({ format: 'png', scale: 2 }), host);
    const [a, b] = [await decode(one.data!), await decode(two.data!)];
    expect([b.width, b.height]).toEqual([2 * a.width, 2 * a.height]);
    const clear = await decode(
      (await runExport(sim, base({ format: 'png', background: 'transparent' }), host)).data!,
    );
    expect(clear.data[3]).toBe(0); // the top-left corner
    expect(a.data[3]).toBe(255);
    const white = await decode(
      (await runExport(sim, base({ format: 'png', theme: 'dark', background: 'white' }), host)).data!,
    );
    expect([...white.data.slice(0, 4)]).toEqual([255, 255, 255, 255]);
    const dark = await decode((await runExport(sim, base({ format: 'png', theme: 'dark' }), host)).data!);
    expect([...dark.data.slice(0, 3)]).toEqual([0x17, 0x1c, 0x22]);
  });

  it('renders an animated GIF whose frames, size and duration ffprobe reads back', async () => {
    let last = 0;
    const gif = await runExport(sim, base({ format: 'gif', from: 0, to: 40, every: 2, fps: 20 }), host, {
      progress: (done, total) => {
        expect(done).toBe(last + 1);
        expect(total).toBe(21);
        last = done;
      },
    });
    expect(last).toBe(21);
    expect(gif.frames).toBe(21);
    if (!ffprobe) return;
    const file = join(dir, 'a.gif');
    await writeFile(file, gif.data!);
    expect(await probe(file)).toEqual({
      codec: 'gif',
      width: 480,
      height: gif.height,
      frames: 21,
      duration: 1.05,
    });
  });

  it('a GIF frame is the drawn frame through one palette (close to it, colour by colour)', async () => {
    const s = base({ format: 'gif', from: 20, to: 20 });
    const gif = await runExport(sim, s, host);
    if (!ffprobe) return;
    const file = join(dir, 'b.gif');
    await writeFile(file, gif.data!);
    const png = join(dir, 'b.png');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-frames:v', '1', png]);
    const decoded = await decode(new Uint8Array(await readFile(png)));
    const r = new FrameRenderer(sim, s, host.createCanvas);
    r.render({ step: 20, phase: 3 });
    const drawn = r.pixels();
    let far = 0;
    for (let i = 0; i < drawn.length; i += 4)
      if (
        Math.abs(drawn[i] - decoded.data[i]) +
          Math.abs(drawn[i + 1] - decoded.data[i + 1]) +
          Math.abs(drawn[i + 2] - decoded.data[i + 2]) >
        48
      )
        far++;
    expect(far / (drawn.length / 4)).toBeLessThan(0.01);
  });

  it('encodes a GIF on a second thread to the same bytes as on one thread, and stops that thread on cancel', async () => {
    const s = base({ format: 'gif', from: 0, to: 11, every: 1, fps: 25 });
    let threads = 0;
    const counting: typeof host = {
      ...host,
      gifEncoder: (...a) => {
        threads++;
        return host.gifEncoder!(...a);
      },
    };
    const threaded = await runExport(sim, s, counting);
    const inline = await runExport(sim, s, { ...host, gifEncoder: undefined });
    expect(threads).toBe(1);
    expect(threaded.frames).toBe(12);
    expect(Buffer.from(threaded.data!).equals(Buffer.from(inline.data!))).toBe(true);
    let closed = 0;
    const watched: typeof host = {
      ...host,
      gifEncoder: (...a) => {
        const e = host.gifEncoder!(...a);
        return { ...e, close: () => (closed++, e.close()) };
      },
    };
    let n = 0;
    await expect(runExport(sim, s, watched, { cancelled: () => ++n > 5 })).rejects.toBeInstanceOf(
      ExportCancelled,
    );
    expect(closed).toBe(1);
  }, 60_000);

  it('stops at once when cancelled, and hands folder frames over one by one', async () => {
    let n = 0;
    await expect(
      runExport(sim, base({ format: 'gif', to: 40 }), host, { cancelled: () => ++n > 3 }),
    ).rejects.toBeInstanceOf(ExportCancelled);
    const names: string[] = [];
    const r = await runExport(sim, base({ format: 'pngseq', from: 0, to: 2 }), host, {
      onFrame: async (name, png) => {
        names.push(name);
        expect([...png.slice(1, 4)]).toEqual([80, 78, 71]); // "PNG"
      },
    });
    expect(r.data).toBeNull();
    expect(names).toEqual(['frame-00000.png', 'frame-00001.png', 'frame-00002.png']);
  });

  it('says plainly that WebM needs a video encoder where there is none', async () => {
    await expect(runExport(sim, base({ format: 'webm', to: 3 }), host)).rejects.toThrow(VideoUnavailable);
    await expect(runExport(sim, base({ format: 'webm', to: 3 }), host)).rejects.toThrow(
      /WEBM needs a video encoder \(WebCodecs\)/,
    );
  });
});
