/**
 * A head (unit and loss) where either is typed: its per-example functions (for
 * the chain diagram, the plots and the loss surface) and what the hot loop's
 * chunk kernel needs. Built-in losses over a typed unit follow PyTorch's BCELoss
 * (nll: log clamped at −100, ∂L/∂ŷ = (ŷ − y)/max(ŷ(1 − ŷ), 10⁻¹²), an exact 0
 * where f′ = 0) and mse = (f − y)².
 */
import type { FormulaLossSpec, FormulaUnitSpec, LossName } from '../experiment';
import { compileLoss, compileUnit, type LossFormula, type UnitFormula } from './index';
import { createKernel, type FormulaKernel, type UnitFunctions } from './kernel';

const LOG_CLAMP = -100;
const BCE_EPSILON = 1e-12;

export interface FormulaHead {
  /** The typed unit, or null for a built-in unit's functions. */
  unitFormula: UnitFormula | null;
  /** The typed loss, or the built-in loss's name. */
  lossFormula: LossFormula | LossName;
  f(z: number): number;
  der(z: number): number;
  loss(z: number, y: number): number;
  dLdyhat(z: number, y: number): number;
  dLdz(z: number, y: number): number;
  /** A chunk kernel of `width` lanes (one per network workspace). */
  kernel(width: number): FormulaKernel;
}

/** The compiled formula or a thrown error (the validator has refused bad formulas before this). */
export function unitFormulaOf(spec: FormulaUnitSpec): UnitFormula {
  const r = compileUnit(spec.f);
  if (!r.ok) throw new Error(`model.output.f: ${r.error.key}`);
  return r.value;
}

export function lossFormulaOf(spec: FormulaLossSpec): LossFormula {
  const r = compileLoss(spec.L);
  if (!r.ok) throw new Error(`loss.L: ${r.error.key}`);
  return r.value;
}

/** ∂L/∂ŷ · f′, exactly +0 where the unit is flat. */
const product = (a: number, d: number): number => (d === 0 ? 0 : a * d);

export function formulaHead(
  unit: FormulaUnitSpec | UnitFunctions,
  loss: FormulaLossSpec | LossName,
): FormulaHead {
  const uf = 'f' in unit && typeof unit.f === 'string' ? unitFormulaOf(unit as FormulaUnitSpec) : null;
  const fns: UnitFunctions = uf ? { f: uf.value, der: uf.slope } : (unit as UnitFunctions);
  const { f, der } = fns;
  const kernelUnit = uf ?? fns;
  if (typeof loss === 'string') {
    const dLdyhat =
      loss === 'nll'
        ? (z: number, y: number) => {
            const p = f(z);
            return (p - y) / Math.max(p * (1 - p), BCE_EPSILON);
          }
        : (z: number, y: number) => 2 * (f(z) - y);
    return {
      unitFormula: uf,
      lossFormula: loss,
      f,
      der,
      loss:
        loss === 'nll'
          ? (z, y) => {
              const l = Math.log(y === 1 ? f(z) : 1 - f(z));
              return -(l < LOG_CLAMP ? LOG_CLAMP : l);
            }
          : (z, y) => (f(z) - y) * (f(z) - y),
      dLdyhat,
      dLdz: (z, y) => product(dLdyhat(z, y), der(z)),
      kernel: (width) => createKernel(kernelUnit, loss, width),
    };
  }
  const lf = lossFormulaOf(loss);
  return {
    unitFormula: uf,
    lossFormula: lf,
    f,
    der,
    loss: (z, y) => lf.at(f(z), y, z)[0],
    dLdyhat: (z, y) => lf.at(f(z), y, z)[1],
    dLdz: (z, y) => {
      const [, dp, dz] = lf.at(f(z), y, z);
      const through = product(dp, der(z));
      return lf.usesZ ? through + dz : through;
    },
    kernel: (width) => createKernel(kernelUnit, lf, width),
  };
}
