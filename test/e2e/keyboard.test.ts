/**
 * The keyboard and the screen reader in Chromium: the core loop without a mouse (skip link,
 * play and pause announced, a value typed character by character without an error on the
 * way), focus where it belongs (lessons, Escape, dialogs, exports), the keyboard's ways to
 * select an example, start training on the loss surface and pick a chain edge, the drawings
 * described as they change, reduced motion and forced colours, and the language everywhere
 * (restore message, date, window title).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

/** What has the focus: its test id, id or text. */
const FOCUSED = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  return a.getAttribute('data-testid') || a.id || a.textContent.trim().slice(0, 40);
})()`;

describe.skipIf(chromiumPath === null)('keyboard, focus and screen readers in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(opts: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__saved = [];
      w.showSaveFilePicker = async (o: { suggestedName: string }) => ({
        name: o.suggestedName,
        createWritable: async () => ({
          write: async () => undefined,
          close: async () => void (w.__saved as unknown[]).push(o.suggestedName),
        }),
      });
    });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    return { page, problems, context };
  }

  const focused = (page: Page) => page.evaluate(FOCUSED) as Promise<string>;

  it('the core loop from the keyboard: skip link, play and pause announced, a value typed without an error on the way', async () => {
    const { page, problems, context } = await open();
    // The first Tab stop is the skip link; it leads to the transport.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to the playback controls');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('play');
    await page.keyboard.press('Space');
    const said = page.getByTestId('playback-announcement');
    await expect.poll(() => said.textContent()).toMatch(/^Playing from step \d+$/);
    await page.keyboard.press('Space');
    await expect.poll(() => said.textContent()).toMatch(/^(Paused at step|Played to the end, step) \d+$/);
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('frame').textContent()).toBe('0');
    // The drawings say what they show, and follow the frame (at a reading pace).
    const view = page.getByRole('img', { name: /^Data view of sigmoid \+ NLL\. / });
    await expect.poll(() => view.getAttribute('aria-label')).toMatch(/step 0 of 300: J = [\d.]+, accuracy/);
    await page.keyboard.press('End');
    await expect
      .poll(() => view.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/step 300 of 300: J = 0\.0\d+, accuracy 1, boundary at x = /);
    expect(
      await page.getByRole('img', { name: /^Chain rule of clipped \+ NLL/ }).getAttribute('aria-label'),
    ).toMatch(/f′\(z\) = 0/);

    // Typing 0.05 character by character: nothing is said until the value is complete, then it applies.
    await page.evaluate(() => {
      const w = window as unknown as { __errors: string[] };
      w.__errors = [];
      new MutationObserver(() => {
        for (const e of document.querySelectorAll('[data-testid$="-errors"]'))
          w.__errors.push(e.textContent!);
      }).observe(document.body, { childList: true, subtree: true });
    });
    const lr = page.getByTestId('learning-rate');
    await lr.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('0.05', { delay: 80 });
    await expect.poll(() => page.getByTestId('status-row-0').count()).toBe(1);
    const hidden = page.getByTestId('hidden');
    await hidden.focus();
    await page.keyboard.type('4,4', { delay: 80 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    expect(await hidden.inputValue()).toBe('4,4');
    await expect
      .poll(() => page.locator('.note').filter({ hasText: 'network' }).first().textContent())
      .toMatch(/1–4–4–1/);
    // A value that is complete and wrong is said, for a person, once the field is left.
    await lr.fill('0');
    await lr.press('Tab');
    await expect
      .poll(() => page.getByTestId('learning-rate-errors').textContent())
      .toMatch(/^Learning rate must be above 0 and at most 1,000,000\s*optimizer\.learningRate$/);
    await page.screenshot({ path: join(shots, 'keyboard-refused.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('focus: a lesson takes it, Escape gives it back; dialogs and exports give it back', async () => {
    const { page, problems, context } = await open();
    await page.getByTestId('welcome-start').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('lesson-title');
    // The next Tab is in the lesson, not in the Data panel.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="lesson"]'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('lesson').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('lessons-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('lesson-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('lessons-button');

    // A dialog gives the focus back; so does an export, once it is done.
    const exportButton = page.getByRole('button', { name: 'Export…' });
    await exportButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe('Export…');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    // The dialog's own Export button has the focus.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null))
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 30_000 })
      .toMatch(/^Exported /);
    expect(await focused(page)).toBe('Export…');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('the keyboard selects an example, starts training on the loss surface and picks a chain edge', async () => {
    const { page, problems, context } = await open();
    await page.getByTestId('welcome').getByRole('button', { name: 'Not now' }).click();
    await page.keyboard.press('End');
    // A data view: arrows select, Escape clears.
    const view = page.getByRole('img', { name: /^Data view of sigmoid \+ NLL/ });
    await view.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('selected').textContent()).toMatch(/^Selected example 0 /);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('selected').textContent()).toMatch(/^Selected example 39 /);
    await expect
      .poll(() => view.getAttribute('aria-label'), { timeout: 5000 })
      .toMatch(/Selected example 39: y = /);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('selected').count()).toBe(0);
    // A chain diagram: arrows go from edge to edge, Enter shows the loss surface over that parameter.
    const chain = page.getByRole('img', { name: /^Chain rule of sigmoid \+ MSE/ });
    await chain.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByTestId('chain-edge-1').textContent())
      .toMatch(/: Enter shows the loss surface/);
    await page.screenshot({ path: join(shots, 'keyboard-chain-edge.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Loss surface over /);
    await page.getByTestId('panel-surface').waitFor();
    // The loss surface: arrows move a point, Enter starts training there.
    const surface = page.getByRole('img', { name: /^Loss surface of sigmoid \+ NLL/ });
    await expect.poll(() => page.getByTestId('surface-size-2').count(), { timeout: 20_000 }).toBe(1);
    await surface.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('surface-tooltip').textContent()).toMatch(/J = /);
    await page.screenshot({ path: join(shots, 'keyboard-surface-point.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/^Training starts at /);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('reduced motion: sub-steps jump unless asked to sweep; forced colours keep the marks', async () => {
    const { page, problems, context } = await open({ reducedMotion: 'reduce' });
    await page.keyboard.press('.');
    const sweep = page.getByTestId('animate');
    await sweep.waitFor();
    expect(await sweep.isChecked()).toBe(false);
    await sweep.check();
    expect(await sweep.isChecked()).toBe(true);
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await page.locator('.phase .on').evaluate((e) => getComputedStyle(e).borderStyle)).toBe('solid');
    await page.getByTestId('welcome-start').click();
    await page.getByTestId('lesson').waitFor();
    expect(await page.locator('.dot.on').evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');
    await page.screenshot({ path: join(shots, 'keyboard-forced-colors.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('the language everywhere: the restore message and its date, and the window title', async () => {
    const { page, problems, context } = await open({ locale: 'en-US' });
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByTestId('steps').fill('200');
    await expect.poll(() => page.title()).toBe('未命名 • — Sigmoid Lab');
    await page.waitForTimeout(3500);
    await page.reload();
    await appReady(page);
    const status = page.getByTestId('status');
    await expect
      .poll(() => status.textContent())
      .toMatch(/^已恢复您在 \d{4}年\d{1,2}月\d{1,2}日 [\d:]+ 对 未命名 所做的未保存更改$/);
    await expect.poll(() => page.title()).toBe('未命名 • — Sigmoid Lab');
    // It follows a change of language too.
    await page.getByTestId('language').selectOption('en');
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Restored your unsaved changes to Untitled from [A-Z][a-z]{2} \d/);
    await expect.poll(() => page.title()).toBe('Untitled • — Sigmoid Lab');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
