import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/api';
import { FileService } from '../../src/main/files';
import { MAX_TEXT } from '../../src/main/guard';
import { type IpcEventLike, registerIpc } from '../../src/main/ipc';

type Fn = (event: IpcEventLike, ...args: unknown[]) => unknown;
const page = { rendererFile: '/app/out/renderer/index.html' };
const trusted: IpcEventLike = { senderFrame: { url: 'file:///app/out/renderer/index.html' } };
const evil: IpcEventLike = { senderFrame: { url: 'https://evil.example/index.html' } };

let handlers: Map<string, Fn>;
let ons: Map<string, Fn>;
let calls: { state: unknown[]; revealed: string[]; closed: number; languages: string[]; links: string[] };
let files: FileService;
let saveAnswer: string | null;

beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-ipc-'));
  handlers = new Map();
  ons = new Map();
  calls = { state: [], revealed: [], closed: 0, languages: [], links: [] };
  saveAnswer = join(dir, 'chosen.png');
  files = new FileService({
    userData: dir,
    dialogs: { open: async () => null, save: async () => saveAnswer, folder: async () => dir },
  });
  registerIpc(
    { handle: (c, fn) => handlers.set(c, fn), on: (c, fn) => ons.set(c, fn) },
    {
      files,
      page,
      appInfo: () => ({
        name: 'Sigmoid Lab',
        version: '1',
        shell: 'electron',
        platform: 'linux',
        locale: 'en',
      }),
      askUnsaved: async () => 'cancel',
      setDocumentState: (_e, s) => void calls.state.push(s),
      closeConfirmed: () => void calls.closed++,
      reveal: (p) => void calls.revealed.push(p),
      setLanguage: (l) => void calls.languages.push(l),
      copyLink: (l) => void calls.links.push(l),
    },
  );
});

const call = async (channel: string, event: IpcEventLike, ...args: unknown[]) =>
  handlers.get(channel)!(event, ...args);

