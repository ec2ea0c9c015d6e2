/**
 * The editor's changes to table data (a built-in dataset or an imported CSV file), as
 * plain functions on an experiment draft; the document validates the result.
 */
import { EN, type Translate } from '../../../i18n';
import { inputDims } from '../../../core/datasets';
import type { Experiment, TableData } from '../../../core/experiment';
import {
  type BuiltinTask,
  builtinTask,
  columnValues,
  defaultClasses,
  firstText,
  numericColumn,
  resolveTable,
  tableOf,
} from '../../../core/table';

/** New data of another input size: a start typed by hand no longer fits and becomes xavier. */
function setData(e: Experiment, data: TableData): void {
  const before = inputDims(e.data);
  e.data = data;
  e.model.classes = data.classes.length;
  if (inputDims(data) !== before && e.init.kind === 'explicit') e.init = { kind: 'xavier' };
}

export function setTableTask(e: Experiment, task: BuiltinTask): void {
  setData(e, builtinTask(task));
}

/** An imported table with its set-up; says what became of the start if it was reset. */
export function setTable(e: Experiment, data: TableData, t: Translate = EN): string | null {
  const before = inputDims(e.data);
  const wasExplicit = e.init.kind === 'explicit';
  setData(e, data);
  const after = inputDims(data);
  return wasExplicit && before !== after ? t('tableEd.startReset', { before, after }) : null;
}

function table(e: Experiment): TableData {
  if (e.data.kind !== 'table') throw new Error('not table data');
  return e.data;
}

/** Another label column: it stops being an input; its values get the default classes. */
export function setLabel(e: Experiment, name: string): void {
  const d = { ...table(e) };
  const tb = tableOf(d);
  d.label = name;
  d.features = d.features.filter((f) => f !== name);
  d.classes = defaultClasses(columnValues(tb, tb.columns.indexOf(name)));
  setData(e, d);
}

/** A column in or out of the inputs (kept in the table's order). */
export function setFeature(e: Experiment, name: string, on: boolean): void {
  const d = { ...table(e) };
  const tb = tableOf(d);
  const chosen = new Set(d.features);
  if (on) chosen.add(name);
  else chosen.delete(name);
  d.features = tb.columns.filter((c) => chosen.has(c));
  setData(e, d);
}

/**
 * A label value into class `cls` (−1: left out). Classes left empty are removed and the
 * later ones renumbered; the model gets as many classes as the data.
 */
export function setValueClass(e: Experiment, value: string, cls: number): void {
  const d = { ...table(e) };
  const classes = d.classes.map((c) => c.filter((v) => v !== value));
  if (cls >= 0) {
    while (classes.length <= cls) classes.push([]);
    classes[cls].push(value);
  }
  d.classes = classes.filter((c) => c.length > 0);
  setData(e, d);
}

export function setStandardize(e: Experiment, on: boolean): void {
  setData(e, { ...table(e), standardize: on });
}

/** A column as the editor lists it: usable as an input, or text with its first text cell. */
export interface ColumnInfo {
  name: string;
  numeric: boolean;
  /** The first cell that is not a number: [row, text]. */
  text: [number, string] | null;
}

export function columnInfo(d: TableData): ColumnInfo[] {
  const tb = tableOf(d);
  return tb.columns.map((name, j) => ({ name, numeric: numericColumn(tb, j), text: firstText(tb, j) }));
}

/**
 * What an import did, in words: rows and columns read, the label and inputs chosen, rows
 * left out for a missing cell (by line and column) and text columns not used (by line).
 */
export function importSummary(
  d: TableData,
  lines: readonly number[],
  name: string,
  t: Translate = EN,
): string {
  const tb = tableOf(d);
  const r = resolveTable(d);
  const parts = [
    t('tableEd.imported', { rows: tb.rows.length, columns: tb.columns.length, name }),
    t('tableEd.importedSetup', {
      label: d.label,
      values: r.labels.map((l) => `${l.value} (${l.count})`).join(', '),
      features: d.features.join(', '),
    }),
  ];
  if (r.missing.length > 0) {
    const shown = r.missing
      .slice(0, 5)
      .map(([row, col]) => t('tableEd.lineColumn', { line: lines[row] ?? row + 1, column: col }));
    const more = r.missing.length > 5 ? ` ${t('tableEd.andMore', { n: r.missing.length - 5 })}` : '';
    parts.push(t('tableEd.leftOutMissing', { n: r.missing.length, where: shown.join('; ') + more }));
  }
  for (const c of columnInfo(d)) {
    if (c.name === d.label || c.numeric || !c.text) continue;
    const [row, text] = c.text;
    parts.push(
      t('tableEd.textColumn', { column: c.name, line: lines[row] ?? row + 1, value: JSON.stringify(text) }),
    );
  }
  return parts.join(' ');
}
