import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameHostMessage, FrameHostRequest, FrameJob } from '../../../src/draw/frameHost';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { FrameClient } from '../../../src/renderer/src/sim/frames.svelte';

/** A frame worker that records what it is asked and answers only when the test says so. */
function handWorker(): Worker & { got: FrameHostRequest[]; answer(m: FrameHostMessage): void } {
  const w = {
    got: [] as FrameHostRequest[],
    onmessage: null as ((e: MessageEvent<FrameHostMessage>) => void) | null,
    onerror: null,
    postMessage(r: FrameHostRequest) {
      w.got.push(r);
    },
    terminate: () => undefined,
    answer(m: FrameHostMessage) {
      w.onmessage?.({ data: m } as MessageEvent<FrameHostMessage>);
    },
  };
  return w as unknown as Worker & { got: FrameHostRequest[]; answer(m: FrameHostMessage): void };
}

const data = { dims: 1, n: 2, x: Float64Array.of(0, 1), y: Int32Array.of(0, 1), classes: 2 };
const job = (variant: number, step: number): FrameJob => ({ variant, step, params: new Float64Array(3) });
const frame = (id: number, variant: number, step: number): FrameHostMessage =>
  ({
    type: 'frame',
    id,
    variant,
    step,
    details: {
      width: 1,
      z: new Float64Array(2),
      yhat: new Float64Array(2),
      loss: new Float64Array(2),
      saturated: new Uint8Array(2),
      correct: new Uint8Array(2),
    },
    grid: { size: 2, xRange: [0, 1], values: new Float64Array(2) },
  }) as unknown as FrameHostMessage;

let clock = 0;
afterEach(() => vi.restoreAllMocks());

function loaded(): { client: FrameClient; worker: ReturnType<typeof handWorker>; id: number } {
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  const worker = handWorker();
  const client = new FrameClient([worker]);
  client.ensure({}, DEFAULT_EXPERIMENT, data, { x: [0, 1] });
  const id = (worker.got[0] as { id: number }).id;
  return { client, worker, id };
}

describe('the frame client', () => {
  it('asks for one frame per animation frame until it has measured the workers, then for as many as they compute', () => {
    const { client, worker, id } = loaded();
    expect(client.spacing(4, 60)).toBe(1);
    client.want(
      0,
      10,
      [0, 1, 2, 3].map((s) => job(0, s)),
    );
    // The worker posts a frame every 20 ms while more are asked of it: 50 a second, 0.8 × 50 = 40
    // of them usable against the 4 × 60 wanted, so every ceil(240 / 40) = 6th animation frame.
    for (const s of [0, 1, 2, 3]) {
      clock += 20;
      worker.answer(frame(id, 0, s));
    }
    expect(client.spacing(4, 60)).toBe(6);
    expect(client.spacing(1, 60)).toBe(2);
    // Asked to take half their time (two cores, the surfaces beside): 25 a second, every 10th.
    expect(client.spacing(4, 60, 0.5)).toBe(10);
    expect(client.spacing(1, 60, 0.5)).toBe(3);
    // A quarter of that (the page dropping frames): every 40th is over the default cap of 10, and
    // within a cap raised to 30.
    expect(client.spacing(4, 60, 0.125)).toBe(10);
    expect(client.spacing(4, 60, 0.125, 30)).toBe(30);
    expect(client.spacing(4, 60, 0.25, 30)).toBe(20);
    // A gap while nothing was asked (the worker idle) is not taken for its speed.
    clock += 5000;
    client.want(0, 10, [job(0, 5)]);
    clock += 20;
    worker.answer(frame(id, 0, 5));
    expect(client.spacing(4, 60)).toBe(6);
  });

  it('tells a worker of a window moved with nothing new in it at most every 100 ms', () => {
    const { client, worker } = loaded();
    client.want(0, 10, [job(0, 0)]);
    const before = worker.got.length;
    for (let f = 1; f <= 5; f++) {
      clock += 16;
      client.want(f, 10 + f, []);
    }
    expect(worker.got.length).toBe(before);
    clock += 30;
    client.want(6, 16, []);
    expect(worker.got.length).toBe(before + 1);
    // New frames to compute are sent at once.
    clock += 1;
    client.want(7, 17, [job(0, 17)]);
    expect(worker.got.length).toBe(before + 2);
  });

  it('waits for a frame it has no stand-in for, and says so once it comes', () => {
    const { client, worker, id } = loaded();
    client.want(0, 10, [job(0, 4)]);
    expect(client.pick(0, 4, 8)).toBeUndefined();
    const v = client.version;
    worker.answer(frame(id, 0, 4));
    client.sync();
    expect(client.version).toBe(v + 1);
    expect(client.pick(0, 4, 8)?.step).toBe(4);
  });
});
