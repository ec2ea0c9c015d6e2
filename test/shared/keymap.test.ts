import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EN } from '../../src/i18n';
import { menuTemplate } from '../../src/main/menu';
import { MENU_COMMANDS } from '../../src/shared/api';
import { KEYMAP, keyAction, keyText, PANEL_KEYS, shortcutRows } from '../../src/shared/keymap';

function items(menu: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return menu.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

const key = (k: string, m: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...m,
});

/** The rows of the README's table under "### Keyboard shortcuts" (cells trimmed, as Prettier pads them). */
function readmeRows(readme: string): [string, string][] {
  const section = (readme.split('### Keyboard shortcuts')[1] ?? '').split(/\n##/)[0];
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) => {
    const cells = l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) =>
        c
          .trim()
          .replace(/\\\|/g, '|')
          .replace(/^`(.*)`$/, '$1'),
      );
    return [cells[0], cells[1]];
  });
}

describe('one keymap', () => {
  for (const isMac of [false, true]) {
    it(`gives the menu its accelerators (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const menu = items(
        menuTemplate({
          appName: 'Sigmoid Lab',
          isMac,
          isDev: false,
          recent: [],
          send: () => undefined,
          openRecent: () => undefined,
          clearRecent: () => undefined,
        }),
      );
      const sent: string[] = [];
      const byCommand = new Map<string, string | undefined>();
      for (const i of menu) {
        if (typeof i.click !== 'function') continue;
        const before = sent.length;
        const m = menuTemplate({
          appName: 'Sigmoid Lab',
          isMac,
          isDev: false,
          recent: [],
          send: (c) => void sent.push(c),
          openRecent: () => undefined,
          clearRecent: () => undefined,
        });
        const same = items(m).find((j) => j.label === i.label && typeof j.click === 'function');
        (same!.click as () => void)();
        if (sent.length > before) byCommand.set(sent.at(-1)!, i.accelerator as string | undefined);
      }
      for (const b of KEYMAP) {
        if (!b.menu) continue;
        expect(byCommand.has(b.action), b.action).toBe(true);
        expect(byCommand.get(b.action)).toBeDefined();
      }
      expect(byCommand.get('view.panel.units')).toBe('CmdOrCtrl+8');
      expect(byCommand.get('edit.redo')).toBe(isMac ? 'CmdOrCtrl+Shift+Z' : 'CmdOrCtrl+Y');
      expect(byCommand.get('play.toggle')).toBeUndefined();
    });
  }

  it('drives the page: the menu commands in a browser only, the transport everywhere', () => {
    expect(keyAction(key('2', { ctrlKey: true }), 'app', { web: true, inText: false })).toBe(
      'view.panel.data',
    );
    expect(keyAction(key('8', { metaKey: true }), 'app', { web: true, inText: false })).toBe(
      'view.panel.units',
    );
    expect(keyAction(key('2', { ctrlKey: true }), 'app', { web: false, inText: false })).toBeNull();
    expect(keyAction(key('n', { altKey: true }), 'app', { web: true, inText: false })).toBe('file.new');
    expect(keyAction(key('Z', { ctrlKey: true, shiftKey: true }), 'app', { web: true, inText: false })).toBe(
      'edit.redo',
    );
    expect(keyAction(key('z', { ctrlKey: true }), 'app', { web: true, inText: true })).toBeNull();
    expect(keyAction(key('S', { ctrlKey: true, shiftKey: true }), 'app', { web: true, inText: true })).toBe(
      'file.saveAs',
    );
    expect(keyAction(key(' '), 'transport', { web: false, inText: false })).toBe('play.toggle');
    expect(keyAction(key('ArrowRight', { shiftKey: true }), 'transport', { web: false, inText: false })).toBe(
      'play.next10',
    );
    expect(keyAction(key(' ', { ctrlKey: true }), 'transport', { web: false, inText: false })).toBeNull();
    expect(keyAction(key(' '), 'app', { web: true, inText: false })).toBeNull();
  });

  it('binds every panel, and no two actions to one key', () => {
    for (const id of PANEL_KEYS) expect(MENU_COMMANDS).toContain(`view.panel.${id}`);
    const seen = new Set<string>();
    for (const b of KEYMAP)
      for (const c of b.page) {
        const k = `${b.scope}|${c.key}|${!!c.mod}|${!!c.shift}|${!!c.alt}`;
        expect(seen.has(k), k).toBe(false);
        seen.add(k);
      }
  });

  it('writes the shortcuts dialog for each platform (Ctrl+2 … Ctrl+8 for the panels)', () => {
    const web = new Map(shortcutRows({ web: true, isMac: false }, EN).map(([k, w]) => [w, k]));
    expect(web.get(EN('shortcut.panels'))).toBe('Ctrl+2 … Ctrl+8');
    expect(web.get(EN('shortcut.new'))).toBe('Alt+N');
    expect(web.get(EN('shortcut.step10'))).toBe('Shift+← / Shift+→');
    expect(web.get(EN('shortcut.play'))).toBe('Space');
    const mac = new Map(shortcutRows({ web: false, isMac: true }, EN).map(([k, w]) => [w, k]));
    expect(mac.get(EN('shortcut.redo'))).toBe('⌘+Shift+Z');
    expect(mac.get(EN('shortcut.new'))).toBe('⌘+N');
    expect(keyText('file.exportImage', { web: false, isMac: false }, EN)).toBe('Ctrl+E');
  });

  it('is the README’s: its table of shortcuts, and every Ctrl+ it mentions', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readmeRows(readme)).toEqual(shortcutRows({ web: false, isMac: false }, EN));
    const texts = new Set(shortcutRows({ web: false, isMac: false }, EN).flatMap(([k]) => k.split(' / ')));
    texts.add(`${keyText('view.panel.editor', { web: false, isMac: false }, EN)}…${PANEL_KEYS.length}`);
    const prose = readme
      .split('\n')
      .filter((l) => !l.startsWith('|'))
      .join('\n');
    // Ctrl+C in the command-line section stops `npm run export`, not the app.
    const mentioned = [...prose.matchAll(/Ctrl\+(?:Shift\+)?[A-Z0-9/](?:…\d)?/g)].map((m) => m[0]);
    expect(mentioned.length).toBeGreaterThan(3);
    for (const m of mentioned) if (m !== 'Ctrl+C') expect(texts, m).toContain(m);
  });
});
