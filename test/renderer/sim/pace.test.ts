import { describe, expect, it } from 'vitest';
import { MAX_REST_MS, Pacer } from '../../../src/renderer/src/sim/pace';

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
