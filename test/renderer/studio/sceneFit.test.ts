import { describe, expect, it } from 'vitest';
import { MIN_CHAIN_HEIGHT, NATURAL_CHAIN, shrinkChain } from '../../../src/renderer/src/studio/sceneFit';

describe('a scene’s chain diagrams give room without shrinking their text', () => {
  it('first shows one variant at a time, then fits the height, never below the minimum', () => {
    const one = shrinkChain(NATURAL_CHAIN, 150, 280, 3)!;
    expect(one).toEqual({ height: Infinity, one: true });
    // One variant, still 90 px too tall at 240 px: 150 px.
    const fitted = shrinkChain(one, 90, 240, 3)!;
    expect(fitted).toEqual({ height: 150, one: true });
    // Far too tall: the minimum, then nothing more to give.
    const least = shrinkChain(fitted, 500, 150, 3)!;
    expect(least.height).toBe(MIN_CHAIN_HEIGHT);
    expect(shrinkChain(least, 40, MIN_CHAIN_HEIGHT, 3)).toBeNull();
  });

  it('a little too tall (a quarter of a diagram or less): side by side and shorter, then one at a time', () => {
    // 60 px too tall at 280 px, three variants: 220 px, still side by side.
    const shorter = shrinkChain(NATURAL_CHAIN, 60, 280, 3)!;
    expect(shorter).toEqual({ height: 220, one: false });
    // Still 100 px too tall: now one at a time.
    expect(shrinkChain(shorter, 100, 220, 3)).toEqual({ height: 220, one: true });
    // At the minimum height with room still missing: one at a time.
    expect(shrinkChain({ height: MIN_CHAIN_HEIGHT, one: false }, 20, MIN_CHAIN_HEIGHT, 2)).toEqual({
      height: MIN_CHAIN_HEIGHT,
      one: true,
    });
  });

  it('a single variant goes straight to a fitted height; a fit within 2 px changes nothing', () => {
    expect(shrinkChain(NATURAL_CHAIN, 60, 300, 1)).toEqual({ height: 240, one: false });
    expect(shrinkChain(NATURAL_CHAIN, 2, 300, 3)).toBeNull();
    expect(shrinkChain(NATURAL_CHAIN, -80, 300, 3)).toBeNull();
  });

  it('only ever smaller: a diagram drawn shorter than its limit is fitted from what it takes', () => {
    // Limited to 200 px but drawn 180 px tall (its natural height): 30 px less than that.
    expect(shrinkChain({ height: 200, one: true }, 30, 180, 2)).toEqual({ height: 150, one: true });
  });
});
