import { describe, expect, it } from 'vitest';
import { StandInBadge } from '../../../src/renderer/src/studio/standIn';

describe('the stand-in badge', () => {
  it('stays on while playing through the frames that meet the playhead, until `hold` of them in a row', () => {
    const b = new StandInBadge(3);
    // Playing with nothing stood in: no badge.
    expect([false, false, false].map((s) => b.shows(0, s, true))).toEqual([false, false, false]);
    // A stand-in, then the lattice meeting the playhead every other frame: on throughout.
    const seen = [true, false, true, false, false, true].map((s) => b.shows(0, s, true));
    expect(seen).toEqual([true, true, true, true, true, true]);
    // Three of the playhead's own frames in a row: off.
    expect([false, false, false, false].map((s) => b.shows(0, s, true))).toEqual([true, true, false, false]);
  });

  it('goes at once when stopped, and keeps each variant apart', () => {
    const b = new StandInBadge(30);
    expect(b.shows(0, true, true)).toBe(true);
    expect(b.shows(1, false, true)).toBe(false);
    expect(b.shows(0, false, true)).toBe(true);
    expect(b.shows(0, false, false)).toBe(false);
    // Playing again, its own frames show no badge left over from before the pause.
    expect(b.shows(0, false, true)).toBe(false);
  });
});
