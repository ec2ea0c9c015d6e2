/** What a frame loop needs from the page (injected by tests). */
export interface FrameLoopParts {
  request: (fn: (now: number) => void) => number;
  cancel: (id: number) => void;
  channel: {
    port1: { onmessage: ((e: MessageEvent) => void) | null; close?(): void };
    port2: { postMessage(m: number): void; close?(): void };
  };
}

/** Work a tick leaves for later tasks of its animation frame, each run in a task of its own. */
export type Later = readonly (() => void)[];

/** The message that runs the next piece of work a tick left (frame times are never negative). */
const LATER = -1;

/**
 * Calls `tick(now)` once per animation frame, in a task of its own just after the frame's
 * callback instead of inside it. The frame's task then only lays out, paints and commits what the
 * last tick changed, and the tick (the panels' state and drawings) follows in a second task: on two
 * busy cores one task holding both ran over 50 ms at the start of playback, and input waited. The
 * drawings reach the screen one frame later.
 *
 * What the tick returns (the panels that are due less often than every frame: the loss surfaces,
 * the chain diagrams, the status table) runs after it, one piece per task: on two cores shared with
 * the workers the page's thread may get a tenth of a core for a while, and a task that draws little
 * still ends within 50 ms. A tick that comes before they all ran drops the rest (each piece, when it
 * runs, records that it did, so the next tick finds it still due).
 *
 * Returns the function that stops the loop.
 */
export function frameLoop(
  tick: (now: number) => Later | void,
  parts: FrameLoopParts = {
    request: (fn) => requestAnimationFrame(fn),
    cancel: (id) => cancelAnimationFrame(id),
    channel: new MessageChannel() as unknown as FrameLoopParts['channel'],
  },
): () => void {
  let later: (() => void)[] = [];
  // Stopping unsets the handler: a tick already queued then finds none.
  parts.channel.port1.onmessage = (e) => {
    const now = e.data as number;
    if (now !== LATER) {
      later = [...(tick(now) ?? [])];
      if (later.length > 0) parts.channel.port2.postMessage(LATER);
      return;
    }
    const next = later.shift();
    if (later.length > 0) parts.channel.port2.postMessage(LATER);
    next?.();
  };
  const loop = (now: number): void => {
    parts.channel.port2.postMessage(now);
    raf = parts.request(loop);
  };
  let raf = parts.request(loop);
  return () => {
    parts.cancel(raf);
    later = [];
    parts.channel.port1.onmessage = null;
    parts.channel.port1.close?.();
    parts.channel.port2.close?.();
  };
}
