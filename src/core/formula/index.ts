/**
 * Output units and losses typed as formulas (issue 19): parsed by mathjs,
 * differentiated symbolically (our rules, simplified as built), shown in TeX,
 * compiled once into a register program, and checked on a probe range: f finite
 * and within [0, 1], where float64 overflows, and f′ against a central finite
 * difference. Pure: no DOM, no Node.
 *
 * A unit is f(z) (ŷ of a binary classifier); a loss is L(p, y[, z]) with p = ŷ.
 */
import { Builder, dependsOn, printedSize, type Expr } from './expr';
import { derivative } from './derivative';
import { parseFormula, type FormulaMessage } from './parse';
import { compileProgram, createMachine, programLength, type Machine, type Program } from './program';
import { exprTex, exprText, nodeTex } from './tex';

export type { FormulaMessage } from './parse';
export { ALLOWED_FUNCTIONS, MAX_FORMULA_LENGTH } from './parse';
export { createMachine, type Machine, type Program } from './program';
export { erf } from './special';

/** Longest compiled program (formula and derivative) accepted. */
export const MAX_INSTRUCTIONS = 600;
/** Where f is checked for finiteness and [0, 1], and f′ against finite differences. */
export const PROBE_RANGE = 30;

export interface UnitFormula {
  readonly kind: 'unit';
  readonly source: string;
  readonly f: Expr;
  readonly der: Expr;
  readonly tex: string;
  readonly derTex: string;
  readonly derText: string;
  /** Inputs [z]; outputs [f, f′]. */
  readonly program: Program;
  readonly warnings: readonly FormulaMessage[];
  /** f(z) and f′(z) of one value (a one-lane machine; not for hot loops). */
  value(z: number): number;
  slope(z: number): number;
}

export interface LossFormula {
  readonly kind: 'loss';
  readonly source: string;
  readonly L: Expr;
  readonly dp: Expr;
  readonly dz: Expr;
  /** Whether L reads z itself (besides p). */
  readonly usesZ: boolean;
  readonly tex: string;
  readonly dpTex: string;
  readonly dzTex: string;
  /** Inputs [p, y, z]; outputs [L, ∂L/∂p, ∂L/∂z]. */
  readonly program: Program;
  readonly warnings: readonly FormulaMessage[];
  /** [L, ∂L/∂p, ∂L/∂z] at one point (not for hot loops). */
  at(p: number, y: number, z: number): [number, number, number];
}

export type FormulaResult<T> = { ok: true; value: T } | { ok: false; error: FormulaMessage };

const UNIT_CACHE = new Map<string, FormulaResult<UnitFormula>>();
const LOSS_CACHE = new Map<string, FormulaResult<LossFormula>>();
const CACHE_SIZE = 64;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const v = make();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, v);
  return v;
}

/** A unit f(z) from its text (cached by text). Never throws. */
export function compileUnit(source: string): FormulaResult<UnitFormula> {
  if (typeof source !== 'string') return { ok: false, error: { key: 'formula.empty', params: {} } };
  return remember(UNIT_CACHE, source, () => buildUnit(source));
}

/** A loss L(p, y, z) from its text (cached by text). Never throws. */
export function compileLoss(source: string): FormulaResult<LossFormula> {
  if (typeof source !== 'string') return { ok: false, error: { key: 'formula.empty', params: {} } };
  return remember(LOSS_CACHE, source, () => buildLoss(source));
}

function tooComplex(p: Program, ...exprs: Expr[]): FormulaMessage | null {
  if (programLength(p) > MAX_INSTRUCTIONS || exprs.some((e) => printedSize(e, 20_001) > 20_000))
    return { key: 'formula.tooComplex', params: { max: MAX_INSTRUCTIONS } };
  return null;
}

function buildUnit(source: string): FormulaResult<UnitFormula> {
  const B = new Builder();
  const parsed = parseFormula(B, source, ['z']);
  if (!parsed.ok) return parsed;
  const f = parsed.value.expr;
  const der = derivative(B, f, 'z');
  const program = compileProgram([f, der], ['z']);
  const big = tooComplex(program, der);
  if (big) return { ok: false, error: big };
  const one = createMachine(program, 1);
  const z0 = one.offset(program.inputs.get('z')!);
  const [fo, dOut] = program.outputs.map((r) => one.offset(r));
  const evalOne = (z: number, o: number) => {
    one.R[z0] = z;
    one.run(1);
    return one.R[o];
  };
  const unit: UnitFormula = {
    kind: 'unit',
    source,
    f,
    der,
    tex: nodeTex(parsed.value.node),
    derTex: exprTex(der),
    derText: exprText(der),
    program,
    warnings: [],
    value: (z) => evalOne(z, fo),
    slope: (z) => evalOne(z, dOut),
  };
  (unit as { warnings: readonly FormulaMessage[] }).warnings = checkUnit(unit, dependsOn(f, 'z'));
  return { ok: true, value: unit };
}

