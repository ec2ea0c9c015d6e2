/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { SigmoidLabBridge } from '../../shared/api';

declare global {
  /** The package version, injected at build time. */
  const __APP_VERSION__: string;
  interface Window {
    /** Present only in the desktop app (the preload's bridge). */
    sigmoidLab?: SigmoidLabBridge;
  }
}
