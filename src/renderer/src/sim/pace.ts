/**
 * A thread's share of a core: after each piece of work it rests in proportion to the time the
 * piece took, so that over time it computes `duty` of the time (1: no rest). The surface worker
 * rests so while the page plays back on two cores: the page keeps one of them for its frames.
 */
export class Pacer {
  private duty = 1;
  /** The rest (ms) before the next piece: the last piece's time × (1 − duty) / duty, at most MAX_REST_MS. */
  rest = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The share of the time to compute, clamped to [0.05, 1]; anything not a number is 1. */
  set(duty: number): void {
    this.duty = Number.isFinite(duty) ? Math.min(1, Math.max(0.05, duty)) : 1;
    if (this.duty === 1) this.rest = 0;
  }

  /** `fn`, timed: its time sets the rest before the next piece. */
  wrap(fn: () => void): () => void {
    return () => {
      const t0 = this.now();
      try {
        fn();
      } finally {
        const took = Math.max(0, this.now() - t0);
        this.rest = this.duty < 1 ? Math.min(MAX_REST_MS, (took * (1 - this.duty)) / this.duty) : 0;
      }
    };
  }
}

/** A piece of work is never followed by more than this rest (ms). */
export const MAX_REST_MS = 1000;
