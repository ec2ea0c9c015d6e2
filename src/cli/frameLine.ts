import type { Run } from '../core/run';

/** A JSON array of float64 values; shortest round-trip digits, null for a non-finite value. */
function numbers(a: Float64Array): string {
  let s = '[';
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    s += (k > 0 ? ',' : '') + (Number.isFinite(v) ? String(v) : 'null');
  }
  return s + ']';
}

/** One line of `npm run sim`'s output: frame t of a run. */
export function frameLine(run: Run, variant: number, t: number): string {
  const f = run.frame(t);
  const num = (v: number): string => (Number.isFinite(v) ? String(v) : 'null');
  let line =
    `{"variant":${variant},"name":${JSON.stringify(run.name)},"step":${t},"loss":${num(f.loss)},` +
    `"accuracy":${num(f.accuracy)},"params":${numbers(f.params)},"grad":${numbers(f.grad)},"status":"${f.status}"`;
  if (f.reason !== undefined) line += `,"reason":${JSON.stringify(f.reason)}`;
  return line + '}';
}
