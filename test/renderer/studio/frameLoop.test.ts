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
    /** The tasks queued on the channel, each on its own (at most `max`). */
    tasks(max = Infinity) {
      for (let n = 0; queue.length > 0 && n < max; n++) {
        const m = queue.shift()!;
        log.push('task');
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
    const stop = frameLoop((now) => void page.log.push(`tick ${now}`), page.parts);
    page.frame(16);
    page.tasks();
    page.frame(33);
    page.tasks();
    expect(page.log.join(', ')).toBe(
      'frame 16, frame 16 done, task, tick 16, frame 33, frame 33 done, task, tick 33',
    );
    stop();
  });

  it('stops: no frame asked for, and a tick already queued does not run', () => {
    const page = fakePage();
    const ticks: number[] = [];
    const stop = frameLoop((now) => void ticks.push(now), page.parts);
    page.frame(16);
    stop();
    page.tasks();
    expect(ticks).toEqual([]);
    expect(page.pending).toBe(0);
  });

  it('runs what a tick leaves for later one piece per task, after the tick, in order', () => {
    const page = fakePage();
    const stop = frameLoop((now) => {
      page.log.push(`tick ${now}`);
      return [() => page.log.push('surfaces'), () => page.log.push('status')];
    }, page.parts);
    page.frame(16);
    page.tasks();
    expect(page.log.join(', ')).toBe('frame 16, frame 16 done, task, tick 16, task, surfaces, task, status');
    stop();
  });

  it('drops what is left when the next tick comes first, and all of it when stopped', () => {
    const page = fakePage();
    let n = 0;
    const stop = frameLoop((now) => {
      page.log.push(`tick ${now}`);
      const k = n++;
      return [() => page.log.push(`a${k}`), () => page.log.push(`b${k}`)];
    }, page.parts);
    page.frame(16);
    page.tasks(1); // the tick; a0's task is queued
    page.frame(33); // the next tick is queued behind it, and b0's task behind that
    page.tasks();
    // b0's task runs the next tick's first piece instead: nothing runs twice, nothing after its tick's successor.
    const ran = page.log.filter((l) => l !== 'task' && !l.startsWith('frame'));
    expect(ran.join(', ')).toBe('tick 16, a0, tick 33, a1, b1');
    page.frame(50);
    page.tasks(2); // the tick and a2
    stop();
    page.tasks();
    expect(page.log.filter((l) => l !== 'task').at(-1)).toBe('a2');
  });
});
