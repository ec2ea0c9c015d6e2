/** The window's bounds and maximised state, kept between runs in the user-data folder. */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 900, height: 600 };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The saved state if it is sane and at least partly on one of `displays`
 * (a monitor may have been unplugged); otherwise the default.
 */
export async function loadWindowState(userData: string, displays: Rect[]): Promise<WindowState> {
  try {
    const v = JSON.parse(await fs.readFile(join(userData, 'window.json'), 'utf8')) as Record<string, unknown>;
    if (!finite(v.width) || !finite(v.height) || typeof v.maximized !== 'boolean') return DEFAULT_STATE;
    const width = Math.max(MIN_SIZE.width, Math.min(10000, v.width));
    const height = Math.max(MIN_SIZE.height, Math.min(10000, v.height));
    if (!finite(v.x) || !finite(v.y)) return { width, height, maximized: v.maximized };
    const { x, y } = v;
    const visible = displays.some(
      (d) => x < d.x + d.width - 50 && x + width > d.x + 50 && y < d.y + d.height - 50 && y + height > d.y,
    );
    return visible
      ? { x, y, width, height, maximized: v.maximized }
      : { width, height, maximized: v.maximized };
  } catch {
    return DEFAULT_STATE;
  }
}

export async function saveWindowState(userData: string, state: WindowState): Promise<void> {
  await fs.mkdir(userData, { recursive: true });
  await writeFileAtomic(join(userData, 'window.json'), JSON.stringify(state));
}
