import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/core/experiment';
import { initParams } from '../../../src/core/network';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { validateExperiment } from '../../../src/core/validate';
import { resolveVariants } from '../../../src/core/variants';
import {
  addPoint,
  addVariant,
  duplicateVariant,
  parseNumber,
  parseWidths,
  pointsOf,
  removePoint,
  removeVariant,
  setDataKind,
  setInitKind,
  setPoints,
  startAt,
} from '../../../src/renderer/src/editor/edits';

const draft = (): Experiment => structuredClone(DEFAULT_EXPERIMENT);

describe('editor changes', () => {
  it('turns generated data into the same points, then adds and removes one', () => {
    const e = draft();
    const p = pointsOf(e);
    expect(p.x).toHaveLength(40);
    addPoint(e, [0.1], 1);
    expect(e.data.kind).toBe('points');
    if (e.data.kind !== 'points') return;
    expect(e.data.x.slice(0, 40)).toEqual(p.x);
    expect(e.data.x[40]).toEqual([0.1]);
    expect(e.data.y[40]).toBe(1);
    removePoint(e, 0);
    expect(e.data.x).toHaveLength(40);
    expect(e.data.x[0]).toEqual(p.x[1]);
    expect(validateExperiment(e).ok).toBe(true);
  });

  it('imports points of another input size, replacing by-hand weights with xavier and saying so', () => {
    const e = draft();
    const note = setPoints(
      e,
      [
        [0, 1],
        [1, 0],
      ],
      [0, 1],
    );
    expect(note).toMatch(/xavier/);
    expect(e.init).toEqual({ kind: 'xavier' });
    expect(validateExperiment(e).ok).toBe(true);
    const three = draft();
    three.init = { kind: 'zeros' };
    expect(setPoints(three, [[0], [1], [2]], [0, 1, 2])).toBeNull();
    expect(three.model.classes).toBe(3);
    // Three classes and scalar units: the validator names the problem.
    const r = validateExperiment(three);
    expect(r.ok).toBe(false);
  });

  it('switches data kinds with sensible settings', () => {
    const e = draft();
    setDataKind(e, 'moons');
    expect(e.data).toEqual({ kind: 'moons', n: 40, noise: 0.1 });
    expect(e.init).toEqual({ kind: 'xavier' });
    setDataKind(e, 'points');
    expect(e.data.kind).toBe('points');
  });

  it('starts "by hand" from the start the experiment has now', () => {
    const e = draft();
    e.init = { kind: 'xavier' };
    e.model.hidden = [3];
    setInitKind(e, 'explicit');
    expect(e.init.kind).toBe('explicit');
    const r = validateExperiment(e);
    expect(r.ok).toBe(true);
    const theta = initParams([1, 3, 1], { kind: 'xavier' }, e.seed);
    expect(initParams([1, 3, 1], e.init, e.seed)).toEqual(theta);
  });

  it('starts at a point of the loss surface, the other parameters as they start now', () => {
    const e = draft();
    e.init = { kind: 'xavier' };
    e.model.hidden = [2];
    const theta = initParams([1, 2, 1], { kind: 'xavier' }, e.seed);
    startAt(e, theta.length, [
      [0, 1.234567],
      [6, -0.000123456],
    ]);
    expect(validateExperiment(e).ok).toBe(true);
    const now = initParams([1, 2, 1], e.init, e.seed);
    expect(now[0]).toBe(1.235);
    expect(now[6]).toBe(-0.0001235);
    expect(Array.from(now).filter((_, i) => i !== 0 && i !== 6)).toEqual(
      Array.from(theta).filter((_, i) => i !== 0 && i !== 6),
    );
    // Another width (the variant's network is not the experiment's): refused.
    expect(() => startAt(e, theta.length + 1, [[0, 1]])).toThrow();
  });

  it('adds, duplicates and removes variants within 1..4, with distinct names and colours', () => {
    const e = draft();
    e.variants = undefined;
    addVariant(e);
    let vs = resolveVariants(e);
    expect(vs.map((v) => v.name)).toEqual(['sigmoid + NLL', 'sigmoid + MSE']);
    duplicateVariant(e, 1);
    addVariant(e);
    vs = resolveVariants(e);
    expect(vs).toHaveLength(4);
    expect(new Set(vs.map((v) => v.name)).size).toBe(4);
    expect(new Set(vs.map((v) => v.color)).size).toBe(4);
    addVariant(e);
    duplicateVariant(e, 0);
    expect(resolveVariants(e)).toHaveLength(4);
    for (let k = 0; k < 5; k++) removeVariant(e, 0);
    expect(resolveVariants(e)).toHaveLength(1);
    expect(validateExperiment(e).ok).toBe(true);
  });

  it('parses fields without guessing: empty and garbage are NaN, never 0', () => {
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber(' 1e-3 ')).toBe(0.001);
    expect(parseWidths('8, 8')).toEqual([8, 8]);
    expect(parseWidths('')).toEqual([]);
    expect(parseWidths('8, x')).toEqual([8, NaN]);
  });
});
