import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Soon } from '../../../src/renderer/src/studio/soon';

describe('Soon', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs once in a later task however often it was asked, and may ask again while running', () => {
    let runs = 0;
    const soon: Soon = new Soon(() => {
      runs++;
      if (runs === 1) soon.ask();
    });
    soon.ask();
    soon.ask();
    expect(runs).toBe(0);
    vi.runOnlyPendingTimers();
    expect(runs).toBe(1);
    vi.runOnlyPendingTimers();
    expect(runs).toBe(2);
    vi.runOnlyPendingTimers();
    expect(runs).toBe(2);
  });

  it('drops a run asked for when cancelled', () => {
    let runs = 0;
    const soon = new Soon(() => runs++);
    soon.ask();
    soon.cancel();
    vi.runAllTimers();
    expect(runs).toBe(0);
    soon.ask();
    vi.runAllTimers();
    expect(runs).toBe(1);
  });
});
