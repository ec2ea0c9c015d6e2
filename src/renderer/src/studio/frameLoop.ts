/** What a frame loop needs from the page (injected by tests). */
export interface FrameLoopParts {
  request: (fn: (now: number) => void) => number;
  cancel: (id: number) => void;
  channel: {
    port1: { onmessage: ((e: MessageEvent) => void) | null; close?(): void };
    port2: { postMessage(m: number): void; close?(): void };
  };
}

/**
 * Calls `tick(now)` once per animation frame, in a task of its own just after the frame's
 * callback instead of inside it. The frame's task then only lays out, paints and commits what the
 * last tick changed, and the tick (the panels' state and drawings) follows in a second task: on two
 * busy cores one task holding both ran over 50 ms at the start of playback, and input waited. The
 * drawings reach the screen one frame later. Returns the function that stops the loop.
 */
export function frameLoop(
  tick: (now: number) => void,
  parts: FrameLoopParts = {
    request: (fn) => requestAnimationFrame(fn),
    cancel: (id) => cancelAnimationFrame(id),
    channel: new MessageChannel() as unknown as FrameLoopParts['channel'],
  },
): () => void {
  // Stopping unsets the handler: a tick already queued then finds none.
  parts.channel.port1.onmessage = (e) => tick(e.data as number);
  const loop = (now: number): void => {
    parts.channel.port2.postMessage(now);
    raf = parts.request(loop);
  };
  let raf = parts.request(loop);
  return () => {
    parts.cancel(raf);
    parts.channel.port1.onmessage = null;
    parts.channel.port1.close?.();
    parts.channel.port2.close?.();
  };
}
