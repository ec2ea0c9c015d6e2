import { type ChildProcessWithoutNullStreams, execFile, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { ffprobeOrSkip, probe } from '../export/ffprobe';

const root = join(import.meta.dirname, '../..');
const ffprobe = ffprobeOrSkip();

interface Result {
  code: number;
  stderr: string;
}

function run(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/export.ts'), ...args],
      { cwd: root, maxBuffer: 64 * 2 ** 20 },
      (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

// Each test starts the real command line: slow on a busy machine.
/** `npm …` in `cwd`, as a user types it (npm sets INIT_CWD to cwd). */
function npm(args: string[], cwd: string): Promise<Result> {
  return new Promise((resolve) => {
    execFile('npm', ['--prefix', root, ...args], { cwd, env: withoutInitCwd() }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

/** The environment without the INIT_CWD of the npm that runs the tests. */
function withoutInitCwd(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.INIT_CWD;
  return env;
}

/** `npm …` in its own process group (as a terminal's foreground job), from the package folder. */
function spawnNpm(args: string[]): ChildProcessWithoutNullStreams {
  return spawn('npm', args, { cwd: root, detached: true, env: withoutInitCwd() });
}

/** Resolves when stderr matches; returns a reader of everything written so far. */
function until(child: ChildProcessWithoutNullStreams, re: RegExp): Promise<() => string> {
  let text = '';
  return new Promise((resolve) => {
    child.stderr.on('data', (b: Buffer) => {
      text += b.toString();
      if (re.test(text)) resolve(() => text);
    });
    child.on('exit', () => resolve(() => text)); // the expectations then say what happened
  });
}

/** The exit status as a shell reports it: the code, or 128 + the signal's number. */
function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const status = (c: number | null, s: NodeJS.Signals | null): number | null =>
    c ?? (s ? 128 + constants.signals[s] : null);
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve(status(child.exitCode, child.signalCode));
    else child.on('exit', (c, s) => resolve(status(c, s)));
  });
}

/** Whether every process of the group has ended within a few seconds. */
async function groupGone(pgid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('npm run export', { timeout: 120_000 }, () => {
  let dir: string;
  let experiment: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-cli-export-'));
    experiment = join(dir, 'story.sigmoidlab.json');
    await writeFile(experiment, JSON.stringify({ ...DEFAULT_EXPERIMENT, steps: 60 }));
  });

  it('writes a PNG of one frame at the size asked, with progress on stderr', async () => {
    const out = join(dir, 'frame.png');
    const r = await run([
      experiment,
      '--panels',
      'data,chain',
      '--frame',
      '30',
      '--width',
      '800',
      '--scale',
      '2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/export: png, 1 frame of 1600 × \d+ px/);
    expect(r.stderr).toMatch(/frame 1\/1 \(100%\)/);
    expect(r.stderr).toMatch(/export: wrote .*frame\.png/);
    const img = await loadImage(await readFile(out));
    expect(img.width).toBe(1600);
    expect(await readdir(dir)).not.toContain(expect.stringMatching(/partial/));
  });

  it('draws the data view of a table with four inputs: two of them, or along z; names a wrong --data-view', async () => {
    const penguins = join(root, 'examples/penguins-confidently-wrong.sigmoidlab.json');
    const a = join(dir, 'two-inputs.png');
    const b = join(dir, 'along-z.png');
    const common = ['--panels', 'data', '--frame', '20', '--width', '900', '--scale', '1'];
    const ra = await run([penguins, ...common, '--data-view', '3,1,median', '--out', a]);
    expect(ra.code, ra.stderr).toBe(0);
    const rb = await run([penguins, ...common, '--data-view', 'logit', '--lang', 'zh-CN', '--out', b]);
    expect(rb.code, rb.stderr).toBe(0);
    const [ia, ib] = [await loadImage(await readFile(a)), await loadImage(await readFile(b))];
    expect([ia.width, ib.width]).toEqual([900, 900]);
    expect(Buffer.compare(await readFile(a), await readFile(b))).not.toBe(0);
    const bad = await run([penguins, ...common, '--data-view', '1,9', '--out', join(dir, 'x.png')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/data view: the inputs are numbered 1\.\.4; got 1 and 9/);
    const worse = await run([penguins, ...common, '--data-view', 'sideways', '--out', join(dir, 'x.png')]);
    expect(worse.code).toBe(2);
    expect(worse.stderr).toMatch(/--data-view: expected logit, or two different input numbers/);
  });

  it.skipIf(!ffprobe)('writes a GIF that ffprobe decodes: frames, size, duration', async () => {
    const out = join(dir, 'anim.gif');
    const r = await run([
      experiment,
      '--format',
      'gif',
      '--panels',
      'curves',
      '--from',
      '10',
      '--to',
      '50',
      '--every',
      '4',
      '--fps',
      '10',
      '--scale',
      '1',
      '--width',
      '640',
      '--height',
      '360',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(await probe(out)).toEqual({ codec: 'gif', width: 640, height: 360, frames: 11, duration: 1.1 });
  });

  it('writes SVG and PDF from the extension, a PDF of pages, at a preset that fits the panels by default', async () => {
    const svg = join(dir, 'figure.svg');
    let r = await run([experiment, '--panels', 'data,curves', '--frame', '30', '--label', '--out', svg]);
    expect(r.code, r.stderr).toBe(0);
    // The default size: the frame that fits the panels, with the size to expect.
    expect(r.stderr).toMatch(/export: svg, 1 frame of 1920 × 1080 px, about \d+ KB/);
    const text = await readFile(svg, 'utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*width="1920" height="1080"/);
    expect(text).toContain('>step 30 / 60</text>');
    const pdf = join(dir, 'handout.pdf');
    r = await run([
      experiment,
      '--pages',
      '--to',
      '60',
      '--every',
      '20',
      '--preset',
      'column',
      '--title',
      'Confidently wrong',
      '--out',
      pdf,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/export: pdf, 4 frames of 1050 × \d+ px/);
    const head = new TextDecoder('latin1').decode((await readFile(pdf)).subarray(0, 9));
    expect(head).toBe('%PDF-1.7\n');
    expect(new TextDecoder('latin1').decode(await readFile(pdf))).toContain('/Count 4');
    // Problems are named: pages only for a PDF; a preset or a size, not both.
    r = await run([experiment, '--pages', '--preset', 'slide', '--scale', '2', '--out', join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--pages: only with --format pdf/);
    expect(r.stderr).toMatch(/--preset: expected one of slide169, slide43, column, page, square, got slide/);
    r = await run([experiment, '--preset', 'square', '--width', '800', '--out', join(dir, 'x.svg')]);
    expect(r.stderr).toMatch(/--preset: give a preset or --width\/--height\/--scale, not both/);
    expect(await readdir(dir)).not.toContain('x.svg');
  });

  it('writes a PNG sequence as a new folder, or as a zip', async () => {
    const folder = join(dir, 'frames');
    let r = await run([
      experiment,
      '--format',
      'pngseq',
      '--panels',
      'data',
      '--to',
      '3',
      '--substeps',
      '--scale',
      '1',
      '--out',
      folder,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const names = await readdir(folder);
    expect(names).toHaveLength(16);
    expect(names[15]).toBe('frame-00015.png');
    if (ffprobe) expect(await probe(join(folder, names[0]))).toMatchObject({ codec: 'png', width: 1200 });
    // The folder must be new: nothing in it is overwritten.
    r = await run([experiment, '--format', 'pngseq', '--to', '3', '--out', folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists; a PNG sequence goes into a new folder/);
    const zip = join(dir, 'frames.zip');
    r = await run([
      experiment,
      '--panels',
      'curves',
      '--to',
      '5',
      '--every',
      '5',
      '--scale',
      '1',
      '--out',
      zip,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const entries = unzipSync(new Uint8Array(await readFile(zip)));
    expect(Object.keys(entries)).toEqual(['frame-00000.png', 'frame-00001.png']);
    expect((await loadImage(Buffer.from(entries['frame-00001.png']))).width).toBe(1200);
  });

  it('says WebM needs a browser encoder and names the alternatives (exit 2, nothing written)', async () => {
    const out = join(dir, 'anim.webm');
    const r = await run([experiment, '--format', 'webm', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WEBM needs a browser video encoder \(WebCodecs\), which Node does not have/);
    expect(r.stderr).toMatch(/--format gif/);
    expect(r.stderr).toMatch(/--format pngseq/);
    expect(r.stderr).toMatch(/ffmpeg/);
    expect(r.stderr).toMatch(/File › Export Animation… in the app/);
    expect(await readdir(dir)).not.toContain('anim.webm');
  });

  it('names every problem with the options and the experiment at once, exit 2', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...DEFAULT_EXPERIMENT, steps: -1 }));
    let r = await run([
      bad,
      '--format',
      'gif',
      '--scale',
      '9',
      '--fps',
      'fast',
      '--panels',
      'data,status',
      '--bogus',
      '--out',
      join(dir, 'x.gif'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bogus: unknown option/);
    expect(r.stderr).toMatch(/--fps: expected a whole number, got fast/);
    expect(r.stderr).toMatch(/bad\.json: steps/);
    expect(r.stderr).toMatch(/usage: npm run export/);
    r = await run([
      experiment,
      '--format',
      'gif',
      '--scale',
      '9',
      '--panels',
      'data,status',
      '--from',
      '50',
      '--to',
      '10',
      '--out',
      join(dir, 'x.gif'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/3 problems/);
    expect(r.stderr).toMatch(/--panels: "status" is not a panel/);
    expect(r.stderr).toMatch(/--scale: expected 1 to 4 in quarters \(1, 1\.25, 1\.5, …\), got 9/);
    expect(r.stderr).toMatch(/--to: 10 is before from \(50\)/);
    r = await run([join(dir, 'missing.json'), '--out', join(dir, 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'missing.json')}: cannot read the file (ENOENT: no such file)`);
    r = await run([experiment]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out: where to write is required/);
    expect(await readdir(dir)).not.toContain('x.gif');
  });

  it('names malformed explicit layers as the validator does, not as broken JSON', async () => {
    const bad = join(dir, 'layers.json');
    await writeFile(bad, JSON.stringify({ ...DEFAULT_EXPERIMENT, init: { kind: 'explicit', layers: [{}] } }));
    const r = await run([bad, '--out', join(dir, 'layers.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/layers\.json: init\.layers/);
    expect(r.stderr).not.toMatch(/not valid JSON|TypeError/);
    expect(await readdir(dir)).not.toContain('layers.png');
  });

  it('draws experiments that sim accepts at the extremes: huge points, weights, steps, NUL in a name', async () => {
    const base = {
      version: 1,
      model: { output: 'sigmoid' },
      loss: 'nll',
      optimizer: { learningRate: 0.1 },
      steps: 3,
    };
    const cases: Record<string, unknown> = {
      lr: {
        ...base,
        data: {
          kind: 'points',
          x: [
            [3, 1],
            [1, 3],
          ],
          y: [1, 0],
        },
        model: { output: 'linear' },
        loss: 'mse',
        optimizer: { learningRate: 1e6 },
      },
      points1: { ...base, data: { kind: 'points', x: [[1e308], [-1e308]], y: [1, 0] } },
      points2: {
        ...base,
        data: {
          kind: 'points',
          x: [
            [1e308, -1e308],
            [-1e308, 1e308],
          ],
          y: [1, 0],
        },
      },
      weight: {
        ...base,
        data: { kind: 'points', x: [[1], [0]], y: [1, 0] },
        init: { kind: 'explicit', layers: [{ W: [[1e300]], b: [0] }] },
      },
      nul: { ...base, data: { kind: 'points', x: [[1], [0]], y: [1, 0] }, variants: [{ name: 'a\u0000b' }] },
    };
    for (const [name, e] of Object.entries(cases)) {
      const file = join(dir, `${name}.json`);
      await writeFile(file, JSON.stringify(e));
      const out = join(dir, `${name}.png`);
      const r = await run([file, '--panels', 'all', '--width', '600', '--scale', '1', '--out', out]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect((await loadImage(await readFile(out))).width).toBe(600);
    }
  });

  it('an unwritable destination is named before any work, and nothing is left', async () => {
    let r = await run([experiment, '--out', join(dir, 'no-such-folder', 'x.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*x\.png: the folder .*no-such-folder does not exist/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      await mkdir(locked);
      await chmod(locked, 0o500);
      r = await run([experiment, '--out', join(locked, 'x.png')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/permission denied/);
    }
    r = await run([experiment, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a folder; give a file name/);
  });

  it('Ctrl+C cancels: nothing is written, not even a partial file', async () => {
    const out = join(dir, 'long.gif');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/export.ts'),
        experiment,
        '--format',
        'gif',
        '--panels',
        'all',
        '--out',
        out,
      ],
      { cwd: root },
    );
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (/frame \d+\/61/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(stderr).toMatch(/export: cancelled; nothing was written/);
    expect(code).toBe(130);
    expect((await readdir(dir)).filter((f) => f.startsWith('long') || f.includes('partial'))).toEqual([]);
  });

  it('Ctrl+C while the experiment is still being read cancels the same way (message, exit 130, nothing written)', async () => {
    // A named pipe as the experiment: reading it waits for a writer, so the export is held in its
    // check phase for as long as the test likes. Opening the pipe to write returns once the
    // export has opened it to read.
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const out = join(dir, 'piped.gif');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/export.ts'), fifo, '--format', 'gif', '--out', out],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const writer = await open(fifo, 'w');
    child.kill('SIGINT');
    const code = exited(child);
    // The reader gets its end of file only now: the signal was taken while it was still waiting.
    await new Promise((r) => setTimeout(r, 300));
    await writer.close();
    expect(await code).toBe(130);
    expect(child.signalCode).toBeNull(); // it ended itself, not killed by the signal
    expect(stderr).toMatch(/^export: cancelled; nothing was written\n$/);
    expect((await readdir(dir)).filter((f) => f.includes('piped'))).toEqual([]);
  });

  it('reads and writes relative paths from where npm run was typed (INIT_CWD)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'sigmoid-lab-cwd-'));
    await mkdir(join(work, 'sub'));
    await writeFile(join(work, 'sub', 'mine.json'), JSON.stringify({ ...DEFAULT_EXPERIMENT, steps: 3 }));
    const r = await npm(
      ['run', '--silent', 'export', '--', 'mine.json', '--out', '../up.png', '--quiet'],
      join(work, 'sub'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect((await loadImage(await readFile(join(work, 'up.png')))).width).toBe(1920); // the default preset, slide 16:9
    const missing = await npm(
      ['run', '--silent', 'export', '--', 'nope.json', '--out', 'x.png'],
      join(work, 'sub'),
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `${join(work, 'sub', 'nope.json')}: cannot read the file (ENOENT: no such file)`,
    );
  });

  it('refuses to overwrite the experiment, an extension that contradicts --format, and an unwritable place', async () => {
    const copy = join(dir, 'self.sigmoidlab.json');
    await writeFile(copy, JSON.stringify({ ...DEFAULT_EXPERIMENT, steps: 3 }));
    const before = await readFile(copy, 'utf8');
    let r = await run([copy, '--format', 'png', '--out', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the experiment itself; writing there would replace it/);
    expect(await readFile(copy, 'utf8')).toBe(before);
    r = await run([copy, '--format', 'gif', '--out', join(dir, 'story.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ends in \.png, which contradicts --format gif; use \.gif/);
    r = await run([copy, '--format', 'pngseq', '--out', join(dir, 'frames.gif')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/contradicts --format pngseq; use \.zip or a folder name/);
    const started = Date.now();
    r = await run([copy, '--panels', 'all', '--out', '/proc/story.png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/story\.png/);
    expect(r.stderr).not.toMatch(/frame \d/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await readdir(dir)).filter((f) => f.includes('partial') || f.startsWith('story.png'))).toEqual(
      [],
    );
  });

  it('accepts an experiment file that starts with a UTF-8 BOM', async () => {
    const bom = join(dir, 'bom.sigmoidlab.json');
    await writeFile(bom, '\ufeff' + JSON.stringify(DEFAULT_EXPERIMENT));
    const out = join(dir, 'bom.png');
    const r = await run([bom, '--panels', 'data', '--width', '400', '--scale', '1', '--quiet', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect((await loadImage(await readFile(out))).width).toBe(400);
  });

  it('refuses a file over the size cap, saying its size and the cap', async () => {
    const big = join(dir, 'big.json');
    await writeFile(big, Buffer.alloc(64 * 2 ** 20 + 1, 0x20));
    const r = await run([big, '--out', join(dir, 'big.png')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /the file is 64\.0 MiB \(67,108,865 bytes\); an experiment file is at most 64\.0 MiB/,
    );
  });

  it('Ctrl+C through npm stops at once, even mid-frame, and leaves nothing', async () => {
    const out = join(dir, 'huge');
    const one = join(dir, 'one.json');
    await writeFile(one, JSON.stringify({ ...DEFAULT_EXPERIMENT, steps: 60, variants: undefined }));
    // Frames of 8192 px wide: each takes long to draw, so the signal arrives during one.
    const child = spawnNpm([
      'run',
      '--silent',
      'export',
      '--',
      one,
      '--format',
      'pngseq',
      '--panels',
      'all',
      '--width',
      '2048',
      '--scale',
      '4',
      '--out',
      out,
    ]);
    const stderr = await until(child, /export: pngseq/);
    await new Promise((r) => setTimeout(r, 1500)); // training done or not, a frame under way
    const sent = Date.now();
    process.kill(-child.pid!, 'SIGINT'); // Ctrl+C: the whole foreground group
    const code = await exited(child);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(stderr() + '').toMatch(/export: cancelled; nothing was written/);
    expect(code).toBe(130);
    await expect(groupGone(child.pid!)).resolves.toBe(true);
    expect((await readdir(dir)).filter((f) => f.startsWith('huge') || f.startsWith('.huge'))).toEqual([]);
  });

  it('SIGTERM to npm alone (what timeout sends) stops the export too: nothing outlives it or is written', async () => {
    const out = join(dir, 'orphan.gif');
    const child = spawnNpm([
      'run',
      '--silent',
      'export',
      '--',
      experiment,
      '--format',
      'gif',
      '--panels',
      'all',
      '--out',
      out,
    ]);
    await until(child, /frame \d+\//);
    process.kill(child.pid!, 'SIGTERM'); // npm only, as `timeout` does
    await exited(child);
    await expect(groupGone(child.pid!)).resolves.toBe(true);
    expect((await readdir(dir)).filter((f) => f.includes('orphan'))).toEqual([]);
  });
});

/**
 * The modules a file loads when it is run: its static imports and theirs (`import type` is erased;
 * `await import()` loads only when reached).
 */
async function staticImports(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const walk = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('/')) return; // a package or a Node module
    const text = await readFile(file, 'utf8');
    const from = /^(?:import|export)\s+(?!type\s)(?:[^;'"]*?\s+from\s+)?'([^']+)'/gm;
    for (const [, spec] of text.matchAll(from)) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = join(file, '..', spec);
      const ts = (await readFile(`${base}.ts`)
        .then(() => true)
        .catch(() => false))
        ? `${base}.ts`
        : join(base, 'index.ts');
      await walk(ts);
    }
  };
  await walk(entry);
  return seen;
}

describe('the main thread of the export', () => {
  // It only starts the worker and waits: the worker loads the validator, the simulation and the
  // drawing code. Loaded here too, they were in memory twice (mathjs alone is ~50 MiB a thread),
  // which put the export of a large history over its memory target (bench/memory.ts).
  it('loads neither the validator, mathjs, the simulation nor the drawing code', async () => {
    const main = await staticImports(join(root, 'src/cli/export.ts'));
    const loaded = [...main].map((f) => f.replace(`${root}/`, ''));
    expect(loaded).toContain('src/cli/codeFormat.ts');
    for (const heavy of [
      'mathjs/number',
      'src/core/validate.ts',
      'src/core/simulation.ts',
      'src/draw/view.ts',
      'src/export/run.ts',
      'src/export/settings.ts',
      '@napi-rs/canvas',
    ])
      expect(loaded).not.toContain(heavy);
    // The walk does find them where they are loaded: in the worker.
    const worker = [...(await staticImports(join(root, 'src/cli/exportWorker.ts')))];
    expect(worker).toContain('mathjs/number');
    expect(worker.map((f) => f.replace(`${root}/`, ''))).toContain('src/draw/view.ts');
  });
});
