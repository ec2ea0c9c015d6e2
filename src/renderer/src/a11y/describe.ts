/**
 * What each drawing shows now, in a sentence for a screen reader ("sigmoid +
 * NLL, step 40 of 300: J = 0.13, accuracy 1, boundary at x = 0.21"). Pure:
 * numbers in, words out; the canvases read them about once a second.
 */
import type { Translate } from '../../../i18n';

/** A number as the descriptions say it (the page's language, a few significant digits). */
export type Say = (x: number) => string;

/** Where a 1-D curve of P(y = 1 | x) over [x0, x1] crosses 1/2, interpolated between grid points. */
export function crossings(values: Float64Array, x0: number, x1: number): number[] {
  const out: number[] = [];
  const n = values.length;
  for (let i = 0; i + 1 < n; i++) {
    const a = values[i] - 0.5;
    const b = values[i + 1] - 0.5;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) continue;
    if ((a < 0 && b >= 0) || (a >= 0 && b < 0)) {
      const f = a / (a - b);
      out.push(x0 + ((i + f) * (x1 - x0)) / (n - 1));
    }
  }
  return out;
}

export interface DataViewFacts {
  name: string;
  step: number;
  last: number;
  loss: number;
  accuracy: number;
  /** 1-D: where the prediction crosses 1/2; null for 2-D data. */
  boundary: number[] | null;
  wrong: number;
  n: number;
}

export function describeDataView(f: DataViewFacts, t: Translate, say: Say): string {
  const where =
    f.boundary === null
      ? t('a11y.wrong', { wrong: say(f.wrong), n: say(f.n) })
      : f.boundary.length === 0
        ? t('a11y.noBoundary')
        : f.boundary.length <= 3
          ? t('a11y.boundary', { x: f.boundary.map(say).join(t('list.separator')) })
          : t('a11y.boundaries', { k: f.boundary.length });
  return t('a11y.dataView', {
    name: f.name,
    step: say(f.step),
    last: say(f.last),
    J: say(f.loss),
    acc: say(f.accuracy),
    where,
  });
}

export interface ChainFacts {
  name: string;
  /** −1: the mean over the data. */
  example: number;
  J: number;
  /** ∂J/∂θ of the output unit's first weight. */
  grad: number;
  /** The vanishing factors, each in a sentence (the notes under the diagram). */
  notes: string[];
}

export function describeChain(f: ChainFacts, t: Translate, say: Say): string {
  return t('a11y.chain', {
    name: f.name,
    what: f.example < 0 ? t('a11y.mean') : t('a11y.example', { i: f.example }),
    J: say(f.J),
    g: say(f.grad),
    notes: f.notes.length > 0 ? f.notes.join(' ') : t('a11y.noVanishing'),
  });
}

export function describeSurface(
  f: { name: string; p: string; q: string; at: [number, number] | null; J: number },
  t: Translate,
  say: Say,
): string {
  if (!f.at) return t('a11y.surfaceWait', { name: f.name });
  return t('a11y.surface', {
    name: f.name,
    p: f.p,
    q: f.q,
    pv: say(f.at[0]),
    qv: say(f.at[1]),
    J: say(f.J),
  });
}

export function describeUnits(
  f: { unit: string; loss: string; z: Float64Array },
  t: Translate,
  say: Say,
): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of f.z) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return t('a11y.units', {
    unit: f.unit,
    loss: f.loss,
    n: say(f.z.length),
    min: say(lo),
    max: say(hi),
  });
}

export function describeCurves(
  series: { name: string; loss: Float64Array; accuracy: Float64Array; length: number }[],
  step: number,
  t: Translate,
  say: Say,
): string {
  const each = series
    .filter((s) => s.length > 0)
    .map((s) => {
      const i = Math.min(step, s.length - 1);
      return t('a11y.curve', {
        name: s.name,
        J0: say(s.loss[0]),
        J: say(s.loss[i]),
        acc: say(s.accuracy[i]),
      });
    });
  return t('a11y.curves', { step: say(step), each: each.join(t('a11y.separator')) });
}
