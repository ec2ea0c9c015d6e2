import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { LIGHT } from '../../../src/draw/theme';
import { ExperimentDocument } from '../../../src/renderer/src/document.svelte';
import Editor from '../../../src/renderer/src/editor/Editor.svelte';

function setup() {
  const doc = new ExperimentDocument();
  const onproblems = vi.fn();
  const notify = vi.fn();
  render(Editor, { doc, theme: LIGHT, onproblems, notify });
  return { doc, onproblems, notify };
}

const csv = (text: string, name: string) => new File([text], name, { type: 'text/csv' });

const BIRDS =
  '\uFEFFisland;"bill; mm";mass;species\n' +
  'Dream;39,1;3750;Adelie\n' +
  'Biscoe;NA;3800;Gentoo\n' +
  'Dream;40,3;;Adelie\n' +
  'Biscoe;46,5;5000;Gentoo\n' +
  'Dream;49,0;3700;Chinstrap\n' +
  'Biscoe;47,1;4900;Gentoo\n';

describe('tables in the editor', { timeout: 60_000 }, () => {
  it('imports a CSV with a header as a table, naming missing cells and text columns by line and column', async () => {
    const { doc, onproblems, notify } = setup();
    await fireEvent.change(screen.getByTestId('csv-input'), { target: { files: [csv(BIRDS, 'birds.csv')] } });
    await vi.waitFor(() => expect(notify).toHaveBeenCalled());
    expect(onproblems).not.toHaveBeenCalled();
    expect(notify.mock.calls[0][0]).toBe(
      'Imported 6 rows and 4 columns from birds.csv. ' +
        'Label: species (Adelie (2), Gentoo (3), Chinstrap (1)); inputs: bill; mm, mass. ' +
        '2 rows left out for a missing cell: line 3, bill; mm; line 4, mass. ' +
        'Column island is not an input: line 2 holds "Dream", not a number. ' +
        'The start was set to xavier: the by-hand weights were for 1 inputs, the table has 2.',
    );
    expect(doc.experiment.data).toMatchObject({
      kind: 'table',
      columns: ['island', 'bill; mm', 'mass', 'species'],
      features: ['bill; mm', 'mass'],
      label: 'species',
      classes: [['Chinstrap', 'Gentoo'], ['Adelie']],
    });
    expect(screen.getByTestId('table-rows').textContent).toMatch(
      /4 of 6 rows are used\.\s*2 left out for a missing value \(rows 2, 3; in bill; mm, mass\)\./,
    );
    // Standardisation: recorded in the experiment, the means and deviations shown.
    await fireEvent.click(screen.getByTestId('table-standardize'));
    expect(doc.experiment.data).toMatchObject({ standardize: true });
    expect(screen.getByTestId('table-stats').textContent).toMatch(/mass/);
    // Chinstrap left out: one row fewer, said.
    await fireEvent.change(screen.getByRole('combobox', { name: 'Class of Chinstrap' }), {
      target: { value: '-1' },
    });
    flushSync();
    expect(doc.experiment.data).toMatchObject({ classes: [['Gentoo'], ['Adelie']] });
    expect(screen.getByTestId('table-rows').textContent).toMatch(/1 left out: their label is in no class/);
  });

  it('offers the built-in tasks, with their source and licence', async () => {
    const { doc } = setup();
    await fireEvent.change(screen.getByTestId('data-kind'), { target: { value: 'penguins-adelie' } });
    flushSync();
    expect(doc.experiment.data).toMatchObject({ kind: 'table', dataset: 'penguins', label: 'Species' });
    expect(doc.experiment.init).toEqual({ kind: 'xavier' });
    expect(screen.getByTestId('table-source').textContent).toMatch(/CC0/);
    expect(screen.getByTestId('table-rows').textContent).toMatch(
      /342 of 344 rows are used\.\s*2 left out for a missing value \(rows 4, 340; in Beak Length \(mm\)\)/,
    );
    await fireEvent.change(screen.getByTestId('data-kind'), { target: { value: 'iris-versicolor' } });
    flushSync();
    expect(screen.getByTestId('table-source').textContent).toMatch(/MIT/);
    expect(screen.getByTestId('table-rows').textContent).toMatch(/50 left out: their label is in no class/);
    // A third class for a sigmoid model is refused with the validator's reason, nothing changed.
    const before = doc.experiment;
    await fireEvent.change(screen.getByRole('combobox', { name: 'Class of setosa' }), {
      target: { value: '2' },
    });
    flushSync();
    expect(doc.experiment).toBe(before);
    expect(screen.getByTestId('table-section').querySelector('[role=alert]')?.textContent).toMatch(
      /model\.classes/,
    );
  });
});
