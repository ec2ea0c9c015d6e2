/**
 * One training run: a variant trained by SGD from a given start, frame by frame
 * (MATH.md §5: frame t holds θ_t, the values and gradients at θ_t, and the
 * update that leads to θ_{t+1}; frame 0 is the initial state).
 */
import { EN, type MessageKey, type Params } from '../i18n';
import { recordedStep, type RecordedStep } from './chain';
import type { Dataset } from './datasets';
import type { ResolvedVariant } from './experiment';
import { FLAG_CORRECT, FLAG_SATURATED } from './heads';
import { History } from './history';
import {
  createNetwork,
  createWorkspace,
  emptyTotals,
  forwardRecord,
  type Network,
  paramName,
  pass,
  type Workspace,
} from './network';
import { createRng, type Rng } from './rng';
import { builtinLoss, outputWidth, scalarLossOf, unitOf } from './units';

export type FrameStatus = 'ok' | 'diverged';

/** Why a run stopped at its last frame. */
export interface Divergence {
  step: number;
  /** In English (the command line's JSON)… */
  reason: string;
  /** …and as a message of the catalogues, for the interface. */
  why: { key: MessageKey; params: Params };
}

/** One frame, with views into the run's history (valid until the run grows). */
export interface Frame {
  step: number;
  params: Float64Array;
  /** ∂J/∂θ of the batch used at this step. */
  grad: Float64Array;
  /** α·v: θ_{t+1} = θ_t − update. */
  update: Float64Array;
  loss: number;
  accuracy: number;
  /** ‖∂J/∂(W_l, b_l)‖₂ per weight layer, input side first. */
  gradNorms: Float64Array;
  saturatedRight: number;
  saturatedWrong: number;
  status: FrameStatus;
  reason?: string;
}

/** Every training example at one frame, each array indexed by example (×K for the vector ones). */
export interface ExampleDetails {
  /** K per example: 1 for the scalar units, classes for softmax. */
  width: number;
  z: Float64Array;
  yhat: Float64Array;
  loss: Float64Array;
  /** ∂L/∂ŷ (softmax: ∂L/∂ŷ_c per class). */
  dLdyhat: Float64Array;
  /** ∂ŷ/∂z (softmax: the Jacobian's diagonal ŷ_c(1 − ŷ_c)). */
  dyhatdz: Float64Array;
  dLdz: Float64Array;
  /** |∂ŷ/∂z| below the saturation threshold. */
  saturated: Uint8Array;
  correct: Uint8Array;
}

export class Run {
  readonly variant: ResolvedVariant;
  readonly net: Network;
  readonly data: Dataset;
  readonly history: History;
  private readonly theta: Float64Array;
  private readonly grad: Float64Array;
  private readonly velocity: Float64Array;
  private readonly norms: Float64Array;
  private readonly ws: Workspace;
  private readonly order: Int32Array | null;
  private readonly rng: Rng;
  private pos = 0;
  /** Epochs begun (mini-batches), or steps taken (full batch). */
  private epoch = -1;
  private diverged: Divergence | null = null;

  /** θ₀ must already have this variant's output width (see `adaptParams`). */
  constructor(
    variant: ResolvedVariant,
    data: Dataset,
    hidden: readonly number[],
    theta0: Float64Array,
    seed: number,
  ) {
    this.variant = variant;
    this.data = data;
    const sizes = [data.dims, ...hidden, outputWidth(variant.model.output, variant.model.classes)];
    this.net = createNetwork(sizes, variant.model.activation, variant.model.output, variant.loss);
    if (theta0.length !== this.net.paramCount) {
      throw new RangeError(`expected ${this.net.paramCount} initial parameters, got ${theta0.length}`);
    }
    this.theta = theta0.slice();
    this.grad = new Float64Array(this.net.paramCount);
    this.velocity = new Float64Array(this.net.paramCount);
    this.norms = new Float64Array(this.net.layers);
    this.ws = createWorkspace(this.net);
    const b = variant.optimizer.batchSize;
    this.order = b > 0 && b < data.n ? Int32Array.from({ length: data.n }, (_, i) => i) : null;
    // Every variant draws its batches from the same stream: equal batch sizes see equal batches.
    this.rng = createRng(seed, 'batches');
    this.history = new History(this.net.paramCount, this.net.layers, variant.optimizer.momentum !== 0);
  }

  get name(): string {
    return this.variant.name;
  }

  /** Frames recorded so far (steps 0..length−1). */
  get length(): number {
    return this.history.length;
  }

  /** Set when a non-finite value appeared; the run then has no further frames. */
  get divergence(): Divergence | null {
    return this.diverged;
  }

  /** Record frames up to step `last` (inclusive), or until the run diverges. */
  advanceTo(last: number): void {
    if (this.diverged) return;
    this.history.reserve(last + 1);
    while (this.history.length <= last && !this.diverged) this.step();
  }

