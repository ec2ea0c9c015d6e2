/**
 * What drawing a panel costs the page, measured as it draws: while playing, the studio moves a
 * costly panel less often, so that its drawing takes no more than a share of the frames.
 */
export class DrawCost {
  /** Milliseconds per drawing, smoothed over the last few (0: none measured yet). */
  ms = 0;

  /** One drawing took `ms`. */
  note(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.ms = this.ms === 0 ? ms : 0.8 * this.ms + 0.2 * ms;
  }

  /**
   * The interval (ms) between updates of `count` drawings so that they take at most `share` of the
   * page's time, and never less than `floor`.
   */
  interval(count: number, share: number, floor: number): number {
    return Math.max(floor, (this.ms * Math.max(1, count)) / share);
  }
}

/** The chain diagrams' cost (each drawing: a layout of the whole network and its labels). */
export const chainCost = new DrawCost();

/** An animation frame later than this (ms) was dropped (a 60 Hz frame is 16.7 ms). */
const DROPPED_MS = 25;
/** The share of dropped frames over which the workers are asked for less. */
const DROPPING = 0.05;
/** The share under which they are asked for more again. */
const SMOOTH = 0.01;
/** Frames counted before each decision (about half a second at 60 fps). */
const WINDOW = 30;

/**
 * How much of their share the page's helpers (the frame and surface workers, the costliest panels)
 * may take while playing: 1 while the page keeps its frame rate, less while it drops frames. On a
 * machine slower than the one the shares were set on (or a busy one) the cores are oversubscribed
 * and the page, which must draw every frame, loses. Every half second of playback: more than 5 %
 * dropped and the level drops by 30 %; under 1 % and it climbs back by a tenth (slowly, so that it
 * settles instead of swinging). The panels then show the nearest computed frame for longer.
 */
export class FramePressure {
  /** From `min` to 1: the share of their usual work the helpers are given. */
  level = 1;
  private frames = 0;
  private dropped = 0;

  constructor(private readonly min = 0.25) {}

  /** One animation frame `dt` ms after the last one, while playing. */
  note(dt: number): void {
    if (!Number.isFinite(dt) || dt <= 0) return;
    this.frames++;
    if (dt > DROPPED_MS) this.dropped++;
    if (this.frames < WINDOW) return;
    const share = this.dropped / this.frames;
    if (share > DROPPING) this.level = Math.max(this.min, this.level * 0.7);
    else if (share < SMOOTH) this.level = Math.min(1, this.level + 0.1);
    this.frames = 0;
    this.dropped = 0;
  }

  /** Playback stopped: the count starts again (the level is kept, what the machine allows). */
  pause(): void {
    this.frames = 0;
    this.dropped = 0;
  }
}

/**
 * The share of a core all the training workers together take while the page plays back on two
 * cores or fewer, ahead of the training's last frame. Measured in the bench's playback (4 variants
 * of a 2-8-8-1 network, 10,000 steps, two training workers): the page's main thread is runnable
 * nearly all the time while it plays, and beside two workers training flat out it ran only half the
 * time it was ready to, so that its busiest frames stretched past 50 ms and the frame rate halved.
 */
export const PLAYING_TRAINING_SHARE = 0.8;

/**
 * The share of its time each of `workers` training workers may compute: all of it, except while
 * playing on few cores with frames trained ahead of the playhead (waiting at a frame not trained
 * yet, the training is what the user waits for).
 */
export function trainingDuty(fewCores: boolean, playing: boolean, waiting: boolean, workers: number): number {
  if (!fewCores || !playing || waiting) return 1;
  return Math.min(1, PLAYING_TRAINING_SHARE / Math.max(1, workers));
}
