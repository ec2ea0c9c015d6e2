/**
 * The formula engine's own expression trees: hash-consed (one node per distinct
 * subexpression, so the compiler shares common work and equality is identity)
 * and built through simplifying constructors (constant folding on integers, the
 * identities of 0 and 1, signs pulled outwards), so a derivative comes out
 * simplified as it is built.
 */

/** Unary functions a formula may call (the allow-list) and the two the derivatives add. */
export const UNARY_FUNCTIONS = [
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'abs',
  'tanh',
  'sinh',
  'cosh',
  'atan',
  'erf',
] as const;
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];
/** sign(u) = −1, 0, 1 (abs′); step(u) = 0, ½, 1 for u <, =, > 0 (the sub-gradient of max and min). */
export type InternalFunction = 'sign' | 'step';
export const BINARY_FUNCTIONS = ['min', 'max'] as const;
export type BinaryFunction = (typeof BINARY_FUNCTIONS)[number];
export const CONSTANTS = { pi: Math.PI, e: Math.E } as const;
export type ConstantName = keyof typeof CONSTANTS;

export type Expr =
  | { readonly id: number; readonly k: 'num'; readonly v: number }
  | { readonly id: number; readonly k: 'cst'; readonly name: ConstantName }
  | { readonly id: number; readonly k: 'var'; readonly name: string }
  | { readonly id: number; readonly k: 'neg'; readonly a: Expr }
  | {
      readonly id: number;
      readonly k: 'fn';
      readonly name: UnaryFunction | InternalFunction;
      readonly a: Expr;
    }
  | {
      readonly id: number;
      readonly k: 'add' | 'sub' | 'mul' | 'div' | 'pow' | BinaryFunction;
      readonly a: Expr;
      readonly b: Expr;
    };

type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow' | BinaryFunction;

const isNum = (e: Expr): e is Extract<Expr, { k: 'num' }> => e.k === 'num';
/** Whether e is the number v (not a type guard: false does not mean "not a number"). */
const is = (e: Expr, v: number): boolean => e.k === 'num' && e.v === v;
const isInt = (v: number) => Number.isSafeInteger(v);

/** A factory of interned, simplified expressions. */
export class Builder {
  private readonly table = new Map<string, Expr>();
  private next = 0;

  private intern<E extends Expr>(key: string, make: (id: number) => E): E {
    const hit = this.table.get(key);
    if (hit) return hit as E;
    const e = make(this.next++);
    this.table.set(key, e);
    return e;
  }

  /** Number of distinct nodes built so far (a bound on the compiled program's length). */
  get size(): number {
    return this.table.size;
  }

  num(v: number): Expr {
    const n = Object.is(v, -0) ? 0 : v;
    return this.intern(`n${n}`, (id) => ({ id, k: 'num', v: n }));
  }
  cst(name: ConstantName): Expr {
    return this.intern(`c${name}`, (id) => ({ id, k: 'cst', name }));
  }
  variable(name: string): Expr {
    return this.intern(`v${name}`, (id) => ({ id, k: 'var', name }));
  }

  neg(a: Expr): Expr {
    if (isNum(a)) return this.num(-a.v);
    if (a.k === 'neg') return a.a;
    // −(a − b) = b − a
    if (a.k === 'sub') return this.sub(a.b, a.a);
    return this.intern(`-${a.id}`, (id) => ({ id, k: 'neg', a }));
  }

  fn(name: UnaryFunction | InternalFunction, a: Expr): Expr {
    if (isNum(a)) {
      // Only the exact values: exp(0) = 1, log(1) = 0, and the odd functions at 0.
      if (a.v === 0 && name !== 'exp' && name !== 'log' && name !== 'cosh' && name !== 'step')
        return this.num(0);
      if (a.v === 0 && (name === 'exp' || name === 'cosh')) return this.num(1);
      if (a.v === 1 && name === 'log') return this.num(0);
      if (name === 'sign' || name === 'step') return this.num(stepOrSign(name, a.v));
    }
    if (name === 'log' && a.k === 'cst' && a.name === 'e') return this.num(1);
    if (name === 'log' && a.k === 'fn' && a.name === 'exp') return a.a;
    if ((name === 'sign' || name === 'step') && a.k === 'cst') return this.num(1);
    return this.intern(`${name}(${a.id})`, (id) => ({ id, k: 'fn', name, a }));
  }

  private bin(k: BinaryKind, a: Expr, b: Expr): Expr {
    return this.intern(`${k}(${a.id},${b.id})`, (id) => ({ id, k, a, b }));
  }

  add(a: Expr, b: Expr): Expr {
    if (isNum(a) && isNum(b) && isInt(a.v) && isInt(b.v) && isInt(a.v + b.v)) return this.num(a.v + b.v);
    if (is(a, 0)) return b;
    if (is(b, 0)) return a;
    if (b.k === 'neg') return this.sub(a, b.a);
    if (a.k === 'neg') return this.sub(b, a.a);
    if (isNum(b) && b.v < 0) return this.sub(a, this.num(-b.v));
    return this.bin('add', a, b);
  }

  sub(a: Expr, b: Expr): Expr {
    if (isNum(a) && isNum(b) && isInt(a.v) && isInt(b.v) && isInt(a.v - b.v)) return this.num(a.v - b.v);
    if (is(b, 0)) return a;
    if (is(a, 0)) return this.neg(b);
    if (a === b) return this.num(0);
    if (b.k === 'neg') return this.add(a, b.a);
    if (isNum(b) && b.v < 0) return this.add(a, this.num(-b.v));
    return this.bin('sub', a, b);
  }

