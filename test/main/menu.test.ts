import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { menuTemplate } from '../../src/main/menu';

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const i of items) {
    if (i.label === label) return i;
    if (Array.isArray(i.submenu)) {
      const f = find(i.submenu, label);
      if (f) return f;
    }
  }
  return undefined;
}

describe('application menu', () => {
  const sent: string[] = [];
  const opened: string[] = [];
  const base = {
    appName: 'Sigmoid Lab',
    isMac: false,
    isDev: false,
    recent: ['/home/me/story.sigmoidlab.json'],
    send: (c: string) => void sent.push(c),
    openRecent: (p: string) => void opened.push(p),
    clearRecent: () => undefined,
  };

  it('has File, Edit, View, Playback and Help, with accelerators', () => {
    const t = menuTemplate(base);
    expect(t.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Playback', 'Help']);
    expect(t.at(-1)?.role).toBe('help');
    expect(find(t, 'Undo')?.accelerator).toBe('CmdOrCtrl+Z');
    expect(find(t, 'Redo')?.accelerator).toBe('CmdOrCtrl+Y');
    expect(find(menuTemplate({ ...base, isMac: true }), 'Redo')?.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(find(t, 'Data')?.accelerator).toBe('CmdOrCtrl+2');
    expect(find(t, 'New Experiment')?.accelerator).toBe('CmdOrCtrl+N');
    expect(find(t, 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
    expect(find(t, 'Save')?.accelerator).toBe('CmdOrCtrl+S');
    expect(find(t, 'Save As…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(find(t, 'Keyboard Shortcuts')?.accelerator).toBe('CmdOrCtrl+/');
  });

  it('sends commands to the page and opens recent files', () => {
    const t = menuTemplate(base);
    (find(t, 'Save As…')!.click as () => void)();
    (find(t, 'About Sigmoid Lab')!.click as () => void)();
    (find(t, '/home/me/story.sigmoidlab.json')!.click as () => void)();
    expect(sent).toEqual(['file.saveAs', 'help.about']);
    expect(opened).toEqual(['/home/me/story.sigmoidlab.json']);
  });

  it('has every feature live, and developer tools only in development', () => {
    const t = menuTemplate(base);
    // The studio's panels, playback and the document's undo are live.
    for (const [label, command] of [
      ['Curves', 'view.panel.curves'],
      ['Chain Rule', 'view.panel.chain'],
      ['Loss Surface', 'view.panel.surface'],
      ['Output Units', 'view.panel.units'],
      ['Experiment File', 'view.panel.file'],
      ['Reset Layout', 'view.layout.reset'],
      ['Undo', 'edit.undo'],
      ['Play / Pause (Space)', 'play.toggle'],
      ['Go to End (End)', 'play.end'],
      ['Export Image…', 'file.exportImage'],
      ['Export Animation…', 'file.exportAnimation'],
      ['Lessons', 'help.lessons'],
      ['简体中文', 'view.language.zh-CN'],
    ] as const) {
      const item = find(t, label)!;
      expect(item.enabled).toBe(true);
      (item.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
    const view = (t: MenuItemConstructorOptions[]) =>
      (find(t, 'View')!.submenu as MenuItemConstructorOptions[]).map((i) => i.role);
    expect(view(t)).not.toContain('toggleDevTools');
    expect(view(menuTemplate({ ...base, isDev: true }))).toContain('toggleDevTools');
    expect(menuTemplate({ ...base, isMac: true })[0].label).toBe('Sigmoid Lab');
    expect(find(menuTemplate({ ...base, recent: [] }), 'No recent files')?.enabled).toBe(false);
  });

  it('speaks the page’s language, with the language chosen checked', () => {
    const zh = menuTemplate({ ...base, t: translator('zh-CN'), locale: 'zh-CN' });
    const en = menuTemplate(base);
    expect(zh.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '播放', '帮助']);
    expect(find(zh, '导出动画…')?.accelerator).toBe('CmdOrCtrl+Shift+E');
    expect(find(zh, '简体中文')?.checked).toBe(true);
    expect(find(zh, 'English')?.checked).toBe(false);
    expect(find(en, 'English')?.checked).toBe(true);
    // Roles keep their behaviour with a translated label.
    expect(find(zh, '复制')?.role).toBe('copy');
  });
});
