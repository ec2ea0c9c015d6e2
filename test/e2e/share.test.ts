/**
 * Reproduce it anywhere, in Chromium: the experiment as a PyTorch script or a
 * notebook from the header's Share menu (the same bytes as the generator's);
 * a link copied in one browser opens the same experiment, frame and panels in
 * a fresh one, as one undoable edit; hostile links change nothing; and
 * screenshots of the menu and the dialogs at three sizes, in both themes and
 * both languages.
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { pytorchNotebook } from '../../src/export/notebook';
import { pytorchScript } from '../../src/export/pytorch';
import { EN, translator } from '../../src/i18n';
import { decodeLink } from '../../src/renderer/src/share/link';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

const SIZES = [
  [900, 600],
  [1280, 800],
  [1920, 1080],
] as const;

describe.skipIf(chromiumPath === null)('share in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let problems: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-e2e-share-'));
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    // Without the File System Access API the browser platform saves by download.
    await context.addInitScript('delete window.showSaveFilePicker');
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function exportCode(format: 'py' | 'ipynb', language: string): Promise<string> {
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-file.exportCode').click();
    await page.getByTestId(`code-${format}`).check();
    await page.getByTestId('code-language').selectOption(language);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('dialog').locator('button.primary').click();
    const d = await download;
    const file = join(dir, d.suggestedFilename());
    await d.saveAs(file);
    expect(d.suggestedFilename()).toBe(`Untitled.${format}`);
    return readFile(file, 'utf8');
  }

  it('exports the experiment as a script and as a notebook, byte for byte the generator’s', async () => {
    const py = pytorchScript(DEFAULT_EXPERIMENT, 'Untitled', translator('en'));
    const nb = pytorchNotebook(DEFAULT_EXPERIMENT, 'Untitled', translator('zh-CN'));
    if (!py.ok || !nb.ok) throw new Error('the default experiment cannot be exported');
    expect(await exportCode('py', 'en')).toBe(py.text);
    expect(await exportCode('ipynb', 'zh-CN')).toBe(nb.text);
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Exported Untitled.ipynb');
    expect(problems).toEqual([]);
  });

  async function copyLink(p: Page): Promise<string> {
    await p.getByTestId('share-button').click();
    await p.getByTestId('share-file.copyLink').click();
    const field = p.getByTestId('link-field');
    await field.waitFor();
    return field.inputValue();
  }

  const panelsShown = (p: Page): Promise<string[]> =>
    p.$$eval('[data-testid^="panel-"]', (els) =>
      els.map((e) => e.getAttribute('data-testid')!.slice(6)).sort(),
    );

  it('copies a link that opens the same experiment, frame and panels in a fresh browser', async () => {
    // A view worth sharing: another experiment (the lesson on saturation), a frame, a sub-step, the surface shown.
    await page.getByTestId('lessons-button').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('lesson-next').click();
    const lesson = await page.getByTestId('lesson-of').textContent();
    await page.locator('footer').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('.');
    await page.keyboard.press('.');
    await page.keyboard.press('Control+7');
    const frame = await page.getByTestId('frame').textContent();
    const subStep = await page.getByTestId('sub-step').textContent();
    const panels = await panelsShown(page);
    expect(panels).toContain('surface');
    const link = await copyLink(page);
    expect(link.startsWith(`${server.url}#v1.`)).toBe(true);
    await page.getByRole('dialog').locator('button.primary').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Link copied \(/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const sent = decodeLink(link, EN);
    if (!sent.ok) throw new Error(sent.problems.join('; '));

    // A fresh profile: nothing saved, nothing in common but the link.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await fresh.newPage();
    const otherProblems = collectProblems(other);
    await other.goto(link);
    await appReady(other);
    await expect
      .poll(() => other.getByTestId('status').textContent())
      .toMatch(/^Opened the experiment of a link/);
    expect(other.url()).toBe(server.url);
    expect(await other.getByTestId('frame').textContent()).toBe(frame);
    expect(await other.getByTestId('sub-step').textContent()).toBe(subStep);
    expect(await panelsShown(other)).toEqual(panels);
    expect(await other.getByTestId('lesson-of').textContent()).toBe(lesson);
    await other.getByTestId('dirty').waitFor();
    // The same experiment and view: its own link says so.
    const again = decodeLink(await copyLink(other), EN);
    expect(again).toEqual(sent);
    await other.keyboard.press('Escape');
    // One undoable edit: Undo brings back the experiment it replaced.
    await other.locator('footer').click();
    await other.keyboard.press('Control+z');
    await other.getByTestId('share-button').click();
    await other.getByTestId('share-file.copyLink').click();
    const before = decodeLink(await other.getByTestId('link-field').inputValue(), EN);
    expect(before.ok && before.experiment).toEqual(DEFAULT_EXPERIMENT);
    await other.keyboard.press('Escape');
    expect(otherProblems).toEqual([]);
    await fresh.close();
    expect(problems).toEqual([]);
  }, 240_000);

  it('opens nothing from a hostile or damaged link, and says why', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await fresh.newPage();
    await p.goto(`${server.url}#v1.@@@@`);
    await appReady(p);
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('This link cannot be opened');
    expect(await p.getByTestId('dialog-problems').textContent()).toContain('not base64url text');
    await p.screenshot({ path: join(shots, 'share-bad-link.png') });
    await p.keyboard.press('Escape');
    expect(await p.getByTestId('dirty').count()).toBe(0);
    // Open Link… with a pasted link that is too long, then one of another version.
    for (const [text, message] of [
      [`${server.url}#v1.${'A'.repeat(9000)}`, 'limited to 8000'],
      [`${server.url}#v9.AAAA`, 'link version 9'],
    ]) {
      await p.getByTestId('share-button').click();
      await p.getByTestId('share-file.openLink').click();
      await p.getByTestId('open-link-field').fill(text);
      await p.keyboard.press('Enter');
      await p.getByTestId('dialog-problems').waitFor();
      expect(await p.getByTestId('dialog-problems').textContent()).toContain(message);
      await p.keyboard.press('Escape');
    }
    expect(await p.getByTestId('dirty').count()).toBe(0);
    await fresh.close();
  }, 240_000);

  it('shows the Share menu and the dialog at every size, theme and language', async () => {
    for (const lang of ['en', 'zh-CN']) {
      await page.getByTestId('language').selectOption(lang);
      for (const theme of ['light', 'dark']) {
        await page.locator('header label.theme select').first().selectOption(theme);
        for (const [w, h] of SIZES) {
          await page.setViewportSize({ width: w, height: h });
          await page.getByTestId('share-button').click();
          const menu = page.getByRole('menu');
          await menu.waitFor();
          const box = (await menu.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(w);
          await page.screenshot({ path: join(shots, `share-menu-${w}-${theme}-${lang}.png`) });
          await page.getByTestId('share-file.exportCode').click();
          await page.getByRole('dialog').waitFor();
          await page.screenshot({ path: join(shots, `share-code-${w}-${theme}-${lang}.png`) });
          await page.keyboard.press('Escape');
          expect(await page.getByRole('dialog').count()).toBe(0);
          await copyLink(page);
          await page.screenshot({ path: join(shots, `share-link-${w}-${theme}-${lang}.png`) });
          await page.keyboard.press('Escape');
          await page.getByTestId('share-button').click();
          await page.getByTestId('share-file.openLink').click();
          await page.getByTestId('open-link-field').fill('https://example.org/#v1.AAAA');
          await page.screenshot({ path: join(shots, `share-open-${w}-${theme}-${lang}.png`) });
          await page.keyboard.press('Escape');
          expect(await page.getByRole('dialog').count()).toBe(0);
        }
      }
    }
    await page.getByTestId('language').selectOption('en');
    await page.locator('header label.theme select').first().selectOption('system');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(problems).toEqual([]);
  }, 400_000);
});
