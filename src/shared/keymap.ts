/**
 * Every keyboard shortcut, once: the desktop menu's accelerators, the page's key
 * handlers (the menu's commands in a browser, which has no menu; the transport
 * everywhere) and the shortcuts dialog are generated from this table, and the
 * README is checked against it by a test.
 */
import type { MessageKey } from '../i18n';
import type { MenuCommand } from './api';

/** The transport's steps that have no menu item. */
export type TransportStep = 'play.next10' | 'play.previous10' | 'play.subNext' | 'play.subPrevious';
export type KeyAction = MenuCommand | TransportStep;

/** One key with its modifiers; `key` is KeyboardEvent.key (a letter in lower case). `mod` is Ctrl, or ⌘ on a Mac. */
export interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface KeyBinding {
  action: KeyAction;
  /** The desktop menu's accelerator ({ mac, other } where they differ); absent: the page handles the key everywhere. */
  menu?: Chord | { mac: Chord; other: Chord };
  /** The keys the page answers: in a browser for menu commands, everywhere for the transport. */
  page: Chord[];
  /** Where the page's handler sits: the app (menu commands) or the studio (the transport, not in text fields). */
  scope: 'app' | 'transport';
  /** Undo/redo of the document: a text field keeps its own. */
  notInText?: boolean;
}

const mod = (key: string, extra: Omit<Chord, 'key' | 'mod'> = {}): Chord => ({ key, mod: true, ...extra });
const panel = (id: string, n: number): KeyBinding => ({
  action: `view.panel.${id}` as MenuCommand,
  menu: mod(String(n)),
  page: [mod(String(n))],
  scope: 'app',
});

/** The panels' order under Ctrl+1 … Ctrl+8 (the editor first). */
export const PANEL_KEYS = [
  'editor',
  'data',
  'curves',
  'status',
  'file',
  'chain',
  'surface',
  'units',
] as const;

export const KEYMAP: readonly KeyBinding[] = [
  // A browser keeps Ctrl+N for a new window: the page takes Alt+N.
  { action: 'file.new', menu: mod('n'), page: [{ key: 'n', alt: true }], scope: 'app' },
  { action: 'file.open', menu: mod('o'), page: [mod('o')], scope: 'app' },
  { action: 'file.save', menu: mod('s'), page: [mod('s')], scope: 'app' },
  { action: 'file.saveAs', menu: mod('s', { shift: true }), page: [mod('s', { shift: true })], scope: 'app' },
  { action: 'file.exportImage', menu: mod('e'), page: [mod('e')], scope: 'app' },
  {
    action: 'file.exportAnimation',
    menu: mod('e', { shift: true }),
    page: [mod('e', { shift: true })],
    scope: 'app',
  },
  { action: 'edit.undo', menu: mod('z'), page: [mod('z')], scope: 'app', notInText: true },
  {
    action: 'edit.redo',
    menu: { mac: mod('z', { shift: true }), other: mod('y') },
    page: [mod('y'), mod('z', { shift: true })],
    scope: 'app',
    notInText: true,
  },
  ...PANEL_KEYS.map((id, i) => panel(id, i + 1)),
  { action: 'help.lessons', menu: { key: 'F1' }, page: [{ key: 'F1' }], scope: 'app' },
  { action: 'help.shortcuts', menu: mod('/'), page: [mod('/')], scope: 'app' },
  // The transport: no accelerators (Space and the arrows belong to a text field that has the focus).
  { action: 'play.toggle', page: [{ key: ' ' }], scope: 'transport' },
  { action: 'play.next', page: [{ key: 'ArrowRight' }], scope: 'transport' },
  { action: 'play.previous', page: [{ key: 'ArrowLeft' }], scope: 'transport' },
  { action: 'play.next10', page: [{ key: 'ArrowRight', shift: true }], scope: 'transport' },
  { action: 'play.previous10', page: [{ key: 'ArrowLeft', shift: true }], scope: 'transport' },
  { action: 'play.start', page: [{ key: 'Home' }], scope: 'transport' },
  { action: 'play.end', page: [{ key: 'End' }], scope: 'transport' },
  { action: 'play.subNext', page: [{ key: '.' }], scope: 'transport' },
  { action: 'play.subPrevious', page: [{ key: ',' }], scope: 'transport' },
];

function binding(action: KeyAction): KeyBinding {
  const b = KEYMAP.find((k) => k.action === action);
  if (!b) throw new Error(`no key for ${action}`);
  return b;
}

function menuChord(b: KeyBinding, isMac: boolean): Chord | undefined {
  const m = b.menu;
  return m && 'mac' in m ? (isMac ? m.mac : m.other) : m;
}