function buildLoss(source: string): FormulaResult<LossFormula> {
  const B = new Builder();
  const parsed = parseFormula(B, source, ['p', 'y', 'z']);
  if (!parsed.ok) return parsed;
  const L = parsed.value.expr;
  const dp = derivative(B, L, 'p');
  const dz = derivative(B, L, 'z');
  const program = compileProgram([L, dp, dz], ['p', 'y', 'z']);
  const big = tooComplex(program, dp, dz);
  if (big) return { ok: false, error: big };
  const one = createMachine(program, 1);
  const [pi, yi, zi] = ['p', 'y', 'z'].map((v) => one.offset(program.inputs.get(v)!));
  const [lo, dpo, dzo] = program.outputs.map((r) => one.offset(r));
  const loss: LossFormula = {
    kind: 'loss',
    source,
    L,
    dp,
    dz,
    usesZ: dependsOn(L, 'z'),
    tex: nodeTex(parsed.value.node),
    dpTex: exprTex(dp),
    dzTex: exprTex(dz),
    program,
    warnings: [],
    at(p, y, z) {
      one.R[pi] = p;
      one.R[yi] = y;
      one.R[zi] = z;
      one.run(1);
      return [one.R[lo], one.R[dpo], one.R[dzo]];
    },
  };
  (loss as { warnings: readonly FormulaMessage[] }).warnings = checkLoss(
    loss,
    dependsOn(L, 'p') || loss.usesZ,
  );
  return { ok: true, value: loss };
}

/** A number for messages: 4 significant digits, no trailing zeros. */
export function short(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const s = Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(4))) : v.toExponential(3);
  return s.replace(/\.?0+e/, 'e');
}

/** Evaluates a program over many points at once: one machine of that many lanes. */
function batch(program: Program, inputs: Record<string, ArrayLike<number>>): Float64Array[] {
  const n = Object.values(inputs)[0].length;
  const m = createMachine(program, n);
  for (const [name, values] of Object.entries(inputs)) {
    const r = program.inputs.get(name);
    if (r === undefined) continue;
    const o = m.offset(r);
    for (let i = 0; i < n; i++) m.R[o + i] = values[i];
  }
  m.run(n);
  return program.outputs.map((r) => m.R.slice(m.offset(r), m.offset(r) + n));
}

/** Whether any intermediate value of a one-lane run is ±∞ (an overflow, not a domain error). */
function overflowed(machine: Machine, registers: number): boolean {
  for (let r = 0; r < registers; r++) {
    const v = machine.R[machine.offset(r)];
    if (v === Infinity || v === -Infinity) return true;
  }
  return false;
}

/** Probes of a unit; remarks, never refusals. */
function checkUnit(u: UnitFormula, usesZ: boolean): FormulaMessage[] {
  const out: FormulaMessage[] = [];
  if (!usesZ) out.push({ key: 'formula.constant', params: {} });
  // f within [0, 1] and finite on the probe range.
  const zs = Float64Array.from({ length: 1201 }, (_, i) => -PROBE_RANGE + i * ((2 * PROBE_RANGE) / 1200));
  const [fs] = batch(u.program, { z: zs });
  let worst = -1;
  let worstBy = 0;
  for (let i = 0; i < zs.length; i++) {
    const v = fs[i];
    if (!Number.isFinite(v)) continue; // reported by the overflow scan
    const by = v < 0 ? -v : v > 1 ? v - 1 : 0;
    if (by > 1e-12 && by > worstBy) {
      worst = i;
      worstBy = by;
    }
  }
  if (worst >= 0) out.push({ key: 'formula.range', params: { z: short(zs[worst]), f: short(fs[worst]) } });
  // Where f and f′ stop being finite, scanning outwards from 0.
  const one = createMachine(u.program, 1);
  const zr = one.offset(u.program.inputs.get('z')!);
  const outs = u.program.outputs.map((r) => one.offset(r));
  const at = (z: number, k: number) => {
    one.R[zr] = z;
    one.run(1);
    return one.R[outs[k]];
  };
  for (let k = 0; k < 2; k++) {
    const what = k === 0 ? 'f' : 'f′';
    if (!Number.isFinite(at(0, k))) {
      out.push({
        key: overflowed(one, u.program.registers) ? 'formula.overflowAt' : 'formula.undefinedAt',
        params: { what, z: '0' },
      });
      continue;
    }
    for (const side of [-1, 1]) {
      let prev = 0;
      for (let s = 0.25; s < 5000; s *= 1.03) {
        const z = side * s;
        if (Number.isFinite(at(z, k))) {
          prev = z;
          continue;
        }
        // Bisect between the last finite and the first non-finite point.
        let a = prev;
        let b = z;
        for (let i = 0; i < 80; i++) {
          const mid = (a + b) / 2;
          if (mid === a || mid === b) break;
          if (Number.isFinite(at(mid, k))) a = mid;
          else b = mid;
        }
        at(b, k);
        const overflow = overflowed(one, u.program.registers);
        out.push({
          key: overflow ? 'formula.overflow' : 'formula.undefined',
          params: { what, cmp: side < 0 ? '<' : '>', z: short(Math.abs(a) < 1e-9 ? 0 : a) },
        });
        break;
      }
    }
  }
  // f′ against central finite differences where f is smooth.
  const mismatch = fdCheck(
    (z) => at(z, 0),
    (z) => at(z, 1),
    -8,
    8,
    161,
  );
  if (mismatch)
    out.push({
      key: 'formula.mismatch',
      params: { what: 'f′', at: `z = ${short(mismatch.x)}`, d: short(mismatch.d), fd: short(mismatch.fd) },
    });
  return out;
}

