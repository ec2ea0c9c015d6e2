import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...a: unknown[]) => unknown;

const state = vi.hoisted(() => ({
  userData: '',
  handlers: new Map<string, Listener>(),
  ons: new Map<string, Listener>(),
  appEvents: new Map<string, Listener>(),
  windows: [] as FakeWindow[],
  permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  opened: [] as string[],
  clipboard: [] as string[],
  messageBoxResponse: 0,
  menu: null as unknown,
  quit: 0,
}));

interface FakeWindow {
  options: Record<string, unknown>;
  listeners: Map<string, Listener>;
  winListeners: Map<string, Listener[]>;
  sent: unknown[][];
  openHandler?: (d: { url: string }) => unknown;
  loaded?: string;
  title?: string;
  closed: number;
}

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    static fromWebContents = () => null;
    webContents: unknown;
    private readonly w: FakeWindow;
    constructor(options: Record<string, unknown>) {
      const w: FakeWindow = { options, listeners: new Map(), winListeners: new Map(), sent: [], closed: 0 };
      this.w = w;
      state.windows.push(w);
      this.webContents = {
        on: (ev: string, fn: Listener) => w.listeners.set(ev, fn),
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (w.openHandler = fn),
        send: (...a: unknown[]) => w.sent.push(a),
      };
    }
    on(ev: string, fn: Listener) {
      this.w.winListeners.set(ev, [...(this.w.winListeners.get(ev) ?? []), fn]);
    }
    once() {}
    show() {}
    maximize() {}
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    restore() {}
    focus() {}
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
    setTitle(t: string) {
      this.w.title = t;
    }
    setDocumentEdited() {}
    loadFile = async (f: string) => void (this.w.loaded = f);
    loadURL = async (u: string) => void (this.w.loaded = u);
    close() {
      let prevented = false;
      for (const fn of this.w.winListeners.get('close') ?? [])
        fn({ preventDefault: () => (prevented = true) });
      if (!prevented) this.w.closed++;
    }
  }
  return {
    app: {
      isPackaged: true,
      getPath: () => state.userData,
      getLocale: () => 'en-GB',
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: (ev: string, fn: Listener) => state.appEvents.set(ev, fn),
      quit: () => void state.quit++,
      addRecentDocument: () => undefined,
      clearRecentDocuments: () => undefined,
    },
    BrowserWindow,
    dialog: {
      showMessageBox: async () => ({ response: state.messageBoxResponse }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (state.menu = m) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: {
      handle: (ch: string, fn: Listener) => state.handlers.set(ch, fn),
      on: (ch: string, fn: Listener) => state.ons.set(ch, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof state.permission) => (state.permission = fn),
        setPermissionCheckHandler: (fn: typeof state.permissionCheck) => (state.permissionCheck = fn),
      },
    },
    clipboard: { writeText: (s: string) => void state.clipboard.push(s) },
    shell: {
      openExternal: async (u: string) => void state.opened.push(u),
      showItemInFolder: () => undefined,
    },
  };
});

// The page the app loads: out/renderer/index.html beside out/main/ (here, beside src/main/).
const rendererFile = fileURLToPath(new URL('../../src/renderer/index.html', import.meta.url));
const trusted = { senderFrame: { url: pathToFileURL(rendererFile).href }, sender: {} };
const tick = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  state.userData = await mkdtemp(join(tmpdir(), 'sigmoid-lab-main-'));
  (globalThis as Record<string, unknown>).__APP_VERSION__ = '9.9.9';
  // A packaged app ignores a development server named in its environment.
  process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
  await import('../../src/main/index');
  delete process.env['ELECTRON_RENDERER_URL'];
  // The window opens once the app is ready and its settings are read: up to 10 s on a busy machine
  // (a single 20 ms wait failed there).
  for (let i = 0; i < 500 && state.windows.length === 0; i++) await tick();
  await tick();
});

