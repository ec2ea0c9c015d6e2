import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv } from '../../src/main/argv';
import { DEFAULT_STATE, loadWindowState, saveWindowState } from '../../src/main/windowState';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('round-trips bounds and the maximised state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-win-'));
    expect(await loadWindowState(dir, screen)).toEqual(DEFAULT_STATE);
    await saveWindowState(dir, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(await loadWindowState(dir, screen)).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('forgets a position on a monitor that is gone, and rejects garbage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-win-'));
    await saveWindowState(dir, { x: 4000, y: 80, width: 1000, height: 700, maximized: false });
    expect(await loadWindowState(dir, screen)).toEqual({ width: 1000, height: 700, maximized: false });
    await writeFile(join(dir, 'window.json'), '{"width":"big"}');
    expect(await loadWindowState(dir, screen)).toEqual(DEFAULT_STATE);
    await writeFile(join(dir, 'window.json'), '{"width":10,"height":10,"maximized":false}');
    expect(await loadWindowState(dir, screen)).toEqual({ width: 900, height: 600, maximized: false });
  });
});

describe('command line', () => {
  it('takes existing .json files, resolved against the working folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-argv-'));
    await writeFile(join(dir, 'a.sigmoidlab.json'), '{}');
    expect(filesFromArgv(['electron', '--inspect', 'a.sigmoidlab.json', 'b.json', 'c.txt'], dir)).toEqual([
      join(dir, 'a.sigmoidlab.json'),
    ]);
  });
});
