import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../../src/shared/keymap';
import { SUB_STEPS, Transport } from '../../../src/renderer/src/studio/transport.svelte';

function transport(last = 100, available = 101): Transport {
  const t = new Transport();
  t.setBounds(last, available);
  return t;
}

describe('Transport', () => {
  it('steps, jumps and clamps to 0..last', () => {
    const t = transport();
    t.step(1);
    t.step(10);
    expect(t.frame).toBe(11);
    t.step(-20);
    expect(t.frame).toBe(0);
    t.end();
    expect(t.frame).toBe(100);
    t.step(10);
    expect(t.frame).toBe(100);
    t.home();
    expect(t.frame).toBe(0);
    t.seek(42.4);
    expect(t.frame).toBe(42);
  });

  it('keeps the frame number when the experiment changes, where it still exists', () => {
    const t = transport();
    t.seek(80);
    t.setBounds(300, 1);
    expect(t.frame).toBe(80);
    expect(t.shown).toBe(0); // waits for training to get there
    t.setBounds(300, 81);
    expect(t.shown).toBe(80);
    t.setBounds(50, 51);
    expect(t.frame).toBe(50);
  });

  it('plays at the chosen speed, waits for training, stops or loops at the end', () => {
    const t = transport(100, 31);
    t.speed = 60;
    t.play();
    for (let k = 0; k < 5; k++) t.tick(100); // 0.5 s: 30 steps
    expect(t.frame).toBe(30);
    t.tick(100); // only 31 frames trained: waits at 30
    expect(t.frame).toBe(30);
    expect(t.playing).toBe(true);
    t.setBounds(100, 101);
    t.tick(10_000); // a stall of the page counts as at most 250 ms: no leap
    expect(t.frame).toBe(45);
    for (let k = 0; k < 20; k++) t.tick(100);
    expect(t.frame).toBe(100);
    t.tick(16);
    expect(t.playing).toBe(false);
    t.loop = true;
    t.play(); // from the end: starts over
    expect(t.frame).toBe(0);
    t.speed = Infinity;
    for (let k = 0; k < 300 && t.frame < 100; k++) t.tick(16);
    expect(t.frame).toBe(100);
    t.tick(16);
    expect(t.frame).toBe(0);
    expect(t.playing).toBe(true);
    t.pause();
    t.tick(1000);
    expect(t.frame).toBe(0);
  });

  it('walks the sub-steps forward → loss → backward → update, across frames, both ways', () => {
    const t = transport();
    t.seek(5);
    t.stepSub(1); // turns sub-steps on at 'forward'
    expect([t.frame, t.subStep, t.subSteps]).toEqual([5, 'forward', true]);
    const seen: string[] = [];
    for (let k = 0; k < 5; k++) {
      t.stepSub(1);
      seen.push(`${t.frame}:${t.subStep}`);
    }
    expect(seen).toEqual(['5:loss', '5:backward', '5:update', '6:forward', '6:loss']);
    t.stepSub(-1);
    t.stepSub(-1);
    expect(`${t.frame}:${t.subStep}`).toBe('5:update');
    t.setSubSteps(false);
    expect(t.subStep).toBe(SUB_STEPS[3]);
    // Playing with sub-steps: four per step.
    t.setSubSteps(true);
    t.speed = 10;
    t.play();
    for (let k = 0; k < 4; k++) t.tick(100); // 10 steps/s × 4 sub-steps × 0.4 s = 16 sub-steps
    expect(`${t.frame}:${t.subStep}`).toBe('9:forward');
  });

  it('answers every playback key and menu command of the keymap, and nothing else', () => {
    const t = transport();
    t.seek(50);
    const frameAfter = (action: string): number => {
      expect(t.run(action), action).toBe(true);
      return t.frame;
    };
    expect(frameAfter('play.next')).toBe(51);
    expect(frameAfter('play.previous10')).toBe(41);
    expect(frameAfter('play.next10')).toBe(51);
    expect(frameAfter('play.previous')).toBe(50);
    expect(frameAfter('play.end')).toBe(100);
    expect(frameAfter('play.start')).toBe(0);
    t.run('play.toggle');
    expect(t.playing).toBe(true);
    t.run('play.toggle');
    t.setSubSteps(true);
    t.run('play.subNext');
    expect(t.subStep).toBe('loss');
    t.run('play.subPrevious');
    expect(t.subStep).toBe('forward');
    // Every transport key of the keymap is one of these.
    for (const row of KEYMAP.filter((r) => r.scope === 'transport'))
      expect(t.run(row.action), row.action).toBe(true);
    expect(t.run('view.layout.reset')).toBe(false);
    expect(t.run('toString')).toBe(false);
  });

  it('shows the frame number ten times a second while playing, and the playhead itself when stopped', () => {
    const t = transport(1000, 1001);
    t.seek(7);
    expect(t.counter).toBe(7);
    t.speed = 60;
    t.play();
    expect(t.counter).toBe(7);
    const seen = new Set<number>();
    for (let i = 0; i < 60; i++) {
      t.tick(1000 / 60);
      seen.add(t.counter);
    }
    // A second at 60 steps a second: the playhead moved 60 frames, the counter about ten times.
    expect(t.frame).toBe(67);
    expect(seen.size).toBeGreaterThanOrEqual(9);
    expect(seen.size).toBeLessThanOrEqual(11);
    expect(Math.abs(t.counter - t.frame)).toBeLessThanOrEqual(6);
    t.tick(1000 / 60);
    t.pause();
    expect(t.counter).toBe(t.frame);
    // Played to the end, it shows the last frame.
    t.seek(995);
    t.play();
    for (let i = 0; i < 20; i++) t.tick(1000 / 60);
    expect(t.playing).toBe(false);
    expect(t.counter).toBe(1000);
  });
});
