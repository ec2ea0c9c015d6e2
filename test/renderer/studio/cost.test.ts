import { describe, expect, it } from 'vitest';
import { DrawCost } from '../../../src/renderer/src/studio/cost';

describe('a panel’s drawing cost', () => {
  it('is smoothed over the last drawings and ignores what is not a time', () => {
    const c = new DrawCost();
    expect(c.ms).toBe(0);
    c.note(10);
    expect(c.ms).toBe(10);
    c.note(20);
    expect(c.ms).toBeCloseTo(12, 9);
    c.note(Number.NaN);
    c.note(-5);
    expect(c.ms).toBeCloseTo(12, 9);
  });

  it('paces costly drawings to a share of the time, never faster than the floor', () => {
    const c = new DrawCost();
    expect(c.interval(4, 0.15, 33)).toBe(33); // nothing measured yet
    c.note(1);
    expect(c.interval(2, 0.15, 16.5)).toBe(16.5); // cheap: the floor
    for (let i = 0; i < 20; i++) c.note(6);
    // About 6 ms a drawing: one drawing takes 15 % of the time when moved every 40 ms.
    expect(c.interval(1, 0.15, 16.5)).toBeCloseTo(40, 0);
  });
});
