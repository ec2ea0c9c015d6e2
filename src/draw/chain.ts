/**
 * The chain-rule diagram of one variant, as a pure Canvas 2D drawing: the
 * network left to right (inputs, hidden units, z, ŷ, L, J), the forward
 * values on the nodes, each edge's local derivative, and the gradient
 * flowing back: an edge's width and colour follow |∂L/∂(its source)| on a
 * logarithmic scale, so a factor of 10⁻⁵ visibly chokes the flow and an
 * exact 0 cuts it (a thin dashed line). `anim` shows the sub-steps of a step.
 */
import { type ChainStep, type ChainView, sci } from '../core/chain';
import { LOSS_LABEL, unitOf } from '../core/units';
import type { Size } from './dataView';
import { FONT, type DrawTheme } from './theme';

/** A parameter's edge as drawn: from (x1, y1) to (x2, y2); `param` indexes the flat θ. */
export interface ChainEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  param: number;
}

/** The flat index of W_l[o][j] (bias: j = −1) in θ: layer by layer, W row-major then b. */
export function paramIndex(v: ChainView, l: number, o: number, j: number): number {
  let off = 0;
  for (let m = 0; m < l; m++) off += v.layers[m].W.length * (v.layers[m].W[0].length + 1);
  const nin = v.layers[l].W[0].length;
  return j < 0 ? off + v.layers[l].W.length * nin + o : off + o * nin + j;
}

/** The edge nearest to (x, y) within `radius` pixels, or null. */
export function chainEdgeAt(edges: ChainEdge[], x: number, y: number, radius = 6): ChainEdge | null {
  let best: ChainEdge | null = null;
  let bestD = radius;
  for (const e of edges) {
    const dx = e.x2 - e.x1;
    const dy = e.y2 - e.y1;
    const t = Math.max(0, Math.min(1, ((x - e.x1) * dx + (y - e.y1) * dy) / (dx * dx + dy * dy || 1)));
    const d = Math.hypot(x - (e.x1 + t * dx), y - (e.y1 + t * dy));
    if (d <= bestD) {
      bestD = d;
      best = e;
    }
  }
  return best;
}

/** Where the transport is within a step: 0 forward, 1 loss, 2 backward, 3 update; t ∈ [0, 1] inside it. */
export interface ChainAnimation {
  phase: 0 | 1 | 2 | 3;
  t: number;
}

const R = 11;
/** Edges per weight layer beyond which their labels are left to the text view. */
const LABELLED_EDGES = 2;

/** Width of an edge carrying gradient g: 0 for exactly 0, then log-scaled from 10⁻⁸ (hairline) to 10 (6 px). */
export function gradientWidth(g: number): number {
  const a = Math.abs(g);
  if (a === 0 || !Number.isFinite(a)) return 0;
  const k = (Math.log10(a) + 8) / 9; // 1e-8 → 0, 10 → 1
  return 0.4 + 5.6 * Math.min(1, Math.max(0, k));
}

interface Node {
  x: number;
  y: number;
  label: string;
  value: string;
}

