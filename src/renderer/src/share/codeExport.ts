/**
 * File › Export as Code…: the experiment as a PyTorch script or a Jupyter
 * notebook, through the platform's export path (the destination asked first,
 * written whole; in the desktop app main checks the payload).
 */
import type { SavedFile } from '../../../shared/api';
import type { Experiment } from '../../../core/experiment';
import { type Locale, translator } from '../../../i18n';
import { pytorchNotebook } from '../../../export/notebook';
import { type CodeFormat, pytorchScript } from '../../../export/pytorch';
import type { Platform } from '../platform';
import { t } from '../i18n.svelte';
import { messageOf } from '../messages.svelte';

export type CodeExportOutcome =
  { kind: 'done'; saved: SavedFile } | { kind: 'cancelled' } | { kind: 'failed'; problems: string[] };

/** The document's name without its experiment extension: run.sigmoidlab.json → run. */
export function codeBaseName(name: string): string {
  return name.replace(/\.sigmoidlab\.json$|\.json$/i, '') || 'experiment';
}

export async function exportCode(
  platform: Platform,
  experiment: Experiment,
  name: string,
  format: CodeFormat,
  locale: Locale,
): Promise<CodeExportOutcome> {
  const base = codeBaseName(name);
  const tr = translator(locale);
  const r = format === 'py' ? pytorchScript(experiment, base, tr) : pytorchNotebook(experiment, base, tr);
  if (!r.ok) return { kind: 'failed', problems: [r.problem] };
  const filter = { name: t(format === 'py' ? 'code.pyFilter' : 'code.ipynbFilter'), extensions: [format] };
  try {
    const target = await platform.chooseExport('file', `${base}.${format}`, [filter]);
    if (target === null) return { kind: 'cancelled' };
    try {
      return { kind: 'done', saved: await platform.writeExport(target, new TextEncoder().encode(r.text)) };
    } catch (e) {
      await platform.discardExport(target).catch(() => undefined);
      throw e;
    }
  } catch (e) {
    return { kind: 'failed', problems: [messageOf(e)] };
  }
}
