import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { LIGHT } from '../../../src/draw/theme';
import { ExperimentDocument } from '../../../src/renderer/src/document.svelte';
import Editor from '../../../src/renderer/src/editor/Editor.svelte';
import { i18n } from '../../../src/renderer/src/i18n.svelte';

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

  it('refuses an invalid value in place once it is complete, worded for a person, never clamping it', async () => {
    const { doc } = setup();
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    await fireEvent.input(lr, { target: { value: '0' } });
    // Still typing: nothing is said yet.
    expect(screen.queryByTestId('learning-rate-errors')).toBeNull();
    await fireEvent.blur(lr);
    const errors = screen.getByTestId('learning-rate-errors');
    expect(errors.querySelector('.message')!.textContent).toBe(
      'Learning rate must be above 0 and at most 1,000,000',
    );
    expect(errors.querySelector('.path')!.textContent).toBe('optimizer.learningRate');
    // The validator's own message stays as the detail.
    expect(errors.querySelector('.path')!.getAttribute('title')).toMatch(
      /optimizer.learningRate: expected a finite number > 0/,
    );
    expect(lr.getAttribute('aria-invalid')).toBe('true');
    expect(lr.value).toBe('0');
    expect(doc.experiment.optimizer.learningRate).toBe(0.5);
    expect(doc.dirty).toBe(false);
    const steps = screen.getByTestId('steps');
    await fireEvent.input(steps, { target: { value: '' } });
    await fireEvent.keyDown(steps, { key: 'Enter' });
    expect(screen.getByTestId('steps-errors').textContent).toMatch(
      /Steps must be a whole number from 0 to 100,000/,
    );
    const hidden = screen.getByTestId('hidden');
    await fireEvent.input(hidden, { target: { value: '8, x' } });
    await fireEvent.blur(hidden);
    expect(screen.getByTestId('hidden-errors').textContent).toMatch(
      /Each hidden layer needs a whole number of units from 1 to 64.*model.hidden\[1\]/,
    );
    expect(doc.experiment).toEqual(DEFAULT_EXPERIMENT);
  });

  it('shows no error for a value typed character by character on its way to a valid one; one Undo takes it back', async () => {
    const { doc } = setup();
    const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
    for (const text of ['', '0', '0.', '0.0', '0.05']) {
      await fireEvent.input(lr, { target: { value: text } });
      expect(screen.queryByTestId('learning-rate-errors')).toBeNull();
      expect(lr.getAttribute('aria-invalid')).toBe('false');
    }
    expect(doc.experiment.optimizer.learningRate).toBe(0.05);
    const hidden = screen.getByTestId('hidden');
    for (const text of ['4', '4,', '4,4']) {
      await fireEvent.input(hidden, { target: { value: text } });
      expect(screen.queryByTestId('hidden-errors')).toBeNull();
    }
    await fireEvent.blur(hidden);
    expect(screen.queryByTestId('hidden-errors')).toBeNull();
    expect(doc.experiment.model.hidden).toEqual([4, 4]);
    // Undo: the hidden layers as they were before that visit of the field ("4" and "4,4" are one edit)…
    doc.undo();
    expect(doc.experiment.model.hidden).toEqual([]);
    // …then the learning rate.
    doc.undo();
    expect(doc.experiment.optimizer.learningRate).toBe(0.5);
  });

  it('after a pause, says what is wrong with a value no further typing can make valid (and only then)', async () => {
    vi.useFakeTimers();
    try {
      setup();
      const lr = screen.getByTestId('learning-rate') as HTMLInputElement;
      await fireEvent.input(lr, { target: { value: '0.' } });
      vi.advanceTimersByTime(3000);
      flushSync();
      expect(screen.queryByTestId('learning-rate-errors')).toBeNull();
      await fireEvent.input(lr, { target: { value: '0.x' } });
      vi.advanceTimersByTime(1000);
      flushSync();
      expect(screen.queryByTestId('learning-rate-errors')).toBeNull();
      vi.advanceTimersByTime(1000);
      flushSync();
      expect(screen.getByTestId('learning-rate-errors').textContent).toMatch(/Learning rate must be/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('words problems in the page’s language', async () => {
    i18n.locale = 'zh-CN';
    try {
      setup();
      const lr = screen.getByTestId('learning-rate');
      await fireEvent.input(lr, { target: { value: '2000000' } });
      await fireEvent.blur(lr);
      expect(screen.getByTestId('learning-rate-errors').querySelector('.message')!.textContent).toBe(
        '学习率必须大于 0 且不超过 1,000,000',
      );
    } finally {
      i18n.locale = 'en';
    }
  });

  it('the linear unit with log-likelihood switches the loss to squared error, says so, and Undo takes it back', async () => {
    const { doc, notify } = setup();
    const select = screen.getByTestId('variant-output-2') as HTMLSelectElement;
    expect(doc.experiment.variants![2].loss).toBe('nll');
    await fireEvent.change(select, { target: { value: 'linear' } });
    expect(screen.queryByTestId('variant-output-2-errors')).toBeNull();
    expect(doc.experiment.variants![2].model!.output).toBe('linear');
    expect(doc.experiment.variants![2].loss).toBe('mse');
    expect(notify).toHaveBeenCalledWith(
      'The linear unit cannot be trained with log-likelihood: sigmoid + NLL now uses squared error (Edit › Undo takes it back).',
    );
    doc.undo();
    expect(doc.experiment.variants![2]).toEqual(DEFAULT_EXPERIMENT.variants![2]);
  });

  it('lists show labels, files keep identifiers', async () => {
    const { doc } = setup();
    const kind = screen.getByTestId('data-kind') as HTMLSelectElement;
    expect([...kind.options].map((o) => o.textContent)).toContain('two moons');
    expect(
      [...(screen.getByTestId('variant-loss-0') as HTMLSelectElement).options].map((o) => o.text),
    ).toEqual(['log-likelihood', 'squared error', 'formula…']);
    await fireEvent.change(kind, { target: { value: 'moons' } });
    expect(doc.experiment.data.kind).toBe('moons');
    expect(doc.text).toContain('"kind": "moons"');
  });

  it('keeps a unit the loss cannot train from being applied elsewhere', async () => {
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

  it('refuses a CSV over the cap unread, saying its size and the cap', async () => {
    const { doc, onproblems } = setup();
    const huge = csv('x,label\n0,1\n', 'huge.csv');
    Object.defineProperty(huge, 'size', { value: 17 * 2 ** 20 });
    const read = vi.spyOn(huge, 'text');
    await fireEvent.change(screen.getByTestId('csv-input'), { target: { files: [huge] } });
    await vi.waitFor(() => expect(onproblems).toHaveBeenCalled());
    expect(onproblems).toHaveBeenCalledWith('Could not import huge.csv', [
      'the file is 17.0 MiB; a CSV file is at most 16.0 MiB',
    ]);
    expect(read).not.toHaveBeenCalled();
    expect(doc.experiment).toEqual(DEFAULT_EXPERIMENT);
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
