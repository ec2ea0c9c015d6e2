import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../../src/core/presets';
import { createSimulation } from '../../../src/core/simulation';
import { defaultSurfacePair } from '../../../src/draw/present';
import { viewChoices } from '../../../src/renderer/src/studio/viewChoices.svelte';
import { defaultSettings } from '../../../src/export/settings';
import ExportDialog from '../../../src/renderer/src/export/ExportDialog.svelte';
import { Exporter } from '../../../src/renderer/src/export/exporter.svelte';
import type { ExportMessage } from '../../../src/renderer/src/export/protocol';
import type { Platform } from '../../../src/renderer/src/platform/types';

/** A worker the test drives: it records requests and answers what the test posts. */
class FakeWorker {
  onmessage: ((e: MessageEvent<ExportMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: unknown[] = [];
  terminated = false;
  postMessage(m: unknown): void {
    this.requests.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(m: ExportMessage): void {
    this.onmessage?.({ data: m } as MessageEvent<ExportMessage>);
  }
}

function fakePlatform() {
  const calls: string[] = [];
  const target = { id: 't1', kind: 'file' as const, name: 'a.gif', path: '/x/a.gif' };
  const platform = {
    exportFolders: true,
    chooseExport: vi.fn(async (kind: string, name: string) => {
      calls.push(`choose ${kind} ${name}`);
      return target;
    }),
    writeExport: vi.fn(async (_t: unknown, data: Uint8Array) => {
      calls.push(`write ${data.length}`);
      return { name: 'a.gif', path: '/x/a.gif' };
    }),
    writeFrames: vi.fn(async () => ({ name: 'f', path: '/x/f' })),
    discardExport: vi.fn(async () => {
      calls.push('discard');
    }),
  } as unknown as Platform;
  return { platform, calls };
}

const settings = { ...defaultSettings(300), format: 'gif' as const, to: 9 };

describe('the exporter', () => {
  it('asks where first, renders in the worker with progress, and writes only when complete', async () => {
    const { platform, calls } = fakePlatform();
    const worker = new FakeWorker();
    const exporter = new Exporter(platform, () => worker as unknown as Worker);
    const outcome = exporter.start(DEFAULT_EXPERIMENT, settings, 'story', false);
    await vi.waitFor(() => expect(worker.requests).toHaveLength(1));
    expect(calls).toEqual(['choose file story.gif']);
    expect(exporter.running).toBe(true);
    worker.answer({ type: 'progress', stage: 'frames', done: 1, total: 10 });
    worker.answer({ type: 'progress', stage: 'frames', done: 4, total: 10 });
    expect([exporter.stage, exporter.done, exporter.total]).toEqual(['frames', 4, 10]);
    expect(exporter.left).not.toBeNull();
    expect(calls).toEqual(['choose file story.gif']); // nothing written yet
    worker.answer({ type: 'done', data: new Uint8Array(7), frames: null, count: 10, width: 8, height: 6 });
    expect(await outcome).toMatchObject({ kind: 'done', frames: 10, saved: { path: '/x/a.gif' } });
    expect(calls).toEqual(['choose file story.gif', 'write 7']);
    expect(worker.terminated).toBe(true);
    expect(exporter.running).toBe(false);
  });

  it('Cancel terminates the worker and releases the destination: nothing is written', async () => {
    const { platform, calls } = fakePlatform();
    const worker = new FakeWorker();
    const exporter = new Exporter(platform, () => worker as unknown as Worker);
    const outcome = exporter.start(DEFAULT_EXPERIMENT, settings, 'story', false);
    await vi.waitFor(() => expect(worker.requests).toHaveLength(1));
    worker.answer({ type: 'progress', stage: 'frames', done: 2, total: 10 });
    exporter.cancel();
    expect(await outcome).toEqual({ kind: 'cancelled' });
    expect(worker.terminated).toBe(true);
    expect(calls).toEqual(['choose file story.gif', 'discard']);
    // A late message from the terminated worker changes nothing.
    worker.answer({ type: 'done', data: new Uint8Array(7), frames: null, count: 10, width: 8, height: 6 });
    expect(calls).toEqual(['choose file story.gif', 'discard']);
  });

  it('a failure in the worker is reported and nothing is written', async () => {
    const { platform, calls } = fakePlatform();
    const worker = new FakeWorker();
    const exporter = new Exporter(platform, () => worker as unknown as Worker);
    const outcome = exporter.start(DEFAULT_EXPERIMENT, settings, 'story', false);
    await vi.waitFor(() => expect(worker.requests).toHaveLength(1));
    worker.answer({ type: 'error', message: 'This engine has no VP9 or VP8 encoder' });
    expect(await outcome).toEqual({ kind: 'failed', message: 'This engine has no VP9 or VP8 encoder' });
    expect(calls).toEqual(['choose file story.gif', 'discard']);
  });

  it('does nothing when the destination dialog is cancelled; a folder for a PNG sequence', async () => {
    const { platform } = fakePlatform();
    (platform.chooseExport as ReturnType<typeof vi.fn>).mockResolvedValueOnce(null);
    const make = vi.fn();
    const exporter = new Exporter(platform, make);
    expect(await exporter.start(DEFAULT_EXPERIMENT, settings, 'story', false)).toBeNull();
    expect(make).not.toHaveBeenCalled();
    expect(exporter.running).toBe(false);
    (platform.chooseExport as ReturnType<typeof vi.fn>).mockResolvedValueOnce(null);
    await exporter.start(DEFAULT_EXPERIMENT, { ...settings, format: 'pngseq' }, 'story-0-9', false);
    expect(platform.chooseExport).toHaveBeenLastCalledWith('folder', 'story-0-9', expect.anything());
  });
});

describe('the export dialog', () => {
  const context = {
    step: 42,
    phase: 3 as const,
    subSteps: false,
    steps: 300,
    theme: 'light' as const,
    locale: 'en' as const,
    panels: ['data' as const, 'chain' as const, 'curves' as const],
    nets: createSimulation(DEFAULT_EXPERIMENT).runs.map((r) => r.net),
    worst: 3,
    variants: 4,
    dims: 1,
    name: 'story.sigmoidlab.json',
  };

  it('starts from the studio’s frame and panels, names problems, and exports only when there is none', async () => {
    const onexport = vi.fn();
    // The view's choices are the studio's store: the dialog reads them, resolved for the runs.
    viewChoices.surfaceMode = '3d';
    viewChoices.naive = true;
    viewChoices.selected = 7;
    render(ExportDialog, { props: { kind: 'image', context, folders: false, onexport, oncancel: vi.fn() } });
    expect((screen.getByTestId('export-step') as HTMLInputElement).value).toBe('42');
    // The default size is a preset that fits the panels: here a 16:9 slide.
    expect((screen.getByTestId('export-preset') as HTMLSelectElement).value).toBe('slide169');
    expect(screen.getByTestId('export-summary').textContent).toMatch(
      /story-data-chain-curves-step-42\.png · 1920 × 1080 px/,
    );
    await fireEvent.change(screen.getByTestId('export-preset'), { target: { value: 'custom' } });
    // A custom size starts from the size shown.
    expect((screen.getByTestId('export-width') as HTMLInputElement).value).toBe('1920');
    await fireEvent.input(screen.getByTestId('export-width'), { target: { value: '99999' } });
    expect(screen.getByTestId('export-problems').textContent).toMatch(
      /width: expected a whole number 240\.\.4096/,
    );
    const button = screen.getByRole('button', { name: 'Export…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('export-width'), { target: { value: '800' } });
    await fireEvent.input(screen.getByTestId('export-height'), { target: { value: '' } });
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(onexport).toHaveBeenCalledWith(
      expect.objectContaining({
        format: 'png',
        width: 800,
        height: null,
        step: 42,
        panels: ['data', 'chain', 'curves'],
        view: expect.objectContaining({
          example: 7,
          selected: 7,
          surfaceMode: '3d',
          naive: true,
          pairs: context.nets.map((n) => defaultSurfacePair(n)),
        }),
      }),
      'story-data-chain-curves-step-42.png',
      false,
    );
    viewChoices.surfaceMode = '2d';
    viewChoices.naive = false;
    viewChoices.selected = -1;
  });

  it('offers the presets for slides and papers, vector formats, a title, a label and growing curves', async () => {
    const onexport = vi.fn();
    render(ExportDialog, { props: { kind: 'image', context, folders: false, onexport, oncancel: vi.fn() } });
    const presets = [...(screen.getByTestId('export-preset') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(presets).toEqual(['slide169', 'slide43', 'column', 'page', 'square', 'custom']);
    const formats = [...(screen.getByTestId('export-image-format') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(formats).toEqual(['png', 'svg', 'pdf']);
    await fireEvent.change(screen.getByTestId('export-image-format'), { target: { value: 'svg' } });
    await fireEvent.change(screen.getByTestId('export-preset'), { target: { value: 'column' } });
    expect(screen.getByTestId('export-summary').textContent).toMatch(/step-42\.svg · 1050 × \d+ px/);
    await fireEvent.input(screen.getByTestId('export-title'), { target: { value: 'Why the sigmoid' } });
    await fireEvent.click(screen.getByTestId('export-label'));
    // An image's curves show the whole run unless asked to grow.
    expect((screen.getByTestId('export-grow') as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(screen.getByTestId('export-grow'));
    await fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    expect(onexport).toHaveBeenCalledWith(
      expect.objectContaining({
        format: 'svg',
        width: 350,
        height: null,
        scale: 3,
        dpi: 300,
        title: 'Why the sigmoid',
        label: true,
        grow: true,
      }),
      'story-data-chain-curves-step-42.svg',
      false,
    );
  });

  it('estimates the file’s size from a sample frame and points out a large file', async () => {
    const estimate = vi.fn(async () => 30.4 * 1024 * 1024);
    render(ExportDialog, {
      props: { kind: 'animation', context, folders: false, onexport: vi.fn(), oncancel: vi.fn(), estimate },
    });
    expect(screen.getByTestId('export-estimate').textContent).toBe('estimating the size…');
    await vi.waitFor(() => expect(screen.getByTestId('export-estimate').textContent).toBe('about 30 MB'));
    expect(screen.getByTestId('export-big').textContent).toMatch(/About 30 MB: a large file/);
    expect(estimate).toHaveBeenLastCalledWith(expect.objectContaining({ format: 'gif', grow: true }));
    // Animations grow their curves by default; a PDF of pages has no frame rate.
    expect((screen.getByTestId('export-grow') as HTMLInputElement).checked).toBe(true);
    await fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'pdfpages' } });
    expect(screen.queryByTestId('export-fps')).toBeNull();
    estimate.mockImplementation(async () => 2 * 1024 * 1024);
    await vi.waitFor(() => expect(screen.getByTestId('export-estimate').textContent).toBe('about 2 MB'));
    expect(screen.queryByTestId('export-big')).toBeNull();
    expect(estimate).toHaveBeenLastCalledWith(expect.objectContaining({ format: 'pdf', pages: true }));
  });

  it('switches to an animation; a folder only where the platform has folders', async () => {
    render(ExportDialog, {
      props: { kind: 'animation', context, folders: false, onexport: vi.fn(), oncancel: vi.fn() },
    });
    const formats = [...(screen.getByTestId('export-format') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(formats).toEqual(['gif', 'webm', 'mp4', 'pngzip', 'pdfpages']);
    await fireEvent.change(screen.getByTestId('export-background'), { target: { value: 'transparent' } });
    expect(screen.getByTestId('export-problems').textContent).toMatch(
      /GIF is exported on a solid background/,
    );
    await fireEvent.click(screen.getByTestId('export-kind-image'));
    expect(screen.queryByTestId('export-problems')).toBeNull();
  });
});
