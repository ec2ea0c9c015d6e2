/**
 * Fonts for drawing without a browser. The drawings ask for `system-ui,
 * sans-serif`; Chromium resolves it through fontconfig, with a fallback for
 * each missing glyph. Skia in @napi-rs/canvas does not fall back per glyph,
 * so the font Chromium would use is registered under `system-ui`: the
 * system's sans-serif (DejaVu Sans on Debian: θ, ∂, ‖, subscripts). The
 * drawings' font list names CJK fonts next (see draw/theme.ts FONT), which
 * Skia finds among the system's fonts.
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const KNOWN = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  'C:\\Windows\\Fonts\\segoeui.ttf',
];

function fcMatch(pattern: string): string | null {
  try {
    const f = execFileSync('fc-match', ['-f', '%{file}', pattern], { encoding: 'utf8', timeout: 2000 });
    return f && existsSync(f) ? f : null;
  } catch {
    return null;
  }
}

let done = false;

/** Registers the interface fonts under `system-ui` once; returns the files registered. */
export function registerFonts(): string[] {
  if (done) return [];
  done = true;
  const files = [fcMatch('system-ui'), fcMatch('system-ui:bold'), ...KNOWN].filter(
    (f, i, all): f is string => f !== null && existsSync(f) && all.indexOf(f) === i,
  );
  return files.filter((f) => GlobalFonts.registerFromPath(f, 'system-ui') !== null);
}
