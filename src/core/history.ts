/**
 * The frames of one run, the one store both sides keep: the worker's `Run`
 * pushes each step into it, and the UI appends the batches the worker streams
 * into its own copy. Per frame it holds θ_t, the batch gradient ∂J_B/∂θ, the
 * momentum buffer v_t (when μ ≠ 0), which batch was used, and a few scalars, in
 * growable typed arrays; and the run's status at every frame (running,
 * converged, stalled, diverged), so the command line and the exports see what
 * the studio sees. Per-example values are recomputed from θ_t on demand.
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

export interface FrameScalars {
  /** J over the whole training set at θ_t. */
  loss: number;
  /** 1 − zero-one error over the training set. */
  accuracy: number;
  /** Fractions of training examples with |∂ŷ/∂z| < threshold, right and wrong. */
  saturatedRight: number;
  saturatedWrong: number;
}

/** Which examples step t used: positions [from, from + size) of epoch `epoch`'s shuffled order (full batch: 0, n). */
export interface BatchUsed {
  epoch: number;
  from: number;
  size: number;
}

/** A run of consecutive frames, as the worker streams them (see core/host.ts). */
export interface FrameBatch {
  from: number;
  count: number;
  loss: Float64Array;
  accuracy: Float64Array;
  saturatedRight: Float64Array;
  saturatedWrong: Float64Array;
  /** count × layers. */
  gradNorms: Float64Array;
  /** count × paramCount each. */
  params: Float64Array;
  grads: Float64Array;
  /** Empty when the run keeps no momentum buffer. */
  velocity: Float64Array;
  /** count × 3: epoch, from, size. */
  batches: Int32Array;
}

export class History {
  readonly paramCount: number;
  readonly layerCount: number;
  readonly keepsVelocity: boolean;
  private cap = 0;
  private count = 0;
  params: Float64Array = new Float64Array(0);
  grads: Float64Array = new Float64Array(0);
  velocity: Float64Array = new Float64Array(0);
  gradNorms: Float64Array = new Float64Array(0);
  loss: Float64Array = new Float64Array(0);
  accuracy: Float64Array = new Float64Array(0);
  saturatedRight: Float64Array = new Float64Array(0);
  saturatedWrong: Float64Array = new Float64Array(0);
  /** frames × 3: the batch of each step (epoch, from, size). */
  batches: Int32Array = new Int32Array(0);
  /** Per frame: the first frame since which θ has not changed. */
  private still: Int32Array = new Int32Array(0);
  private stallAt = -1;
  private convergedAt = -1;
  /** Set when the run diverged at its last frame. */
  divergence: Divergence | null = null;

  constructor(paramCount: number, layerCount: number, keepsVelocity: boolean, expectedFrames = 64) {
    this.paramCount = paramCount;
    this.layerCount = layerCount;
    this.keepsVelocity = keepsVelocity;
    this.grow(Math.max(1, expectedFrames));
  }

  get length(): number {
    return this.count;
  }

  /** Alias of layerCount (the width of each frame's gradNorms). */
  get layers(): number {
    return this.layerCount;
  }

  /** Bytes held by the typed arrays (capacity, not just the frames recorded). */
  get bytes(): number {
    return (
      this.params.byteLength +
      this.grads.byteLength +
      this.velocity.byteLength +
      this.gradNorms.byteLength +
      4 * this.loss.byteLength +
      this.batches.byteLength +
      this.still.byteLength
    );
  }

  private grow(cap: number): void {
    const P = this.paramCount;
    const L = this.layerCount;
    const move = (a: Float64Array, width: number): Float64Array => {
      const b = new Float64Array(cap * width);
      b.set(a.subarray(0, this.count * width));
      return b;
    };
    const moveInt = (a: Int32Array, width: number): Int32Array => {
      const b = new Int32Array(cap * width);
      b.set(a.subarray(0, this.count * width));
      return b;
    };
    this.params = move(this.params, P);
    this.grads = move(this.grads, P);
    if (this.keepsVelocity) this.velocity = move(this.velocity, P);
    this.gradNorms = move(this.gradNorms, L);
    this.loss = move(this.loss, 1);
    this.accuracy = move(this.accuracy, 1);
    this.saturatedRight = move(this.saturatedRight, 1);
    this.saturatedWrong = move(this.saturatedWrong, 1);
    this.batches = moveInt(this.batches, 3);
    this.still = moveInt(this.still, 1);
    this.cap = cap;
  }

  /**
   * Capacity for at least n frames without reallocating. Growing at least doubles the capacity,
   * so a history trained a slice at a time (advanceTo a few steps further, again and again) is
   * copied O(log n) times rather than once per slice; callers that know the final length reserve
   * it up front and get exactly that.
   */
  reserve(n: number): void {
    if (n > this.cap) this.grow(Math.max(n, this.cap * 2));
  }

