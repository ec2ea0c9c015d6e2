import { describe, expect, it } from 'vitest';
import type { SurfaceHostMessage, SurfaceRequest } from '../../../src/core/surfaceHost';
import { SurfaceClient } from '../../../src/renderer/src/sim/surfaces.svelte';

/** A surface worker that records what it is asked and answers only when the test says so. */
function handWorker(): Worker & { got: unknown[]; answer(m: SurfaceHostMessage): void } {
  const w = {
    got: [] as unknown[],
    onmessage: null as ((e: MessageEvent<SurfaceHostMessage>) => void) | null,
    onerror: null,
    postMessage(r: unknown) {
      w.got.push(r);
    },
    terminate: () => undefined,
    answer(m: SurfaceHostMessage) {
      w.onmessage?.({ data: m } as MessageEvent<SurfaceHostMessage>);
    },
  };
  return w as unknown as Worker & { got: unknown[]; answer(m: SurfaceHostMessage): void };
}

const request = (key: string): SurfaceRequest => ({ key, spec: {} as SurfaceRequest['spec'] });
const done = (key: string, batch: number, value = 1): SurfaceHostMessage => ({
  type: 'surface',
  batch,
  key,
  size: 2,
  pRange: [0, 1],
  qRange: [0, 1],
  values: new Float64Array(4).fill(value),
  complete: true,
  elapsed: 5,
});
const batches = (w: { got: unknown[] }) =>
  w.got.filter((m) => (m as { type: string }).type === 'surfaces') as {
    batch: number;
    requests: SurfaceRequest[];
  }[];

describe('the surface client', () => {
  it('replaces a batch at once when stopped, but while playing holds the latest until the batch is done', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    client.want([request('1|0|0|1|a|32|10')]);
    client.want([request('1|0|0|1|a|32|20')]);
    expect(batches(worker).map((b) => b.requests[0].key)).toEqual(['1|0|0|1|a|32|10', '1|0|0|1|a|32|20']);
    // Playing: step 30 and then 40 are wanted while step 25's surface is computed; only 40 follows.
    client.want([request('1|0|0|1|a|32|25')], true);
    client.want([request('1|0|0|1|a|32|30')], true);
    client.want([request('1|0|0|1|a|32|40')], true);
    expect(batches(worker)).toHaveLength(3);
    worker.answer(done('1|0|0|1|a|32|25', 3));
    expect(batches(worker).map((b) => b.requests[0].key)).toEqual([
      '1|0|0|1|a|32|10',
      '1|0|0|1|a|32|20',
      '1|0|0|1|a|32|25',
      '1|0|0|1|a|32|40',
    ]);
  });

  it('replaces at once a batch asked when stopped, once playing starts', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    client.want([request('1|0|0|1|a|128|0')]);
    client.want([request('1|0|0|1|a|12|5')], true);
    client.want([request('1|0|0|1|a|12|9')], true);
    expect(batches(worker).map((b) => b.requests[0].key)).toEqual(['1|0|0|1|a|128|0', '1|0|0|1|a|12|5']);
  });

  it('sends the held requests after a failed surface too', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    client.want([request('k0')]);
    client.want([request('k1')], true);
    client.want([request('k2')], true);
    worker.answer({ type: 'error', batch: 2, key: 'k1', message: 'no' });
    expect(batches(worker).map((b) => b.requests[0].key)).toEqual(['k0', 'k1', 'k2']);
    expect(client.error).toContain('no');
  });

  it('finds the surface received last for a variant’s pair, at any frame', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    expect(client.latest('1|0|0|1|')).toBeNull();
    worker.answer(done('1|0|0|1|a|32|10', 1, 10));
    worker.answer(done('1|1|0|1|a|32|30', 1, 99)); // another variant
    worker.answer(done('1|0|0|1|a|32|20', 1, 20));
    worker.answer(done('1|0|2|3|a|32|25', 1, 25)); // another pair
    const last = client.latest('1|0|0|1|');
    expect(last?.key).toBe('1|0|0|1|a|32|20');
    expect(last?.grid.values[0]).toBe(20);
  });

  it('remembers the frame each surface was asked for, not read back from its key', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    // Keys that do not end in the step: the frame comes from the request alone.
    client.want([{ ...request('1|0|0|1|a|12|x'), step: 40 }, request('1|0|0|1|b|12|y')]);
    worker.answer({ ...done('1|0|0|1|a|12|x', 1, 40), complete: false } as SurfaceHostMessage);
    expect(client.latest('1|0|0|1|')?.step).toBe(40);
    worker.answer(done('1|0|0|1|a|12|x', 1, 40));
    expect(client.latest('1|0|0|1|')?.step).toBe(40);
    // A surface asked without a frame (the same at every frame) names none.
    worker.answer(done('1|0|0|1|b|12|y', 1, 7));
    const last = client.latest('1|0|0|1|');
    expect(last?.key).toBe('1|0|0|1|b|12|y');
    expect(last).not.toHaveProperty('step');
  });

  it('tells the worker its share of a core only when it changes', () => {
    const worker = handWorker();
    const client = new SurfaceClient(worker, null);
    client.pace(1);
    client.pace(0.3);
    client.pace(0.3);
    client.pace(1);
    expect(worker.got).toEqual([
      { type: 'pace', duty: 0.3 },
      { type: 'pace', duty: 1 },
    ]);
  });
});
