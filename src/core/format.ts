/** Numbers as the notes and drawings write them. */

/** 4.5·10⁻⁵ (three significant digits), as the notes write small numbers. */
export function sci(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e4) return String(Number(v.toPrecision(3)));
  const e = Math.floor(Math.log10(a));
  const m = Number((v / 10 ** e).toPrecision(2));
  const sup = String(e)
    .replace('-', '⁻')
    .replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
  return `${m}·10${sup}`;
}
