/**
 * TeX of formulas and of their derivatives through mathjs's `toTex` (the typed
 * formula from its own parse tree; a derivative from our tree turned into
 * mathjs nodes), with our names for what mathjs prints oddly.
 */
import { create, parseDependencies, type MathNode } from 'mathjs/number';
import type { Expr } from './expr';

const math = create({ parseDependencies });

const NAMES: Record<string, string> = {
  erf: '\\operatorname{erf}',
  sign: '\\operatorname{sgn}',
  step: '\\operatorname{H}',
  log1p: '\\operatorname{log1p}',
  expm1: '\\operatorname{expm1}',
};

interface TexNode {
  type: string;
  name?: string;
  fn?: { name?: string };
  args?: { toTex(options: object): string }[];
}

const options = {
  parenthesis: 'auto',
  implicit: 'hide',
  handler(node: TexNode, opts: object): string | undefined {
    if (node.type === 'FunctionNode' && node.fn?.name && NAMES[node.fn.name] && node.args?.length === 1)
      return `${NAMES[node.fn.name]}\\left(${node.args[0].toTex(opts)}\\right)`;
    if (node.type === 'SymbolNode' && node.name === 'e') return 'e';
    return undefined;
  },
};

/** TeX of a mathjs tree (a formula as typed), with `\hat y` for p when asked. */
export function nodeTex(node: MathNode): string {
  return tidy(node.toTex(options));
}

/** TeX of one of our expressions. */
export function exprTex(e: Expr): string {
  return tidy(toNode(e).toTex(options));
}

/** The same expression as plain text (for messages and for the command line). */
export function exprText(e: Expr): string {
  return toNode(e).toString({ parenthesis: 'auto', implicit: 'hide' });
}

function tidy(tex: string): string {
  // mathjs pads symbols with a space (" z"); drop it where it only makes TeX source noisier.
  return tex.replace(/(^|[({[,=+\-*/^ ])\s+(?=[a-zA-Z\\])/g, '$1').trim();
}

function toNode(e: Expr): MathNode {
  const memo = new Map<number, MathNode>();
  const go = (x: Expr): MathNode => {
    const hit = memo.get(x.id);
    if (hit) return hit.cloneDeep();
    let n: MathNode;
    switch (x.k) {
      case 'num':
        n =
          x.v < 0
            ? new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-x.v)])
            : new math.ConstantNode(x.v);
        break;
      case 'cst':
      case 'var':
        n = new math.SymbolNode(x.name);
        break;
      case 'neg':
        n = new math.OperatorNode('-', 'unaryMinus', [go(x.a)]);
        break;
      case 'fn':
        n = new math.FunctionNode(new math.SymbolNode(x.name), [go(x.a)]);
        break;
      case 'min':
      case 'max':
        n = new math.FunctionNode(new math.SymbolNode(x.k), [go(x.a), go(x.b)]);
        break;
      default: {
        const [op, fn] = BIN[x.k];
        n = new math.OperatorNode(op as '+', fn as 'add', [go(x.a), go(x.b)]);
      }
    }
    memo.set(x.id, n);
    return n;
  };
  return go(e);
}

const BIN: Record<'add' | 'sub' | 'mul' | 'div' | 'pow', [string, string]> = {
  add: ['+', 'add'],
  sub: ['-', 'subtract'],
  mul: ['*', 'multiply'],
  div: ['/', 'divide'],
  pow: ['^', 'pow'],
};
