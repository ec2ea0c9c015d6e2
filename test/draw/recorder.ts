/** A Canvas 2D context that records what is drawn: calls with their arguments and the style at the time. */
export interface Call {
  name: string;
  args: unknown[];
  fillStyle: unknown;
  strokeStyle: unknown;
  /** The text alignment at the time (for the extent of a fillText). */
  textAlign?: unknown;
  textBaseline?: unknown;
}

export function recordingContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string | symbol, unknown> = {
    fillStyle: '#000',
    strokeStyle: '#000',
    lineWidth: 1,
    textAlign: 'start',
    textBaseline: 'alphabetic',
  };
  const ctx = new Proxy(state, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop === 'symbol') return undefined;
      // Text is measured as 6 px per character (enough for layout decisions).
      if (prop === 'measureText') return (t: string) => ({ width: 6 * String(t).length });
      return (...args: unknown[]) => {
        calls.push({
          name: String(prop),
          args,
          fillStyle: target.fillStyle,
          strokeStyle: target.strokeStyle,
          textAlign: target.textAlign,
          textBaseline: target.textBaseline,
        });
      };
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}