  mul(a: Expr, b: Expr): Expr {
    if (isNum(a) && isNum(b) && isInt(a.v) && isInt(b.v) && isInt(a.v * b.v)) return this.num(a.v * b.v);
    if (is(a, 0) || is(b, 0)) return this.num(0);
    if (is(a, 1)) return b;
    if (is(b, 1)) return a;
    if (is(a, -1)) return this.neg(b);
    if (is(b, -1)) return this.neg(a);
    if (a.k === 'neg') return this.neg(this.mul(a.a, b));
    if (b.k === 'neg') return this.neg(this.mul(a, b.a));
    if (isNum(a) && a.v < 0) return this.neg(this.mul(this.num(-a.v), b));
    if (isNum(b) && b.v < 0) return this.neg(this.mul(a, this.num(-b.v)));
    // Numbers to the left: c·x, and c₁·(c₂·x) = (c₁c₂)·x when that product is an integer.
    if (isNum(b) && !isNum(a)) return this.mul(b, a);
    if (isNum(a) && b.k === 'mul' && isNum(b.a) && isInt(a.v * b.a.v) && isInt(a.v) && isInt(b.a.v))
      return this.mul(this.num(a.v * b.a.v), b.b);
    // a · (b/c) = (a·b)/c, and a · (1/c) = a/c
    if (b.k === 'div') return this.div(this.mul(a, b.a), b.b);
    if (a.k === 'div') return this.div(this.mul(a.a, b), a.b);
    if (a === b) return this.pow(a, this.num(2));
    return this.bin('mul', a, b);
  }

  div(a: Expr, b: Expr): Expr {
    if (isNum(a) && isNum(b) && isInt(a.v) && isInt(b.v) && b.v !== 0 && isInt(a.v / b.v))
      return this.num(a.v / b.v);
    if (is(b, 1)) return a;
    if (is(a, 0) && !is(b, 0)) return this.num(0);
    if (a.k === 'neg') return this.neg(this.div(a.a, b));
    if (b.k === 'neg') return this.neg(this.div(a, b.a));
    if (isNum(a) && a.v < 0) return this.neg(this.div(this.num(-a.v), b));
    if (isNum(b) && b.v < 0) return this.neg(this.div(a, this.num(-b.v)));
    if (a === b && !is(a, 0)) return this.num(1);
    // (c·x)/(c·y) = x/y, (c·x)/c = x
    if (a.k === 'mul' && b.k === 'mul' && isNum(a.a) && a.a === b.a) return this.div(a.b, b.b);
    if (a.k === 'mul' && isNum(a.a) && a.a === b) return a.b;
    // (x/y)/w = x/(y·w)
    if (a.k === 'div') return this.div(a.a, this.mul(a.b, b));
    return this.bin('div', a, b);
  }

  pow(a: Expr, b: Expr): Expr {
    if (is(b, 1)) return a;
    if (is(b, 0)) return this.num(1);
    if (isNum(a) && isNum(b) && isInt(a.v) && isInt(b.v) && b.v > 0 && isInt(a.v ** b.v))
      return this.num(a.v ** b.v);
    if (a.k === 'cst' && a.name === 'e') return this.fn('exp', b);
    // (√u)² = u where √u is defined.
    if (is(b, 2) && a.k === 'fn' && a.name === 'sqrt') return a.a;
    return this.bin('pow', a, b);
  }

  min(a: Expr, b: Expr): Expr {
    if (a === b) return a;
    if (isNum(a) && isNum(b)) return this.num(Math.min(a.v, b.v));
    return this.bin('min', a, b);
  }

  max(a: Expr, b: Expr): Expr {
    if (a === b) return a;
    if (isNum(a) && isNum(b)) return this.num(Math.max(a.v, b.v));
    return this.bin('max', a, b);
  }
}

export function stepOrSign(name: 'step' | 'sign', v: number): number {
  if (name === 'sign') return v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
  return v > 0 ? 1 : v < 0 ? 0 : v === 0 ? 0.5 : NaN;
}

/** Whether an expression mentions a variable. */
export function dependsOn(e: Expr, name: string, memo = new Map<number, boolean>()): boolean {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let r: boolean;
  switch (e.k) {
    case 'num':
    case 'cst':
      r = false;
      break;
    case 'var':
      r = e.name === name;
      break;
    case 'neg':
    case 'fn':
      r = dependsOn(e.a, name, memo);
      break;
    default:
      r = dependsOn(e.a, name, memo) || dependsOn(e.b, name, memo);
  }
  memo.set(e.id, r);
  return r;
}

/** The variables an expression mentions. */
export function variablesOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'var') out.add(e.name);
  else if (e.k === 'neg' || e.k === 'fn') variablesOf(e.a, out);
  else if (e.k !== 'num' && e.k !== 'cst') {
    variablesOf(e.a, out);
    variablesOf(e.b, out);
  }
  return out;
}

/** Number of nodes of the tree as printed (shared subtrees counted each time), capped. */
export function printedSize(e: Expr, cap = 1e6): number {
  let n = 0;
  const stack: Expr[] = [e];
  while (stack.length > 0 && n < cap) {
    const x = stack.pop()!;
    n++;
    if (x.k === 'neg' || x.k === 'fn') stack.push(x.a);
    else if (x.k !== 'num' && x.k !== 'cst' && x.k !== 'var') stack.push(x.a, x.b);
  }
  return n;
}
