/**
 * The Electron main process: one window, locked down as Electron's security
 * checklist asks (context isolation, sandbox, no Node in the page, no remote
 * content, no navigation, no new windows, no permissions), one instance, and
 * nothing lost: unsaved changes are asked about on close.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { filesFromArgv } from './argv';
import {
  type AppInfo,
  CHANNELS,
  type DocumentState,
  type MenuCommand,
  type UnsavedChoice,
  userMessage,
} from '../shared/api';
import { FileService } from './files';
import { registerIpc } from './ipc';
import { type Locale, resolveLocale, translator } from '../i18n';
import { menuTemplate } from './menu';
import { loadWindowState, MIN_SIZE, saveWindowState } from './windowState';

declare const __APP_VERSION__: string;

const APP_NAME = 'Sigmoid Lab';
const isDev = !app.isPackaged;
/** The page the window shows: the only file whose messages are trusted. */
const RENDERER_FILE = join(import.meta.dirname, '../renderer/index.html');
/** electron-vite's development server: honoured only when the app is not packaged. */
const DEV_URL = isDev ? process.env['ELECTRON_RENDERER_URL'] : undefined;

let win: BrowserWindow | null = null;
let loaded = false;
let doc: DocumentState = { title: '', dirty: false };
let closing = false;
/** The page's language (View › Language, else the OS's): the menu and native dialogs speak it. */
let locale: Locale = 'en';
const pending: string[] = [];

const files = new FileService({
  userData: app.getPath('userData'),
  t: () => translator(locale),
  dialogs: {
    open: async (filters) => {
      const r = await dialog.showOpenDialog(win!, { properties: ['openFile'], filters });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
    save: async (defaultPath, filters) => {
      const r = await dialog.showSaveDialog(win!, { defaultPath, filters });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    folder: async () => {
      const r = await dialog.showOpenDialog(win!, { properties: ['openDirectory', 'createDirectory'] });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    },
  },
  addRecentDocument: (p) => app.addRecentDocument(p),
  onRecentChanged: () => buildMenu(),
});

function send(channel: string, ...args: unknown[]): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel, ...args);
}

function buildMenu(): void {
  const template = menuTemplate({
    appName: APP_NAME,
    t: translator(locale),
    locale,
    isMac: process.platform === 'darwin',
    isDev,
    recent: files.recentFiles,
    send: (command: MenuCommand) => send(CHANNELS.menuCommand, command),
    openRecent: (p) => void openPath(p),
    clearRecent: () => {
      for (const p of files.recentFiles) void files.forget(p);
      app.clearRecentDocuments();
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Opens a file the user named outside the page (command line, second launch, recent menu, Finder). */
async function openPath(path: string): Promise<void> {
  if (!win || !loaded) {
    pending.push(path);
    return;
  }
  try {
    send(CHANNELS.fileOpened, await files.read(files.grant(path)));
  } catch (e) {
    send(CHANNELS.fileOpenFailed, userMessage(e));
  }
}

function windowOf(sender: unknown): BrowserWindow | null {
  return BrowserWindow.fromWebContents(sender as WebContents) ?? win;
}

async function askUnsaved(parent: BrowserWindow | null, name: string): Promise<UnsavedChoice> {
  const t = translator(locale);
  const options = {
    type: 'warning' as const,
    buttons: [t('main.saveButton'), t('main.dontSave'), t('main.cancel')],
    defaultId: 0,
    cancelId: 2,
    message: t('main.saveQuestion', { name }),
    detail: t('main.saveDetail'),
  };
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return (['save', 'discard', 'cancel'] as const)[r.response] ?? 'cancel';
}

async function createWindow(): Promise<BrowserWindow> {
  const state = await loadWindowState(
    app.getPath('userData'),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const w = new BrowserWindow({
    ...state,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: APP_NAME,
    show: false,
    backgroundColor: '#101418',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win = w;
  // A new window (macOS re-activation) starts with a clean document.
  closing = false;
  doc = { title: '', dirty: false };
  w.once('ready-to-show', () => {
    if (state.maximized) w.maximize();
    w.show();
  });
  // Nothing but the app's own page is ever shown in the window.
  w.webContents.on('will-navigate', (event) => event.preventDefault());
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  w.webContents.on('did-finish-load', () => {
    loaded = true;
    for (const p of pending.splice(0)) void openPath(p);
  });
  w.on('close', (event) => {
    void saveWindowState(app.getPath('userData'), {
      ...w.getNormalBounds(),
      maximized: w.isMaximized(),
    }).catch(() => undefined);
    if (!doc.dirty || closing) return;
    event.preventDefault();
    void askUnsaved(w, doc.title).then((choice) => {
      if (choice === 'save') send(CHANNELS.menuCommand, 'file.saveAndClose');
      else if (choice === 'discard') {
        closing = true;
        w.close();
      }
    });
  });
  w.on('closed', () => {
    win = null;
    loaded = false;
  });
  if (DEV_URL) void w.loadURL(DEV_URL);
  else void w.loadFile(RENDERER_FILE);
  return w;
}

function appInfo(): AppInfo {
  return {
    name: APP_NAME,
    version: __APP_VERSION__,
    shell: 'electron',
    platform: process.platform,
    locale: app.getLocale(),
  };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch focuses this window and opens the file it was given.
  app.on('second-instance', (_event, argv, cwd) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    for (const p of filesFromArgv(argv, cwd)) void openPath(p);
  });
  // macOS: a file dropped on the dock icon or opened from Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openPath(path);
  });
  pending.push(...filesFromArgv(process.argv));

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    locale = resolveLocale(app.getLocale());
    await files.init();
    registerIpc(ipcMain, {
      files,
      page: { rendererFile: RENDERER_FILE, devUrl: DEV_URL },
      appInfo,
      askUnsaved: (event, name) => askUnsaved(windowOf(event.sender), name),
      setDocumentState: (event, state) => {
        doc = state;
        const w = windowOf(event.sender);
        w?.setTitle(`${state.title}${state.dirty ? ' •' : ''} — ${APP_NAME}`);
        w?.setDocumentEdited(state.dirty);
      },
      closeConfirmed: (event) => {
        closing = true;
        windowOf(event.sender)?.close();
      },
      reveal: (p) => shell.showItemInFolder(p),
      copyLink: (link) => clipboard.writeText(link),
      setLanguage: (l) => {
        if (l === locale) return;
        locale = l;
        buildMenu();
      },
    });
    buildMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow();
    });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
