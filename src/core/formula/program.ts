/**
 * A formula compiled once into a short list of instructions over registers of
 * `width` lanes: each instruction runs one tight loop over every lane (a chunk of
 * examples), so the dispatch is paid once per chunk, not once per example, and
 * there is no tree walk and no `eval`/`new Function` (the app's CSP forbids
 * them). Shared subexpressions (the same node, hash-consed) get one register.
 */
import type { Expr } from './expr';
import { CONSTANTS, stepOrSign } from './expr';
import { erf } from './special';

const OP = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  pow: 4,
  sq: 5,
  neg: 6,
  exp: 7,
  log: 8,
  log1p: 9,
  expm1: 10,
  sqrt: 11,
  abs: 12,
  tanh: 13,
  sinh: 14,
  cosh: 15,
  atan: 16,
  erf: 17,
  sign: 18,
  step: 19,
  min: 20,
  max: 21,
} as const;

/** The compiled form: code is [op, dst, a, b] per instruction, register numbers. */
export interface Program {
  readonly code: Int32Array;
  readonly registers: number;
  /** Register of each input variable (absent when the formula does not use it). */
  readonly inputs: ReadonlyMap<string, number>;
  /** Register of each output, in the order given. */
  readonly outputs: readonly number[];
  /** Constants: [register, value] pairs, loaded once into every lane. */
  readonly constants: readonly (readonly [number, number])[];
}

export function compileProgram(roots: readonly Expr[], inputs: readonly string[]): Program {
  const reg = new Map<number, number>();
  const code: number[] = [];
  const constants: [number, number][] = [];
  const inputRegs = new Map<string, number>();
  let next = 0;
  for (const name of inputs) inputRegs.set(name, next++);
  const visit = (e: Expr): number => {
    const hit = reg.get(e.id);
    if (hit !== undefined) return hit;
    let r: number;
    switch (e.k) {
      case 'num':
      case 'cst':
        r = next++;
        constants.push([r, e.k === 'num' ? e.v : CONSTANTS[e.name]]);
        break;
      case 'var': {
        const v = inputRegs.get(e.name);
        if (v === undefined) throw new Error(`formula: no input named ${e.name}`);
        r = v;
        break;
      }
      case 'neg':
        r = emit(OP.neg, visit(e.a), 0);
        break;
      case 'fn':
        r = emit(OP[e.name], visit(e.a), 0);
        break;
      case 'pow':
        r =
          e.b.k === 'num' && e.b.v === 2
            ? emit(OP.sq, visit(e.a), 0)
            : (() => {
                const a = visit(e.a);
                return emit(OP.pow, a, visit(e.b));
              })();
        break;
      default: {
        const a = visit(e.a);
        r = emit(OP[e.k], a, visit(e.b));
      }
    }
    reg.set(e.id, r);
    return r;
  };
  const emit = (op: number, a: number, b: number): number => {
    const d = next++;
    code.push(op, d, a, b);
    return d;
  };
  const outputs = roots.map(visit);
  return { code: Int32Array.from(code), registers: next, inputs: inputRegs, outputs, constants };
}

/** Number of instructions of a program. */
export const programLength = (p: Program): number => p.code.length / 4;

/**
 * A program with its own register file of `width` lanes: write inputs with
 * `lane(input)`, call `run(m)` for the first m lanes, read `lane(output)`.
 * Register r occupies R[r·width … r·width + width).
 */
export interface Machine {
  readonly R: Float64Array;
  readonly width: number;
  /** Offset in R of a register's lane 0. */
  offset(register: number): number;
  run(m: number): void;
}

export function createMachine(p: Program, width: number): Machine {
  const R = new Float64Array(Math.max(1, p.registers) * width);
  for (const [r, v] of p.constants) R.fill(v, r * width, r * width + width);
  const code = p.code;
  const n = code.length;
  const run = (m: number): void => {
    for (let i = 0; i < n; i += 4) {
      const d = code[i + 1] * width;
      const a = code[i + 2] * width;
      const b = code[i + 3] * width;
      switch (code[i]) {
        case OP.add:
          for (let e = 0; e < m; e++) R[d + e] = R[a + e] + R[b + e];
          break;
        case OP.sub:
          for (let e = 0; e < m; e++) R[d + e] = R[a + e] - R[b + e];
          break;
        case OP.mul:
          for (let e = 0; e < m; e++) R[d + e] = R[a + e] * R[b + e];
          break;
        case OP.div:
          for (let e = 0; e < m; e++) R[d + e] = R[a + e] / R[b + e];
          break;
        case OP.pow:
          for (let e = 0; e < m; e++) R[d + e] = Math.pow(R[a + e], R[b + e]);
          break;
        case OP.sq:
          for (let e = 0; e < m; e++) R[d + e] = R[a + e] * R[a + e];
          break;
        case OP.neg:
          for (let e = 0; e < m; e++) R[d + e] = -R[a + e];
          break;
        case OP.exp:
          for (let e = 0; e < m; e++) R[d + e] = Math.exp(R[a + e]);
          break;
        case OP.log:
          for (let e = 0; e < m; e++) R[d + e] = Math.log(R[a + e]);
          break;
        case OP.log1p:
          for (let e = 0; e < m; e++) R[d + e] = Math.log1p(R[a + e]);
          break;
        case OP.expm1:
          for (let e = 0; e < m; e++) R[d + e] = Math.expm1(R[a + e]);
          break;
        case OP.sqrt:
          for (let e = 0; e < m; e++) R[d + e] = Math.sqrt(R[a + e]);
          break;
        case OP.abs:
          for (let e = 0; e < m; e++) R[d + e] = Math.abs(R[a + e]);
          break;
        case OP.tanh:
          for (let e = 0; e < m; e++) R[d + e] = Math.tanh(R[a + e]);
          break;
        case OP.sinh:
          for (let e = 0; e < m; e++) R[d + e] = Math.sinh(R[a + e]);
          break;
        case OP.cosh:
          for (let e = 0; e < m; e++) R[d + e] = Math.cosh(R[a + e]);
          break;
        case OP.atan:
          for (let e = 0; e < m; e++) R[d + e] = Math.atan(R[a + e]);
          break;
        case OP.erf:
          for (let e = 0; e < m; e++) R[d + e] = erf(R[a + e]);
          break;
        case OP.sign:
          for (let e = 0; e < m; e++) R[d + e] = stepOrSign('sign', R[a + e]);
          break;
        case OP.step:
          for (let e = 0; e < m; e++) R[d + e] = stepOrSign('step', R[a + e]);
          break;
        case OP.min:
          for (let e = 0; e < m; e++) {
            const x = R[a + e];
            const y = R[b + e];
            R[d + e] = x < y ? x : y !== y ? y : x !== x ? x : y;
          }
          break;
        case OP.max:
          for (let e = 0; e < m; e++) {
            const x = R[a + e];
            const y = R[b + e];
            R[d + e] = x > y ? x : y !== y ? y : x !== x ? x : y;
          }
          break;
      }
    }
  };
  return { R, width, offset: (r) => r * width, run };
}
