import { beforeAll, describe, expect, it, vi } from 'vitest';

type Handler = (event: { senderFrame?: { url: string } }) => unknown;

const state = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  windows: [] as {
    options: Record<string, unknown>;
    listeners: Map<string, (...a: unknown[]) => void>;
    openHandler?: (d: { url: string }) => unknown;
    loaded?: string;
  }[],
  permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    webContents: unknown;
    constructor(options: Record<string, unknown>) {
      const win = {
        options,
        listeners: new Map(),
        openHandler: undefined as undefined | ((d: { url: string }) => unknown),
        loaded: undefined as string | undefined,
      };
      state.windows.push(win);
      this.webContents = {
        on: (ev: string, fn: (...a: unknown[]) => void) => win.listeners.set(ev, fn),
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (win.openHandler = fn),
      };
      Object.assign(this, {
        once: () => undefined,
        show: () => undefined,
        loadFile: async (f: string) => void (win.loaded = f),
        loadURL: async (u: string) => void (win.loaded = u),
      });
    }
  }
  return {
    app: {
      isPackaged: true,
      whenReady: () => Promise.resolve(),
      on: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: Handler) => state.handlers.set(ch, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof state.permission) => (state.permission = fn),
        setPermissionCheckHandler: (fn: typeof state.permissionCheck) => (state.permissionCheck = fn),
      },
    },
    shell: { openExternal: async (u: string) => void state.opened.push(u) },
  };
});

beforeAll(async () => {
  (globalThis as Record<string, unknown>).__APP_VERSION__ = '9.9.9';
  await import('../../src/main/index');
  await new Promise((r) => setTimeout(r, 0));
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
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.windows[0].options).toMatchObject({ minWidth: 900, minHeight: 600, title: 'Sigmoid Lab' });
    expect(state.windows[0].loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it('denies navigation, new windows and permissions', () => {
    const win = state.windows[0];
    let prevented = false;
    win.listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(win.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://example.org/']);
    let granted: boolean | null = null;
    state.permission?.({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(state.permissionCheck?.()).toBe(false);
  });

  it('answers app:info to its own page only', async () => {
    const handler = state.handlers.get('app:info')!;
    expect(
      await handler({ senderFrame: { url: 'file:///opt/Sigmoid%20Lab/resources/out/renderer/index.html' } }),
    ).toEqual({
      name: 'Sigmoid Lab',
      version: '9.9.9',
      shell: 'electron',
      platform: process.platform,
    });
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'not a url', undefined]) {
      expect(() => handler({ senderFrame: url === undefined ? undefined : { url } })).toThrow(
        /untrusted sender/,
      );
    }
  });
});
