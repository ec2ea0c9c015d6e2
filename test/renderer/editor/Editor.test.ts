import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
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

const csv = (text: string, name = 'points.csv') => new File([text], name, { type: 'text/csv' });

describe('the experiment editor', () => {
  it('applies a valid value at once and re-validates it with the core', async () => {
    const { doc } = setup();
    await fireEvent.input(screen.getByTestId('learning-rate'), { target: { value: '0.05' } });
    expect(doc.experiment.optimizer.learningRate).toBe(0.05);
    expect(doc.dirty).toBe(true);
    expect(screen.queryByTestId('learning-rate-errors')).toBeNull();
    doc.undo();
    flushSync();
    expect(doc.experiment.optimizer.learningRate).toBe(0.5);
    expect((screen.getByTestId('learning-rate') as HTMLInputElement).value).toBe('0.5');
  });

  it('refuses an invalid value in place with the validator’s reason, never clamping it', async () => {
    const { doc } = setup();
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    await fireEvent.input(lr, { target: { value: '0' } });
    expect(screen.getByTestId('learning-rate-errors').textContent).toMatch(
      /optimizer.learningRate: expected a finite number > 0/,
    );
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    expect(lr.value).toBe('0');
    expect(doc.experiment.optimizer.learningRate).toBe(0.5);
    expect(doc.dirty).toBe(false);
    await fireEvent.input(screen.getByTestId('steps'), { target: { value: '' } });
    expect(screen.getByTestId('steps-errors').textContent).toMatch(/steps: expected an integer/);
    await fireEvent.input(screen.getByTestId('hidden'), { target: { value: '8, x' } });
    expect(screen.getByTestId('hidden-errors').textContent).toMatch(/model.hidden\[1\]/);
    expect(doc.experiment).toEqual(DEFAULT_EXPERIMENT);
  });

  it('refuses a unit the loss cannot train, and keeps the one in force', async () => {
    const { doc } = setup();
    const select = screen.getByTestId('variant-output-0') as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: 'sigmoid' } });
    expect(doc.experiment.variants![0].model!.output).toBe('sigmoid');
    await fireEvent.change(screen.getByTestId('variant-loss-2'), { target: { value: 'mse' } });
    expect(doc.experiment.variants![2].loss).toBe('mse');
  });

  it('edits the start by hand: θ and b', async () => {
    const { doc } = setup();
    await fireEvent.input(screen.getByTestId('w-0-0-0'), { target: { value: '-3' } });
    await fireEvent.input(screen.getByTestId('b-0-0'), { target: { value: '0.5' } });
    expect(doc.experiment.init).toEqual({ kind: 'explicit', layers: [{ W: [[-3]], b: [0.5] }] });
  });

  it('imports a CSV, and names the line of every problem of a broken one', async () => {
    const { doc, onproblems, notify } = setup();
    const input = screen.getByTestId('csv-input') as HTMLInputElement;
    await fireEvent.change(input, { target: { files: [csv('x,label\n0.5,1\nabc,0\n1,2,3\n', 'bad.csv')] } });
    await vi.waitFor(() => expect(onproblems).toHaveBeenCalled());
    expect(onproblems).toHaveBeenCalledWith('Could not import bad.csv', [
      'line 3: x "abc" is not a number',
      'line 4: expected 2 values (x,label), got 3',
    ]);
    expect(doc.experiment).toEqual(DEFAULT_EXPERIMENT);
    await fireEvent.change(input, { target: { files: [csv('x1,x2,label\n0,0,0\n1,1,1\n0,1,1\n')] } });
    await vi.waitFor(() => expect(notify).toHaveBeenCalled());
    expect(notify.mock.calls[0][0]).toMatch(
      /^Imported 3 points from points.csv\. The start was set to xavier/,
    );
    expect(doc.experiment.data).toEqual({
      kind: 'points',
      x: [
        [0, 0],
        [1, 1],
        [0, 1],
      ],
      y: [0, 1, 1],
    });
    expect(screen.getByText(/3 points, 2-D/)).toBeTruthy();
  });

  it('adds and removes variants within the limit', async () => {
    const { doc } = setup();
    expect((screen.getByTestId('add-variant') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove sigmoid + MSE' }));
    expect(doc.experiment.variants!.map((v) => v.name)).toEqual([
      'clipped + NLL',
      'sigmoid + NLL',
      'softmax + NLL',
    ]);
    await fireEvent.click(screen.getByTestId('add-variant'));
    expect(doc.experiment.variants).toHaveLength(4);
  });

  it('gives each variant its own hidden activation once there are hidden layers', async () => {
    const { doc } = setup();
    expect(screen.queryByTestId('variant-activation-0')).toBeNull();
    await fireEvent.input(screen.getByTestId('hidden'), { target: { value: '4' } });
    flushSync();
    await fireEvent.change(screen.getByTestId('variant-activation-1'), { target: { value: 'sigmoid' } });
    expect(doc.experiment.variants![1].model).toEqual({ output: 'sigmoid', activation: 'sigmoid' });
    expect(doc.experiment.model.hidden).toEqual([4]);
  });
});
