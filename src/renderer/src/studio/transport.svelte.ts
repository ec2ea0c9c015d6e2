/**
 * The transport: which frame (and sub-step) every panel shows, and playback.
 * Frames run 0..last (the experiment's steps); the playhead never passes the
 * frames trained so far (`available`), it waits for them.
 */

/** The phases of one training step, as the chain-rule diagram animates them. */
export const SUB_STEPS = ['forward', 'loss', 'backward', 'update'] as const;
export type SubStep = (typeof SUB_STEPS)[number];

/** Steps per second offered; Infinity is "max". */
export const SPEEDS = [1, 2, 5, 10, 20, 30, 60, 120, 240, Infinity] as const;

/** At "max" the whole run plays in about this many animation frames (3 s at 60 Hz). */
export const MAX_SPEED_TICKS = 180;

/** While playing, the frame counter changes this often (ms). */
const COUNTER_MS = 100;

export class Transport {
  frame = $state(0);
  /** Index into SUB_STEPS; with sub-steps off a frame is shown complete ('update'). */
  sub = $state(SUB_STEPS.length - 1);
  subSteps = $state(false);
  playing = $state(false);
  /** Steps per second (Infinity: max). */
  speed = $state(30);
  loop = $state(false);
  /** Sub-steps sweep along while playing (off when the system asks for reduced motion, unless turned on). */
  animate = $state(true);
  /** The last frame of the experiment. */
  last = $state(0);
  /** Frames trained so far (0..available−1 can be shown). */
  available = $state(0);
  /** How far into the current sub-step playback is, 0..1 (1 when stopped on it). */
  progress = $state(1);
  private acc = 0;
  /** The frame number the counter showed last while playing, and how long ago (ms) it changed. */
  private counted = $state(0);
  private countedAge = Infinity;

  /**
   * The frame number the counter shows: the playhead, ten times a second while playing. Sixty
   * changes a second cannot be read, and each was a layout of the page (and a hit test under the
   * pointer) in every animation frame.
   */
  get counter(): number {
    return this.playing ? this.counted : this.frame;
  }

  /** The frame the panels show: the playhead, or the newest frame trained while it waits. */
  get shown(): number {
    return Math.max(0, Math.min(this.frame, this.available - 1));
  }

  get subStep(): SubStep {
    return SUB_STEPS[this.sub];
  }

  setBounds(last: number, available: number): void {
    this.last = last;
    this.available = Math.min(available, last + 1);
    // A shorter experiment: the frame number is kept where it still exists.
    if (this.frame > last) this.frame = last;
  }

  seek(t: number): void {
    this.frame = Math.max(0, Math.min(this.last, Math.round(t)));
    this.sub = this.subSteps ? 0 : SUB_STEPS.length - 1;
    this.acc = 0;
    this.progress = 1;
  }

  step(n: number): void {
    this.seek(this.frame + n);
  }

  home(): void {
    this.seek(0);
  }

  end(): void {
    this.seek(this.last);
  }

  setSubSteps(on: boolean): void {
    this.subSteps = on;
    this.sub = on ? 0 : SUB_STEPS.length - 1;
  }

  /** One sub-step forward or back (turning sub-steps on). */
  stepSub(d: 1 | -1): void {
    this.progress = 1;
    if (!this.subSteps) {
      this.setSubSteps(true);
      if (d < 0) this.sub = SUB_STEPS.length - 1;
      if (d < 0) this.frame = Math.max(0, this.frame - 1);
      return;
    }
    this.advanceSub(d);
  }

  private advanceSub(d: 1 | -1): boolean {
    const s = this.sub + d;
    if (s >= SUB_STEPS.length) {
      if (this.frame >= Math.min(this.last, this.available - 1)) return false;
      this.frame++;
      this.sub = 0;
    } else if (s < 0) {
      if (this.frame === 0) return false;
      this.frame--;
      this.sub = SUB_STEPS.length - 1;
    } else this.sub = s;
    return true;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    // Playing from the end starts over.
    if (this.frame >= this.last) this.seek(0);
    this.playing = true;
    this.acc = 0;
    this.counted = this.frame;
    this.countedAge = 0;
  }

  pause(): void {
    this.playing = false;
    this.progress = 1;
  }

  /**
   * Stopped at `step` of a new experiment of `last` steps (before its first frames arrive), with
   * sub-steps on at phase `sub`, or off (null): a lesson's scene, a share link's view.
   */
  stage(last: number, step: number, sub: number | null): void {
    this.pause();
    this.setBounds(last, 0);
    this.setSubSteps(sub !== null);
    this.seek(step);
    if (sub !== null) this.sub = sub;
  }

  /** A playback command of the menu or the keys (the keymap's `play.*`); false for any other. */
  run(action: string): boolean {
    const does: Record<string, () => unknown> = {
      'play.toggle': () => this.toggle(),
      'play.next': () => this.step(1),
      'play.previous': () => this.step(-1),
      'play.next10': () => this.step(10),
      'play.previous10': () => this.step(-10),
      'play.start': () => this.home(),
      'play.end': () => this.end(),
      'play.subNext': () => this.stepSub(1),
      'play.subPrevious': () => this.stepSub(-1),
    };
    if (!Object.hasOwn(does, action)) return false;
    does[action]();
    return true;
  }

  /** Advances playback by `dt` milliseconds of wall time (called every animation frame). */
  tick(dt: number): void {
    if (!this.playing) return;
    this.advance(dt);
    this.countedAge += dt;
    if (this.countedAge >= COUNTER_MS && this.counted !== this.frame) {
      this.counted = this.frame;
      this.countedAge = 0;
    }
  }

  private advance(dt: number): void {
    const ceiling = Math.min(this.last, this.available - 1);
    let units: number;
    if (this.speed === Infinity) units = Math.max(1, Math.ceil((this.last + 1) / MAX_SPEED_TICKS));
    else {
      this.acc += (Math.min(dt, 250) * this.speed * (this.subSteps ? SUB_STEPS.length : 1)) / 1000;
      units = Math.floor(this.acc);
      this.acc -= units;
      if (this.subSteps) this.progress = this.acc;
    }
    if (units === 0) return;
    if (this.subSteps) {
      for (let k = 0; k < units; k++) {
        if (!this.advanceSub(1)) {
          this.atEnd(ceiling);
          return;
        }
      }
      return;
    }
    if (this.frame >= ceiling) {
      this.atEnd(ceiling);
      return;
    }
    this.frame = Math.min(ceiling, this.frame + units);
  }

  /** The playhead hit the newest frame: the end (loop or stop), or training still to catch up (wait). */
  private atEnd(ceiling: number): void {
    if (ceiling < this.last) {
      this.acc = 0;
      return;
    }
    if (this.loop) this.seek(0);
    else this.playing = false;
  }
}
