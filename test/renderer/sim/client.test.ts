import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/core/experiment';
import { createSimulationHost, type HostMessage, type HostRequest } from '../../../src/core/host';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import {
  SimulationClient,
  shareVariants,
  simulationWorkerCount,
} from '../../../src/renderer/src/sim/client.svelte';

/** A Worker running the core's host in this thread, answering asynchronously as a real one does. */
function fakeWorker(log: HostRequest['type'][] = []): Worker {
  const w = {
    onmessage: null as ((e: MessageEvent<HostMessage>) => void) | null,
    onerror: null,
    postMessage: (r: HostRequest) => {
      log.push(r.type);
      setTimeout(() => handle(structuredClone(r)), 0);
    },
    terminate: () => undefined,
  };
  const handle = createSimulationHost({
    post: (message) => setTimeout(() => w.onmessage?.({ data: message } as MessageEvent<HostMessage>), 0),
    schedule: (fn) => setTimeout(fn, 0),
    now: () => performance.now(),
  });
  return w as unknown as Worker;
}

async function trained(client: SimulationClient, experiment: Experiment): Promise<void> {
  client.load(experiment);
  const t0 = Date.now();
  while (!client.done) {
    if (Date.now() - t0 > 30_000) throw new Error('training did not finish');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the simulation client', () => {
  it('tells every training worker its share of the time, only when it changes', () => {
    const got: unknown[][] = [[], []];
    const workers = got.map(
      (log) =>
        ({
          onmessage: null,
          onerror: null,
          postMessage: (m: unknown) => log.push(m),
          terminate: () => undefined,
        }) as unknown as Worker,
    );
    const client = new SimulationClient(workers);
    client.pace(1);
    client.pace(0.4);
    client.pace(0.4);
    client.pace(1);
    for (const log of got)
      expect(log).toEqual([
        { type: 'pace', duty: 0.4 },
        { type: 'pace', duty: 1 },
      ]);
  });

  it('uses up to two workers, as the cores allow', () => {
    expect([undefined, 0, 1, 2, 3, 16].map(simulationWorkerCount)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('shares the variants out in a fixed order, each once', () => {
    expect(shareVariants(4, 2)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(shareVariants(3, 2)).toEqual([[0, 2], [1]]);
    expect(shareVariants(1, 2)).toEqual([[0]]);
    expect(shareVariants(4, 1)).toEqual([[0, 1, 2, 3]]);
  });

  it('gathers from two workers bit for bit the tracks one worker gives, and is done when both are', async () => {
    const experiment: Experiment = { ...DEFAULT_EXPERIMENT, steps: 120 };
    const one = new SimulationClient([fakeWorker()]);
    const two = new SimulationClient([fakeWorker(), fakeWorker()]);
    expect(two.workerCount).toBe(2);
    await trained(one, experiment);
    await trained(two, experiment);
    expect(two.tracks).toHaveLength(one.tracks.length);
    expect(one.tracks.length).toBeGreaterThan(1);
    for (let v = 0; v < one.tracks.length; v++) {
      const a = one.tracks[v];
      const b = two.tracks[v];
      expect(b.length).toBe(121);
      expect(b.length).toBe(a.length);
      for (const k of [
        'loss',
        'accuracy',
        'saturatedRight',
        'saturatedWrong',
        'gradNorms',
        'params',
      ] as const) {
        const n =
          k === 'params' ? a.length * a.paramCount : k === 'gradNorms' ? a.length * a.layers : a.length;
        const x = Array.from(a[k].subarray(0, n));
        const y = Array.from(b[k].subarray(0, n));
        expect(y.every((value, i) => Object.is(value, x[i]))).toBe(true);
      }
      expect(b.divergence).toEqual(a.divergence);
    }
    expect(two.available).toBe(one.available);
    // A second experiment with one variant: one worker trains it, the other is stopped.
    await trained(two, { ...experiment, variants: [{ name: 'only' }] });
    expect(two.tracks).toHaveLength(1);
    expect(two.tracks[0].length).toBe(121);
  });

  it('lets a worker without a share stand by instead of building the experiment', async () => {
    const logs: HostRequest['type'][][] = [[], []];
    const answers: HostMessage['type'][] = [];
    const workers = logs.map((log) => fakeWorker(log));
    const spy = workers[1];
    const client = new SimulationClient(workers);
    const onmessage = spy.onmessage!;
    spy.onmessage = (e) => {
      answers.push(e.data.type);
      onmessage.call(spy, e);
    };
    await trained(client, { ...DEFAULT_EXPERIMENT, steps: 20, variants: [{ name: 'only' }] });
    expect(logs).toEqual([['load'], ['idle']]);
    expect(answers).toEqual([]);
    expect(client.tracks).toHaveLength(1);
    expect(client.tracks[0].length).toBe(21);
  });

  it('tells the views the tracks grew once per animation frame, however many messages came, and first frames and a finish at once', async () => {
    // A worker's whole run, recorded: its host trains in slices and posts frames and progress after each.
    const messages: HostMessage[] = [];
    const queue: (() => void)[] = [];
    // A clock that moves 5 ms whenever it is read: a slice ends after a few steps, whatever the machine.
    let clock = 0;
    const host = createSimulationHost({
      post: (message) => messages.push(structuredClone(message)),
      schedule: (fn) => queue.push(fn),
      now: () => (clock += 5),
    });
    const experiment: Experiment = { ...DEFAULT_EXPERIMENT, steps: 200 };
    host({ type: 'load', id: 1, experiment });
    while (queue.length > 0) queue.shift()!();
    const worker = {
      onmessage: null as ((e: MessageEvent<HostMessage>) => void) | null,
      onerror: null,
      postMessage: () => undefined,
      terminate: () => undefined,
    };
    const client = new SimulationClient([worker as unknown as Worker]);
    client.load(experiment);
    const deliver = (m: HostMessage) => worker.onmessage!({ data: m } as MessageEvent<HostMessage>);
    const nextFrame = () => new Promise((r) => setTimeout(r, 50));

    deliver(messages[0]);
    expect(messages[0].type).toBe('loaded');
    const loaded = client.version;
    expect(loaded).toBeGreaterThan(0);
    // The first slice: each variant's first frames are shown at once.
    const firstProgress = messages.findIndex((m) => m.type === 'progress');
    messages.slice(1, firstProgress + 1).forEach(deliver);
    expect(client.available).toBeGreaterThan(0);
    expect(client.version).toBeGreaterThan(loaded);
    await nextFrame();
    const shown = client.version;
    // Every slice but the last arrives within one frame: the views are told once, on the frame after.
    const last = messages.findLastIndex((m) => m.type === 'frames');
    const growth = messages.slice(firstProgress + 1, last);
    expect(growth.filter((m) => m.type === 'progress').length).toBeGreaterThan(2);
    const before = client.available;
    growth.forEach(deliver);
    expect(client.available).toBeGreaterThan(before);
    expect(client.version).toBe(shown);
    await nextFrame();
    expect(client.version).toBe(shown + 1);
    await nextFrame();
    expect(client.version).toBe(shown + 1);
    // The last slice and the worker's finish: the views hear of it at once, not a frame later.
    messages.slice(last).forEach(deliver);
    expect(client.done).toBe(true);
    expect(client.version).toBe(shown + 2);
    expect(client.tracks[0].length).toBe(201);
    await nextFrame();
    expect(client.version).toBe(shown + 2);
  });
});
