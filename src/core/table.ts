/**
 * Tables of measurements (`data.kind: "table"`): which rows become examples, their
 * inputs (the feature columns, optionally standardised) and labels (the label
 * column's values grouped into classes). Everything left out is counted and named,
 * so a view can say what happened to every row.
 */
import type { Translate } from '../i18n';
import { IRIS } from './data/iris';
import { PENGUINS } from './data/penguins';
import { type BuiltinTableName, BUILTIN_TABLES, type Cell, LIMITS, type TableData } from './experiment';

export interface Table {
  columns: string[];
  rows: Cell[][];
}

export const BUILTIN: Record<BuiltinTableName, Table> = { iris: IRIS, penguins: PENGUINS };

/** Cells read as "missing" besides null (what spreadsheets and R write for an empty value). */
const MISSING_WORDS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '.', '-']);

export function isMissing(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && MISSING_WORDS.has(cell.trim().toLowerCase()));
}

/** A label cell as the classes name it: numbers as JavaScript writes them, text trimmed. */
export function labelText(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : (cell ?? '').trim();
}

/** The table a spec reads: the built-in one it names, or its own columns and rows. */
export function tableOf(spec: TableData): Table {
  if (spec.dataset !== undefined) return BUILTIN[spec.dataset];
  return { columns: spec.columns ?? [], rows: spec.rows ?? [] };
}

export interface LabelCount {
  value: string;
  /** Rows with this label (missing features or not). */
  count: number;
  /** Its class, or −1 when no class lists it (its rows are left out). */
  cls: number;
}

export interface TableResolution {
  /** Feature names, in input order. */
  names: string[];
  /** Inputs of the rows used, row-major (standardised when asked). */
  x: Float64Array;
  y: Int32Array;
  n: number;
  /** Each used row's index in the table. */
  used: number[];
  /** Rows left out because a feature or the label is missing: [row, first missing column]. */
  missing: [number, string][];
  /** Rows left out because their label is in no class. */
  unlisted: number;
  /** The label values found, in order of first appearance, with their counts and classes. */
  labels: LabelCount[];
  /** Per feature over the rows used, before standardisation (population standard deviation). */
  mean: number[];
  std: number[];
}

/** Rows, inputs and labels of a table spec the validator accepted (or `tableProblems` found none in). */
export function resolveTable(spec: TableData): TableResolution {
  const table = tableOf(spec);
  const col = (name: string): number => table.columns.indexOf(name);
  const fj = spec.features.map(col);
  const lj = col(spec.label);
  const classOf = new Map<string, number>();
  spec.classes.forEach((values, c) => values.forEach((v) => classOf.set(v, c)));
  const labels = new Map<string, LabelCount>();
  const used: number[] = [];
  const missing: [number, string][] = [];
  const ys: number[] = [];
  let unlisted = 0;
  table.rows.forEach((row, r) => {
    const cell = row[lj];
    if (isMissing(cell)) {
      missing.push([r, spec.label]);
      return;
    }
    const value = labelText(cell);
    const cls = classOf.get(value) ?? -1;
    const seen = labels.get(value);
    if (seen) seen.count++;
    else labels.set(value, { value, count: 1, cls });
    const gap = fj.findIndex((j) => isMissing(row[j]));
    if (gap >= 0) missing.push([r, spec.features[gap]]);
    else if (cls < 0) unlisted++;
    else {
      used.push(r);
      ys.push(cls);
    }
  });
  const d = fj.length;
  const n = used.length;
  const x = new Float64Array(n * d);
  used.forEach((r, i) => fj.forEach((j, k) => (x[i * d + k] = table.rows[r][j] as number)));
  const mean: number[] = [];
  const std: number[] = [];
  for (let k = 0; k < d; k++) {
    // Two passes: the mean, then the squared deviations from it (no cancellation).
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i * d + k];
    const m = n > 0 ? s / n : 0;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i * d + k] - m) ** 2;
    mean.push(m);
    std.push(n > 0 ? Math.sqrt(v / n) : 0);
  }
  if (spec.standardize) {
    for (let k = 0; k < d; k++) {
      // A constant column stays constant (at 0) rather than dividing by 0.
      const s = std[k] > 0 ? std[k] : 1;
      for (let i = 0; i < n; i++) x[i * d + k] = (x[i * d + k] - mean[k]) / s;
    }
  }
  return {
    names: [...spec.features],
    x,
    y: Int32Array.from(ys),
    n,
    used,
    missing,
    unlisted,
    labels: [...labels.values()],
    mean,
    std,
  };
}

type Obj = Record<string, unknown>;

/** The fields of table data. */
export const TABLE_FIELDS = [
  'kind',
  'dataset',
  'columns',
  'rows',
  'features',
  'label',
  'classes',
  'standardize',
];

/**
 * What the validator makes of `data` with kind "table" (its fields already checked against
 * TABLE_FIELDS): problems as [path, message], or the spec.
 */