export function drawChain(
  ctx: CanvasRenderingContext2D,
  v: ChainView,
  size: Size,
  theme: DrawTheme,
  anim: ChainAnimation = { phase: 3, t: 1 },
  /** Filled with every weight and bias edge drawn and its parameter's index (for clicks). */
  edges?: ChainEdge[],
): void {
  const { width, height } = size;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `11px ${FONT}`;
  ctx.textBaseline = 'middle';
  const mean = v.example < 0;
  const widths = [v.layers[0].W[0].length, ...v.layers.map((l) => l.b.length)];
  // Columns: a₀ … a_H, z, ŷ, L, J.
  const cols = widths.length + 3;
  const bottom = 54 + 14 * Math.min(3, v.notes.length);
  const top = 26;
  // Room for the tallest column (the output layer's inputs have one more slot: the bias's "1").
  const slots = Math.max(
    ...widths.slice(0, -1).map((w, c) => (c === widths.length - 2 ? w + 1 : w)),
    widths[widths.length - 1],
    v.K,
  );
  const graphH = Math.max(40, Math.min(height - top - bottom, slots * 50 + 20));
  // Gaps between columns: the chain after z gets more room for its labels.
  const gaps = Array.from({ length: cols - 1 }, (_, c) =>
    c === cols - 4 ? 2.1 : c === cols - 3 ? 1.7 : c === cols - 2 ? 1.1 : cols <= 6 ? 1.9 : 1,
  );
  const total = gaps.reduce((a, b) => a + b, 0);
  const colX = (c: number): number => {
    const whole = Math.floor(c);
    let s = 0;
    for (let k = 0; k < whole && k < gaps.length; k++) s += gaps[k];
    if (whole < gaps.length) s += (c - whole) * gaps[whole];
    return 30 + ((width - 60) * s) / total;
  };
  const colNodes = (m: number): number[] => {
    const gap = Math.min(graphH / m, 50);
    const mid = top + graphH / 2;
    return Array.from({ length: m }, (_, k) => mid + (k - (m - 1) / 2) * gap);
  };
  const nAct = widths.length; // activation columns incl. z
  const columns: Node[][] = [];
  /** The output layer's inputs share their column with the bias node, placed last. */
  const biasCol = nAct - 2;
  let biasY = 0;
  for (let c = 0; c < nAct; c++) {
    const all = colNodes(c === biasCol ? widths[c] + 1 : widths[c]);
    const ys = c === biasCol ? all.slice(0, -1) : all;
    if (c === biasCol) biasY = all[all.length - 1];
    const values = mean ? [] : c === nAct - 1 ? v.z : v.acts[c];
    const name = c === 0 ? 'x' : c === nAct - 1 ? 'z' : `h${nAct - 2 > 1 ? c : ''}`;
    columns.push(
      ys.map((y, k) => ({
        x: colX(c),
        y,
        label: widths[c] > 1 ? `${name}${sub(k + 1)}` : name,
        value: values.length ? sci(values[k]) : '',
      })),
    );
  }
  const K = v.K;
  const yhatNodes = colNodes(K).map((y, k) => ({
    x: colX(nAct),
    y,
    label: K > 1 ? `ŷ${sub(k + 1)}` : 'ŷ',
    value: mean ? '' : sci(v.yhat[k]),
  }));
  const lNode = { x: colX(nAct + 1), y: top + graphH / 2, label: 'L', value: mean ? '' : sci(v.L) };
  const jNode = { x: colX(nAct + 2), y: top + graphH / 2, label: 'J', value: sci(v.J) };

  // How far the sweeps have gone: forward reveals columns left to right; backward colours edges right to left.
  const forwardUpTo = anim.phase === 0 ? anim.t * (cols - 1) : cols;
  const backFrom = anim.phase < 2 ? Infinity : anim.phase === 2 ? (1 - anim.t) * (cols - 1) : -1;
  const pulse = anim.phase === 2 ? colX((1 - anim.t) * (cols - 1)) : null;

  /** An edge from column c (source) to c + 1: weight-styled before the backward sweep reaches it, gradient-styled after. */
  const edge = (
    a: { x: number; y: number },
    b: { x: number; y: number },
    c: number,
    weight: number | null,
    grad: number,
  ): void => {
    if (c + 1 > forwardUpTo) return;
    ctx.save();
    if (c + 1 > backFrom) {
      const w = gradientWidth(grad);
      if (w === 0) {
        ctx.setLineDash([3, 3]);
        ctx.strokeStyle = theme.wrong;
        ctx.lineWidth = 0.8;
      } else {
        ctx.strokeStyle = theme.foreground;
        ctx.globalAlpha = 0.25 + 0.75 * Math.min(1, w / 6);
        ctx.lineWidth = w;
      }
    } else {
      ctx.strokeStyle = weight === null ? theme.muted : weight >= 0 ? theme.classes[1] : theme.classes[0];
      ctx.globalAlpha = 0.7;
      ctx.lineWidth = weight === null ? 1 : 0.6 + Math.min(3, Math.abs(weight) / 2);
    }
    ctx.beginPath();
    ctx.moveTo(a.x + R, a.y);
    ctx.lineTo(b.x - R, b.y);
    ctx.stroke();
    ctx.restore();
  };

  // Weight edges, with the output layer's labelled when few.
  for (let l = 0; l < v.layers.length; l++) {
    const layer = v.layers[l];
    const from = columns[l];
    const to = columns[l + 1];
    for (let o = 0; o < to.length; o++) {
      for (let j = 0; j < from.length; j++) {
        edge(from[j], to[o], l, layer.W[o][j], layer.gradW[o][j]);
        edges?.push({
          x1: from[j].x + R,
          y1: from[j].y,
          x2: to[o].x - R,
          y2: to[o].y,
          param: paramIndex(v, l, o, j),
        });
      }
    }
  }
  // The output layer's bias: a "1" node under its inputs.
  const last = v.layers.length - 1;
  const hCol = columns[last];
  const one = { x: hCol[0].x, y: biasY };
  for (let o = 0; o < columns[last + 1].length; o++) {
    edge(one, columns[last + 1][o], last, null, v.layers[last].gradB[o]);
    const t = columns[last + 1][o];
    edges?.push({ x1: one.x + R, y1: one.y, x2: t.x - R, y2: t.y, param: paramIndex(v, last, o, -1) });
  }
  // The chain after z: z → ŷ (f′), ŷ → L (∂L/∂ŷ), L → J (1/n).
  const zCol = columns[nAct - 1];
  for (let k = 0; k < K; k++) {
    if (mean) break;
    edge(zCol[k], yhatNodes[k], nAct - 1, null, v.dLdz[k]);
    edge(yhatNodes[k], lNode, nAct, null, v.dLdyhat[k]);
  }
  if (mean) for (let k = 0; k < K; k++) edge(zCol[k], jNode, nAct - 1, null, 1);
  edge(lNode, jNode, nAct + 1, null, 1 / v.n);

  // Labels on the output edges: local derivative above, running product below.
  ctx.textAlign = 'center';
  const label = (
    a: Node | { x: number; y: number },
    b: Node | { x: number; y: number },
    above: string,
    below: string,
    c: number,
    /** Where the two lines go: around the edge, both above it, or both below (converging edges). */
    side: 'around' | 'above' | 'below' = 'around',
  ): void => {
    if (c + 1 > forwardUpTo) return;
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const [y1, y2] =
      side === 'above' ? [my - 21, my - 9] : side === 'below' ? [my + 10, my + 22] : [my - 9, my + 10];
    ctx.fillStyle = theme.muted;
    if (above) ctx.fillText(above, mx, y1);
    if (below && c + 1 > backFrom) {
      ctx.fillStyle = theme.foreground;
      ctx.fillText(below, mx, y2);
    }
  };
  if (!mean) {
    for (let k = 0; k < K; k++) {
      const unit = unitOf(v.unit).derSymbol;
      if (K > 1 && k !== v.y) continue;
      label(zCol[k], yhatNodes[k], `${unit} = ${sci(v.dyhatdz[k])}`, `∂L/∂z = ${sci(v.dLdz[k])}`, nAct - 1);
      // Softmax: ŷ_y's edge carries the loss (NLL); the others are labelled in the text view.
      label(yhatNodes[k], lNode, `∂L/∂ŷ = ${sci(v.dLdyhat[k])}`, '', nAct);
    }
  }
  label(lNode, jNode, `× 1/${v.n}`, '', nAct + 1);
  const out = v.layers[last];
  if (K === 1 && hCol.length <= LABELLED_EDGES) {
    for (let o = 0; o < K; o++) {
      for (let j = 0; j < hCol.length; j++) {
        const h = mean ? '' : `∂z/∂θ = ${sci(v.acts[last][j])}`;
        label(hCol[j], zCol[o], h, `∂${mean ? 'J' : 'L'}/∂θ = ${sci(out.gradW[o][j])}`, last, 'above');
      }
      label(one, zCol[o], '∂z/∂b = 1', `∂${mean ? 'J' : 'L'}/∂b = ${sci(out.gradB[o])}`, last, 'below');
    }
  }

  // Nodes, values revealed by the forward sweep.
  const node = (n: Node, c: number, highlight = false): void => {
    const shown = c <= forwardUpTo;
    ctx.fillStyle = theme.background;
    ctx.strokeStyle = highlight ? theme.wrong : shown ? theme.foreground : theme.grid;
    ctx.lineWidth = highlight ? 2 : 1.2;
    ctx.beginPath();
    ctx.arc(n.x, n.y, R, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = shown ? theme.foreground : theme.muted;
    ctx.textAlign = 'center';
    ctx.fillText(n.label, n.x, n.y);
    if (shown && n.value) {
      ctx.fillStyle = theme.muted;
      ctx.fillText(n.value, n.x, n.y + R + 8);
    }
  };
  columns.forEach((col, c) => col.forEach((n) => node(n, c)));
  node({ ...one, label: '1', value: '' }, last);
  yhatNodes.forEach((n) => node(n, nAct));
  const lossPhase = anim.phase === 1;
  node(lNode, nAct + 1, lossPhase);
  node(jNode, nAct + 2, lossPhase);
  if (pulse !== null) {
    ctx.fillStyle = theme.wrong;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    ctx.arc(pulse, top + graphH / 2, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  // Header: the example and its label, or the mean.
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.foreground;
  ctx.fillText(
    mean
      ? theme.t('draw.chainMean', { n: v.n, J: sci(v.J) })
      : theme.t('draw.chainExample', {
          i: v.example,
          y: v.y,
          L: sci(v.L),
          unit: v.unit,
          loss: LOSS_LABEL[v.loss],
        }),
    8,
    12,
  );

  // Beneath: the update of the output unit's first weight, per-layer gradient norms, and the notes.
  let y = top + graphH + 16;
  const s = v.step;
  const paren = (x: number): string => (x < 0 ? `(${sci(x)})` : sci(x));
  const values = {
    dJ: batched(s) ? '∂J_B/∂θ' : '∂J/∂θ',
    theta: sci(s.theta),
    alpha: sci(s.learningRate),
    g: paren(s.grad),
    next: Number.isNaN(s.next) ? '—' : sci(s.next),
  };
  ctx.fillStyle = anim.phase === 3 ? theme.foreground : theme.muted;
  ctx.fillText(
    s.momentum !== 0
      ? theme.t('draw.updateMomentum', {
          ...values,
          mu: sci(s.momentum),
          vprev: paren(s.previous),
          v: paren(s.velocity),
        })
      : theme.t('draw.update', values),
    8,
    y,
  );
  y += 16;
  if (batched(s)) {
    ctx.fillText(theme.t('draw.batch', batchParams(s)), 8, y);
    y += 16;
  }
  let x = 8;
  const norms = v.layers.map((l) => l.norm);
  norms.forEach((nrm, l) => {
    const text = `‖∇W${l + 1}‖ = ${sci(nrm)}`;
    const bar = gradientWidth(nrm) * 8;
    ctx.fillStyle = nrm === 0 ? theme.wrong : theme.muted;
    ctx.fillRect(x, y - 3, Math.max(1, bar), 6);
    ctx.fillStyle = theme.foreground;
    ctx.fillText(text, x + bar + 4, y);
    x += bar + 12 + ctx.measureText(text).width;
  });
  y += 16;
  ctx.fillStyle = theme.wrong;
  for (const note of v.notes.slice(0, 3)) {
    ctx.fillText(`• ${theme.t(note.key, note.params)}`, 8, y);
    y += 14;
  }
  ctx.restore();
}

/** The step used a mini-batch, not the whole training set. */
export function batched(s: ChainStep): boolean {
  return s.batch.size < s.n;
}

/** The catalogue's parameters for the batch line (positions counted from 1). */
export function batchParams(s: ChainStep) {
  return {
    size: s.batch.size,
    n: s.n,
    from: s.batch.from + 1,
    to: s.batch.from + s.batch.size,
    epoch: s.batch.epoch + 1,
  };
}

function sub(k: number): string {
  return String(k).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}
