/**
 * The platform the renderer runs on, behind one interface: the Electron bridge
 * when the preload provided it, browser APIs otherwise. Nothing else in the
 * renderer knows which one it has.
 */
import type { AppInfo, SigmoidLabBridge } from '../../shared/api';

export type Platform = SigmoidLabBridge;

export function browserPlatform(): Platform {
  return {
    appInfo: async (): Promise<AppInfo> => ({
      name: 'Sigmoid Lab',
      version: __APP_VERSION__,
      shell: 'web',
      platform: 'web',
    }),
  };
}

export function detectPlatform(w: Window = window): Platform {
  return w.sigmoidLab ?? browserPlatform();
}
