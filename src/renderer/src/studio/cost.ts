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
