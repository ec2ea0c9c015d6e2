import { afterEach, describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/core/datasets';
import { runSurfaceJob, type SurfaceJob } from '../../../src/core/surfaceJob';
import { portHelper, type RowsAnswer, type RowsAsk } from '../../../src/renderer/src/sim/surfaceRows';

const data = makeDataset({ kind: 'line', n: 40, noise: 0.2 }, 2);
const job = (r0: number, r1: number): SurfaceJob => ({
  spec: {
    net: { sizes: [1, 1], activation: 'tanh', unit: 'sigmoid', loss: 'nll' },
    x: data.x,
    y: data.y,
    theta: Float64Array.from([1, 0]),
    p: 0,
    q: 1,
    pRange: [-4, 4],
    qRange: [-4, 4],
    size: 16,
  },
  size: 16,
  r0,
  r1,
});

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A helper over a real MessageChannel; the far side answers as surfaceRows.worker.ts does, in reverse order. */
function pair(answer: boolean) {
  const channel = new MessageChannel();
  channels.push(channel);
  const asks: RowsAsk[] = [];
  channel.port2.onmessage = (m: MessageEvent<RowsAsk>) => {
    asks.push(m.data);
    if (!answer || asks.length < 2) return;
    for (const a of asks.splice(0).reverse()) {
      const reply: RowsAnswer =
        a.job.r1 > a.job.size
          ? { id: a.id, error: 'rows out of range' }
          : { id: a.id, rows: runSurfaceJob(a.job) };
      channel.port2.postMessage(reply);
    }
  };
  return { helper: portHelper(channel.port1), asks };
}

describe('surface helper over a port', () => {
  it('matches each answer to its job, whatever the order', async () => {
    const { helper } = pair(true);
    const [a, b] = await Promise.all([helper.run(job(0, 8)), helper.run(job(8, 16))]);
    expect(Array.from(a)).toEqual(Array.from(runSurfaceJob(job(0, 8))));
    expect(Array.from(b)).toEqual(Array.from(runSurfaceJob(job(8, 16))));
  });

  it('passes the helper’s error on, and fails waiting and later jobs once stopped', async () => {
    const { helper } = pair(true);
    const results = await Promise.allSettled([helper.run(job(0, 8)), helper.run(job(8, 99))]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('rows out of range') });

    const silent = pair(false);
    const waiting = silent.helper.run(job(0, 8));
    silent.helper.stop('the surface helper thread stopped');
    await expect(waiting).rejects.toThrow('the surface helper thread stopped');
    await expect(silent.helper.run(job(0, 8))).rejects.toThrow('stopped');
  });
});
