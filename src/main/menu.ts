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
      cmd('Export Image…', 'file.exportImage', 'CmdOrCtrl+E', false),
      cmd('Export Animation…', 'file.exportAnimation', 'CmdOrCtrl+Shift+E', false),
      ...(ctx.isMac
        ? []
        : [{ type: 'separator' as const }, { role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };
  const panels = ['Data', 'Curves', 'Chain Rule', 'Loss Surface', 'Output Units'].map(
    (label): MenuItemConstructorOptions => ({ label, type: 'checkbox', checked: true, enabled: false }),
  );
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
  return [...app, file, { role: 'editMenu' }, view, help];
}
