import { browserPlatform, type BrowserDialogs } from './browser';
import { electronPlatform } from './electron';
import type { Platform } from './types';

export type { Platform } from './types';

/** The Electron bridge when the preload provided it, the browser otherwise. */
export function detectPlatform(dialogs: BrowserDialogs, w: Window = window): Platform {
  return w.sigmoidLab ? electronPlatform(w.sigmoidLab) : browserPlatform(dialogs, w);
}
