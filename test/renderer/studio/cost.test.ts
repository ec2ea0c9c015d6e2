import { describe, expect, it } from 'vitest';
import {
  DrawCost,
  FramePressure,
  PLAYING_TRAINING_SHARE,
  trainingDuty,
} from '../../../src/renderer/src/studio/cost';

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

describe('the pressure of dropped frames', () => {
  const play = (p: FramePressure, frames: number, dropEvery: number): void => {
    for (let i = 1; i <= frames; i++) p.note(dropEvery > 0 && i % dropEvery === 0 ? 50 : 16.7);
  };

  it('stays at 1 while the page keeps its frame rate', () => {
    const p = new FramePressure();
    play(p, 600, 0);
    expect(p.level).toBe(1);
    play(p, 600, 50); // 2 %: neither dropping nor smooth
    expect(p.level).toBe(1);
  });

  it('asks for less every half second the page drops frames, down to its floor, and climbs back slowly', () => {
    const p = new FramePressure(0.25);
    play(p, 30, 10); // 10 % dropped
    expect(p.level).toBeCloseTo(0.7, 12);
    play(p, 30, 10);
    expect(p.level).toBeCloseTo(0.49, 12);
    play(p, 300, 5);
    expect(p.level).toBe(0.25);
    // Smooth again: a tenth more every half second.
    play(p, 30, 0);
    expect(p.level).toBeCloseTo(0.35, 12);
    play(p, 30 * 20, 0);
    expect(p.level).toBe(1);
  });

  it('decides on whole half seconds: a pause starts the count again, and what is not a time is ignored', () => {
    const p = new FramePressure();
    play(p, 29, 1); // 29 frames, all dropped: no decision yet
    p.pause();
    play(p, 29, 0);
    expect(p.level).toBe(1);
    p.note(Number.NaN);
    p.note(-3);
    p.note(0);
    expect(p.level).toBe(1);
    p.note(16.7); // the 30th frame since the pause: none dropped
    expect(p.level).toBe(1);
  });
});

describe('the training’s share of the cores', () => {
  it('is all of it, except while playing on few cores ahead of the training', () => {
    expect(trainingDuty(false, true, false, 2)).toBe(1); // many cores
    expect(trainingDuty(true, false, false, 2)).toBe(1); // paused
    expect(trainingDuty(true, true, true, 2)).toBe(1); // waiting for the training: it is what the user waits for
    // Playing on two cores: both workers together take PLAYING_TRAINING_SHARE of a core.
    expect(trainingDuty(true, true, false, 2)).toBeCloseTo(PLAYING_TRAINING_SHARE / 2, 12);
    expect(trainingDuty(true, true, false, 1)).toBeCloseTo(PLAYING_TRAINING_SHARE, 12);
    expect(trainingDuty(true, true, false, 0)).toBeCloseTo(PLAYING_TRAINING_SHARE, 12);
    expect(PLAYING_TRAINING_SHARE).toBeGreaterThan(0);
    expect(PLAYING_TRAINING_SHARE).toBeLessThan(1);
  });
});
