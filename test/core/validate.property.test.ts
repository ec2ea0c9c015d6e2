/**
 * Properties of the validator over generated input: it never throws; it either
 * accepts an experiment that survives a JSON round trip unchanged, or names at
 * least one problem, each with its field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { show, validateExperiment } from '../../src/core/validate';
import { anyValue, extremeExperiment, mutatedAnything, mutatedExample, runs } from './arbitraries';

/**
 * A message names its field first: `data.x[3]: …`, `variants[0].name: …`, `init["odd key"]: …`
 * or `experiment: …`.
 */
const SEGMENT = String.raw`(\.?[A-Za-z_$][\w$]*|\[\d+\]|\[".*?"\])`;
const FIELD = new RegExp(String.raw`^(experiment|${SEGMENT}+): \S`, 's');

function checkOutcome(raw: unknown): void {
  const r = validateExperiment(raw);
  if (r.ok) {
    const again = validateExperiment(JSON.parse(JSON.stringify(r.experiment)));
    expect(again).toEqual({ ok: true, experiment: r.experiment });
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(e).toMatch(FIELD);
  }
}

describe('validateExperiment on generated input', () => {
  it('never throws on mutations of the examples (JSON values)', () => {
    fc.assert(fc.property(mutatedExample, checkOutcome), { numRuns: runs(800) });
  }, 120_000);

  it('never throws on mutations of the examples with any JavaScript value', () => {
    fc.assert(fc.property(mutatedAnything, checkOutcome), { numRuns: runs(400) });
  }, 120_000);

  it('never throws on arbitrary values', () => {
    fc.assert(fc.property(anyValue, checkOutcome), { numRuns: runs(300) });
  }, 120_000);

  it('accepts or names the problems of experiments with extreme numbers', () => {
    fc.assert(fc.property(extremeExperiment, checkOutcome), { numRuns: runs(200) });
  }, 120_000);
});

describe('show', () => {
  it('quotes any value in at most 40 characters without throwing', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        const s = show(v);
        expect(typeof s).toBe('string');
        expect(s.length).toBeLessThanOrEqual(40);
      }),
      { numRuns: runs(300) },
    );
  }, 120_000);
});
