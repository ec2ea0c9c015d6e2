/**
 * Training points from a CSV file: `x,label` or `x1,x2,label` (any number of
 * inputs up to the limit, the label last), with or without a header line.
 * Every problem is reported with its line number; nothing is guessed.
 */
import { EN, type Translate } from '../i18n';
import { type Cell, LIMITS } from './experiment';
import { isMissing } from './table';

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

/** Points as CSV with a header line (what the editor exports and imports). */
export function pointsToCsv(x: readonly (readonly number[])[], y: readonly number[]): string {
  const dims = x[0]?.length ?? 1;
  const lines = [names(dims + 1)];
  for (let i = 0; i < x.length; i++) lines.push([...x[i].map(String), String(y[i])].join(','));
  return lines.join('\n') + '\n';
}

/** A CSV file read as a table: named columns, cells as numbers, text or null (missing). */
export type CsvTableResult =
  | {
      ok: true;
      columns: string[];
      rows: Cell[][];
      /** Each row's line number in the file (for messages). */
      lines: number[];
      /** Whether the first line named the columns (else they are x1, x2, …, label). */
      header: boolean;
      separator: ',' | ';' | '\t';
    }
  | { ok: false; errors: string[] };

/**
 * Splits CSV text into records of fields (RFC 4180: fields in double quotes may hold
 * separators, line breaks and "" for a quote). Returns each record's first line number.
 */
function records(text: string, sep: string): { fields: string[][]; lines: number[]; open: number } {
  const fields: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let start = 1;
  let open = 0;
  const endCell = (): void => {
    row.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRow = (): void => {
    endCell();
    // A line with nothing on it, or a comment, is not a record.
    if (!(row.length === 1 && row[0] === '' && !wasQuoted) && !(row.length >= 1 && row[0].startsWith('#'))) {
      fields.push(row);
      lines.push(start);
    }
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cell = '';
      open = line;
    } else if (ch === sep) endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) return { fields, lines, open };
  if (cell !== '' || row.length > 0) endRow();
  return { fields, lines, open: 0 };
}

/** The separator of the first line: the most frequent of , ; and tab outside quotes. */
function guessSeparator(text: string): ',' | ';' | '\t' {
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  const bare = first.replace(/"[^"]*"/g, '');
  const count = (c: string): number => bare.split(c).length - 1;
  const [s, n] = ([';', '\t'] as const).reduce<[',' | ';' | '\t', number]>(
    (best, c) => (count(c) > best[1] ? [c, count(c)] : best),
    [',', count(',')],
  );
  return n > 0 ? s : ',';
}

/**
 * A CSV file with or without a header line, separated by commas, semicolons (then a
 * decimal comma is read as a point: 5,1 = 5.1) or tabs, with quoted fields, a BOM, and
 * missing cells (empty, NA, NaN, ?, …: null). Numbers become numbers, other cells text.
 */
export function parseCsvTable(text: string, t: Translate = EN): CsvTableResult {
  const body = text.replace(/^\uFEFF/, '');
  const separator = guessSeparator(body);
  const { fields, lines, open } = records(body, separator);
  if (open > 0) return { ok: false, errors: [t('csv.line', { line: open, problem: t('csv.quote') })] };
  if (fields.length === 0) return { ok: false, errors: [t('csv.emptyTable')] };
  const decimalComma = separator === ';';
  const read = (s: string): Cell => {
    if (isMissing(s)) return null;
    const v = decimalComma && /^[-+]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s;
    return isNumber(v) ? Number(v) : s;
  };
  const first = fields[0];
  const header = !first.every((s) => isMissing(s) || isNumber(s));
  const w = first.length;
  if (w < 2)
    return {
      ok: false,
      errors: [t('csv.line', { line: lines[0], problem: t('csv.columns', { columns: w }) })],
    };
  if (w > LIMITS.maxTableColumns) {
    return {
      ok: false,
      errors: [
        t('csv.line', {
          line: lines[0],
          problem: t('csv.manyColumns', { n: w, max: LIMITS.maxTableColumns }),
        }),
      ],
    };
  }
  const columns = header
    ? first.map((c, j) => (c === '' ? t('csv.unnamed', { j: j + 1 }) : c))
    : names(w).split(',');
  const dup = columns.find((c, j) => columns.indexOf(c) !== j);
  if (dup !== undefined) {
    return {
      ok: false,
      errors: [t('csv.line', { line: lines[0], problem: t('table.duplicate', { name: dup }) })],
    };
  }
  const errors: string[] = [];
  let more = 0;
  const rows: Cell[][] = [];
  const rowLines: number[] = [];
  for (let k = header ? 1 : 0; k < fields.length; k++) {
    const f = fields[k];
    if (f.length !== w) {
      if (errors.length < MAX_ERRORS)
        errors.push(t('csv.line', { line: lines[k], problem: t('csv.cells', { n: w, got: f.length }) }));
      else more++;
      continue;
    }
    if (rows.length === LIMITS.maxExamples) {
      return {
        ok: false,
        errors: [
          t('csv.line', { line: lines[k], problem: t('csv.tooManyRows', { max: LIMITS.maxExamples }) }),
        ],
      };
    }
    rows.push(f.map(read));
    rowLines.push(lines[k]);
  }
  if (more > 0) errors.push(t(more === 1 ? 'csv.moreOne' : 'csv.more', { n: more }));
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [t('csv.emptyTable')] };
  return { ok: true, columns, rows, lines: rowLines, header, separator };
}

/**
 * Whether a file is in the points format (`x,label`, `x1,x2,label`, …): a first line of
 * numbers, or exactly that header. Such files are read by `parseCsvPoints`, others as tables.
 */
export function looksLikePoints(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) return true;
  const cells = first.split(/\s*[,;\t]\s*/);
  return cells.every(isNumber) || (cells.length >= 2 && cells.join(',') === names(cells.length));
}
