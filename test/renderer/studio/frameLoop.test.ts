import { describe, expect, it } from 'vitest';
import { frameLoop, type FrameLoopParts } from '../../../src/renderer/src/studio/frameLoop';

/** A page with animation frames and a message channel run by hand. */
function fakePage() {
  const log: string[] = [];
  let frames: { id: number; fn: (now: number) => void }[] = [];
  let nextId = 1;
  const queue: number[] = [];
  const port1: FrameLoopParts['channel']['port1'] = { onmessage: null };
  const parts: FrameLoopParts = {
    request: (fn) => {
      frames.push({ id: nextId, fn });
      return nextId++;
    },
    cancel: (id) => {
      frames = frames.filter((f) => f.id !== id);
    },
    channel: { port1, port2: { postMessage: (m) => queue.push(m) } },
  };
  return {
    parts,
    log,
    /** One animation frame's task: its callbacks run. */
    frame(now: number) {
      const due = frames;
      frames = [];
      log.push(`frame ${now}`);
      for (const f of due) f.fn(now);
      log.push(`frame ${now} done`);
    },
    /** The tasks queued on the channel, each on its own. */
    tasks() {
      while (queue.length > 0) {
        const m = queue.shift()!;
        port1.onmessage?.({ data: m } as MessageEvent);
      }
    },
    get pending() {
      return frames.length;
    },
  };
}

describe('frameLoop', () => {
  it('ticks once per animation frame, in a task after the frame, with the frame time', () => {
    const page = fakePage();
    const stop = frameLoop((now) => page.log.push(`tick ${now}`), page.parts);
    page.frame(16);
    page.tasks();
    page.frame(33);
    page.tasks();
    expect(page.log).toEqual([
      'frame 16',
      'frame 16 done',
      'tick 16',
      'frame 33',
      'frame 33 done',
      'tick 33',
    ]);
    stop();
  });

  it('stops: no frame asked for, and a tick already queued does not run', () => {
    const page = fakePage();
    const ticks: number[] = [];
    const stop = frameLoop((now) => ticks.push(now), page.parts);
    page.frame(16);
    stop();
    page.tasks();
    expect(ticks).toEqual([]);
    expect(page.pending).toBe(0);
  });
});
