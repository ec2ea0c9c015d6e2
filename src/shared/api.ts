/**
 * The bridge between the renderer and the platform it runs on. The renderer
 * only ever sees this interface: the Electron preload implements it over IPC,
 * and a plain web page implements it with browser APIs.
 */

/** IPC channel names, shared by main and preload. */
export const CHANNELS = {
  appInfo: 'app:info',
} as const;

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' in the desktop app, 'web' in a browser. */
  shell: 'electron' | 'web';
  /** Node's process.platform in Electron; 'web' otherwise. */
  platform: string;
}

/** What the preload exposes as `window.sigmoidLab`. */
export interface SigmoidLabBridge {
  appInfo(): Promise<AppInfo>;
}
