/**
 * The application menu as data: File, Edit, View, Playback, Help, with the
 * accelerators of the one keymap (src/shared/keymap.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api';
import { accelerator } from '../shared/keymap';
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
  const cmd = (label: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator: accelerator(command, ctx.isMac),
    enabled: true,
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
      cmd(t('menu.new'), 'file.new'),
      cmd(t('menu.open'), 'file.open'),
      { label: t('menu.openRecent'), submenu: recent },
      { type: 'separator' },
      cmd(t('menu.save'), 'file.save'),
      cmd(t('menu.saveAs'), 'file.saveAs'),
      { type: 'separator' },
      cmd(t('menu.exportImage'), 'file.exportImage'),
      cmd(t('menu.exportAnimation'), 'file.exportAnimation'),
      cmd(t('menu.exportCode'), 'file.exportCode'),
      { type: 'separator' },
      cmd(t('menu.copyLink'), 'file.copyLink'),
      cmd(t('menu.openLink'), 'file.openLink'),
      ...(ctx.isMac ? [] : [{ type: 'separator' as const }, role('quit', 'menu.quit', 'CmdOrCtrl+Q')]),
    ],
  };
  const panels: MenuItemConstructorOptions[] = [
    cmd(t('menu.editor'), 'view.panel.editor'),
    { type: 'separator' },
    cmd(t('menu.data'), 'view.panel.data'),
    cmd(t('menu.curves'), 'view.panel.curves'),
    cmd(t('menu.status'), 'view.panel.status'),
    cmd(t('menu.experimentFile'), 'view.panel.file'),
    cmd(t('menu.chain'), 'view.panel.chain'),
    cmd(t('menu.surface'), 'view.panel.surface'),
    cmd(t('menu.units'), 'view.panel.units'),
    { type: 'separator' },
    cmd(t('menu.resetLayout'), 'view.layout.reset'),
  ];
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      cmd(t('menu.undo'), 'edit.undo'),
      cmd(t('menu.redo'), 'edit.redo'),
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
      // No accelerators (see the keymap): Space and the arrows belong to a text field that has the focus.
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
      cmd(t('menu.lessons'), 'help.lessons'),
      cmd(t('menu.shortcuts'), 'help.shortcuts'),
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
