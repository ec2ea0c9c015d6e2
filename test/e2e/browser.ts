/**
 * Real Chromium for the browser tests: Debian's package driven by
 * playwright-core (never `playwright install`, which downloads a browser).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_HELP =
  'Chromium was not found. Install it with `sudo apt-get install chromium` (Debian/Ubuntu), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export function findChromium(): string | null {
  const env = process.env['CHROMIUM_PATH'];
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Under CI=true a missing browser fails the run; elsewhere the browser tests are skipped. */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path === null && process.env['CI'] === 'true') throw new Error(CHROMIUM_HELP);
  if (path === null) console.warn(`Skipping browser tests: ${CHROMIUM_HELP}`);
  return path;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Console errors and warnings and uncaught page errors, collected as they come (a test expects none). */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** Resolves once the app has started (its version is in the footer). */
export async function appReady(page: Page): Promise<void> {
  await page
    .locator('footer .version')
    .filter({ hasText: /Sigmoid Lab \d/ })
    .waitFor();
}
