/**
 * Reading a formula: mathjs's parser (a maintained one; only `parse` and the node
 * classes are taken, so nothing can import, define or evaluate code), then a walk
 * that admits numbers, the given variables, pi and e, + − * / ^, and the
 * allow-listed functions, and refuses anything else naming the symbol and its
 * position (1-based characters).
 */
import { create, parseDependencies, type MathNode } from 'mathjs/number';
import type { MessageKey, Params } from '../../i18n';
import {
  BINARY_FUNCTIONS,
  Builder,
  CONSTANTS,
  UNARY_FUNCTIONS,
  type BinaryFunction,
  type ConstantName,
  type Expr,
  type UnaryFunction,
} from './expr';

const math = create({ parseDependencies });

/** A problem or a remark about a formula, as a catalogue key and its parameters. */
export interface FormulaMessage {
  key: MessageKey;
  params: Params;
}

export const MAX_FORMULA_LENGTH = 300;
const MAX_DEPTH = 60;

export const ALLOWED_FUNCTIONS: readonly string[] = [...UNARY_FUNCTIONS, ...BINARY_FUNCTIONS];

class Refusal extends Error {
  constructor(readonly message_: FormulaMessage) {
    super(message_.key);
  }
}

const refuse = (key: MessageKey, params: Params): never => {
  throw new Refusal({ key, params });
};

/** 1-based position of the first whole-word occurrence of `name` in `src` (else of the text). */
function positionOf(src: string, name: string): number {
  const word = /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name);
  if (word) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}_$])${escape(name)}(?![\\p{L}\\p{N}_$])`, 'u');
    const m = re.exec(src);
    if (m) return m.index + 1;
  }
  const i = src.indexOf(name);
  return i < 0 ? 1 : i + 1;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first character of a node's text in the source, best effort (mathjs keeps no positions). */
function nodePosition(src: string, node: MathNode): number {
  const text = node.toString();
  const i = src.indexOf(text);
  if (i >= 0) return i + 1;
  const first = text.trim().split(/\s+/)[0] ?? text;
  return positionOf(src, first);
}

const OPERATORS: Record<string, 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg' | 'plus'> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
  unaryMinus: 'neg',
  unaryPlus: 'plus',
};

export interface Parsed {
  /** mathjs's tree (for TeX of the formula as typed). */
  node: MathNode;
  expr: Expr;
}

/**
 * Parses `src` into `B`'s expressions with `variables` allowed; throws nothing:
 * returns the refusal as a message.
 */
export function parseFormula(
  B: Builder,
  src: string,
  variables: readonly string[],
): { ok: true; value: Parsed } | { ok: false; error: FormulaMessage } {
  try {
    if (typeof src !== 'string' || src.trim() === '') return refuse('formula.empty', {});
    if (src.length > MAX_FORMULA_LENGTH)
      return refuse('formula.tooLong', { max: MAX_FORMULA_LENGTH, n: src.length });
    let node: MathNode;
    try {
      node = math.parse(src);
    } catch (e) {
      const pos = (e as { char?: unknown }).char;
      return refuse('formula.syntax', {
        pos: typeof pos === 'number' ? Math.min(pos, src.length + 1) : 1,
      });
    }
    const expr = convert(B, src, node, variables, 0);
    return { ok: true, value: { node, expr } };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message_ };
    // Anything else (a stack overflow on absurd nesting, say) is still a refusal, never a crash.
    return { ok: false, error: { key: 'formula.syntax', params: { pos: 1 } } };
  }
}

function convert(B: Builder, src: string, node: MathNode, vars: readonly string[], depth: number): Expr {
  if (depth > MAX_DEPTH) refuse('formula.deep', { max: MAX_DEPTH });
  const down = (n: MathNode) => convert(B, src, n, vars, depth + 1);
  switch (node.type) {
    case 'ConstantNode': {
      const v = (node as unknown as { value: unknown }).value;
      if (typeof v !== 'number')
        return refuse('formula.notAllowed', { text: node.toString(), pos: nodePosition(src, node) });
      if (!Number.isFinite(v)) return refuse('formula.bigNumber', { pos: nodePosition(src, node) });
      return B.num(v);
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      if (vars.includes(name)) return B.variable(name);
      if (Object.hasOwn(CONSTANTS, name)) return B.cst(name as ConstantName);
      if (ALLOWED_FUNCTIONS.includes(name))
        return refuse('formula.arity', { name, pos: positionOf(src, name), n: arity(name), got: 0 });
      return refuse('formula.unknownSymbol', {
        name,
        pos: positionOf(src, name),
        vars: vars.join(', '),
      });
    }
    case 'ParenthesisNode':
      return down((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const op = node as unknown as { fn: string; op: string; args: MathNode[] };
      const kind = OPERATORS[op.fn];
      if (kind === undefined) return refuse('formula.operator', { op: op.op, pos: positionOf(src, op.op) });
      const args = op.args.map(down);
      switch (kind) {
        case 'neg':
          return B.neg(args[0]);
        case 'plus':
          return args[0];
        case 'add':
          return B.add(args[0], args[1]);
        case 'sub':
          return B.sub(args[0], args[1]);
        case 'mul':
          return B.mul(args[0], args[1]);
        case 'div':
          return B.div(args[0], args[1]);
        case 'pow':
          return B.pow(args[0], args[1]);
      }
      break;
    }
    case 'FunctionNode': {
      const fn = node as unknown as { fn: MathNode; args: MathNode[] };
      if (fn.fn.type !== 'SymbolNode')
        return refuse('formula.notAllowed', { text: node.toString(), pos: nodePosition(src, node) });
      const name = (fn.fn as unknown as { name: string }).name;
      const pos = positionOf(src, name);
      if (!ALLOWED_FUNCTIONS.includes(name))
        return refuse('formula.unknownFunction', { name, pos, allowed: ALLOWED_FUNCTIONS.join(', ') });
      const n = fn.args.length;
      if ((BINARY_FUNCTIONS as readonly string[]).includes(name)) {
        if (n < 2) return refuse('formula.arity', { name, pos, n: arity(name), got: n });
        const args = fn.args.map(down);
        const f = name as BinaryFunction;
        return args.slice(1).reduce((acc, x) => (f === 'max' ? B.max(acc, x) : B.min(acc, x)), args[0]);
      }
      if (n !== 1) return refuse('formula.arity', { name, pos, n: 1, got: n });
      return B.fn(name as UnaryFunction, down(fn.args[0]));
    }
  }
  return refuse('formula.notAllowed', { text: node.toString(), pos: nodePosition(src, node) });
}

function arity(name: string): string {
  return (BINARY_FUNCTIONS as readonly string[]).includes(name) ? '2+' : '1';
}
