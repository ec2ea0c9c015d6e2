import { tick } from 'svelte';
import type { Experiment } from '../../../core/experiment';
import type { CodeFormat } from '../../../export/pytorch';
import type { ExportSettings } from '../../../export/settings';
import type { Locale } from '../../../i18n';
import type { ExperimentDocument } from '../document.svelte';
import { i18n, num, t } from '../i18n.svelte';
import type { Messages } from '../messages.svelte';
import type { Platform } from '../platform';
import { exportCode } from '../share/codeExport';
import type { ExportContext } from './context';
import type { Exporter } from './exporter.svelte';

/**
 * File › Export Image…, Export Animation… and Export Code…: the dialog opened from the studio as it
 * is, the export run, and its outcome said (the focus back where it was).
 */
export class Exports {
  private readonly app: {
    doc: ExperimentDocument;
    exporter: Exporter;
    platform: Platform;
    messages: Messages;
    /** The experiment trained now (what the export draws). */
    experiment: () => Experiment | null;
    /** What an export starts from, from the studio (null: nothing trained yet). */
    context: () => Omit<ExportContext, 'theme' | 'name' | 'locale'> | null;
    palette: () => 'light' | 'dark';
  };
  /** Where the focus was when the export was asked for: it goes back there when the export ends. */
  private returnTo: HTMLElement | null = null;

  constructor(app: Exports['app']) {
    this.app = app;
  }

  /** The export dialog, unless an export is running or nothing is trained yet. */
  open(what: 'image' | 'animation'): void {
    const { exporter, messages, doc } = this.app;
    if (exporter.running) {
      messages.notify(t('app.exportRunning'));
      return;
    }
    const c = this.app.context();
    if (!c) {
      messages.notify(t('app.exportNotReady'));
      return;
    }
    const a = document.activeElement;
    this.returnTo = a instanceof HTMLElement && a !== document.body ? a : null;
    const context = { ...c, theme: this.app.palette(), name: doc.name, locale: i18n.locale };
    messages.modal = { kind: 'export', what, context };
  }

  /** The file's size for these settings (a sample frame drawn and encoded). */
  estimate(settings: ExportSettings): Promise<number> {
    const experiment = this.app.experiment();
    if (!experiment) return Promise.reject(new Error('no experiment'));
    return this.app.exporter.estimate($state.snapshot(experiment), $state.snapshot(settings));
  }

  /** The dialog closed without an export. */
  cancel(): void {
    this.app.exporter.stopEstimates();
    this.app.messages.modal = null;
  }

  async start(settings: ExportSettings, name: string, zip: boolean): Promise<void> {
    const { exporter, messages } = this.app;
    exporter.stopEstimates();
    messages.modal = null;
    const experiment = this.app.experiment();
    if (!experiment) return;
    messages.status = '';
    const outcome = await exporter.start($state.snapshot(experiment), $state.snapshot(settings), name, zip);
    await tick();
    this.returnFocus();
    if (outcome === null) return;
    if (outcome.kind === 'done')
      messages.notify(
        t(outcome.frames === 1 ? 'app.exportedOne' : 'app.exported', {
          file: outcome.saved.path ?? outcome.saved.name,
          frames: num(outcome.frames),
          width: outcome.width,
          height: outcome.height,
          seconds: num(outcome.seconds, 1),
        }),
      );
    else if (outcome.kind === 'cancelled') messages.notify(t('app.exportCancelled'));
    else messages.problems(t('app.exportFailed'), [outcome.message, t('app.nothingWritten')]);
  }

  /** File › Export Code…: the experiment as a PyTorch script or notebook. */
  async code(format: CodeFormat, locale: Locale): Promise<void> {
    const { doc, messages } = this.app;
    messages.modal = null;
    const outcome = await exportCode(
      this.app.platform,
      $state.snapshot(doc.experiment),
      doc.name,
      format,
      locale,
    );
    if (outcome.kind === 'done')
      messages.notify(t('code.exported', { file: outcome.saved.path ?? outcome.saved.name }));
    else if (outcome.kind === 'failed')
      messages.problems(t('code.failed'), [...outcome.problems, t('app.nothingWritten')]);
  }

  private returnFocus(): void {
    const a = document.activeElement;
    if (this.returnTo?.isConnected && (a === null || a === document.body)) this.returnTo.focus();
    this.returnTo = null;
  }
}
