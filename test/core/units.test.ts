import { describe, expect, it } from 'vitest';
import { LOSSES, OUTPUT_UNITS } from '../../src/core/experiment';
import { evalHead, HEAD_GENERIC, HEAD_SIGMOID_NLL } from '../../src/core/heads';
import { createNetwork, forwardRecord } from '../../src/core/network';
import { sigmoid } from '../../src/core/scalar';
import {
  cancelsFlat,
  headCode,
  headProblem,
  OUTPUT_UNIT,
  scalarChain,
  scalarUnit,
  unitAt,
  unitOf,
} from '../../src/core/units';

const numeric = (g: (z: number) => number, z: number, h = 1e-6): number => (g(z + h) - g(z - h)) / (2 * h);

describe('output-unit records', () => {
  it('describe every unit of the file format, and an unknown name throws instead of falling back', () => {
    expect(Object.keys(OUTPUT_UNIT).sort()).toEqual([...OUTPUT_UNITS].sort());
    for (const name of OUTPUT_UNITS) expect(unitOf(name).name).toBe(name);
    expect(() => unitOf('tanh')).toThrow(/unknown output unit "tanh"/);
    expect(() => headCode('linear', 'nll')).toThrow(/cannot be used with the linear unit/);
    expect(headProblem('linear', 'nll')).toMatch(/linear/);
    expect(headProblem('clipped', 'nll')).toBeNull();
  });

  it("hold f′ beside f and ∂L/∂z beside L: each derivative is the other's slope", () => {
    for (const name of OUTPUT_UNITS) {
      for (const loss of LOSSES) {
        if (headProblem(name, loss)) continue;
        for (const z of [-2.3, -0.4, 0.35, 0.8, 1.7]) {
          for (const y of [0, 1]) {
            const at = unitAt(name, loss, z, y);
            expect(at.dLdz).toBeCloseTo(
              numeric((s) => unitAt(name, loss, s, y).loss, z),
              6,
            );
            expect(at.dyhatdz).toBeCloseTo(
              numeric((s) => unitAt(name, loss, s, y).yhat, z),
              6,
            );
          }
        }
      }
    }
  });

  it('name the specialised kernels the hot loops run, and say which losses cancel the flat tails', () => {
    expect(headCode('sigmoid', 'nll')).toBe(HEAD_SIGMOID_NLL);
    expect(cancelsFlat('sigmoid', 'nll')).toBe(true);
    expect(cancelsFlat('softmax', 'nll')).toBe(true);
    expect(cancelsFlat('sigmoid', 'mse')).toBe(false);
    expect(cancelsFlat('clipped', 'nll')).toBe(false);
    expect(unitOf('softmax').vector).toBe(true);
    expect(unitOf('linear').range).toEqual([-Infinity, Infinity]);
  });
});

describe('a unit described by f and f′ alone (what a formula would give)', () => {
  // ŷ = (1 + tanh z)/2 = σ(2z): a new unit, no kernel of its own.
  const half = scalarUnit({
    name: 'sigmoid',
    f: (z) => (1 + Math.tanh(z)) / 2,
    der: (z) => (1 - Math.tanh(z) ** 2) / 2,
    symbol: '(1+tanh z)/2',
    derSymbol: 'f′(z)',
    tex: (a) => `\\tfrac{1 + \\tanh ${a}}{2}`,
    texDer: "f'(z)",
    range: [0, 1],
  });

  it('gets both losses, the generic kernel, and the same numbers as σ(2z)', () => {
    expect(Object.keys(half.losses).sort()).toEqual(['mse', 'nll']);
    const nll = half.losses.nll!;
    const mse = half.losses.mse!;
    expect(nll.kernel).toBe(HEAD_GENERIC);
    const yhat = new Float64Array(1);
    const dz = new Float64Array(1);
    const flags = new Int32Array(1);
    for (const z of [-3, -0.5, 0.2, 2]) {
      for (const y of [0, 1]) {
        const s = sigmoid(2 * z);
        const l = evalHead(HEAD_GENERIC, [z], 0, 1, y, yhat, 0, dz, 0, flags, {
          f: half.f,
          der: half.der,
          loss: nll.loss,
          dLdz: nll.dLdz,
        });
        expect(yhat[0]).toBeCloseTo(s, 14);
        expect(l).toBeCloseTo(y === 1 ? -Math.log(s) : -Math.log(1 - s), 12);
        // ∂L/∂z = 2(σ(2z) − y) for NLL; 2(ŷ − y)·f′ for MSE.
        expect(dz[0]).toBeCloseTo(2 * (s - y), 10);
        expect(mse.dLdz(z, y)).toBeCloseTo(2 * (s - y) * 2 * s * (1 - s), 12);
      }
    }
  });

  it('is a unit of the whole pipeline: the network runs it through the generic kernel', () => {
    const saved = OUTPUT_UNIT.sigmoid;
    OUTPUT_UNIT.sigmoid = half;
    try {
      const net = createNetwork([1, 1], 'linear', 'sigmoid', 'nll');
      expect(net.headCode).toBe(HEAD_GENERIC);
      const rec = forwardRecord(
        net,
        Float64Array.from([1.5, -0.25]),
        Float64Array.from([0.5, -1]),
        Int32Array.from([1, 0]),
        2,
      );
      const z = [1.5 * 0.5 - 0.25, -1.5 - 0.25];
      z.forEach((zi, i) => {
        expect(rec.yhat[i]).toBeCloseTo(sigmoid(2 * zi), 14);
        expect(rec.dLdz[i]).toBeCloseTo(2 * (sigmoid(2 * zi) - [1, 0][i]), 10);
      });
      expect(scalarChain('sigmoid', 'mse', 0.3, 1).yhat).toBeCloseTo(sigmoid(0.6), 14);
    } finally {
      OUTPUT_UNIT.sigmoid = saved;
    }
  });

  it('a unit onto the whole line pairs with MSE only, with the catalogue saying why', () => {
    const line = scalarUnit({
      name: 'linear',
      f: (z) => 2 * z,
      der: () => 2,
      symbol: '2z',
      derSymbol: 'f′(z)',
      tex: (a) => `2${a}`,
      texDer: '2',
      range: [-Infinity, Infinity],
    });
    expect(Object.keys(line.losses)).toEqual(['mse']);
    expect(line.problems.nll).toBe('v.linearNll');
    expect(line.notes({ z: 0, y: 1, yhat: 0, loss: 1, dLdyhat: -2, dyhatdz: 2, dLdz: -4 }, 'mse')).toEqual(
      [],
    );
    expect(
      half.notes({ z: 20, y: 1, yhat: 1, loss: 0, dLdyhat: 0, dyhatdz: 1e-17, dLdz: 0 }, 'mse')[0].key,
    ).toBe('note.saturatedUnit');
  });
});
