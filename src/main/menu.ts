/**
 * The application menu as data: File, Edit, View, Help with accelerators.
 * Items that later parts of the app fill in are present but disabled.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api';

export interface MenuContext {
  appName: string;
  isMac: boolean;
  isDev: boolean;
  recent: string[];
  send(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const cmd = (
    label: string,
    command: MenuCommand,
    accelerator?: string,
    enabled = true,
  ): MenuItemConstructorOptions => ({
    label,
    accelerator,
    enabled,
    click: () => ctx.send(command),
  });
  const recent: MenuItemConstructorOptions[] =
    ctx.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...ctx.recent.map((p) => ({ label: p, click: () => ctx.openRecent(p) })),
          { type: 'separator' as const },
          { label: 'Clear Recent', click: () => ctx.clearRecent() },
        ];
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      cmd('New Experiment', 'file.new', 'CmdOrCtrl+N'),
      cmd('Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      cmd('Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      cmd('Export Image…', 'file.exportImage', 'CmdOrCtrl+E'),
      cmd('Export Animation…', 'file.exportAnimation', 'CmdOrCtrl+Shift+E'),
      ...(ctx.isMac
        ? []
        : [{ type: 'separator' as const }, { role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };
  const panels: MenuItemConstructorOptions[] = [
    cmd('Editor', 'view.panel.editor', 'CmdOrCtrl+1'),
    { type: 'separator' },
    cmd('Data', 'view.panel.data', 'CmdOrCtrl+2'),
    cmd('Curves', 'view.panel.curves', 'CmdOrCtrl+3'),
    cmd('Status', 'view.panel.status', 'CmdOrCtrl+4'),
    cmd('Experiment File', 'view.panel.file', 'CmdOrCtrl+5'),
    cmd('Chain Rule', 'view.panel.chain', 'CmdOrCtrl+6'),
    cmd('Loss Surface', 'view.panel.surface', 'CmdOrCtrl+7'),
    cmd('Output Units', 'view.panel.units', 'CmdOrCtrl+8'),
    { type: 'separator' },
    cmd('Reset Layout', 'view.layout.reset'),
  ];
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('Redo', 'edit.redo', ctx.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const playback: MenuItemConstructorOptions = {
    label: 'Playback',
    submenu: [
      // No accelerators: Space and the arrows belong to text fields when one has the focus; the page handles them.
      cmd('Play / Pause (Space)', 'play.toggle'),
      cmd('Step Forward (→)', 'play.next'),
      cmd('Step Back (←)', 'play.previous'),
      cmd('Go to Start (Home)', 'play.start'),
      cmd('Go to End (End)', 'play.end'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Panels', submenu: panels },
      {
        label: 'Theme',
        submenu: [
          cmd('System', 'view.theme.system'),
          cmd('Light', 'view.theme.light'),
          cmd('Dark', 'view.theme.dark'),
        ],
      },
      {
        label: 'Language',
        submenu: [
          cmd('English', 'view.language.en', undefined, false),
          cmd('简体中文', 'view.language.zh-CN', undefined, false),
        ],
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(ctx.isDev
        ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      cmd('Lessons', 'help.lessons', undefined, false),
      cmd('Keyboard Shortcuts', 'help.shortcuts', 'CmdOrCtrl+/'),
      { type: 'separator' },
      cmd(`About ${ctx.appName}`, 'help.about'),
    ],
  };
  const app: MenuItemConstructorOptions[] = ctx.isMac
    ? [
        {
          label: ctx.appName,
          submenu: [
            cmd(`About ${ctx.appName}`, 'help.about'),
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [...app, file, edit, view, playback, help];
}
