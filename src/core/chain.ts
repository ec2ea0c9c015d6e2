/**
 * The chain rule of one example (or the mean over the training set) at one
 * frame, factor by factor, as MATH.md §1 and §4 write it: z = θᵀh + b,
 * ŷ = f(z), L(ŷ, y), and ∂L/∂θⱼ = ∂L/∂ŷ · ∂ŷ/∂z · hⱼ, with every hidden
 * layer's activations and gradients, the update θ ← θ − α·∂J/∂θ, and a
 * sentence for every factor that chokes the flow (below 10⁻³, or exactly 0).
 */
import { EN, type MessageKey, type Params } from '../i18n';
import { ACTIVATION } from './activations';
import type { ActivationName, LossSpec, OutputSpec } from './experiment';
import { sci } from './format';
import { SATURATION_THRESHOLD } from './heads';
import type { BatchUsed, History } from './history';
import { emptyTotals, type Network, pass, sharedWorkspace } from './network';
import { builtinLoss, scalarLossOf, unitOf, type UnitNote } from './units';

export interface ChainLayer {
  /** W[out][in] and b at this frame. */
  W: number[][];
  b: number[];
  /** ∂L/∂W and ∂L/∂b of the example (∂J/∂W, ∂J/∂b for the mean). */
  gradW: number[][];
  gradB: number[];
  /** ‖(gradW, gradB)‖₂. */
  norm: number;
}

export interface VanishingNote {
  /** Which factor: 'f′(z)', 'σ′(z)', '∂L/∂z', 'g′ (layer 1)', … */
  factor: string;
  value: number;
  /** The sentence, as a message of the catalogues with its parameters… */
  key: MessageKey;
  params: Params;
  /** …and in English. */
  text: string;
}

function note(factor: string, value: number, key: MessageKey, params: Params = {}): VanishingNote {
  return { factor, value, key, params, text: EN(key, params) };
}

export interface ChainView {
  /** The example, or −1 for the mean over the training set. */
  example: number;
  n: number;
  unit: OutputSpec;
  loss: LossSpec;
  activation: ActivationName;
  /** Logits: 1, or K for softmax. */
  K: number;
  /** The example's label (−1 for the mean). */
  y: number;
  /** Activations a₀ = x, a₁ … a_H (the last is h); empty for the mean. */
  acts: number[][];
  /** g′ of every hidden unit for the example (per hidden layer); empty for the mean. */
  gprime: number[][];
  /** The output unit's factors for the example (each K long; empty for the mean). */
  z: number[];
  yhat: number[];
  /** L of the example; J for the mean. */
  L: number;
  /** J: the mean loss over the training set at this frame. */
  J: number;
  dLdyhat: number[];
  /** f′(z) for the scalar units; the Jacobian's diagonal ŷ_c(1 − ŷ_c) for softmax. */
  dyhatdz: number[];
  /** ∂ŷ_c/∂z_k at [c·K + k] (K×K: softmax couples every z to every ŷ); [f′(z)] for the scalar units. */
  jacobian: number[];
  dLdz: number[];
  /** Every weight layer, input side first; the last is the output unit's θ and b. */
  layers: ChainLayer[];
  /** ∂J/∂θ over the training set for the update, per layer as `layers` (W then b). */
  meanGrad: ChainLayer[];
  /** The step taken from this frame, as the run recorded it, of the output unit's first weight. */
  step: ChainStep;
  /** θ at this frame and the step the run recorded from it, for every parameter (`stepOf` follows one). */
  theta: Float64Array;
  recorded: RecordedStep;
  notes: VanishingNote[];
}

