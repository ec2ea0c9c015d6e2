/**
 * Training points from a CSV file: `x,label` or `x1,x2,label` (any number of
 * inputs up to the limit, the label last), with or without a header line.
 * Every problem is reported with its line number; nothing is guessed.
 */
import { EN, type Translate } from '../i18n';
import { LIMITS } from './experiment';

export type CsvResult =
  { ok: true; x: number[][]; y: number[]; header: string[] | null } | { ok: false; errors: string[] };

/** Problems reported before the rest are only counted. */
const MAX_ERRORS = 12;

function isNumber(s: string): boolean {
  return s !== '' && Number.isFinite(Number(s));
}

export function parseCsvPoints(text: string, t: Translate = EN): CsvResult {
  const errors: string[] = [];
  let more = 0;
  const fail = (line: number, problem: string): void => {
    if (errors.length < MAX_ERRORS) errors.push(t('csv.line', { line, problem }));
    else more++;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let header: string[] | null = null;
  let columns = 0;
  const x: number[][] = [];
  const y: number[] = [];
  let first = true;
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k].trim();
    const line = k + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = raw.split(/\s*[,;\t]\s*/);
    if (first) {
      first = false;
      columns = cells.length;
      if (columns < 2) {
        return {
          ok: false,
          errors: [t('csv.line', { line, problem: t('csv.columns', { columns }) })],
        };
      }
      if (columns - 1 > LIMITS.maxInputDims) {
        return {
          ok: false,
          errors: [
            t('csv.line', { line, problem: t('csv.inputs', { n: columns - 1, max: LIMITS.maxInputDims }) }),
          ],
        };
      }
      if (!cells.every(isNumber)) {
        header = cells;
        continue;
      }
    }
    if (cells.length !== columns) {
      fail(line, t('csv.values', { columns, names: names(columns), got: cells.length }));
      continue;
    }
    const row: number[] = [];
    let ok = true;
    for (let j = 0; j < columns - 1; j++) {
      if (!isNumber(cells[j])) {
        fail(
          line,
          t('csv.notNumber', { name: names(columns).split(',')[j], value: JSON.stringify(cells[j]) }),
        );
        ok = false;
      } else row.push(Number(cells[j]));
    }
    const label = cells[columns - 1];
    const c = Number(label);
    if (!/^\d+$/.test(label) || c >= LIMITS.maxClasses) {
      fail(line, t('csv.label', { value: JSON.stringify(label), max: LIMITS.maxClasses - 1 }));
      ok = false;
    }
    if (!ok) continue;
    if (x.length === LIMITS.maxExamples) {
      return {
        ok: false,
        errors: [t('csv.line', { line, problem: t('csv.tooMany', { max: LIMITS.maxExamples }) })],
      };
    }
    x.push(row);
    y.push(c);
  }
  if (more > 0) errors.push(t(more === 1 ? 'csv.moreOne' : 'csv.more', { n: more }));
  if (errors.length > 0) return { ok: false, errors };
  if (x.length === 0) return { ok: false, errors: [t('csv.empty')] };
  return { ok: true, x, y, header };
}

function names(columns: number): string {
  if (columns === 2) return 'x,label';
  return [...Array.from({ length: columns - 1 }, (_, j) => `x${j + 1}`), 'label'].join(',');
}

/** Points as CSV with a header line, in the form the CSV reader takes back. */
export function pointsToCsv(x: readonly (readonly number[])[], y: readonly number[]): string {
  const dims = x[0]?.length ?? 1;
  const lines = [names(dims + 1)];
  for (let i = 0; i < x.length; i++) lines.push([...x[i].map(String), String(y[i])].join(','));
  return lines.join('\n') + '\n';
}