  /** Fisher–Yates over the run's stream: the order of one epoch. */
  private shuffle(order: Int32Array): void {
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private step(): void {
    const { net, data, theta, grad, velocity, norms, ws, order } = this;
    const t = this.history.length;
    const n = data.n;
    grad.fill(0);
    const all = emptyTotals();
    let batch = n;
    let from = 0;
    if (order === null) {
      this.epoch++;
      pass(net, theta, data.x, data.y, null, 0, n, grad, ws, all);
    } else {
      if (this.pos === 0) {
        this.shuffle(order);
        this.epoch++;
      }
      from = this.pos;
      const end = Math.min(this.pos + this.variant.optimizer.batchSize, n);
      batch = end - this.pos;
      pass(net, theta, data.x, data.y, order, this.pos, end, grad, ws, emptyTotals());
      this.pos = end === n ? 0 : end;
      pass(net, theta, data.x, data.y, null, 0, n, null, ws, all);
    }
    for (let k = 0; k < grad.length; k++) grad[k] /= batch;
    for (let l = 0; l < net.layers; l++) {
      let s = 0;
      const end = net.bOff[l] + net.sizes[l + 1];
      for (let k = net.wOff[l]; k < end; k++) s += grad[k] * grad[k];
      norms[l] = Math.sqrt(s);
    }
    const loss = all.loss / n;
    const reason = this.nonFinite(loss);
    const { momentum: mu, learningRate: alpha } = this.variant.optimizer;
    if (reason === null) {
      // PyTorch's SGD: v ← μv + g, θ ← θ − αv (v starts at 0, so v₀ = g₀).
      for (let k = 0; k < grad.length; k++) velocity[k] = mu * velocity[k] + grad[k];
    }
    this.history.push(
      theta,
      grad,
      mu !== 0 ? velocity : null,
      norms,
      {
        loss,
        accuracy: all.correct / n,
        saturatedRight: all.saturatedRight / n,
        saturatedWrong: all.saturatedWrong / n,
      },
      { epoch: this.epoch, from, size: batch },
    );
    if (reason !== null) {
      this.diverged = { step: t, reason: EN(reason.key, reason.params), why: reason };
      this.history.divergence = this.diverged;
      return;
    }
    for (let k = 0; k < theta.length; k++) theta[k] -= alpha * velocity[k];
  }

  /** The first non-finite value of the frame being recorded, described; null when all are finite. */
  private nonFinite(loss: number): Divergence['why'] | null {
    const t = this.history.length;
    for (let k = 0; k < this.theta.length; k++) {
      if (!Number.isFinite(this.theta[k])) {
        return {
          key: 'diverge.param',
          params: { name: paramName(this.net, k), value: this.theta[k], step: t },
        };
      }
    }
    if (!Number.isFinite(loss)) return { key: 'diverge.loss', params: { value: loss, step: t } };
    for (let k = 0; k < this.grad.length; k++) {
      if (!Number.isFinite(this.grad[k])) {
        return {
          key: 'diverge.grad',
          params: { name: paramName(this.net, k), value: this.grad[k], step: t },
        };
      }
    }
    return null;
  }

  frame(t: number): Frame {
    if (!Number.isInteger(t) || t < 0 || t >= this.history.length) {
      throw new RangeError(`frame ${t} is not recorded (0..${this.history.length - 1})`);
    }
    const h = this.history;
    const last = this.diverged !== null && t === this.diverged.step;
    const v = h.velocityAt(t);
    const update = new Float64Array(v.length);
    if (!last) for (let k = 0; k < v.length; k++) update[k] = this.variant.optimizer.learningRate * v[k];
    const frame: Frame = {
      step: t,
      params: h.paramsAt(t),
      grad: h.gradAt(t),
      update,
      loss: h.loss[t],
      accuracy: h.accuracy[t],
      gradNorms: h.gradNormsAt(t),
      saturatedRight: h.saturatedRight[t],
      saturatedWrong: h.saturatedWrong[t],
      status: last ? 'diverged' : 'ok',
    };
    if (last && this.diverged) frame.reason = this.diverged.reason;
    return frame;
  }

  /** The step taken at frame t, as recorded (what the chain diagram shows as the update). */
  recordedStep(t: number): RecordedStep {
    return recordedStep(this.history, t, this.variant.optimizer);
  }

  /** Forward values and chain-rule factors of every training example at frame t. */
  details(t: number): ExampleDetails {
    return exampleDetails(this.net, this.data, this.frame(t).params);
  }
}

/** Forward values and chain-rule factors of every example of `data` at parameters θ. */
export function exampleDetails(
  net: Network,
  data: { x: Float64Array; y: Int32Array; n: number },
  theta: Float64Array,
): ExampleDetails {
  const { n } = data;
  const K = net.width;
  const rec = forwardRecord(net, theta, data.x, data.y, n);
  const dLdyhat = new Float64Array(n * K);
  const dyhatdz = new Float64Array(n * K);
  const unit = unitOf(net.unit);
  if (unit.vector) {
    for (let i = 0; i < n; i++) {
      const ch = unit.factors(builtinLoss(net.loss), rec.z.subarray(i * K, (i + 1) * K), data.y[i]);
      for (let c = 0; c < K; c++) {
        dLdyhat[i * K + c] = ch.dLdyhat[c];
        dyhatdz[i * K + c] = ch.jacobian[c * K + c];
      }
    }
  } else {
    const l = scalarLossOf(unit, net.loss);
    for (let i = 0; i < n; i++) {
      dLdyhat[i] = l.dLdyhat(rec.z[i], data.y[i]);
      dyhatdz[i] = unit.der(rec.z[i]);
    }
  }
  return {
    width: K,
    z: rec.z,
    yhat: rec.yhat,
    loss: rec.loss,
    dLdyhat,
    dyhatdz,
    dLdz: rec.dLdz,
    saturated: rec.flags.map((f) => (f & FLAG_SATURATED ? 1 : 0)),
    correct: rec.flags.map((f) => (f & FLAG_CORRECT ? 1 : 0)),
  };
}