  /** Records step t = length (the training loop's side). */
  push(
    theta: Float64Array,
    grad: Float64Array,
    velocity: Float64Array | null,
    norms: Float64Array,
    s: FrameScalars,
    batch: BatchUsed,
  ): void {
    if (this.count === this.cap) this.grow(this.cap * 2);
    const t = this.count++;
    const P = this.paramCount;
    this.params.set(theta, t * P);
    this.grads.set(grad, t * P);
    if (this.keepsVelocity && velocity) this.velocity.set(velocity, t * P);
    this.gradNorms.set(norms, t * this.layerCount);
    this.loss[t] = s.loss;
    this.accuracy[t] = s.accuracy;
    this.saturatedRight[t] = s.saturatedRight;
    this.saturatedWrong[t] = s.saturatedWrong;
    this.batches[3 * t] = batch.epoch;
    this.batches[3 * t + 1] = batch.from;
    this.batches[3 * t + 2] = batch.size;
    this.track(t, t + 1);
  }

  /** Appends frames streamed from another copy; they must arrive in order (the host guarantees it). */
  append(b: FrameBatch): void {
    if (b.from !== this.count) throw new RangeError(`expected frames from ${this.count}, got ${b.from}`);
    const n = this.count + b.count;
    if (n > this.cap) this.grow(Math.max(n, this.cap * 2));
    const P = this.paramCount;
    const L = this.layerCount;
    const k = b.count;
    this.loss.set(b.loss.subarray(0, k), b.from);
    this.accuracy.set(b.accuracy.subarray(0, k), b.from);
    this.saturatedRight.set(b.saturatedRight.subarray(0, k), b.from);
    this.saturatedWrong.set(b.saturatedWrong.subarray(0, k), b.from);
    this.gradNorms.set(b.gradNorms.subarray(0, k * L), b.from * L);
    this.params.set(b.params.subarray(0, k * P), b.from * P);
    this.grads.set(b.grads.subarray(0, k * P), b.from * P);
    if (this.keepsVelocity) this.velocity.set(b.velocity.subarray(0, k * P), b.from * P);
    this.batches.set(b.batches.subarray(0, 3 * k), 3 * b.from);
    this.count = n;
    this.track(b.from, n);
  }

  /** Frames [from, to) as a batch to stream (copies). */
  slice(from: number, to: number): FrameBatch {
    const P = this.paramCount;
    const L = this.layerCount;
    return {
      from,
      count: to - from,
      loss: this.loss.slice(from, to),
      accuracy: this.accuracy.slice(from, to),
      saturatedRight: this.saturatedRight.slice(from, to),
      saturatedWrong: this.saturatedWrong.slice(from, to),
      gradNorms: this.gradNorms.slice(from * L, to * L),
      params: this.params.slice(from * P, to * P),
      grads: this.grads.slice(from * P, to * P),
      velocity: this.keepsVelocity ? this.velocity.slice(from * P, to * P) : new Float64Array(0),
      batches: this.batches.slice(3 * from, 3 * to),
    };
  }

  /** The status bookkeeping of frames [from, to). */
  private track(from: number, to: number): void {
    for (let t = from; t < to; t++) {
      this.still[t] = t > 0 && this.sameParams(t - 1, t) ? this.still[t - 1] : t;
      if (this.stallAt < 0 && t - this.still[t] >= STALL_WINDOW && !this.atOptimum(t)) this.stallAt = t;
      if (this.convergedAt < 0 && (this.convergedAtFrame(t) || this.stillAtOptimum(t))) this.convergedAt = t;
    }
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

  /** θ_t as a view (no copy; valid until the history grows). */
  paramsAt(t: number): Float64Array {
    return this.params.subarray(t * this.paramCount, (t + 1) * this.paramCount);
  }

  /** ∂J_B/∂θ at θ_t over the batch step t used. */
  gradAt(t: number): Float64Array {
    return this.grads.subarray(t * this.paramCount, (t + 1) * this.paramCount);
  }

  /** v_t, the momentum buffer after step t's gradient (equal to the gradient when μ = 0). */
  velocityAt(t: number): Float64Array {
    return this.keepsVelocity
      ? this.velocity.subarray(t * this.paramCount, (t + 1) * this.paramCount)
      : this.gradAt(t);
  }

  gradNormsAt(t: number): Float64Array {
    return this.gradNorms.subarray(t * this.layerCount, (t + 1) * this.layerCount);
  }

  batchAt(t: number): BatchUsed {
    return { epoch: this.batches[3 * t], from: this.batches[3 * t + 1], size: this.batches[3 * t + 2] };
  }

  /** The status at frame t (0 ≤ t < length). */
  statusAt(t: number): RunStatus {
    const d = this.divergence;
    if (d && t >= this.count - 1) return { state: 'diverged', since: d.step, reason: d.reason, why: d.why };
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
