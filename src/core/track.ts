/**
 * One variant's frames as the UI receives them from the simulation worker,
 * in growable arrays, with its status at every frame: running, converged,
 * stalled (no parameter moved in the last STALL_WINDOW steps) or diverged.
 */
import type { Divergence } from './run';

/** Steps without any parameter moving before a run counts as stalled. */
export const STALL_WINDOW = 50;
/**
 * Converged: no example saturated and wrong, and J changed by at most this
 * fraction over the last STALL_WINDOW steps.
 */
export const CONVERGED_CHANGE = 1e-4;

export type RunState = 'running' | 'converged' | 'stalled' | 'diverged';

export interface RunStatus {
  state: RunState;
  /** The frame this state was first reached at (the start of the window for stalled). */
  since: number;
  reason?: string;
  why?: Divergence['why'];
}

/** Where a status was first reached: the timeline's marks. */
export interface Marker {
  state: Exclude<RunState, 'running'>;
  step: number;
  reason?: string;
  why?: Divergence['why'];
}

/** A batch of frames as the host streams them (see core/host.ts). */
export interface FrameBatch {
  from: number;
  count: number;
  loss: Float64Array;
  accuracy: Float64Array;
  saturatedRight: Float64Array;
  saturatedWrong: Float64Array;
  gradNorms: Float64Array;
  params: Float64Array;
}

function grow(a: Float64Array, capacity: number): Float64Array {
  if (a.length >= capacity) return a;
  const b = new Float64Array(Math.max(capacity, a.length * 2));
  b.set(a);
  return b;
}

export class Track {
  readonly paramCount: number;
  readonly layers: number;
  length = 0;
  loss: Float64Array = new Float64Array(0);
  accuracy: Float64Array = new Float64Array(0);
  saturatedRight: Float64Array = new Float64Array(0);
  saturatedWrong: Float64Array = new Float64Array(0);
  /** length × layers. */
  gradNorms: Float64Array = new Float64Array(0);
  /** length × paramCount. */
  params: Float64Array = new Float64Array(0);
  /** Per frame: the first frame since which θ has not changed. */
  private still = new Int32Array(0);
  divergence: Divergence | null = null;
  private stallAt = -1;
  private convergedAt = -1;

  constructor(paramCount: number, layers: number) {
    this.paramCount = paramCount;
    this.layers = layers;
  }

  /** Appends a batch; batches must arrive in order (the host guarantees it). */
  append(b: FrameBatch): void {
    if (b.from !== this.length) throw new RangeError(`expected frames from ${this.length}, got ${b.from}`);
    const n = this.length + b.count;
    const P = this.paramCount;
    const L = this.layers;
    this.loss = grow(this.loss, n);
    this.accuracy = grow(this.accuracy, n);
    this.saturatedRight = grow(this.saturatedRight, n);
    this.saturatedWrong = grow(this.saturatedWrong, n);
    this.gradNorms = grow(this.gradNorms, n * L);
    this.params = grow(this.params, n * P);
    if (this.still.length < n) {
      const s = new Int32Array(Math.max(n, this.still.length * 2));
      s.set(this.still);
      this.still = s;
    }
    this.loss.set(b.loss.subarray(0, b.count), b.from);
    this.accuracy.set(b.accuracy.subarray(0, b.count), b.from);
    this.saturatedRight.set(b.saturatedRight.subarray(0, b.count), b.from);
    this.saturatedWrong.set(b.saturatedWrong.subarray(0, b.count), b.from);
    this.gradNorms.set(b.gradNorms.subarray(0, b.count * L), b.from * L);
    this.params.set(b.params.subarray(0, b.count * P), b.from * P);
    for (let t = b.from; t < n; t++) {
      this.still[t] = t > 0 && this.sameParams(t - 1, t) ? this.still[t - 1] : t;
      if (this.stallAt < 0 && t - this.still[t] >= STALL_WINDOW && !this.atOptimum(t)) this.stallAt = t;
      if (this.convergedAt < 0 && (this.convergedAtFrame(t) || this.stillAtOptimum(t))) this.convergedAt = t;
    }
    this.length = n;
  }

  private sameParams(a: number, b: number): boolean {
    const P = this.paramCount;
    const p = this.params;
    for (let k = 0; k < P; k++) if (p[a * P + k] !== p[b * P + k]) return false;
    return true;
  }

  private convergedAtFrame(t: number): boolean {
    if (t < STALL_WINDOW || t - this.still[t] >= STALL_WINDOW || this.saturatedWrong[t] !== 0) return false;
    const before = this.loss[t - STALL_WINDOW];
    const now = this.loss[t];
    return Number.isFinite(now) && Math.abs(before - now) <= CONVERGED_CHANGE * Math.abs(before) + 1e-12;
  }

  /**
   * Every example right and J = 0 (a flat unit exactly on its targets): there is nothing left to
   * learn, so standing still there is convergence, not a stall.
   */
  private atOptimum(t: number): boolean {
    return this.loss[t] === 0 && this.accuracy[t] === 1 && this.saturatedWrong[t] === 0;
  }

  private stillAtOptimum(t: number): boolean {
    return t - this.still[t] >= STALL_WINDOW && this.atOptimum(t);
  }

  /** θ at frame t (a view, valid until the next append). */
  paramsAt(t: number): Float64Array {
    return this.params.subarray(t * this.paramCount, (t + 1) * this.paramCount);
  }

  /** The status at frame t (0 ≤ t < length). */
  statusAt(t: number): RunStatus {
    const d = this.divergence;
    if (d && t >= this.length - 1) return { state: 'diverged', since: d.step, reason: d.reason, why: d.why };
    if (this.stillAtOptimum(t)) return { state: 'converged', since: this.still[t] };
    if (t - this.still[t] >= STALL_WINDOW) return { state: 'stalled', since: this.still[t] };
    if (this.convergedAtFrame(t)) {
      let s = t;
      while (s > 0 && this.convergedAtFrame(s - 1)) s--;
      return { state: 'converged', since: s };
    }
    return { state: 'running', since: 0 };
  }

  /** The first frame each status was reached, in step order. */
  markers(): Marker[] {
    const m: Marker[] = [];
    if (this.stallAt >= 0) m.push({ state: 'stalled', step: this.stallAt });
    if (this.convergedAt >= 0) m.push({ state: 'converged', step: this.convergedAt });
    if (this.divergence)
      m.push({
        state: 'diverged',
        step: this.divergence.step,
        reason: this.divergence.reason,
        why: this.divergence.why,
      });
    return m.sort((a, b) => a.step - b.step);
  }
}
