/**
 * The drawings' zoom: 1 in the studio, larger in focus (projector) mode, where a panel fills the
 * workspace and every canvas in it draws at a smaller logical size scaled up — text, marks and
 * lines grow together. A panel provides it; canvases and their tooltips read it.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('zoom');

export function provideZoom(zoom: () => number): void {
  setContext(KEY, zoom);
}

export function useZoom(): () => number {
  return getContext<(() => number) | undefined>(KEY) ?? (() => 1);
}