describe('IPC handlers', () => {
  it('copy share links only: an http(s) address with a #v1. fragment, at most 8,000 characters', async () => {
    const link = 'https://example.org/lab/#v1.AbC-_9';
    await call(CHANNELS.copyLink, trusted, link);
    for (const bad of [
      'javascript:alert(1)#v1.x',
      'https://example.org/#v1.not base64',
      'https://example.org/#x',
      `https://example.org/#v1.${'A'.repeat(8000)}`,
      { link },
      undefined,
    ])
      await expect(call(CHANNELS.copyLink, trusted, bad)).rejects.toThrow(/link/);
    expect(calls.links).toEqual([link]);
  });

  it('refuse every call from a frame that is not the app', async () => {
    for (const channel of handlers.keys()) {
      await expect(call(channel, evil)).rejects.toThrow(/untrusted sender/);
      await expect(call(channel, {})).rejects.toThrow(/untrusted sender/);
    }
    ons.get(CHANNELS.documentState)!(evil, { title: 'x', dirty: true });
    ons.get(CHANNELS.closeConfirmed)!(evil);
    expect(calls).toMatchObject({ state: [], closed: 0 });
  });

  it('answer valid calls', async () => {
    expect(await call(CHANNELS.appInfo, trusted)).toMatchObject({ name: 'Sigmoid Lab' });
    expect(await call(CHANNELS.recentFiles, trusted)).toEqual([]);
    const target = (await call(CHANNELS.chooseExport, trusted, 'file', 'frame.png', [
      { name: 'PNG', extensions: ['png'] },
    ])) as { id: string };
    expect(target).toMatchObject({ kind: 'file', name: 'chosen.png', path: saveAnswer });
    const saved = await call(CHANNELS.writeExport, trusted, target.id, new Uint8Array([137, 80]));
    expect(saved).toEqual({ name: 'chosen.png', path: saveAnswer });
    await call(CHANNELS.reveal, trusted, saveAnswer);
    expect(calls.revealed).toEqual([saveAnswer]);
    ons.get(CHANNELS.documentState)!(trusted, { title: 'a', dirty: true });
    expect(calls.state).toEqual([{ title: 'a', dirty: true }]);
    ons.get(CHANNELS.setLanguage)!(trusted, 'zh-CN');
    // A language the app does not have, or from another page, is dropped.
    ons.get(CHANNELS.setLanguage)!(trusted, 'fr');
    ons.get(CHANNELS.setLanguage)!({ senderFrame: { url: 'https://evil.example/' } }, 'en');
    expect(calls.languages).toEqual(['zh-CN']);
  });

  it('refuse payloads of the wrong type, size or shape, naming the field', async () => {
    const bad: [string, unknown[], RegExp][] = [
      [CHANNELS.saveExperiment, [42, null, 'x', false], /text: expected a string/],
      [CHANNELS.saveExperiment, ['a'.repeat(MAX_TEXT + 1), null, 'x', false], /text: longer than/],
      [CHANNELS.saveExperiment, ['{}', 7, 'x', false], /path: expected a string/],
      [CHANNELS.saveExperiment, ['{}', null, 'x', 'yes'], /saveAs: expected true or false/],
      [CHANNELS.writeExport, ['some-id', 'not bytes'], /data: expected bytes/],
      [CHANNELS.writeExport, [42, new Uint8Array(1)], /id: expected a string/],
      [CHANNELS.writeExport, ['unknown-id', new Uint8Array(1)], /no destination any more/],
      [CHANNELS.chooseExport, ['disk', 'a.png', []], /kind: expected file or folder/],
      [CHANNELS.chooseExport, ['file', '../../etc/passwd', []], /suggestedName: not a plain file name/],
      [CHANNELS.chooseExport, ['folder', '.bashrc', []], /suggestedName: not a plain file name/],
      [CHANNELS.chooseExport, ['file', 'a.png', [{ name: 'x', extensions: ['p;ng'] }]], /not an extension/],
      [CHANNELS.chooseExport, ['file', 'a.png', 'png'], /filters: expected at most/],
      [CHANNELS.writeFrames, ['some-id', []], /frames: expected 1\.\./],
      [
        CHANNELS.writeFrames,
        ['some-id', [{ name: 'a/b.png', data: new Uint8Array(1) }]],
        /frames\[0\]\.name: not a plain file name/,
      ],
      [
        CHANNELS.writeFrames,
        [
          'some-id',
          [
            { name: 'a.png', data: new Uint8Array(1) },
            { name: 'a.png', data: new Uint8Array(1) },
          ],
        ],
        /frames\[1\]\.name: a\.png is named twice/,
      ],
      [CHANNELS.discardExport, [{}], /id: expected a string/],
      [CHANNELS.openRecent, [{ path: '/etc/passwd' }], /path: expected a string/],
      [CHANNELS.openRecent, ['/etc/passwd'], /not in the recent files/],
      [CHANNELS.reveal, ['/etc/passwd'], /not a file the user chose/],
      [CHANNELS.askUnsaved, [null], /name: expected a string/],
      [CHANNELS.autosaveWrite, [{}], /text: expected a string/],
    ];
    for (const [channel, args, message] of bad) {
      await expect(
        call(channel, trusted, ...args),
        `${channel} ${String(args[0]).slice(0, 20)}`,
      ).rejects.toThrow(message);
    }
    ons.get(CHANNELS.documentState)!(trusted, null);
    ons.get(CHANNELS.documentState)!(trusted, { title: 42, dirty: true });
    ons.get(CHANNELS.documentState)!(trusted, { title: 'x', dirty: 'yes' });
    expect(calls.state).toEqual([]);
  });

  it('keep a document state whose name is longer than a file name, shortened', async () => {
    // A restored autosave may name its document with any length: the window must still know it is dirty.
    const long = `${'长'.repeat(299)}😀${'x'.repeat(9_700)}`;
    ons.get(CHANNELS.documentState)!(trusted, { title: long, dirty: true });
    expect(calls.state).toHaveLength(1);
    const { title, dirty } = calls.state[0] as { title: string; dirty: boolean };
    expect(dirty).toBe(true);
    expect(title).toHaveLength(255);
    expect(title).toBe(`${'长'.repeat(254)}…`);
    // Never cut inside a surrogate pair.
    ons.get(CHANNELS.documentState)!(trusted, { title: `${'a'.repeat(253)}😀tail`, dirty: true });
    expect((calls.state[1] as { title: string }).title).toBe(`${'a'.repeat(253)}…`);
    ons.get(CHANNELS.documentState)!(trusted, { title: 'b'.repeat(255), dirty: false });
    expect(calls.state[2]).toEqual({ title: 'b'.repeat(255), dirty: false });
  });
});
