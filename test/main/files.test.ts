import { promises as fsp } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/main/atomicWrite';
import { FileService, UserFacingError, withExtension } from '../../src/main/files';

let dir: string;
const answers = { open: null as string | null, save: null as string | null, folder: null as string | null };
const service = () =>
  new FileService({
    userData: join(dir, 'user-data'),
    dialogs: {
      open: async () => answers.open,
      save: async () => answers.save,
      folder: async () => answers.folder,
    },
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-files-'));
  await fsp.mkdir(join(dir, 'user-data'));
  answers.open = answers.save = answers.folder = null;
});

afterEach(() => vi.restoreAllMocks());

describe('atomic writes', () => {
  it('leave the old file intact and no temporary file when the write fails midway', async () => {
    const file = join(dir, 'story.sigmoidlab.json');
    await writeFile(file, 'the old, good content');
    const realOpen = fsp.open.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const h = await realOpen(...args);
      // Half the bytes reach the disk, then the disk is full.
      h.writeFile = async (data: string | Uint8Array) => {
        await h.write(String(data).slice(0, 5));
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      };
      return h;
    });
    await expect(writeFileAtomic(file, 'the new content, never complete')).rejects.toThrow(/no space/);
    expect(await readFile(file, 'utf8')).toBe('the old, good content');
    expect(await readdir(dir)).toEqual(['story.sigmoidlab.json', 'user-data']);
  });

  it('replace the file whole when they succeed', async () => {
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.json', 'user-data']);
  });
});