/** The step a run took at one frame, as it recorded it (what the chain shows as the update). */
export interface RecordedStep {
  /** ∂J_B/∂θ over the batch the step used. */
  grad: Float64Array;
  /** v_t = μ·v_(t−1) + ∂J_B/∂θ (the gradient itself when μ = 0). */
  velocity: Float64Array;
  /** v_(t−1) (zeros at frame 0, or when μ = 0). */
  previous: Float64Array | null;
  learningRate: number;
  momentum: number;
  batch: BatchUsed;
  /** False at the frame where the run diverged: no step follows it. */
  taken: boolean;
  /**
   * The gradient is the whole training set's, summed in order (full-batch training): it is then
   * exactly ∂J/∂θ at θ_t, and `J` the loss there, so a view need not compute them again.
   */
  whole?: { J: number };
}

/** The recorded step of one parameter: θ_(t+1) = θ_t − α·v_t, v_t = μ·v_(t−1) + g_t. */
export interface ChainStep {
  /** Which parameter (index into θ). */
  index: number;
  theta: number;
  /** g_t: ∂J_B/∂θ over the batch. */
  grad: number;
  velocity: number;
  previous: number;
  /** θ_(t+1), exactly as the run computed it; NaN when no step was taken. */
  next: number;
  learningRate: number;
  momentum: number;
  batch: BatchUsed;
  /** Examples in the training set (the batch is all of them when its size is n). */
  n: number;
}

/** Frame t's recorded step from a run's history. */
export function recordedStep(
  h: Pick<History, 'gradAt' | 'velocityAt' | 'batchAt' | 'keepsVelocity' | 'length' | 'divergence' | 'loss'>,
  t: number,
  optimizer: { learningRate: number; momentum: number; batchSize?: number },
): RecordedStep {
  return {
    // Full batch (batch size 0): the run summed the gradient over every example in order, as
    // datasetGradient does, and recorded J at θ_t.
    whole: optimizer.batchSize === 0 ? { J: h.loss[t] } : undefined,
    grad: h.gradAt(t),
    velocity: h.velocityAt(t),
    previous: h.keepsVelocity && t > 0 ? h.velocityAt(t - 1) : null,
    learningRate: optimizer.learningRate,
    momentum: optimizer.momentum,
    batch: h.batchAt(t),
    taken: !(h.divergence !== null && t === h.length - 1),
  };
}

export { sci };

/** The step full-batch gradient descent without momentum takes from θ (no run needed). */
export function gradientStep(
  net: Network,
  data: { x: Float64Array; y: Int32Array; n: number },
  theta: Float64Array,
  learningRate: number,
): RecordedStep {
  const { grad, J } = datasetGradient(net, data, theta);
  return {
    whole: { J },
    grad,
    velocity: grad,
    previous: null,
    learningRate,
    momentum: 0,
    batch: { epoch: 0, from: 0, size: data.n },
    taken: true,
  };
}

/** The recorded step of parameter k (a flat index into θ: layer by layer, W row-major then b). */
export function paramStep(theta: Float64Array, r: RecordedStep, n: number, k: number): ChainStep {
  const v = r.velocity[k];
  return {
    index: k,
    theta: theta[k],
    grad: r.grad[k],
    velocity: v,
    previous: r.previous ? r.previous[k] : 0,
    // The run's own arithmetic (θ −= α·v), so this is θ_(t+1) to the last bit.
    next: r.taken ? theta[k] - r.learningRate * v : NaN,
    learningRate: r.learningRate,
    momentum: r.momentum,
    batch: r.batch,
    n,
  };
}

/** The step the run recorded for parameter k of a chain view (any weight or bias, not only the default). */
export function stepOf(v: Pick<ChainView, 'theta' | 'recorded' | 'n'>, k: number): ChainStep {
  return paramStep(v.theta, v.recorded, v.n, k);
}

/**
 * a[from .. from + n) as a plain array, by a loop: Array.from over a typed array goes through its
 * iterator, several times slower, and a diagram of a 2-32-32-1 network copies a thousand rows a frame.
 */
function plain(a: Float64Array, from: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let j = 0; j < n; j++) out[j] = a[from + j];
  return out;
}

