/**
 * The hot-loop head of a typed unit and/or a typed loss: over a chunk of
 * examples at once, ŷ = f(z), f′(z), L and ∂L/∂z. The formulas' programs run one
 * instruction at a time over every lane of the chunk; a built-in loss (nll with
 * PyTorch BCELoss's conventions, mse) or a built-in unit's f and f′ fill in the
 * other half example by example.
 */
import type { LossFormula, UnitFormula } from './index';
import { createMachine, type Machine } from './program';

/** PyTorch BCELoss clamps each log at −100 and divides by max(ŷ(1−ŷ), 10⁻¹²) in its gradient. */
const LOG_CLAMP = -100;
const BCE_EPSILON = 1e-12;

/** f and f′ of a built-in scalar unit, for a typed loss over it. */
export interface UnitFunctions {
  f(z: number): number;
  der(z: number): number;
}

export type KernelUnit = UnitFormula | UnitFunctions;
export type KernelLoss = LossFormula | 'nll' | 'mse';

/** One chunk's worth of lanes; read p, der, loss, grad after `run`. */
export interface FormulaKernel {
  readonly width: number;
  /** z of each lane (write before `run`). */
  readonly z: Float64Array;
  /** The label of each lane, 0 or 1 (write before `run`). */
  readonly y: Float64Array;
  readonly p: Float64Array;
  readonly der: Float64Array;
  readonly loss: Float64Array;
  readonly grad: Float64Array;
  run(m: number): void;
}

const isFormula = (u: KernelUnit): u is UnitFormula => (u as UnitFormula).kind === 'unit';

export function createKernel(unit: KernelUnit, loss: KernelLoss, width: number): FormulaKernel {
  const z = new Float64Array(width);
  const y = new Float64Array(width);
  const p = new Float64Array(width);
  const der = new Float64Array(width);
  const lossOut = new Float64Array(width);
  const grad = new Float64Array(width);
  let unitRun: (m: number) => void;
  if (isFormula(unit)) {
    const um: Machine = createMachine(unit.program, width);
    const zi = um.offset(unit.program.inputs.get('z')!);
    const fo = um.offset(unit.program.outputs[0]);
    const dOut = um.offset(unit.program.outputs[1]);
    const R = um.R;
    unitRun = (m) => {
      R.set(z.subarray(0, m), zi);
      um.run(m);
      p.set(R.subarray(fo, fo + m));
      der.set(R.subarray(dOut, dOut + m));
    };
  } else {
    unitRun = (m) => {
      for (let e = 0; e < m; e++) {
        p[e] = unit.f(z[e]);
        der[e] = unit.der(z[e]);
      }
    };
  }
  let lossRun: (m: number) => void;
  if (loss === 'nll') {
    lossRun = (m) => {
      for (let e = 0; e < m; e++) {
        const pe = p[e];
        const ye = y[e];
        const lg = Math.log(ye === 1 ? pe : 1 - pe);
        lossOut[e] = -(lg < LOG_CLAMP ? LOG_CLAMP : lg);
        const d = pe * (1 - pe);
        const de = der[e];
        grad[e] = de === 0 ? 0 : ((pe - ye) / (d > BCE_EPSILON ? d : BCE_EPSILON)) * de;
      }
    };
  } else if (loss === 'mse') {
    lossRun = (m) => {
      for (let e = 0; e < m; e++) {
        const r = p[e] - y[e];
        lossOut[e] = r * r;
        const de = der[e];
        grad[e] = de === 0 ? 0 : 2 * r * de;
      }
    };
  } else {
    const lm = createMachine(loss.program, width);
    const R = lm.R;
    const inputs = loss.program.inputs;
    const [pi, yi, zi] = (['p', 'y', 'z'] as const).map((v) => lm.offset(inputs.get(v)!));
    const [lo, dpo, dzo] = loss.program.outputs.map((r) => lm.offset(r));
    const direct = loss.usesZ;
    lossRun = (m) => {
      R.set(p.subarray(0, m), pi);
      R.set(y.subarray(0, m), yi);
      R.set(z.subarray(0, m), zi);
      lm.run(m);
      for (let e = 0; e < m; e++) {
        const de = der[e];
        // ∂L/∂z = ∂L/∂p · f′(z) (+ ∂L/∂z where L reads z), exactly 0 through a flat unit.
        const through = de === 0 ? 0 : R[dpo + e] * de;
        lossOut[e] = R[lo + e];
        grad[e] = direct ? through + R[dzo + e] : through;
      }
    };
  }
  return {
    width,
    z,
    y,
    p,
    der,
    loss: lossOut,
    grad,
    run(m) {
      unitRun(m);
      lossRun(m);
    },
  };
}