describe('experiment files', () => {
  it('save where the dialog says, then save again in place, and remember the file', async () => {
    const files = service();
    await files.init();
    const target = join(dir, 'mine.sigmoidlab.json');
    answers.save = target;
    expect(await files.saveExperiment('{"a":1}', null, 'mine', false)).toEqual({
      name: 'mine.sigmoidlab.json',
      path: target,
    });
    answers.save = null; // no dialog this time
    expect(await files.saveExperiment('{"a":2}', target, 'mine', false)).toEqual({
      name: 'mine.sigmoidlab.json',
      path: target,
    });
    expect(await readFile(target, 'utf8')).toBe('{"a":2}');
    expect(await files.saveExperiment('{"a":3}', target, 'mine', true)).toBeNull(); // Save As, cancelled
    const again = service();
    await again.init();
    expect(again.recentFiles).toEqual([target]);
    expect((await again.openRecent(target)).text).toBe('{"a":2}');
  });

  it('never write where the page names a path the user did not choose', async () => {
    const files = service();
    await files.init();
    const elsewhere = join(dir, 'elsewhere.json');
    answers.save = null;
    expect(await files.saveExperiment('x', elsewhere, 'x', false)).toBeNull();
    await expect(fsp.stat(elsewhere)).rejects.toThrow();
    await expect(files.read(elsewhere)).rejects.toThrow(/was not opened by you/);
    await expect(files.openRecent(elsewhere)).rejects.toThrow(/not in the recent files/);
  });

  it('explain an unwritable destination and write nothing', async () => {
    const files = service();
    await files.init();
    answers.save = join(dir, 'no-such-folder', 'x.sigmoidlab.json');
    const err = await files.saveExperiment('x', null, 'x', false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as Error).message).toMatch(
      /Could not write .*x\.sigmoidlab\.json: the folder does not exist\. The previous file, if any, is unchanged\./,
    );
  });

  it('open through the dialog, refuse huge or missing files, and forget missing ones', async () => {
    const files = service();
    await files.init();
    const f = join(dir, 'o.sigmoidlab.json');
    await writeFile(f, '{"version":1}');
    answers.open = f;
    expect(await files.openDialog()).toEqual({ name: 'o.sigmoidlab.json', path: f, text: '{"version":1}' });
    await fsp.rm(f);
    await expect(files.openRecent(f)).rejects.toThrow(/it no longer exists/);
    expect(files.recentFiles).toEqual([]);
    answers.open = null;
    expect(await files.openDialog()).toBeNull();
    // Over the cap: refused unread, with its size and the cap (a sparse file: no disk used).
    const big = join(dir, 'big.sigmoidlab.json');
    await writeFile(big, '');
    await fsp.truncate(big, 80 * 2 ** 20);
    answers.open = big;
    await expect(files.openDialog()).rejects.toThrow(
      `${big} is 80.0 MiB; an experiment file is at most 64.0 MiB.`,
    );
    // A UTF-8 BOM is passed on as it is (the page's parser skips it).
    const bom = join(dir, 'bom.sigmoidlab.json');
    await writeFile(bom, '\ufeff{"version":1}');
    answers.open = bom;
    expect((await files.openDialog())?.text).toBe('\ufeff{"version":1}');
  });

  it('write a folder of frames whole, or nothing, to the folder chosen before rendering', async () => {
    const files = service();
    await files.init();
    answers.folder = dir;
    const frames = [
      { name: 'frame-0000.png', data: new Uint8Array([1, 2]) },
      { name: 'frame-0001.png', data: new Uint8Array([3]) },
    ];
    const t = (await files.chooseExport('folder', 'run', []))!;
    expect(t).toMatchObject({ kind: 'folder', name: 'run', path: join(dir, 'run') });
    expect(await files.writeFrames(t.id, frames)).toEqual({ name: 'run', path: join(dir, 'run') });
    expect(await readdir(join(dir, 'run'))).toEqual(['frame-0000.png', 'frame-0001.png']);
    // A target is written once.
    await expect(files.writeFrames(t.id, frames)).rejects.toThrow(/no destination any more/);
    await expect(files.chooseExport('folder', 'run', [])).rejects.toThrow(/already exists/);
    const t2 = (await files.chooseExport('folder', 'run2', []))!;
    vi.spyOn(fsp, 'writeFile').mockRejectedValueOnce(
      Object.assign(new Error('disk full'), { code: 'ENOSPC' }),
    );
    await expect(files.writeFrames(t2.id, frames)).rejects.toThrow(/the disk is full/);
    expect((await readdir(dir)).sort()).toEqual(['run', 'user-data']);
    answers.folder = null;
    expect(await files.chooseExport('folder', 'run3', [])).toBeNull();
  });

  it('never reuse nor delete a folder of the user’s named like its temporary one', async () => {
    const files = service();
    await files.init();
    answers.folder = dir;
    // The user's own folder, named as the app's temporary folder used to be.
    const mine = join(dir, '.run.partial');
    await fsp.mkdir(mine);
    await writeFile(join(mine, 'thesis.tex'), 'years of work');
    const frames = [
      { name: 'frame-0000.png', data: new Uint8Array([1]) },
      { name: 'frame-0001.png', data: new Uint8Array([2]) },
    ];
    const t = (await files.chooseExport('folder', 'run', []))!;
    expect(await files.writeFrames(t.id, frames)).toEqual({ name: 'run', path: join(dir, 'run') });
    expect(await readdir(join(dir, 'run'))).toEqual(['frame-0000.png', 'frame-0001.png']);
    expect(await readFile(join(mine, 'thesis.tex'), 'utf8')).toBe('years of work');
    // A failure on the second frame removes the first and the app's own folder, nothing else.
    const t2 = (await files.chooseExport('folder', 'run2', []))!;
    const realWrite = fsp.writeFile.bind(fsp);
    let n = 0;
    vi.spyOn(fsp, 'writeFile').mockImplementation(async (...args: Parameters<typeof fsp.writeFile>) => {
      if (++n === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      return realWrite(...args);
    });
    await expect(files.writeFrames(t2.id, frames)).rejects.toThrow(/the disk is full/);
    expect((await readdir(dir)).sort()).toEqual(['.run.partial', 'run', 'user-data']);
    expect(await readdir(mine)).toEqual(['thesis.tex']);
  });

  it('write an export to the file chosen before rendering; a discarded one writes nothing', async () => {
    const files = service();
    await files.init();
    answers.save = join(dir, 'a.gif');
    const t = (await files.chooseExport('file', 'x.gif', [{ name: 'GIF', extensions: ['gif'] }]))!;
    expect(t).toMatchObject({ kind: 'file', name: 'a.gif', path: join(dir, 'a.gif') });
    // A file target cannot take frames, nor a folder target bytes.
    await expect(files.writeFrames(t.id, [{ name: 'a.png', data: new Uint8Array(1) }])).rejects.toThrow(
      /no destination/,
    );
    const t2 = (await files.chooseExport('file', 'x.gif', []))!;
    expect(await files.writeExport(t2.id, new Uint8Array([71, 73, 70]))).toEqual({
      name: 'a.gif',
      path: join(dir, 'a.gif'),
    });
    expect([...(await fsp.readFile(join(dir, 'a.gif')))]).toEqual([71, 73, 70]);
    const t3 = (await files.chooseExport('file', 'x.gif', []))!;
    files.discardExport(t3.id);
    await expect(files.writeExport(t3.id, new Uint8Array(1))).rejects.toThrow(/no destination/);
    answers.save = join(dir, 'missing', 'b.gif');
    const t4 = (await files.chooseExport('file', 'x.gif', []))!;
    await expect(files.writeExport(t4.id, new Uint8Array(1))).rejects.toThrow(/the folder does not exist/);
    expect((await readdir(dir)).sort()).toEqual(['a.gif', 'user-data']);
  });

  it('keep an autosave and bring it back', async () => {
    const files = service();
    expect(await files.readAutosave()).toBeNull();
    await files.writeAutosave('{"document":1}');
    const back = await service().readAutosave();
    expect(back?.text).toBe('{"document":1}');
    expect(Number.isNaN(Date.parse(back!.savedAt))).toBe(false);
    await files.clearAutosave();
    expect(await files.readAutosave()).toBeNull();
    await writeFile(join(dir, 'user-data', 'autosave.json'), '{broken');
    expect(await files.readAutosave()).toBeNull();
  });

  it('refuse an autosave over the cap, saying its size and the cap, and keep it aside', async () => {
    const files = service();
    const autosave = join(dir, 'user-data', 'autosave.json');
    await writeFile(autosave, '');
    await fsp.truncate(autosave, 200 * 2 ** 20); // sparse: nothing is read
    const refused = files.readAutosave();
    await expect(refused).rejects.toThrow(UserFacingError);
    await expect(refused).rejects.toThrow(
      /^The autosaved work \(.*autosave\.json\) is 200\.0 MiB; an autosave is at most 128\.0 MiB, so it was not restored\. It is kept as .*autosave-not-restored-\d+\.json\.$/,
    );
    const kept = (await readdir(join(dir, 'user-data'))).filter((f) =>
      f.startsWith('autosave-not-restored-'),
    );
    expect(kept).toHaveLength(1);
    expect((await fsp.stat(join(dir, 'user-data', kept[0]))).size).toBe(200 * 2 ** 20);
    // Nothing is left to restore, and the next autosave starts afresh.
    expect(await files.readAutosave()).toBeNull();
    // One that could not be read back is not written: the last autosave stays.
    const small = new FileService({
      userData: join(dir, 'user-data'),
      dialogs: { open: async () => null, save: async () => null, folder: async () => null },
      maxAutosaveBytes: 1000,
    });
    await small.writeAutosave('{"document":1}');
    await expect(small.writeAutosave('x'.repeat(2000))).rejects.toThrow(
      /^Not autosaved: the work is 0\.0 MiB; an autosave is at most 0\.0 MiB\. Save the experiment to keep it\.$/,
    );
    expect((await small.readAutosave())?.text).toBe('{"document":1}');
  });

  it('name files with the experiment extension', () => {
    expect(withExtension('story', '.sigmoidlab.json')).toBe('story.sigmoidlab.json');
    expect(withExtension('story.json', '.sigmoidlab.json')).toBe('story.sigmoidlab.json');
    expect(withExtension('story.sigmoidlab.json', '.sigmoidlab.json')).toBe('story.sigmoidlab.json');
    expect(withExtension(' ', '.sigmoidlab.json')).toBe('untitled.sigmoidlab.json');
  });
});