/** The menu item's Electron accelerator for a command, if it has one. */
export function accelerator(action: MenuCommand, isMac: boolean): string | undefined {
  const b = KEYMAP.find((k) => k.action === action);
  const c = b && menuChord(b, isMac);
  if (!c) return undefined;
  return [
    c.mod && 'CmdOrCtrl',
    c.shift && 'Shift',
    c.alt && 'Alt',
    c.key.length === 1 ? c.key.toUpperCase() : c.key,
  ]
    .filter(Boolean)
    .join('+');
}

/** What a keyboard event does in the page's handler of `scope` (desktop: the menu answers the app's keys). */
export function keyAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  scope: 'app' | 'transport',
  opts: { web: boolean; inText: boolean },
): KeyAction | null {
  if (scope === 'app' && !opts.web) return null;
  const m = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const b of KEYMAP) {
    if (b.scope !== scope || (b.notInText && opts.inText)) continue;
    for (const c of b.page) {
      if (c.key === key && !!c.mod === m && !!c.shift === e.shiftKey && !!c.alt === e.altKey) return b.action;
    }
  }
  return null;
}

/** The names the dialog gives keys that are not letters. */
const KEY_NAMES: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→' };

/** A chord as people read it: 'Ctrl+Shift+S', '⌘+/' (`modName`: 'Ctrl' or '⌘'). */
export function chordText(c: Chord, modName: string, space: string): string {
  const key =
    c.key === ' ' ? space : (KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key));
  return [c.mod && modName, c.shift && 'Shift', c.alt && 'Alt', key].filter(Boolean).join('+');
}

/** One row of the shortcuts dialog: the keys of some actions, and what they do. */
interface HelpRow {
  actions?: KeyAction[];
  /** Several actions as a range "first … last". */
  range?: boolean;
  /** A key or gesture with no action of its own (mouse, Esc), as a catalogue key. */
  gesture?: MessageKey;
  what: MessageKey;
}

const HELP: HelpRow[] = [
  { actions: ['file.new'], what: 'shortcut.new' },
  { actions: ['file.open'], what: 'shortcut.open' },
  { actions: ['file.save'], what: 'shortcut.save' },
  { actions: ['file.saveAs'], what: 'shortcut.saveAs' },
  { actions: ['file.exportImage'], what: 'shortcut.exportImage' },
  { actions: ['file.exportAnimation'], what: 'shortcut.exportAnimation' },
  { actions: ['edit.undo'], what: 'shortcut.undo' },
  { actions: ['edit.redo'], what: 'shortcut.redo' },
  { actions: ['play.toggle'], what: 'shortcut.play' },
  { actions: ['play.previous', 'play.next'], what: 'shortcut.step' },
  { actions: ['play.previous10', 'play.next10'], what: 'shortcut.step10' },
  { actions: ['play.start', 'play.end'], gesture: 'keys.homeEnd', what: 'shortcut.ends' },
  { actions: ['play.subPrevious', 'play.subNext'], what: 'shortcut.subStep' },
  { actions: ['view.panel.editor'], what: 'shortcut.editor' },
  {
    actions: PANEL_KEYS.slice(1).map((id) => `view.panel.${id}` as MenuCommand),
    range: true,
    what: 'shortcut.panels',
  },
  { gesture: 'keys.clickPoint', what: 'shortcut.select' },
  { gesture: 'keys.rightClickPoint', what: 'shortcut.remove' },
  { actions: ['help.lessons'], what: 'shortcut.lessons' },
  { actions: ['help.shortcuts'], what: 'shortcut.shortcuts' },
  { gesture: 'keys.esc', what: 'shortcut.close' },
];

/** An action's key on this platform as people read it (`web`: the page's key; else the menu's). */
export function keyText(
  action: KeyAction,
  platform: { web: boolean; isMac: boolean },
  t: (key: MessageKey) => string,
): string {
  const b = binding(action);
  const c = (!platform.web && menuChord(b, platform.isMac)) || b.page[0];
  return chordText(c, platform.isMac && !platform.web ? '⌘' : 'Ctrl', t('keys.space'));
}

/**
 * The shortcuts dialog's rows for this platform (`web`: the page's keys; else the menu's),
 * as [keys, what] with `t` translating the catalogue keys.
 */
export function shortcutRows(
  platform: { web: boolean; isMac: boolean },
  t: (key: MessageKey) => string,
): [string, string][] {
  const text = (a: KeyAction): string => keyText(a, platform, t);
  return HELP.map((r) => {
    if (r.gesture) return [t(r.gesture), t(r.what)];
    const as = r.actions!;
    const keys = r.range ? `${text(as[0])} … ${text(as[as.length - 1])}` : as.map(text).join(' / ');
    return [keys, t(r.what)];
  });
}
