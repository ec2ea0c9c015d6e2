/**
 * The chain rule's formulas for the current unit and loss as LaTeX (for
 * KaTeX), with the live values substituted: what MATH.md §1 and §4 write,
 * at this frame, for this example.
 */
import type { ChainStep, ChainView } from '../core/chain';
import { batched, batchParams } from './chain';
import { builtinLoss, scalarLossOf, unitOf } from '../core/units';

/** A number in LaTeX: 4 significant digits, ×10^k for the very small and large. */
export function texNumber(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(4)));
  const e = Math.floor(Math.log10(a));
  return `${Number((v / 10 ** e).toPrecision(3))} \\times 10^{${e}}`;
}

const n = texNumber;
const paren = (v: number): string => (v < 0 ? `(${n(v)})` : n(v));

/**
 * The step the run took, as it took it: θ ← θ − α·∂J/∂θ, with ∂J_B/∂θ over the batch
 * when it used one, and the momentum buffer v ← μv + ∂J_B/∂θ, θ ← θ − αv when μ ≠ 0.
 */
export function updateTex(s: ChainStep, th: string): string[] {
  const dJ = `\\frac{\\partial J${batched(s) ? '_B' : ''}}{\\partial ${th}}`;
  const next = Number.isNaN(s.next) ? '\\text{—}' : n(s.next);
  const lines =
    s.momentum !== 0
      ? [
          `v \\leftarrow \\mu v + ${dJ} = ${n(s.momentum)} \\cdot ${paren(s.previous)} + ${paren(s.grad)} = ${n(s.velocity)}`,
          `${th} \\leftarrow ${th} - \\alpha v = ${n(s.theta)} - ${n(s.learningRate)} \\cdot ${paren(s.velocity)} = ${next}`,
        ]
      : [
          `${th} \\leftarrow ${th} - \\alpha ${dJ} = ${n(s.theta)} - ${n(s.learningRate)} \\cdot ${paren(s.grad)} = ${next}`,
        ];
  if (batched(s)) {
    const b = batchParams(s);
    lines.push(
      // B: positions from..to of epoch e's shuffled order π_e.
      `B = \\{\\pi_{${b.epoch}}(${b.from}), \\dots, \\pi_{${b.epoch}}(${b.to})\\},\\ |B| = ${b.size},\\ n = ${b.n}`,
    );
  }
  return lines;
}

export function chainFormulas(v: ChainView): string[] {
  const last = v.layers.length - 1;
  const out = v.layers[last];
  const g = v.meanGrad[last].gradW[0][0];
  const idx = out.W[0].length > 1 ? '_{1}' : '';
  const th = v.K > 1 ? `\\theta_{1${out.W[0].length > 1 ? '1' : ''}}` : `\\theta${idx}`;
  const update = updateTex(v.step, th);
  if (v.example < 0) {
    return [
      `J = \\frac{1}{n} \\sum_{i=1}^{n} L_i = ${n(v.J)}, \\quad n = ${v.n}`,
      `\\frac{\\partial J}{\\partial ${th}} = \\frac{1}{n} \\sum_{i} \\frac{\\partial L_i}{\\partial z_i}\\, h_{i${idx ? '1' : ''}} = ${n(g)}`,
      ...update,
    ];
  }
  const h = v.acts[last];
  const hj = `h${idx}`;
  const lines: string[] = [];
  const unit = unitOf(v.unit);
  if (unit.vector) {
    lines.push(
      ...unit.texLines(
        { z: v.z, y: v.y, yhat: v.yhat, loss: v.L, dLdyhat: v.dLdyhat, jacobian: [], dLdz: v.dLdz },
        builtinLoss(v.loss),
        n,
      ),
    );
    lines.push(
      `\\frac{\\partial L}{\\partial ${th}} = \\frac{\\partial L}{\\partial z_1}\\, ${hj} = ${paren(v.dLdz[0])} \\cdot ${paren(h[0])} = ${n(out.gradW[0][0])}`,
    );
  } else {
    const l = scalarLossOf(unit, v.loss);
    const f = {
      z: v.z[0],
      y: v.y,
      yhat: v.yhat[0],
      loss: v.L,
      dLdyhat: v.dLdyhat[0],
      dyhatdz: v.dyhatdz[0],
      dLdz: v.dLdz[0],
    };
    lines.push(
      `z = \\theta^{\\top} h + b = ${n(v.z[0])}, \\quad \\hat y = ${unit.tex(n(v.z[0]))} = ${n(v.yhat[0])}, \\quad y = ${v.y}`,
    );
    // A typed unit: its formula and its exact derivative, with the value at this z.
    if (unit.typed) {
      lines.push(`f(z) = ${unit.typed.tex}, \\quad f'(z) = ${unit.typed.derTex} = ${n(v.dyhatdz[0])}`);
    }
    lines.push(`L = ${l.texLoss(v.y)} = ${n(v.L)}`);
    lines.push(`\\frac{\\partial L}{\\partial z} = ${l.texGrad(f, n, unit.texDer)}`);
    lines.push(
      `\\frac{\\partial L}{\\partial ${th}} = \\frac{\\partial L}{\\partial z}\\, ${hj} = ${paren(v.dLdz[0])} \\cdot ${paren(h[0])} = ${n(out.gradW[0][0])}, \\quad \\frac{\\partial L}{\\partial b} = ${n(out.gradB[0])}`,
    );
  }
  lines.push(...update);
  return lines;
}
