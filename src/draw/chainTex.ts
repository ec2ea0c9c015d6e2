/**
 * The chain rule's formulas for the current unit and loss as LaTeX (for
 * KaTeX), with the live values substituted: what MATH.md §1 and §4 write,
 * at this frame, for this example.
 */
import type { ChainView } from '../core/chain';

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
const vec = (vs: number[]): string => `(${vs.map(n).join(',\\ ')})`;

export function chainFormulas(v: ChainView): string[] {
  const last = v.layers.length - 1;
  const out = v.layers[last];
  const g = v.meanGrad[last].gradW[0][0];
  const theta = out.W[0][0];
  const idx = out.W[0].length > 1 ? '_{1}' : '';
  const th = v.K > 1 ? `\\theta_{1${out.W[0].length > 1 ? '1' : ''}}` : `\\theta${idx}`;
  const update = `${th} \\leftarrow ${th} - \\alpha \\frac{\\partial J}{\\partial ${th}} = ${n(theta)} - ${n(v.learningRate)} \\cdot ${paren(g)} = ${n(theta - v.learningRate * g)}`;
  if (v.example < 0) {
    return [
      `J = \\frac{1}{n} \\sum_{i=1}^{n} L_i = ${n(v.J)}, \\quad n = ${v.n}`,
      `\\frac{\\partial J}{\\partial ${th}} = \\frac{1}{n} \\sum_{i} \\frac{\\partial L_i}{\\partial z_i}\\, h_{i${idx ? '1' : ''}} = ${n(g)}`,
      update,
    ];
  }
  const h = v.acts[last];
  const hj = `h${idx}`;
  const lines: string[] = [];
  if (v.unit === 'softmax') {
    const onehot = v.yhat.map((_, c) => (c === v.y ? 1 : 0));
    lines.push(
      `\\hat{\\mathbf y} = \\mathrm{softmax}(\\mathbf z) = \\mathrm{softmax}${vec(v.z)} = ${vec(v.yhat)}`,
    );
    lines.push(
      v.loss === 'nll'
        ? `L = -\\log \\hat y_{y} = -\\log ${n(v.yhat[v.y])} = ${n(v.L)}`
        : `L = \\tfrac{1}{K}\\lVert \\hat{\\mathbf y} - \\mathrm{onehot}(y) \\rVert^2 = ${n(v.L)}`,
    );
    lines.push(
      v.loss === 'nll'
        ? `\\frac{\\partial L}{\\partial \\mathbf z} = \\hat{\\mathbf y} - \\mathrm{onehot}(y) = ${vec(v.yhat)} - ${vec(onehot)} = ${vec(v.dLdz)}`
        : `\\frac{\\partial L}{\\partial \\mathbf z} = J_{\\mathrm{softmax}}^{\\top} \\frac{\\partial L}{\\partial \\hat{\\mathbf y}} = ${vec(v.dLdz)}`,
    );
    lines.push(
      `\\frac{\\partial L}{\\partial ${th}} = \\frac{\\partial L}{\\partial z_1}\\, ${hj} = ${paren(v.dLdz[0])} \\cdot ${paren(h[0])} = ${n(out.gradW[0][0])}`,
    );
  } else {
    const f = v.unit === 'sigmoid' ? '\\sigma' : v.unit === 'clipped' ? '\\max\\{0, \\min\\{1, z\\}\\}' : 'z';
    lines.push(
      `z = \\theta^{\\top} h + b = ${n(v.z[0])}, \\quad \\hat y = ${v.unit === 'sigmoid' ? `\\sigma(${n(v.z[0])})` : f} = ${n(v.yhat[0])}, \\quad y = ${v.y}`,
    );
    lines.push(
      v.loss === 'mse'
        ? `L = (\\hat y - y)^2 = ${n(v.L)}`
        : `L = -\\log ${v.y === 1 ? '\\hat y' : '(1 - \\hat y)'} = ${n(v.L)}`,
    );
    const d = v.unit === 'sigmoid' ? "\\sigma'(z)" : "f'(z)";
    if (v.unit === 'sigmoid' && v.loss === 'nll') {
      lines.push(
        `\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial \\hat y}\\, ${d} = \\hat y - y = ${n(v.yhat[0])} - ${v.y} = ${n(v.dLdz[0])}`,
      );
    } else if (v.loss === 'mse') {
      lines.push(
        `\\frac{\\partial L}{\\partial z} = 2(\\hat y - y)\\, ${d} = 2(${n(v.yhat[0])} - ${v.y}) \\cdot ${n(v.dyhatdz[0])} = ${n(v.dLdz[0])}`,
      );
    } else {
      lines.push(
        `\\frac{\\partial L}{\\partial z} = \\frac{\\partial L}{\\partial \\hat y}\\, ${d} = ${paren(v.dLdyhat[0])} \\cdot ${n(v.dyhatdz[0])} = ${n(v.dLdz[0])}`,
      );
    }
    lines.push(
      `\\frac{\\partial L}{\\partial ${th}} = \\frac{\\partial L}{\\partial z}\\, ${hj} = ${paren(v.dLdz[0])} \\cdot ${paren(h[0])} = ${n(out.gradW[0][0])}, \\quad \\frac{\\partial L}{\\partial b} = ${n(out.gradB[0])}`,
    );
  }
  lines.push(update);
  return lines;
}
