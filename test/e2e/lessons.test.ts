/**
 * The lessons and the two languages in Chromium: a first launch offers the
 * lessons; all nine are walked in English and in 简体中文 (each loads its
 * experiment, points at its panels, runs its "try this"), with screenshots;
 * no text overflows or is missing (no raw keys, no unfilled placeholders);
 * progress is remembered; View › Language switches everything at once.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { parseExperimentJson, validateExperiment } from '../../src/core/validate';
import { formatNumber } from '../../src/i18n';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { LESSONS, predictionOf, sceneOf } from '../../src/lessons/lessons';
import { appReady, chromiumOrSkip, collectProblems, launchChromium } from './browser';

const root = resolve(import.meta.dirname, '../..');
const shots = resolve(root, 'test-results/screenshots');
const chromiumPath = chromiumOrSkip();

/** Text a person sees that is wrong: a catalogue key, an unfilled placeholder, or clipped content. */
const PAGE_PROBLEMS = `(() => {
  const out = [];
  const text = document.body.innerText;
  const key = text.match(/\\b(?:app|menu|editor|lesson\\d|lessons|studio|export|transport|panel|status|draw|v|io)\\.[a-zA-Z]+\\b/);
  if (key) out.push('raw key: ' + key[0]);
  const ph = text.match(/\\{[a-zA-Z]+\\}/);
  if (ph) out.push('placeholder: ' + ph[0]);
  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page wider than the window');
  for (const el of document.querySelectorAll('header button, nav button, .lesson h2, .lesson p, .lesson button, .transport label, footer span')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
      out.push('overflow: ' + el.tagName + ' ' + el.textContent.slice(0, 40));
  }
  return out;
})()`;

/** Every catalogue key: none may be read on the page, in its text or its labels and titles. */
const KEYS = Object.keys(en).map((k) => ({
  key: k,
  re: new RegExp(`(?:^|[^\\w.])${k.replace(/\./g, '\\.')}(?:$|[^\\w])`),
}));
const PAGE_WORDS = `(() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')]
  .flatMap((e) => ['aria-label', 'title', 'alt', 'placeholder'].map((a) => e.getAttribute(a) ?? ''))].join('\\n'))()`;
async function rawKeys(page: Page): Promise<string[]> {
  const words = (await page.evaluate(PAGE_WORDS)) as string;
  return KEYS.filter(({ re }) => re.test(words)).map(({ key }) => key);
}

