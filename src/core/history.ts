/**
 * The frames of one run, stored compactly: per frame only θ_t, ∂J/∂θ (of the
 * batch used at step t), the momentum buffer (when μ ≠ 0) and a few scalars, in
 * growable typed arrays. Per-example values are recomputed from θ_t on demand
 * (`Run.details`), which is exact and takes well under a millisecond.
 */

export interface FrameScalars {
  /** J over the whole training set at θ_t. */
  loss: number;
  /** 1 − zero-one error over the training set. */
  accuracy: number;
  /** Fractions of training examples with |∂ŷ/∂z| < threshold, right and wrong. */
  saturatedRight: number;
  saturatedWrong: number;
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

  constructor(paramCount: number, layerCount: number, keepsVelocity: boolean, expectedFrames = 64) {
    this.paramCount = paramCount;
    this.layerCount = layerCount;
    this.keepsVelocity = keepsVelocity;
    this.grow(Math.max(1, expectedFrames));
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays (capacity, not just the frames recorded). */
  get bytes(): number {
    return (
      this.params.byteLength +
      this.grads.byteLength +
      this.velocity.byteLength +
      this.gradNorms.byteLength +
      4 * this.loss.byteLength
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
    this.params = move(this.params, P);
    this.grads = move(this.grads, P);
    if (this.keepsVelocity) this.velocity = move(this.velocity, P);
    this.gradNorms = move(this.gradNorms, L);
    this.loss = move(this.loss, 1);
    this.accuracy = move(this.accuracy, 1);
    this.saturatedRight = move(this.saturatedRight, 1);
    this.saturatedWrong = move(this.saturatedWrong, 1);
    this.cap = cap;
  }

  /** Capacity for at least n frames without reallocating. */
  reserve(n: number): void {
    if (n > this.cap) this.grow(n);
  }

  push(
    theta: Float64Array,
    grad: Float64Array,
    velocity: Float64Array | null,
    norms: Float64Array,
    s: FrameScalars,
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
  }

  /** θ_t as a view (no copy). */
  paramsAt(t: number): Float64Array {
    return this.params.subarray(t * this.paramCount, (t + 1) * this.paramCount);
  }

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
}
