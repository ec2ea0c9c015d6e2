import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

describe.skipIf(chromiumPath === null)('the app in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let dir: string;

  beforeAll(async () => {
    server = await serveStatic(resolve(root, 'out/renderer'));
    browser = await launchChromium(chromiumPath!);
    await mkdir(shots, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'sigmoid-lab-e2e-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh page; `withoutPicker` removes the File System Access API so saves download. */
  async function open(
    opts: { scheme?: 'light' | 'dark'; withoutPicker?: boolean; fakePicker?: boolean } = {},
  ) {
    const context = await browser.newContext({
      viewport: { width: 1200, height: 760 },
      colorScheme: opts.scheme ?? 'light',
      acceptDownloads: true,
    });
    if (opts.withoutPicker)
      await context.addInitScript(
        () => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker,
      );
    if (opts.fakePicker) {
      await context.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        w.__saved = [];
        w.showSaveFilePicker = async (o: { suggestedName: string }) => ({
          name: o.suggestedName,
          createWritable: async () => {
            let text = '';
            return {
              write: async (b: Blob) => void (text = await b.text()),
              close: async () => void (w.__saved as unknown[]).push({ name: o.suggestedName, text }),
            };
          },
        });
      });
    }
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await expect
      .poll(() => page.locator('footer .version').textContent())
      .toMatch(/Sigmoid Lab \d+\.\d+\.\d+/);
    return { page, problems, context };
  }

  /** Shows the experiment file panel (hidden by default) and returns its text box. */
  async function fileEditor(page: Page) {
    const editor = page.getByRole('textbox', { name: 'Experiment file (JSON)' });
    if ((await editor.count()) === 0) await page.getByRole('button', { name: 'Experiment file' }).click();
    return editor;
  }

  async function chooseFile(page: Page, name: string, content: string): Promise<void> {
    const path = join(dir, name);
    await writeFile(path, content);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open…' }).click();
    await (await chooser).setFiles(path);
  }

  const variants = (page: Page) =>
    page.locator('[data-testid^="data-view-"] figcaption .name').allTextContents();

  it('starts with the default story, and shows it in both themes without errors', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, problems, context } = await open({ scheme });
      expect(await page.title()).toBe('Untitled — Sigmoid Lab');
      expect(await page.getByTestId('doc-title').textContent()).toBe('Untitled');
      await expect
        .poll(() => variants(page))
        .toEqual(['clipped + NLL', 'sigmoid + MSE', 'sigmoid + NLL', 'softmax + NLL']);
      await fileEditor(page);
      expect(await page.getByText('Valid experiment.').count()).toBe(1);
      await page.screenshot({ path: resolve(shots, `shell-${scheme}.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }
  });

  it('opens an experiment through the file input', async () => {
    const { page, context } = await open();
    const text = await readFile(resolve(root, 'examples/moons-hidden.sigmoidlab.json'), 'utf8');
    await chooseFile(page, 'moons.sigmoidlab.json', text);
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('moons.sigmoidlab.json');
    await expect.poll(() => variants(page)).toEqual(['tanh hidden', 'sigmoid hidden', 'relu hidden']);
    expect(await page.getByTestId('status').textContent()).toBe('Opened moons.sigmoidlab.json');
    expect(await page.title()).toBe('moons.sigmoidlab.json — Sigmoid Lab');
    await context.close();
  });

  it('refuses a dropped experiment over the size cap unread, saying its size and the cap', async () => {
    const { page, context } = await open();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      // 65 MiB of zeros: one MiB over the cap of an experiment file.
      dt.items.add(new File([new ArrayBuffer(65 * 2 ** 20)], 'huge.sigmoidlab.json'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    });
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('h2').textContent()).toBe('Could not open the file');
    expect(await page.getByTestId('dialog-problems').locator('li').allTextContents()).toEqual([
      'huge.sigmoidlab.json is 65.0 MiB; an experiment file is at most 64.0 MiB.',
    ]);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('doc-title').textContent()).not.toBe('huge.sigmoidlab.json');
    await context.close();
  });

  it('shows every problem of a bad file and keeps the current experiment', async () => {
    const { page, context } = await open();
    const bad = {
      version: 1,
      data: { kind: 'line', n: 0 },
      model: { hidden: [], output: 'sigmod' },
      loss: 'nll',
      optimizer: { learningRate: -1 },
      steps: 5,
    };
    await chooseFile(page, 'bad.sigmoidlab.json', JSON.stringify(bad));
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('h2').textContent()).toBe(
      'bad.sigmoidlab.json is not a valid experiment; nothing was changed',
    );
    const items = await page.getByTestId('dialog-problems').locator('li').allTextContents();
    expect(items).toContain(
      'model.output: expected one of linear, clipped, sigmoid, softmax, {"name", "f"}, got "sigmod"',
    );
    expect(items).toContain('data.n: expected an integer 1..20000, got 0');
    expect(items).toContain('optimizer.learningRate: expected a finite number > 0 and ≤ 1000000, got -1');
    await page.screenshot({ path: resolve(shots, 'shell-bad-file.png') });
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await page.getByTestId('doc-title').textContent()).toBe('Untitled');
    expect(await variants(page)).toHaveLength(4);
    await chooseFile(page, 'broken.json', '{"version": 1,');
    await expect.poll(() => page.getByTestId('dialog-problems').textContent()).toMatch(/not valid JSON/);
    await context.close();
  });

  it('saves as a download when the File System Access API is missing', async () => {
    const { page, context } = await open({ withoutPicker: true });
    const editor = await fileEditor(page);
    const text = (await editor.inputValue()).replace('"steps": 300', '"steps": 120');
    await editor.fill(text);
    await expect.poll(() => page.getByTestId('dirty').count()).toBe(1);
    expect(await page.title()).toBe('Untitled • — Sigmoid Lab');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const d = await download;
    expect(d.suggestedFilename()).toBe('Untitled.sigmoidlab.json');
    expect(await readFile((await d.path())!, 'utf8')).toBe(text);
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('Untitled.sigmoidlab.json');
    expect(await page.getByTestId('dirty').count()).toBe(0);
    await context.close();
  });

  it('saves through the File System Access API, back to the same file', async () => {
    const { page, context } = await open({ fakePicker: true });
    const editor = await fileEditor(page);
    await editor.fill((await editor.inputValue()).replace('"seed": 1', '"seed": 5'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Saved Untitled.sigmoidlab.json');
    await editor.fill((await editor.inputValue()).replace('"seed": 5', '"seed": 6'));
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __saved: unknown[] }).__saved.length))
      .toBe(2);
    const saved = await page.evaluate(
      () => (window as unknown as { __saved: { name: string; text: string }[] }).__saved,
    );
    expect(saved[1].name).toBe('Untitled.sigmoidlab.json');
    expect(JSON.parse(saved[1].text).seed).toBe(6);
    await context.close();
  });

  it('refuses to save an invalid experiment and says why', async () => {
    const { page, context } = await open({ withoutPicker: true });
    const editor = await fileEditor(page);
    await editor.fill((await editor.inputValue()).replace('"learningRate": 0.5', '"learningRate": 0'));
    await expect.poll(() => page.getByTestId('problems').textContent()).toMatch(/optimizer.learningRate/);
    // The last valid experiment is still shown.
    expect(await page.getByTestId('learning-rate').inputValue()).toBe('0.5');
    await page.keyboard.press('Control+s');
    await expect
      .poll(() => page.getByRole('dialog').locator('h2').textContent())
      .toBe('Fix these problems before saving');
    await context.close();
  });

  it('asks about unsaved changes before New, and Cancel keeps them', async () => {
    const { page, context } = await open();
    const editor = await fileEditor(page);
    await editor.fill((await editor.inputValue()).replace('"steps": 300', '"steps": 10'));
    await page.getByRole('button', { name: 'New' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('h2').textContent()).toBe('Save the changes to Untitled?');
    await page.screenshot({ path: resolve(shots, 'shell-unsaved.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await editor.inputValue()).toContain('"steps": 10');
    await page.getByRole('button', { name: 'New' }).click();
    await dialog.getByRole('button', { name: "Don't Save" }).click();
    await expect.poll(() => editor.inputValue()).toContain('"steps": 300');
    expect(await page.getByTestId('doc-title').textContent()).toBe('Untitled');
    await context.close();
  });

  it('autosaves and restores the work after a reload, and says so', async () => {
    const { page, context } = await open();
    const editor = await fileEditor(page);
    await editor.fill((await editor.inputValue()).replace('"steps": 300', '"steps": 77'));
    await page.getByLabel('Theme').selectOption('dark');
    const autosaved = () =>
      page.evaluate(() => {
        const v = JSON.parse(localStorage.getItem('sigmoid-lab:autosave') ?? 'null') as {
          text: string;
        } | null;
        if (!v) return '';
        const saved = JSON.parse(v.text) as { document: { text: string }; view?: { theme?: string } };
        return `${saved.view?.theme ?? ''} ${saved.document.text}`;
      });
    // Both the edit and the theme must be in the autosave before the reload.
    await expect.poll(autosaved, { timeout: 8000 }).toMatch(/^dark [^]*"steps": 77/);
    await page.reload();
    // The restore message follows the page's start-up: allow for a busy machine.
    await expect
      .poll(() => page.getByTestId('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Restored your unsaved changes to Untitled from /);
    expect(await editor.inputValue()).toContain('"steps": 77');
    expect(await page.getByTestId('dirty').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.screenshot({ path: resolve(shots, 'shell-restored.png') });
    await context.close();
  });
});

describe.skipIf(chromiumPath === null)('the simulation worker in Chromium', () => {
  it('trains every variant off the UI thread under the strict CSP and shows each loss', async () => {
    const server = await serveStatic(resolve(root, 'out/renderer'));
    const browser = await launchChromium(chromiumPath!);
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
      const problems = collectProblems(page);
      await page.goto(server.url);
      // At the last frame, each variant's J (as the status panel shows it, 4 digits).
      await page.keyboard.press('End');
      const losses = page.locator('[data-testid^="loss-"]');
      await expect
        .poll(() => losses.allTextContents(), { timeout: 15_000 })
        .toEqual(['100', '0.5038', '0.04657', '0.02529']);
      // With two cores or more, two simulation workers share the variants; the numbers are the same.
      const cores = (await page.evaluate('navigator.hardwareConcurrency')) as number;
      const simWorkers = page.workers().filter((w) => /simulation\.worker/.test(w.url()));
      expect(simWorkers).toHaveLength(Math.min(2, Math.max(1, cores)));
      // An edit re-runs from the start; the frame number is kept where it still exists.
      await page.getByTestId('steps').fill('50');
      await expect.poll(() => page.getByTestId('frame').textContent()).toBe('50');
      await expect.poll(() => losses.nth(2).textContent(), { timeout: 15_000 }).toMatch(/^0\.31[45]/);
      // Each data view describes what it shows now (read about once a second), the step among it.
      const views = page.locator('[role="img"][aria-label*="step 50 of 50: J = "]');
      await expect.poll(() => views.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
      await page.screenshot({ path: resolve(shots, 'shell-trained.png') });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