describe('main process', () => {
  it('opens one locked-down window with a sandboxed CommonJS preload', () => {
    expect(state.windows).toHaveLength(1);
    const prefs = state.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.windows[0].options).toMatchObject({ minWidth: 900, minHeight: 600, title: 'Sigmoid Lab' });
    expect(state.windows[0].loaded).toBe(rendererFile);
    expect(state.menu).toBeTruthy();
  });

  it('denies navigation, new windows and permissions', () => {
    const win = state.windows[0];
    let prevented = false;
    win.listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(win.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual([]);
    let granted: boolean | null = null;
    state.permission?.({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(state.permissionCheck?.()).toBe(false);
  });

  it('answers app:info to its own page only', async () => {
    const handler = state.handlers.get('app:info')!;
    expect(await handler(trusted)).toEqual({
      name: 'Sigmoid Lab',
      version: '9.9.9',
      shell: 'electron',
      platform: process.platform,
      locale: 'en-GB',
    });
    for (const url of [
      'https://evil.example/',
      'file:///tmp/evil.html',
      // Any other file called index.html in a renderer folder, and the development server (packaged).
      'file:///tmp/out/renderer/index.html',
      'http://localhost:5173/',
      'not a url',
      undefined,
    ]) {
      expect(() => handler({ senderFrame: url === undefined ? undefined : { url } })).toThrow(
        /untrusted sender/,
      );
    }
  });

  it('puts a share link on the clipboard, and nothing else', async () => {
    const copy = state.handlers.get('clipboard:copy-link')!;
    const link = 'http://127.0.0.1:5199/#v1.eJyrVkrOz0nNTVWyUkpKSlSqBQA4iAYs';
    await copy(trusted, link);
    expect(state.clipboard).toEqual([link]);
    for (const bad of ['rm -rf /', `${link} `, 'http://x/#v1.' + 'A'.repeat(8000), 42, null]) {
      await expect(async () => copy(trusted, bad)).rejects.toThrow(/link/);
    }
    await expect(async () => copy({ senderFrame: { url: 'https://evil.example/' } }, link)).rejects.toThrow(
      /untrusted sender/,
    );
    expect(state.clipboard).toEqual([link]);
  });

  it('hands a file from a second launch to the first window, once the page is ready', async () => {
    const file = join(state.userData, 'handed.sigmoidlab.json');
    await writeFile(file, '{"version":1}');
    const win = state.windows[0];
    state.appEvents.get('second-instance')?.(
      {},
      ['sigmoid-lab', '--flag', 'handed.sigmoidlab.json'],
      state.userData,
    );
    await tick();
    expect(win.sent).toEqual([]); // the page has not loaded yet: kept for later
    win.listeners.get('did-finish-load')?.();
    // The file is read asynchronously: wait for it (a loaded machine can take longer than a tick).
    await vi.waitFor(() =>
      expect(win.sent).toEqual([
        ['file:opened', { name: 'handed.sigmoidlab.json', path: file, text: '{"version":1}' }],
      ]),
    );
    state.appEvents.get('second-instance')?.(
      {},
      ['sigmoid-lab', join(state.userData, 'missing.json')],
      state.userData,
    );
    await tick();
    expect(win.sent).toHaveLength(1);
  });

  it('asks before closing with unsaved changes: Save asks the page to save, Don’t Save closes', async () => {
    const win = state.windows[0];
    const w = state.windows[0] as unknown as FakeWindow;
    state.ons.get('doc:state')?.(trusted, { title: 'story.sigmoidlab.json', dirty: true });
    expect(w.title).toBe('story.sigmoidlab.json • — Sigmoid Lab');
    const close = () => {
      let prevented = false;
      for (const fn of win.winListeners.get('close') ?? []) fn({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    win.sent.length = 0;
    state.messageBoxResponse = 0;
    expect(close()).toBe(true);
    await tick();
    expect(win.sent).toEqual([['menu:command', 'file.saveAndClose']]);
    state.messageBoxResponse = 2; // Cancel: nothing happens
    win.sent.length = 0;
    expect(close()).toBe(true);
    await tick();
    expect(win.sent).toEqual([]);
    // A hostile document state is dropped.
    state.ons.get('doc:state')?.(trusted, { title: 42, dirty: 'no' });
    expect(w.title).toBe('story.sigmoidlab.json • — Sigmoid Lab');
    state.ons.get('doc:state')?.(trusted, { title: 'story.sigmoidlab.json', dirty: false });
    expect(close()).toBe(false);
    // A restored document named with more than 255 characters still asks before closing.
    state.ons.get('doc:state')?.(trusted, { title: 'n'.repeat(5_000), dirty: true });
    expect(w.title).toBe(`${'n'.repeat(254)}… • — Sigmoid Lab`);
    state.messageBoxResponse = 2;
    win.sent.length = 0;
    expect(close()).toBe(true);
    await tick();
    expect(win.sent).toEqual([]);
    state.ons.get('doc:state')?.(trusted, { title: 'story.sigmoidlab.json', dirty: false });
  });
});