describe.skipIf(chromiumPath === null)('lessons and languages in Chromium', () => {
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

  async function open(locale: string, viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, locale });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    return { page, problems, context };
  }

  async function walk(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
    const c = lang === 'en' ? en : zhCN;
    // A first launch offers the lessons.
    await expect.poll(() => page.getByTestId('welcome').innerText()).toContain(c['lessons.welcome']);
    await page.screenshot({ path: join(shots, `lessons-${lang}-welcome.png`) });
    await page.getByTestId('welcome-start').click();
    for (const [i, lesson] of LESSONS.entries()) {
      const section = page.getByTestId('lesson');
      await expect.poll(() => section.locator('h2').innerText()).toBe(c[lesson.title]);
      expect(await page.getByTestId('lesson-of').innerText()).toBe(
        c['lessons.of'].replace('{n}', String(i + 1)).replace('{total}', String(LESSONS.length)),
      );
      // It opens at its beginning, not scrolled where the lesson before was left.
      expect(await page.getByTestId('lesson-body').evaluate((e) => e.scrollTop)).toBe(0);
      // The lesson's experiment is the document: its variants are the studio's.
      const names = (lesson.experiment.variants ?? []).map((v) => v.name!);
      const views = lesson.panels.includes('data')
        ? '[data-testid^="data-view-"] .name'
        : 'figure[data-testid^="chain-"] .name';
      await expect.poll(() => page.locator(views).allInnerTexts(), { timeout: 20_000 }).toEqual(names);
      // Its panels are shown and outlined.
      for (const p of lesson.panels)
        await expect.poll(() => page.getByTestId(`panel-${p}`).getAttribute('class')).toMatch(/highlight/);
      // Formulas are typeset (MathML), paragraphs too.
      expect(await section.locator('math').count()).toBeGreaterThan(lesson.formulas.length);
      // Its own scene, whatever the lesson before left: frame, sub-steps, panels in view.
      await expectScene(page, i);
      // Predict, then play: a guess, the try runs, and the numbers say whether it was right.
      const prediction = predictionOf(lesson)!;
      expect(await page.getByTestId('predict').innerText()).toContain(c[prediction.question]);
      await page.getByTestId('answer-0').click();
      await expect.poll(() => page.getByTestId('verdict-word').count(), { timeout: 60_000 }).toBe(1);
      const verdict = await page.getByTestId('verdict').innerText();
      expect(verdict).toContain(c['lessons.yourGuess'].replace('{answer}', c[prediction.answers[0]]));
      const wrong = c['lessons.wrong'].split('{')[0];
      expect(verdict.includes(c['lessons.right']) || verdict.includes(wrong)).toBe(true);
      expect(await page.getByTestId('verdict-detail').innerText()).toMatch(/\d/);
      await expectPanelsInView(page, i);
      expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
      expect(await rawKeys(page)).toEqual([]);
      await page.screenshot({ path: join(shots, `lessons-${lang}-${i + 1}.png`) });
      // Played to its end with sub-steps on: the next lesson must not inherit any of it.
      await page.locator('.transport label.sub input').check();
      await page.locator('.transport').getByRole('button', { name: c['transport.end'], exact: true }).click();
      const steps = lesson.experiment.steps;
      await expect.poll(() => page.getByTestId('frame').innerText()).toBe(formatNumber(lang, steps));
      expect(await page.locator('.transport label.sub input').isChecked()).toBe(true);
      if (i < LESSONS.length - 1) await page.getByTestId('lesson-next').click();
    }
    await page.getByTestId('lesson-finish').click();
    expect(await page.getByTestId('lesson').count()).toBe(0);
    // After the last lesson: the experiments as files, and the argument on one page.
    await expect.poll(() => page.getByTestId('lessons-done').innerText()).toContain(c['lessons.done']);
    expect(await page.locator('[data-testid^="lesson-save-"]').count()).toBe(LESSONS.length);
    await page.getByTestId('lessons-summary').click();
    const summary = page.getByTestId('summary');
    await expect.poll(() => summary.innerText()).toContain(c['summary.9']);
    expect(await summary.locator('math').count()).toBeGreaterThanOrEqual(
      LESSONS.reduce((n, l) => n + l.formulas.length, 0),
    );
    expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
    expect(await rawKeys(page)).toEqual([]);
    await page.screenshot({ path: join(shots, `lessons-${lang}-summary.png`) });
    await page.keyboard.press('Escape');
    await page.getByTestId('lesson-open-3').click();
    await expect
      .poll(() => page.locator('figure[data-testid^="chain-"] .name').allInnerTexts(), { timeout: 20_000 })
      .toEqual(LESSONS[3].experiment.variants!.map((v) => v.name!));
  }

  /** The lesson's frame and sub-step mode, and exactly its panels shown, in view. */
  async function expectScene(page: Page, i: number): Promise<void> {
    const scene = sceneOf(LESSONS[i]);
    await expect.poll(() => page.getByTestId('frame').innerText()).toBe(String(scene.step));
    expect(await page.locator('.transport label.sub input').isChecked()).toBe(scene.subSteps);
    // With sub-steps, the scene's phase is the one marked (forward, loss, backward, update).
    if (scene.subSteps)
      expect(
        await page
          .getByTestId('sub-step')
          .locator('span')
          .evaluateAll((els) => els.findIndex((e) => e.classList.contains('on'))),
      ).toBe(scene.phase);
    // The chain diagram's example or mean is the scene's, not what the lesson before chose.
    if (LESSONS[i].panels.includes('chain'))
      expect(await page.getByTestId('chain-mode').inputValue()).toBe(scene.chain);
    const shown = await page
      .locator('[data-testid^="panel-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('panel-'.length)));
    expect(shown.sort()).toEqual([...LESSONS[i].panels].sort());
    await expectPanelsInView(page, i);
  }

  /**
   * What of the lesson's named panels is not in the workspace's visible part (the window less the
   * header, the transport and the footer): with `whole`, each panel's box; else each of its drawings
   * (every canvas: every variant's view), and the whole of a panel that has none (the status table).
   */
  async function outOfView(page: Page, i: number, whole: boolean): Promise<string[]> {
    await page.waitForTimeout(800);
    const ws = (await page.locator('.workspace').boundingBox())!;
    const top = ws.y;
    const bottom = Math.min(ws.y + ws.height, page.viewportSize()!.height);
    const right = ws.x + ws.width;
    const out: string[] = [];
    for (const p of LESSONS[i].panels) {
      const panel = page.getByTestId(`panel-${p}`);
      // A spare panel the scene left out to fit a small window, saying so, with a button that shows it.
      const shown = (await panel.count()) === 1;
      if (
        !shown &&
        sceneOf(LESSONS[i]).spare.includes(p) &&
        (await page.getByTestId(`spared-${p}`).count()) === 1
      )
        continue;
      const box = shown ? await panel.boundingBox() : null;
      if (!box) {
        out.push(`${p}: not shown`);
        continue;
      }
      const canvases = whole ? [] : await panel.locator('canvas').all();
      const parts =
        canvases.length === 0
          ? [{ what: p, box }]
          : await Promise.all(
              canvases.map(async (c, k) => ({ what: `${p} drawing ${k + 1}`, box: await c.boundingBox() })),
            );
      for (const { what, box: b } of parts) {
        if (!b) out.push(`${what}: no box`);
        else if (
          b.y < top - 0.5 ||
          b.y + b.height > bottom + 0.5 ||
          b.x < ws.x - 0.5 ||
          b.x + b.width > right + 0.5
        )
          out.push(
            `${what}: ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)} outside ` +
              `${Math.round(ws.x)},${Math.round(top)} → ${Math.round(right)},${Math.round(bottom)}`,
          );
      }
    }
    return out;
  }

  /**
   * The chain diagrams whose text a person sees smaller than 12 CSS px (issue 15's rule): the
   * layout's font size times the drawing's zoom (its canvas's CSS width over the width it was laid
   * out for). A diagram not drawn yet, or whose layout is not recorded, counts as too small.
   */
  async function smallChainText(page: Page): Promise<string[]> {
    const sizes = await page.locator('[data-testid^="chain-layout-"]').evaluateAll((els) =>
      els.map((e) => {
        const lay = JSON.parse(e.getAttribute('data-layout') || 'null') as {
          width: number;
          fontPx: number;
        } | null;
        const canvas = e.querySelector('canvas');
        const px = lay && canvas ? (lay.fontPx * canvas.getBoundingClientRect().width) / lay.width : NaN;
        return [e.getAttribute('data-testid')!, px] as const;
      }),
    );
    return sizes.filter(([, px]) => !(px >= 12 - 1e-6)).map(([id, px]) => `${id}: ${px.toFixed(1)} px`);
  }

  /** Every panel the lesson names is wholly in the workspace's visible part (at 1280×800). */
  async function expectPanelsInView(page: Page, i: number): Promise<void> {
    expect(await outOfView(page, i, true), `lesson ${i + 1}`).toEqual([]);
  }

  it('walks the nine lessons in English', async () => {
    const { page, problems, context } = await open('en-US');
    await walk(page, 'en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(problems).toEqual([]);
    await context.close();
    // Eight experiments trained and drawn in turn: slow on a busy machine.
  }, 240_000);

  it('walks the nine lessons in 简体中文, the language following the browser’s locale', async () => {
    const { page, problems, context } = await open('zh-CN');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.app > header nav').innerText()).toContain('另存为…');
    await walk(page, 'zh-CN');
    // The studio speaks Chinese too: transport, panels, canvases' labels.
    expect(await page.locator('.transport').innerText()).toContain('速度');
    expect(await page.getByTestId('panel-curves').locator('h2').innerText()).toBe('曲线');
    expect(await page.getByRole('img', { name: /^曲线：损失、准确率/ }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  /** A lesson that names the chain diagram shows at least one, its text at 12 CSS px or more. */
  async function expectLegibleChains(page: Page, i: number, what: string): Promise<void> {
    if (!LESSONS[i].panels.includes('chain')) return;
    expect(await page.locator('[data-testid^="chain-layout-"]').count(), what).toBeGreaterThan(0);
    // A diagram first drawn while the try plays records its layout once the frames stop.
    await expect.poll(() => smallChainText(page), { message: what, timeout: 15_000 }).toEqual([]);
  }

  /** What of lesson i's panels is out of view: a drawing, or a panel's box (its border: in Chinese, taller buttons and titles once put it 8 px below). */
  const inView = async (page: Page, i: number): Promise<string[]> => [
    ...(await outOfView(page, i, false)),
    ...(await outOfView(page, i, true)),
  ];

  it('at 900×600 every panel a lesson names and each of its drawings is in view as it opens and after its try, its chain diagrams’ text at 12 px or more, in both languages', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      const { page, problems, context } = await open(locale, { width: 900, height: 600 });
      await page.getByTestId('welcome-start').click();
      for (const [i, lesson] of LESSONS.entries()) {
        await expect.poll(() => page.getByTestId('lesson-of').innerText()).toMatch(String(i + 1));
        await expect.poll(() => page.getByTestId('frame').innerText()).toBe(String(sceneOf(lesson).step));
        await page.waitForTimeout(1200);
        // The scene fits itself as its drawings settle (slower on a busy machine): until it has.
        await expect
          .poll(() => inView(page, i), {
            message: `${locale} lesson ${i + 1} as it opens`,
            timeout: 15_000,
          })
          .toEqual([]);
        expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
        await expectLegibleChains(page, i, `${locale} lesson ${i + 1} as it opens`);
        await page.screenshot({ path: join(shots, `lessons-900x600-${locale}-${i + 1}.png`) });
        // The guess runs the try; once the numbers answer it, the drawings are still all in view.
        await page.getByTestId('answer-0').click();
        await expect.poll(() => page.getByTestId('verdict-word').count(), { timeout: 60_000 }).toBe(1);
        await page.waitForTimeout(1200);
        // The scene fits itself as its drawings settle (slower on a busy machine): until it has.
        await expect
          .poll(() => inView(page, i), {
            message: `${locale} lesson ${i + 1} after its try`,
            timeout: 15_000,
          })
          .toEqual([]);
        expect(await rawKeys(page)).toEqual([]);
        await expectLegibleChains(page, i, `${locale} lesson ${i + 1} after its try`);
        if (i === 0) {
          // Three diagrams do not fit at 12 px: one at a time, the clipped unit's (the words' subject) first.
          const names = lesson.experiment.variants!.map((v) => v.name!);
          const shown = page.locator('figure[data-testid^="chain-"] .name');
          await expect.poll(() => shown.allInnerTexts()).toEqual([names[sceneOf(lesson).variant]]);
          await page.getByTestId('chain-picker').getByTestId('chain-pick-0').click();
          await expect.poll(() => shown.allInnerTexts()).toEqual([names[0]]);
          await expectLegibleChains(page, i, `${locale} lesson 1, the first variant picked`);
        }
        await page.screenshot({ path: join(shots, `lessons-900x600-${locale}-${i + 1}-tried.png`) });
        if (i < LESSONS.length - 1) await page.getByTestId('lesson-next').click();
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 480_000);

  it('at 900×600 lesson 8 shows its curves with plots of 80 px or more and their x ticks, the surface’s numbers under its plot, and the data view a click away, in both languages', async () => {
    const i = LESSONS.findIndex((l) => l.id === 'separable');
    for (const [locale, c] of [
      ['en-US', en],
      ['zh-CN', zhCN],
    ] as const) {
      const { page, problems, context } = await open(locale, { width: 900, height: 600 });
      await page.getByTestId('welcome-start').click();
      await page
        .getByRole('button', {
          name: c['lessons.goto'].replace('{n}', String(i + 1)).replace('{title}', c[LESSONS[i].title]),
        })
        .click();
      await expect.poll(() => page.getByTestId('lesson-of').innerText()).toMatch(String(i + 1));
      await page.getByTestId('answer-0').click();
      await expect.poll(() => page.getByTestId('verdict-word').count(), { timeout: 60_000 }).toBe(1);
      await page.waitForTimeout(1200);
      // The curves: four charts, each plot at least 80 CSS px high with its x tick labels.
      const plots = async (): Promise<string[]> => {
        const text = await page
          .getByTestId('panel-curves')
          .locator('[data-plots]')
          .getAttribute('data-plots');
        const ps = JSON.parse(text || '[]') as { metric: string; height: number; xTicks: number }[];
        if (ps.length !== 4) return [`${ps.length} charts`];
        return ps
          .filter((p) => !(p.height >= 80 && p.xTicks >= 2))
          .map((p) => `${p.metric} ${p.height} px, ${p.xTicks} ticks`);
      };
      await expect.poll(plots, { message: `${locale} curves`, timeout: 15_000 }).toEqual([]);
      // The surface: its plot no smaller than 150 px a side, and ‖∇J‖ and the minimum not over it.
      const surface = async (): Promise<string[]> => {
        const text = await page
          .getByTestId('panel-surface')
          .locator('[data-layout]')
          .first()
          .getAttribute('data-layout');
        const lay = JSON.parse(text || 'null') as {
          plot: { x: number; y: number; w: number; h: number };
          texts: { x: number; y: number; w: number; h: number }[];
        } | null;
        if (!lay) return ['not drawn'];
        const { plot } = lay;
        const over = lay.texts.filter(
          (t) => t.x < plot.x + plot.w && plot.x < t.x + t.w && t.y < plot.y + plot.h && plot.y < t.y + t.h,
        );
        return [
          ...(plot.w >= 150 && plot.h >= 150 ? [] : [`plot ${Math.round(plot.w)}×${Math.round(plot.h)}`]),
          ...(lay.texts.length === 2 ? [] : [`${lay.texts.length} lines of numbers`]),
          ...over.map((t) => `text over the plot at ${Math.round(t.x)},${Math.round(t.y)}`),
        ];
      };
      await expect.poll(surface, { message: `${locale} surface`, timeout: 15_000 }).toEqual([]);
      // The data view is left out, saying so; a click shows it, below the others, scrolled to.
      expect(await page.getByTestId('panel-data').count()).toBe(0);
      expect(await page.getByTestId('scene-spared').innerText()).toContain(c['studio.spared']);
      expect(await outOfView(page, i, false)).toEqual([]);
      await page.screenshot({ path: join(shots, `lessons-900x600-${locale}-8-spared.png`) });
      await page.getByTestId('spared-data').click();
      const data = page.getByTestId('panel-data');
      await expect.poll(() => data.count()).toBe(1);
      await expect.poll(() => page.getByTestId('scene-spared').count()).toBe(0);
      await expect
        .poll(async () => {
          const b = (await data.locator('canvas').first().boundingBox())!;
          const ws = (await page.locator('.workspace').boundingBox())!;
          return b.y >= ws.y && b.y + b.height <= ws.y + ws.height;
        })
        .toBe(true);
      await page.screenshot({ path: join(shots, `lessons-900x600-${locale}-8-data.png`) });
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('after the last lesson, “Save as file…” downloads each lesson’s experiment, valid and equal to the lesson’s', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    // Without the File System Access API the web version saves through a download.
    await context.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(server.url);
    await appReady(page);
    await page.getByTestId('welcome-start').click();
    await page
      .getByRole('button', {
        name: en['lessons.goto']
          .replace('{n}', String(LESSONS.length))
          .replace('{title}', en[`lesson${LESSONS.length}.title` as keyof typeof en]),
      })
      .click();
    await page.getByTestId('lesson-finish').click();
    await page.getByTestId('lessons-done').waitFor();
    for (const [i, lesson] of LESSONS.entries()) {
      const download = page.waitForEvent('download');
      await page.getByTestId(`lesson-save-${i}`).click();
      const d = await download;
      expect(d.suggestedFilename()).toBe(`lesson-${i + 1}-${lesson.id}.sigmoidlab.json`);
      const text = await readFile((await d.path())!, 'utf8');
      const parsed = validateExperiment(parseExperimentJson(text));
      expect(parsed.ok, `lesson ${i + 1}: ${parsed.ok ? '' : parsed.errors.join('; ')}`).toBe(true);
      if (parsed.ok) expect(parsed.experiment).toEqual(lesson.experiment);
      await expect
        .poll(() => page.getByTestId('status').innerText())
        .toBe(en['lessons.saved'].replace('{n}', String(i + 1)).replace('{name}', d.suggestedFilename()));
    }
    // The page stays, and the studio still holds the last lesson's experiment (saving opened nothing).
    expect(await page.getByTestId('lessons-done').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('remembers progress, and View › Language switches every string at once', async () => {
    const { page, problems, context } = await open('en-US');
    await page.getByTestId('welcome-start').click();
    await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-next').click();
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('Lesson 3 of 9');
    // A guess, answered by the numbers, is remembered with the progress.
    await page.getByTestId('answer-2').click();
    await expect.poll(() => page.getByTestId('verdict-word').innerText(), { timeout: 30_000 }).toBe('Right.');
    await page.getByTestId('lesson-close').click();
    // The editor, which the lesson took the place of, is back.
    await page.getByTestId('editor').waitFor();
    // Autosave, then a relaunch: the lessons resume where they were; no first-launch offer.
    await page.waitForTimeout(3500);
    await page.reload();
    await appReady(page);
    expect(await page.getByTestId('welcome').count()).toBe(0);
    await page.getByTestId('lessons-button').click();
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('Lesson 3 of 9');
    expect(await page.locator('.dot.seen').count()).toBe(3);
    expect(await page.getByTestId('answer-2').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('verdict-word').innerText(), { timeout: 30_000 }).toBe('Right.');
    // Asked again: no answer chosen, no verdict; a wrong guess is told so, naming the right answer.
    const prediction = predictionOf(LESSONS[2])!;
    await page.getByTestId('reask').click();
    await expect.poll(() => page.getByTestId('verdict').innerText()).toBe('');
    for (let a = 0; a < prediction.answers.length; a++) {
      expect(await page.getByTestId(`answer-${a}`).getAttribute('aria-pressed')).toBe('false');
      expect(await page.getByTestId(`answer-${a}`).isEnabled()).toBe(true);
    }
    await page.getByTestId('answer-0').click();
    await expect
      .poll(() => page.getByTestId('verdict-word').innerText(), { timeout: 30_000 })
      .toBe(en['lessons.wrong'].replace('{answer}', en[prediction.answers[2]]));
    expect(await page.getByTestId('answer-2').getAttribute('class')).toMatch(/\bright\b/);
    await page.getByTestId('reask').click();
    await page.getByTestId('answer-2').click();
    await expect.poll(() => page.getByTestId('verdict-word').innerText(), { timeout: 30_000 }).toBe('Right.');
    // Switch the language: lesson, header, panels, editor and drawings follow.
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('lesson-of').innerText()).toBe('第 3 课，共 9 课');
    expect(await page.locator('.lesson h2').innerText()).toBe(zhCN['lesson3.title']);
    expect(await page.getByTestId('panel-chain').locator('h2').innerText()).toBe(zhCN['panel.chain']);
    expect(await page.getByTestId('verdict-word').innerText()).toBe(zhCN['lessons.right']);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.evaluate(PAGE_PROBLEMS)).toEqual([]);
    await page.screenshot({ path: join(shots, 'lessons-switched-zh-CN.png') });
    // …and it is remembered.
    await page.waitForTimeout(3500);
    await page.reload();
    await appReady(page);
    expect(await page.locator('.app > header nav').innerText()).toContain('另存为…');
    // The lesson open at the autosave is open again; closed, the editor comes back in Chinese.
    await page.getByTestId('lesson-close').click();
    await expect.poll(() => page.getByTestId('editor').innerText()).toContain('学习率 α');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.locator('.app > header nav').innerText()).toContain('Save As…');
    expect(problems).toEqual([]);
    await context.close();
  });
});