function layersOf(net: Network, theta: Float64Array, grad: Float64Array): ChainLayer[] {
  const out: ChainLayer[] = [];
  for (let l = 0; l < net.layers; l++) {
    const nin = net.sizes[l];
    const nout = net.sizes[l + 1];
    const W: number[][] = [];
    const gradW: number[][] = [];
    let s = 0;
    for (let o = 0; o < nout; o++) {
      const w = net.wOff[l] + o * nin;
      W.push(plain(theta, w, nin));
      gradW.push(plain(grad, w, nin));
      for (let j = 0; j < nin; j++) s += grad[w + j] ** 2;
    }
    const b = plain(theta, net.bOff[l], nout);
    const gradB = plain(grad, net.bOff[l], nout);
    for (const g of gradB) s += g * g;
    out.push({ W, b, gradW, gradB, norm: Math.sqrt(s) });
  }
  return out;
}

/** Σ (or mean) of ∂L/∂θ over examples [from, to) of `order` (null: all in order). */
function gradient(
  net: Network,
  theta: Float64Array,
  data: { x: Float64Array; y: Int32Array },
  from: number,
  to: number,
): Float64Array {
  const grad = new Float64Array(net.paramCount);
  pass(net, theta, data.x, data.y, null, from, to, grad, sharedWorkspace(net), emptyTotals());
  return grad;
}

/** ∂J/∂θ and J over the whole training set at θ (one pass). */
export function datasetGradient(
  net: Network,
  data: { x: Float64Array; y: Int32Array; n: number },
  theta: Float64Array,
): { grad: Float64Array; J: number } {
  const grad = new Float64Array(net.paramCount);
  const totals = emptyTotals();
  pass(net, theta, data.x, data.y, null, 0, data.n, grad, sharedWorkspace(net), totals);
  for (let k = 0; k < grad.length; k++) grad[k] /= data.n;
  return { grad, J: totals.loss / data.n };
}

/** ∂J/∂θ over the whole set at θ_t: the recorded one when the step used the whole set, else a new pass. */
export function wholeGradient(
  net: Network,
  data: { x: Float64Array; y: Int32Array; n: number },
  theta: Float64Array,
  recorded: RecordedStep,
): Float64Array {
  return recorded.whole ? recorded.grad : datasetGradient(net, data, theta).grad;
}

/**
 * The chain of example `example` (or −1: the mean over all n examples) at
 * parameters θ. `data` is the training set; `recorded` the step the run took from θ.
 */
