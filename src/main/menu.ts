/**
 * The application menu as data: File, Edit, View, Help with accelerators.
 * Items that later parts of the app fill in are present but disabled.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api';
import { EN, LANGUAGE_NAMES, type Locale, LOCALES, type MessageKey, type Translate } from '../i18n';

export interface MenuContext {
  appName: string;
  /** The page's language (the menu speaks it; English by default). */
  t?: Translate;
  locale?: Locale;
  isMac: boolean;
  isDev: boolean;
  recent: string[];
  send(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const t = ctx.t ?? EN;
  const role = (
    r: NonNullable<MenuItemConstructorOptions['role']>,
    key: MessageKey,
    accelerator?: string,
  ) => ({
    role: r,
    label: t(key),
    ...(accelerator ? { accelerator } : {}),
  });
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
      ? [{ label: t('menu.noRecent'), enabled: false }]
      : [
          ...ctx.recent.map((p) => ({ label: p, click: () => ctx.openRecent(p) })),
          { type: 'separator' as const },
          { label: t('menu.clearRecent'), click: () => ctx.clearRecent() },
        ];
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      cmd(t('menu.new'), 'file.new', 'CmdOrCtrl+N'),
      cmd(t('menu.open'), 'file.open', 'CmdOrCtrl+O'),
      { label: t('menu.openRecent'), submenu: recent },
      { type: 'separator' },
      cmd(t('menu.save'), 'file.save', 'CmdOrCtrl+S'),
      cmd(t('menu.saveAs'), 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      cmd(t('menu.exportImage'), 'file.exportImage', 'CmdOrCtrl+E'),
      cmd(t('menu.exportAnimation'), 'file.exportAnimation', 'CmdOrCtrl+Shift+E'),
      cmd(t('menu.exportCode'), 'file.exportCode'),
      { type: 'separator' },
      cmd(t('menu.copyLink'), 'file.copyLink'),
      cmd(t('menu.openLink'), 'file.openLink'),
      ...(ctx.isMac ? [] : [{ type: 'separator' as const }, role('quit', 'menu.quit', 'CmdOrCtrl+Q')]),
    ],
  };
  const panels: MenuItemConstructorOptions[] = [
    cmd(t('menu.editor'), 'view.panel.editor', 'CmdOrCtrl+1'),
    { type: 'separator' },
    cmd(t('menu.data'), 'view.panel.data', 'CmdOrCtrl+2'),
    cmd(t('menu.curves'), 'view.panel.curves', 'CmdOrCtrl+3'),
    cmd(t('menu.status'), 'view.panel.status', 'CmdOrCtrl+4'),
    cmd(t('menu.experimentFile'), 'view.panel.file', 'CmdOrCtrl+5'),
    cmd(t('menu.chain'), 'view.panel.chain', 'CmdOrCtrl+6'),
    cmd(t('menu.surface'), 'view.panel.surface', 'CmdOrCtrl+7'),
    cmd(t('menu.units'), 'view.panel.units', 'CmdOrCtrl+8'),
    { type: 'separator' },
    cmd(t('menu.resetLayout'), 'view.layout.reset'),
  ];
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      cmd(t('menu.undo'), 'edit.undo', 'CmdOrCtrl+Z'),
      cmd(t('menu.redo'), 'edit.redo', ctx.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      role('cut', 'menu.cut'),
      role('copy', 'menu.copy'),
      role('paste', 'menu.paste'),
      role('selectAll', 'menu.selectAll'),
    ],
  };
  const playback: MenuItemConstructorOptions = {
    label: t('menu.playback'),
    submenu: [
      // No accelerators: Space and the arrows belong to text fields when one has the focus; the page handles them.
      cmd(t('menu.play'), 'play.toggle'),
      cmd(t('menu.stepForward'), 'play.next'),
      cmd(t('menu.stepBack'), 'play.previous'),
      cmd(t('menu.goStart'), 'play.start'),
      cmd(t('menu.goEnd'), 'play.end'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      { label: t('menu.panels'), submenu: panels },
      {
        label: t('menu.theme'),
        submenu: [
          cmd(t('menu.themeSystem'), 'view.theme.system'),
          cmd(t('menu.themeLight'), 'view.theme.light'),
          cmd(t('menu.themeDark'), 'view.theme.dark'),
        ],
      },
      {
        label: t('menu.language'),
        submenu: LOCALES.map((l) => ({
          ...cmd(LANGUAGE_NAMES[l], `view.language.${l}`),
          type: 'radio' as const,
          checked: (ctx.locale ?? 'en') === l,
        })),
      },
      { type: 'separator' },
      role('resetZoom', 'menu.resetZoom'),
      role('zoomIn', 'menu.zoomIn'),
      role('zoomOut', 'menu.zoomOut'),
      { type: 'separator' },
      role('togglefullscreen', 'menu.fullScreen'),
      ...(ctx.isDev
        ? [
            { type: 'separator' as const },
            role('reload', 'menu.reload'),
            role('toggleDevTools', 'menu.devTools'),
          ]
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: [
      cmd(t('menu.lessons'), 'help.lessons', 'F1'),
      cmd(t('menu.shortcuts'), 'help.shortcuts', 'CmdOrCtrl+/'),
      { type: 'separator' },
      cmd(t('menu.about', { name: ctx.appName }), 'help.about'),
    ],
  };
  const app: MenuItemConstructorOptions[] = ctx.isMac
    ? [
        {
          label: ctx.appName,
          submenu: [
            cmd(t('menu.about', { name: ctx.appName }), 'help.about'),
            { type: 'separator' },
            role('hide', 'menu.hide'),
            role('hideOthers', 'menu.hideOthers'),
            role('unhide', 'menu.unhide'),
            { type: 'separator' },
            role('quit', 'menu.quit'),
          ],
        },
      ]
    : [];
  return [...app, file, edit, view, playback, help];
}
