/** jsdom has no layout: a ResizeObserver that never reports (elements measure 0×0, canvases stay blank). */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

// Vitest runs without globals here: unmount what each test rendered.
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
afterEach(() => cleanup());