export function chainAt(
  net: Network,
  data: { x: Float64Array; y: Int32Array; n: number },
  theta: Float64Array,
  example: number,
  recorded: RecordedStep,
): ChainView {
  const { n } = data;
  const K = net.width;
  // ∂J/∂θ over the whole set: the run's own when it trained on the whole set (the same sum, in the
  // same order, bit for bit), else one pass over the data.
  const { grad: mean, J } = recorded.whole
    ? { grad: recorded.grad, J: recorded.whole.J }
    : datasetGradient(net, data, theta);
  const meanGrad = layersOf(net, theta, mean);
  const act = ACTIVATION[net.activation];
  const base = {
    example,
    n,
    unit: net.unit,
    loss: net.loss,
    activation: net.activation,
    K,
    meanGrad,
    // The output unit's first weight: the parameter the formulas follow.
    step: paramStep(theta, recorded, n, net.wOff[net.layers - 1]),
    theta: theta.slice(),
    recorded,
    J,
  };
  if (example < 0) {
    return {
      ...base,
      y: -1,
      acts: [],
      gprime: [],
      z: [],
      yhat: [],
      L: J,
      dLdyhat: [],
      dyhatdz: [],
      jacobian: [],
      dLdz: [],
      layers: meanGrad,
      notes: [],
    };
  }
  const dims = net.sizes[0];
  const x = Array.from(data.x.subarray(example * dims, (example + 1) * dims));
  const y = data.y[example];
  // Forward, unit by unit (one example: clarity over speed).
  const acts: number[][] = [x];
  const gprime: number[][] = [];
  let a = x;
  const z: number[] = [];
  for (let l = 0; l < net.layers; l++) {
    const nin = net.sizes[l];
    const nout = net.sizes[l + 1];
    const u: number[] = [];
    for (let o = 0; o < nout; o++) {
      let s = theta[net.bOff[l] + o];
      for (let j = 0; j < nin; j++) s += theta[net.wOff[l] + o * nin + j] * a[j];
      u.push(s);
    }
    if (l === net.layers - 1) z.push(...u);
    else {
      a = u.map(act.f);
      acts.push(a);
      gprime.push(a.map(act.der));
    }
  }
  const unit = unitOf(net.unit);
  let yhat: number[];
  let L: number;
  let dLdyhat: number[];
  let dyhatdz: number[];
  let jacobian: number[];
  let dLdz: number[];
  let unitNotes: UnitNote[];
  if (unit.vector) {
    const loss = builtinLoss(net.loss);
    const c = unit.factors(loss, z, y);
    yhat = c.yhat;
    L = c.loss;
    dLdyhat = c.dLdyhat;
    dyhatdz = c.yhat.map((_, k) => c.jacobian[k * K + k]);
    jacobian = c.jacobian;
    dLdz = c.dLdz;
    unitNotes = unit.notes(c, loss);
  } else {
    const l = scalarLossOf(unit, net.loss);
    const c = {
      z: z[0],
      y,
      yhat: unit.f(z[0]),
      loss: l.loss(z[0], y),
      dLdyhat: l.dLdyhat(z[0], y),
      dyhatdz: unit.der(z[0]),
      dLdz: l.dLdz(z[0], y),
    };
    yhat = [c.yhat];
    L = c.loss;
    dLdyhat = [c.dLdyhat];
    dyhatdz = [c.dyhatdz];
    jacobian = [c.dyhatdz];
    dLdz = [c.dLdz];
    unitNotes = unit.notes(c, net.loss);
  }
  const grad = gradient(
    net,
    theta,
    { x: data.x.subarray(example * dims), y: data.y.subarray(example) },
    0,
    1,
  );
  const view: ChainView = {
    ...base,
    y,
    acts,
    gprime,
    z,
    yhat,
    L,
    dLdyhat,
    dyhatdz,
    jacobian,
    dLdz,
    layers: layersOf(net, theta, grad),
    notes: [],
  };
  view.notes = [...unitNotes.map((u) => note(u.factor, u.value, u.key, u.params)), ...hiddenNotes(view)];
  return view;
}

/** One line for every hidden layer whose units choke the gradient of this example, saying why. */
function hiddenNotes(v: ChainView): VanishingNote[] {
  const notes: VanishingNote[] = [];
  if (v.example < 0) return notes;
  const tiny = (g: number): boolean => Math.abs(g) < SATURATION_THRESHOLD;
  // Hidden layers: units whose g′ chokes what passes through them.
  v.gprime.forEach((g, l) => {
    const zero = g.filter((d) => d === 0).length;
    const small = g.filter((d) => d !== 0 && tiny(d)).length;
    if (zero > 0) {
      notes.push(
        note(`g′ (layer ${l + 1})`, 0, 'note.deadUnits', {
          layer: l + 1,
          n: zero,
          of: g.length,
          activation: v.activation,
        }),
      );
    }
    if (small > 0) {
      notes.push(
        note(
          `g′ (layer ${l + 1})`,
          Math.min(...g.filter((d) => d !== 0).map(Math.abs)),
          'note.saturatedUnits',
          {
            layer: l + 1,
            n: small,
            of: g.length,
            activation: v.activation,
          },
        ),
      );
    }
  });
  return notes;
}