export function tableProblems(
  d: Obj,
  classes: number | undefined,
  t: Translate,
  /** The validator's quoting of a value (any JavaScript value, at most 40 characters). */
  short: (v: unknown) => string,
): { problems: [string, string][]; spec?: TableData } {
  const problems: [string, string][] = [];
  const add = (path: string, msg: string): void => void problems.push([path, msg]);
  const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
  /** An array without holes (a sparse array's holes would be skipped by every check). */
  const dense = (v: unknown): v is unknown[] => Array.isArray(v) && Object.keys(v).length === v.length;
  let table: Table | undefined;
  /** The column names, known even when some rows are wrong. */
  let cols: string[] | undefined;
  if (d.dataset !== undefined) {
    if (typeof d.dataset !== 'string' || !(BUILTIN_TABLES as readonly string[]).includes(d.dataset)) {
      add('data.dataset', t('v.oneOf', { options: BUILTIN_TABLES.join(', '), got: short(d.dataset) }));
    } else if (d.columns !== undefined || d.rows !== undefined) {
      add('data.dataset', t('table.datasetAndRows'));
    } else {
      table = BUILTIN[d.dataset as BuiltinTableName];
      cols = table.columns;
    }
  } else {
    const { columns, rows } = d;
    let ok = true;
    if (
      !dense(columns) ||
      columns.length < 2 ||
      columns.length > LIMITS.maxTableColumns ||
      !columns.every(isStr)
    ) {
      add('data.columns', t('table.columns', { max: LIMITS.maxTableColumns, got: short(columns) }));
      ok = false;
    } else {
      const dup = columns.find((c, i) => columns.indexOf(c) !== i);
      if (dup !== undefined) {
        add('data.columns', t('table.duplicate', { name: dup }));
        ok = false;
      } else cols = columns as string[];
    }
    if (!dense(rows) || rows.length === 0 || rows.length > LIMITS.maxExamples) {
      add('data.rows', t('table.rows', { max: LIMITS.maxExamples, got: short(rows) }));
      ok = false;
    } else if (ok) {
      const w = (columns as string[]).length;
      const bad: [number, string][] = [];
      rows.forEach((row: unknown, i) => {
        if (!dense(row) || row.length !== w) {
          bad.push([i, t('table.row', { n: w, got: short(row) })]);
        } else if (
          !row.every(
            (v) => v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
          )
        ) {
          bad.push([i, t('table.cells', { got: short(row) })]);
        }
      });
      for (const [i, p] of bad.slice(0, 10)) add(`data.rows[${i}]`, p);
      if (bad.length > 10) add('data.rows', t('v.moreLike', { n: bad.length - 10 }));
      if (bad.length > 0) ok = false;
    }
    if (ok) table = { columns: columns as string[], rows: rows as Cell[][] };
  }
  const { features, label, standardize } = d;
  const known = (name: string): boolean => cols === undefined || cols.includes(name);
  const names = cols ? ` (${cols.map((c) => JSON.stringify(c)).join(', ')})` : '';
  let featuresOk = false;
  if (
    !dense(features) ||
    features.length < 1 ||
    features.length > LIMITS.maxInputDims ||
    !features.every(isStr)
  ) {
    add('data.features', t('table.features', { max: LIMITS.maxInputDims, got: short(features) }));
  } else {
    const unknown = features.filter((f) => !known(f));
    const dup = features.find((f, i) => features.indexOf(f) !== i);
    if (unknown.length > 0) add('data.features', t('table.noColumn', { name: unknown.join(', '), names }));
    else if (dup !== undefined) add('data.features', t('table.duplicate', { name: dup }));
    else featuresOk = true;
  }
  let labelOk = false;
  if (!isStr(label)) add('data.label', t('table.label', { got: short(label) }));
  else if (!known(label)) add('data.label', t('table.noColumn', { name: label, names }));
  else if (featuresOk && (features as string[]).includes(label))
    add('data.label', t('table.labelFeature', { name: label }));
  else labelOk = true;
  if (standardize !== undefined && typeof standardize !== 'boolean')
    add('data.standardize', t('table.standardize', { got: short(standardize) }));
  let classesOk = false;
  const cl = d.classes;
  if (
    !dense(cl) ||
    cl.length < 2 ||
    cl.length > LIMITS.maxClasses ||
    !cl.every((c) => dense(c) && c.length > 0 && c.every((v) => typeof v === 'string'))
  ) {
    add('data.classes', t('table.classes', { max: LIMITS.maxClasses, got: short(cl) }));
  } else {
    const all = (cl as string[][]).flat();
    const dup = all.find((v, i) => all.indexOf(v) !== i);
    if (dup !== undefined) add('data.classes', t('table.twice', { value: dup }));
    else classesOk = true;
    if (classes !== undefined && cl.length !== classes)
      add('data.classes', t('table.classCount', { k: cl.length, classes }));
  }
  if (!table || !featuresOk || !labelOk || !classesOk) return { problems };
  // Feature cells must be numbers or missing; each offender named by row and column.
  const bad: [number, string, Cell][] = [];
  const fj = (features as string[]).map((f) => table.columns.indexOf(f));
  table.rows.forEach((row, r) => {
    fj.forEach((j) => {
      const v = row[j];
      if (typeof v !== 'number' && !isMissing(v)) bad.push([r, table.columns[j], v]);
    });
  });
  for (const [r, name, v] of bad.slice(0, 10))
    add(`data.rows[${r}]`, t('table.notNumber', { name, value: short(v) }));
  if (bad.length > 10) add('data.rows', t('v.moreLike', { n: bad.length - 10 }));
  if (bad.length > 0) return { problems };
  const spec: TableData = {
    kind: 'table',
    ...(d.dataset !== undefined
      ? { dataset: d.dataset as BuiltinTableName }
      : { columns: [...table.columns], rows: table.rows.map((r) => [...r]) }),
    features: [...(features as string[])],
    label: label as string,
    classes: (cl as string[][]).map((c) => [...c]),
  };
  if (standardize !== undefined) spec.standardize = standardize as boolean;
  const res = resolveTable(spec);
  if (res.n === 0)
    add('data.rows', t('table.noRows', { missing: res.missing.length, unlisted: res.unlisted }));
  return problems.length > 0 ? { problems } : { problems, spec };
}

