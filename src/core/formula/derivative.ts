/**
 * Symbolic derivatives by the rules of calculus, built through the simplifying
 * constructors of `Builder`. Where a function has a kink the rule states its
 * sub-gradient: |u|′ = sign(u)·u′ (0 at u = 0), and max/min pass the derivative of
 * the larger/smaller argument, half of each at a tie (as PyTorch's maximum and
 * minimum do): max(a, b)′ = step(a − b)·a′ + step(b − a)·b′ with step(0) = ½.
 */
import { Builder, dependsOn, type Expr } from './expr';

export function derivative(B: Builder, e: Expr, x: string): Expr {
  const memo = new Map<number, Expr>();
  const deps = new Map<number, boolean>();
  const d = (u: Expr): Expr => {
    const hit = memo.get(u.id);
    if (hit) return hit;
    const r = dependsOn(u, x, deps) ? rule(u) : B.num(0);
    memo.set(u.id, r);
    return r;
  };
  const rule = (u: Expr): Expr => {
    switch (u.k) {
      case 'num':
      case 'cst':
        return B.num(0);
      case 'var':
        return B.num(u.name === x ? 1 : 0);
      case 'neg':
        return B.neg(d(u.a));
      case 'add':
        return B.add(d(u.a), d(u.b));
      case 'sub':
        return B.sub(d(u.a), d(u.b));
      case 'mul':
        return B.add(B.mul(d(u.a), u.b), B.mul(u.a, d(u.b)));
      case 'div': {
        const a = u.a;
        const b = u.b;
        if (!dependsOn(b, x, deps)) return B.div(d(a), b);
        const q = B.div(B.mul(a, d(b)), B.pow(b, B.num(2)));
        return dependsOn(a, x, deps) ? B.sub(B.div(d(a), b), q) : B.neg(q);
      }
      case 'pow': {
        const a = u.a;
        const b = u.b;
        // (a^c)′ = c·a^(c−1)·a′ for a constant exponent; (c^b)′ = c^b·log c·b′.
        const base = () =>
          B.mul(B.mul(b, B.pow(a, b.k === 'num' ? B.num(b.v - 1) : B.sub(b, B.num(1)))), d(a));
        const expo = () => B.mul(B.mul(u, B.fn('log', a)), d(b));
        if (!dependsOn(b, x, deps)) return base();
        if (!dependsOn(a, x, deps)) return expo();
        return B.add(base(), expo());
      }
      case 'min':
      case 'max': {
        // max: a′ where a > b, b′ where b > a; min: a′ where a < b, b′ where b < a; half each at a tie.
        const sa = u.k === 'max' ? B.sub(u.a, u.b) : B.sub(u.b, u.a);
        const sb = u.k === 'max' ? B.sub(u.b, u.a) : B.sub(u.a, u.b);
        return B.add(B.mul(B.fn('step', sa), d(u.a)), B.mul(B.fn('step', sb), d(u.b)));
      }
      case 'fn': {
        const a = u.a;
        const da = d(a);
        switch (u.name) {
          case 'exp':
            return B.mul(da, u);
          case 'expm1':
            return B.mul(da, B.fn('exp', a));
          case 'log':
            return B.div(da, a);
          case 'log1p':
            return B.div(da, B.add(B.num(1), a));
          case 'sqrt':
            return B.div(da, B.mul(B.num(2), u));
          case 'abs':
            return B.mul(da, B.fn('sign', a));
          case 'tanh':
            return B.mul(da, B.sub(B.num(1), B.pow(u, B.num(2))));
          case 'sinh':
            return B.mul(da, B.fn('cosh', a));
          case 'cosh':
            return B.mul(da, B.fn('sinh', a));
          case 'atan':
            return B.div(da, B.add(B.num(1), B.pow(a, B.num(2))));
          case 'erf':
            // erf′(u) = 2/√π · e^(−u²)
            return B.mul(
              da,
              B.div(B.mul(B.num(2), B.fn('exp', B.neg(B.pow(a, B.num(2))))), B.fn('sqrt', B.cst('pi'))),
            );
          case 'sign':
          case 'step':
            return B.num(0);
        }
      }
    }
  };
  return d(e);
}
