/**
 * One export at a time, run in a worker so that the studio stays usable: it
 * asks where the export goes first (a native dialog, or the browser's
 * picker), then trains and draws in the worker with progress (frames done,
 * time left), and writes only when every frame is done. Cancel terminates
 * the worker and releases the destination: nothing is written.
 */
import type { Experiment } from '../../../core/experiment';
import { type ExportFormat, type ExportSettings, frameCount } from '../../../export/settings';
import { t } from '../i18n.svelte';
import type { MessageKey } from '../../../i18n';
import type { ExportFilter, ExportTarget, SavedFile } from '../../../shared/api';
import type { Platform } from '../platform/types';
import type { ExportMessage, ExportRequest } from './protocol';
import { createExportWorker } from './worker';

const FILTER_NAMES: Record<string, MessageKey> = {
  png: 'filter.png',
  gif: 'filter.gif',
  webm: 'filter.webm',
  mp4: 'filter.mp4',
  zip: 'filter.zip',
  svg: 'filter.svg',
  pdf: 'filter.pdf',
};

/** The save dialog's file type for an extension, in the page's language. */
export function exportFilters(ext: string): ExportFilter[] {
  return [{ name: t(FILTER_NAMES[ext]), extensions: [ext] }];
}

export type ExportOutcome =
  | { kind: 'done'; saved: SavedFile; frames: number; width: number; height: number; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export class Exporter {
  running = $state(false);
  stage = $state<'choosing' | 'training' | 'frames' | 'writing'>('choosing');
  done = $state(0);
  total = $state(0);
  /** Seconds left (null until it can be told). */
  left = $state<number | null>(null);
  /** What is being made. */
  format = $state<ExportFormat>('png');
  private worker: Worker | null = null;
  private target: ExportTarget | null = null;
  private finish: ((o: ExportOutcome) => void) | null = null;
  private started = 0;
  private first: { at: number; done: number } | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly makeWorker: () => Worker = createExportWorker,
  ) {}

  /**
   * Asks for the destination, renders, writes. `zip`: a PNG sequence as one zip
   * file (else into a new folder). Resolves null when the destination dialog was cancelled.
   */
  async start(
    experiment: Experiment,
    settings: ExportSettings,
    name: string,
    zip: boolean,
  ): Promise<ExportOutcome | null> {
    if (this.running) return { kind: 'failed', message: t('app.exportRunning') };
    const folder = settings.format === 'pngseq' && !zip;
    const ext = settings.format === 'pngseq' ? 'zip' : settings.format;
    this.running = true;
    this.stage = 'choosing';
    this.done = 0;
    this.total = frameCount(settings);
    this.left = null;
    this.format = settings.format;
    let target: ExportTarget | null;
    try {
      target = await this.platform.chooseExport(
        folder ? 'folder' : 'file',
        folder ? name : `${name}${name.toLowerCase().endsWith(`.${ext}`) ? '' : `.${ext}`}`,
        exportFilters(ext),
      );
    } catch (e) {
      this.running = false;
      return { kind: 'failed', message: (e as Error).message };
    }
    if (target === null) {
      this.running = false;
      return null;
    }
    this.target = target;
    this.stage = 'training';
    this.started = performance.now();
    this.first = null;
    const outcome = await new Promise<ExportOutcome>((resolve) => {
      this.finish = resolve;
      const worker = this.makeWorker();
      this.worker = worker;
      worker.onmessage = (e: MessageEvent<ExportMessage>) => void this.message(e.data, folder);
      worker.onerror = (e) => this.end({ kind: 'failed', message: e.message || t('export.workerStopped') });
      const request: ExportRequest = { type: 'start', experiment, settings, folder };
      worker.postMessage(request);
    });
    return outcome;
  }

  private async message(m: ExportMessage, folder: boolean): Promise<void> {
    if (!this.worker) return;
    if (m.type === 'progress') {
      this.stage = m.stage;
      if (m.stage === 'frames') {
        const now = performance.now();
        // The rate from the first frame reported on (training and set-up are behind by then).
        if (this.first === null) this.first = { at: now, done: m.done };
        this.done = m.done;
        this.total = m.total;
        const n = m.done - this.first.done;
        this.left = n > 0 ? ((now - this.first.at) / 1000 / n) * (m.total - m.done) : null;
      }
      return;
    }
    if (m.type === 'error') {
      this.end({ kind: 'failed', message: m.message });
      return;
    }
    if (m.type !== 'done') return;
    this.worker.terminate();
    this.worker = null;
    this.stage = 'writing';
    const target = this.target!;
    try {
      const saved = folder
        ? await this.platform.writeFrames(target, m.frames!)
        : await this.platform.writeExport(target, m.data!);
      this.target = null;
      this.end({
        kind: 'done',
        saved,
        frames: m.count,
        width: m.width,
        height: m.height,
        seconds: (performance.now() - this.started) / 1000,
      });
    } catch (e) {
      this.end({ kind: 'failed', message: (e as Error).message });
    }
  }

  private end(outcome: ExportOutcome): void {
    this.worker?.terminate();
    this.worker = null;
    if (this.target) void this.platform.discardExport(this.target).catch(() => undefined);
    this.target = null;
    this.running = false;
    const f = this.finish;
    this.finish = null;
    f?.(outcome);
  }

  private estimator: Worker | null = null;
  // Not reactive: callbacks waiting for the worker.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly estimates = new Map<number, (bytes: number | null) => void>();
  private nextEstimate = 0;

  /**
   * The file's size for these settings, from a sample frame drawn and encoded in a worker of its
   * own (kept while the dialog asks; `stopEstimates` ends it). Rejects when it cannot be told.
   */
  estimate(experiment: Experiment, settings: ExportSettings): Promise<number> {
    if (!this.estimator) {
      const w = this.makeWorker();
      w.onmessage = (e: MessageEvent<ExportMessage>) => {
        if (e.data.type !== 'estimate') return;
        this.estimates.get(e.data.id)?.(e.data.bytes);
        this.estimates.delete(e.data.id);
      };
      this.estimator = w;
    }
    const id = ++this.nextEstimate;
    return new Promise((resolve, reject) => {
      this.estimates.set(id, (b) => (b === null ? reject(new Error('no estimate')) : resolve(b)));
      const request: ExportRequest = { type: 'estimate', id, experiment, settings };
      this.estimator!.postMessage(request);
    });
  }

  stopEstimates(): void {
    this.estimator?.terminate();
    this.estimator = null;
    for (const f of this.estimates.values()) f(null);
    this.estimates.clear();
  }

  /** Stops the export now: the worker is terminated and nothing is written. */
  cancel(): void {
    if (this.running && this.stage !== 'writing') this.end({ kind: 'cancelled' });
  }
}