/** Whether every cell of column j is a number or missing (and at least one is a number). */
export function numericColumn(table: Table, j: number): boolean {
  let any = false;
  for (const row of table.rows) {
    const v = row[j];
    if (typeof v === 'number') any = true;
    else if (!isMissing(v)) return false;
  }
  return any;
}

/** The first cell of column j that is neither a number nor missing: [row, cell], or null. */
export function firstText(table: Table, j: number): [number, string] | null {
  for (let r = 0; r < table.rows.length; r++) {
    const v = table.rows[r][j];
    if (typeof v === 'string' && !isMissing(v)) return [r, v];
  }
  return null;
}

/** The distinct values of column j (missing left out), in order of first appearance. */
export function columnValues(table: Table, j: number): string[] {
  const seen = new Set<string>();
  for (const row of table.rows) if (!isMissing(row[j])) seen.add(labelText(row[j]));
  return [...seen];
}

/** Values in natural order: numbers by value, then text alphabetically. */
function naturalOrder(values: string[]): string[] {
  const num = (s: string): number => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : NaN);
  return [...values].sort((a, b) => {
    const x = num(a);
    const y = num(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
    if (!Number.isNaN(x)) return -1;
    if (!Number.isNaN(y)) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Classes for a label column: two values, one class each in natural order (0/1 stay
 * 0/1); more, the first in natural order against the rest (class 1: it; class 0: the rest).
 */
export function defaultClasses(values: string[]): string[][] {
  const v = naturalOrder(values);
  if (v.length <= 2) return v.map((s) => [s]);
  return [v.slice(1), [v[0]]];
}

/** A table's default set-up: the last column the label, every numeric column an input (at most 64). */
export function defaultTableSpec(table: Table): Omit<TableData, 'kind' | 'dataset' | 'columns' | 'rows'> {
  const lj = table.columns.length - 1;
  const label = table.columns[lj];
  return {
    features: table.columns
      .filter((_, j) => j !== lj && numericColumn(table, j))
      .slice(0, LIMITS.maxInputDims),
    label,
    classes: defaultClasses(columnValues(table, lj)),
  };
}

const IRIS_FEATURES = IRIS.columns.slice(0, 4);
const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

/** The built-in tables' binary tasks, as the editor offers them. */
export const BUILTIN_TASKS = {
  /** Linearly separable: NLL's weights grow without bound. */
  'iris-setosa': {
    kind: 'table',
    dataset: 'iris',
    features: IRIS_FEATURES,
    label: 'species',
    classes: [['versicolor', 'virginica'], ['setosa']],
    standardize: true,
  },
  /** Not separable: the 50 setosa rows are left out. */
  'iris-versicolor': {
    kind: 'table',
    dataset: 'iris',
    features: IRIS_FEATURES,
    label: 'species',
    classes: [['versicolor'], ['virginica']],
    standardize: true,
  },
  /** Adélie against the other two species; the two rows without measurements are left out. */
  'penguins-adelie': {
    kind: 'table',
    dataset: 'penguins',
    features: PENGUIN_FEATURES,
    label: 'Species',
    classes: [['Chinstrap', 'Gentoo'], ['Adelie']],
    standardize: true,
  },
} as const satisfies Record<string, TableData>;
export type BuiltinTask = keyof typeof BUILTIN_TASKS;

/** A fresh, mutable copy of a built-in task's data. */
export function builtinTask(task: BuiltinTask): TableData {
  const s = BUILTIN_TASKS[task];
  return { ...s, features: [...s.features], classes: s.classes.map((c) => [...c]) };
}

/** The built-in task a spec is, or null. */
export function whichTask(spec: TableData): BuiltinTask | null {
  const key = JSON.stringify({ ...spec, standardize: spec.standardize ?? false });
  for (const k of Object.keys(BUILTIN_TASKS) as BuiltinTask[]) {
    if (JSON.stringify(builtinTask(k)) === key) return k;
  }
  return null;
}
