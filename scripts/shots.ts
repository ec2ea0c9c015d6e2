/**
 * What the screenshot scripts share: where they write, the window sizes, colour schemes and
 * locales they go through (kept by an environment variable's words), and a Chromium over a static
 * server of the built renderer (`npx electron-vite build` first).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '../test/e2e/browser';
import { serveStatic } from './serve';

const root = resolve(import.meta.dirname, '..');

export const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** One window to photograph in: its tag (e.g. `900x600-light-en-US`) names its files. */
export interface Configuration {
  tag: string;
  viewport: { width: number; height: number };
  colorScheme: 'light' | 'dark';
  locale: string;
}

/**
 * Every size, scheme and locale whose tag contains one of the comma-separated words of the
 * environment variable `only` (all of them where it is unset).
 */
export function configurations(only: string): Configuration[] {
  const words = process.env[only]?.split(',');
  const all: Configuration[] = [];
  for (const viewport of SIZES)
    for (const colorScheme of ['light', 'dark'] as const)
      for (const locale of ['en-US', 'zh-CN']) {
        const tag = `${viewport.width}x${viewport.height}-${colorScheme}-${locale}`;
        if (!words || words.some((w) => tag.includes(w))) all.push({ tag, viewport, colorScheme, locale });
      }
  return all;
}

/** The folder the shots go to: the command line's first argument, or test-results/`name`. */
export function shotsDir(name: string): string {
  return resolve(process.argv[2] ?? join(root, 'test-results', name));
}

/** Makes `out`, runs `shoot` with a Chromium and the URL of the built renderer, then closes both. */
export async function withBrowser(
  out: string,
  shoot: (browser: Browser, url: string) => Promise<void>,
): Promise<void> {
  const chromium = findChromium();
  if (chromium === null) throw new Error('no Chromium');
  await mkdir(out, { recursive: true });
  const server = await serveStatic(resolve(root, 'out/renderer'));
  const browser = await launchChromium(chromium);
  try {
    await shoot(browser, server.url);
  } finally {
    await browser.close();
    await server.close();
  }
}
