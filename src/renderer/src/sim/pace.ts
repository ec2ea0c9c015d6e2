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

/** The timer and the channel a paced scheduler uses (injected by tests). */
export interface SchedulerParts {
  timer: (fn: () => void, ms: number) => unknown;
  channel: {
    port1: { onmessage: ((e: MessageEvent) => void) | null };
    port2: { postMessage(m: null): void };
  };
}

/**
 * Runs each piece of work after the pacer's rest. Without a rest the next piece goes through a
 * message channel, not `setTimeout(fn, 0)`: a timer set from a timer waits at least 4 ms, which
 * between slices of about 12 ms is a quarter of a thread that should be computing all the time.
 */
export function pacedScheduler(
  pacer: Pacer,
  parts: SchedulerParts = { timer: (fn, ms) => setTimeout(fn, ms), channel: new MessageChannel() },
): (fn: () => void) => void {
  const queued: (() => void)[] = [];
  parts.channel.port1.onmessage = () => queued.shift()?.();
  return (fn) => {
    const piece = pacer.wrap(fn);
    if (pacer.rest > 0) parts.timer(piece, pacer.rest);
    else {
      queued.push(piece);
      parts.channel.port2.postMessage(null);
    }
  };
}
