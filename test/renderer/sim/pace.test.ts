import { describe, expect, it } from 'vitest';
import { MAX_REST_MS, pacedScheduler, Pacer } from '../../../src/renderer/src/sim/pace';

describe('the pacer', () => {
  let clock = 0;
  const work = (ms: number) => () => {
    clock += ms;
  };

  it('rests in proportion to the work so that the thread computes `duty` of the time', () => {
    const p = new Pacer(() => clock);
    p.wrap(work(10))();
    expect(p.rest).toBe(0); // a whole core: no rest
    p.set(0.25);
    p.wrap(work(10))();
    // 10 ms of work, 30 ms of rest: a quarter of the time.
    expect(p.rest).toBeCloseTo(30, 9);
    p.set(0.5);
    p.wrap(work(8))();
    expect(p.rest).toBeCloseTo(8, 9);
  });

  it('never rests more than MAX_REST_MS, clamps the duty, and drops the rest at a whole core', () => {
    const p = new Pacer(() => clock);
    p.set(0); // clamped to 0.05: 19 × the work
    p.wrap(work(100))();
    expect(p.rest).toBe(MAX_REST_MS);
    p.set(0.05);
    p.wrap(work(10))();
    expect(p.rest).toBeCloseTo(190, 9);
    p.set(1);
    expect(p.rest).toBe(0);
    p.set(Number.NaN);
    p.wrap(work(10))();
    expect(p.rest).toBe(0);
  });

  it('still sets the rest when the work throws', () => {
    const p = new Pacer(() => clock);
    p.set(0.5);
    expect(() =>
      p.wrap(() => {
        clock += 4;
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(p.rest).toBeCloseTo(4, 9);
  });
});

describe('the paced scheduler', () => {
  /** A channel that delivers when told (as the event loop would, later). */
  function handChannel() {
    let posted = 0;
    const channel = {
      port1: { onmessage: null as ((e: MessageEvent) => void) | null },
      port2: { postMessage: () => void posted++ },
    };
    const deliver = (): void => {
      while (posted > 0) {
        posted--;
        channel.port1.onmessage?.(new MessageEvent('message'));
      }
    };
    return { channel, deliver, posted: () => posted };
  }

  it('runs the next piece through the channel without a rest (no timer: nested timers wait 4 ms), in order', () => {
    const clock = 0;
    const pacer = new Pacer(() => clock);
    const timers: number[] = [];
    const { channel, deliver } = handChannel();
    const schedule = pacedScheduler(pacer, { timer: (_fn, ms) => timers.push(ms), channel });
    const ran: string[] = [];
    schedule(() => ran.push('a'));
    schedule(() => ran.push('b'));
    expect(ran).toEqual([]); // later, not now
    deliver();
    expect(ran).toEqual(['a', 'b']);
    expect(timers).toEqual([]);
  });

  it('rests on a timer for as long as the pacer says, once the duty is below 1', () => {
    let clock = 0;
    const pacer = new Pacer(() => clock);
    const timers: [() => void, number][] = [];
    const { channel, deliver, posted } = handChannel();
    const schedule = pacedScheduler(pacer, { timer: (fn, ms) => timers.push([fn, ms]), channel });
    pacer.set(0.25);
    schedule(() => (clock += 10)); // the first piece: no piece timed yet, no rest
    deliver();
    // 10 ms of work at a quarter of the time: the next waits 30 ms on a timer.
    schedule(() => (clock += 4));
    expect(posted()).toBe(0);
    expect(timers.map(([, ms]) => ms)).toEqual([30]);
    timers[0][0]();
    expect(clock).toBe(14);
    pacer.set(1);
    schedule(() => (clock += 1));
    expect(timers).toHaveLength(1);
    deliver();
    expect(clock).toBe(15);
  });

  it('works on a real MessageChannel', async () => {
    const schedule = pacedScheduler(new Pacer());
    const ran = await new Promise<number>((done) => {
      let n = 0;
      const step = (): void => {
        if (++n < 20) schedule(step);
        else done(n);
      };
      schedule(step);
    });
    expect(ran).toBe(20);
  });
});