function checkLoss(l: LossFormula, depends: boolean): FormulaMessage[] {
  const out: FormulaMessage[] = [];
  if (!depends) out.push({ key: 'formula.lossConstant', params: {} });
  const logit = (p: number) => Math.log(p) - Math.log1p(-p);
  const edges: string[] = [];
  for (const y of [1, 0]) {
    // Finite inside (0, 1) …
    let bad = -1;
    for (let i = 1; i < 100 && bad < 0; i++) {
      const p = i / 100;
      if (!l.at(p, y, logit(p)).every(Number.isFinite)) bad = p;
    }
    if (bad >= 0) out.push({ key: 'formula.lossNotFinite', params: { p: short(bad), y } });
    // … and at the ends, where a unit that reaches 0 or 1 exactly puts it.
    for (const p of [0, 1]) {
      const [L] = l.at(p, y, p === 0 ? -40 : 40);
      if (!Number.isFinite(L)) edges.push(`(${p}, ${y})`);
    }
    for (const [what, k] of [['∂L/∂p', 1] as const, ['∂L/∂z', 2] as const]) {
      if (k === 2 && !l.usesZ) continue;
      const m = fdCheck(
        (x) => (k === 1 ? l.at(x, y, 0.3)[0] : l.at(0.3, y, x)[0]),
        (x) => (k === 1 ? l.at(x, y, 0.3)[1] : l.at(0.3, y, x)[2]),
        k === 1 ? 0.02 : -5,
        k === 1 ? 0.98 : 5,
        97,
      );
      if (m) {
        out.push({
          key: 'formula.mismatch',
          params: {
            what,
            at: `${k === 1 ? 'p' : 'z'} = ${short(m.x)}, y = ${y}`,
            d: short(m.d),
            fd: short(m.fd),
          },
        });
        break;
      }
    }
  }
  if (edges.length > 0) out.push({ key: 'formula.lossEdge', params: { at: edges.join(', ') } });
  return out;
}

/** The first point where d disagrees with a central difference of f (at smooth points only). */
export function fdCheck(
  f: (x: number) => number,
  d: (x: number) => number,
  lo: number,
  hi: number,
  n: number,
): { x: number; d: number; fd: number } | null {
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    const h = 1e-5 * Math.max(1, Math.abs(x));
    const fx = f(x);
    const [up, down] = [f(x + h), f(x - h)];
    const [up2, down2] = [f(x + 2 * h), f(x - 2 * h)];
    const fd1 = (up - down) / (2 * h);
    // Central differences at steps of h times 2, 1/φ and √2 besides h: where f is smooth they agree
    // to f‴h² (1e−10); where f's rounding is a sizeable step of its own they scatter, and the steps
    // being incommensurate keeps them from agreeing by chance (log(1 + erf z) at z = −4.8: 1 + erf
    // is 1.1e−11 there, so f moves in steps of 1e−5, 10 of them per 1e−5 of z; the differences at
    // h and 2h take the same number of steps and agree to 1e−7, and are both 0.2 % off).
    let spread = Math.abs((up2 - down2) / (4 * h) - fd1);
    for (const s of [0.6180339887498949, 1.4142135623730951])
      spread = Math.max(spread, Math.abs((f(x + s * h) - f(x - s * h)) / (2 * s * h) - fd1));
    const left = (fx - down) / h;
    const right = (up - fx) / h;
    const dv = d(x);
    if (![fd1, spread, dv, left, right].every(Number.isFinite)) continue;
    const scale = Math.max(1e-3, Math.abs(fd1));
    // A kink or a pole within 2h makes the one-sided or the central differences disagree:
    // no verdict there. Nor where f is so large that rounding f alone moves the difference
    // quotient by more than the tolerance (z + e¹⁸: f's last bits are worth more than f′·h).
    const noise = (Number.EPSILON * Math.max(Math.abs(up2), Math.abs(down2), Math.abs(fx))) / h;
    if (noise > 1e-7 * scale) continue;
    if (spread > 1e-6 * scale || Math.abs(left - right) > 1e-3 * Math.max(1, scale)) continue;
    if (Math.abs(fd1 - dv) > 1e-5 * scale) return { x, d: dv, fd: fd1 };
  }
  return null;
}
