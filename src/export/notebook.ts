/**
 * The PyTorch program of `pytorch.ts` as a Jupyter notebook (nbformat 4.5):
 * each section a markdown cell with its explanation in the export's language,
 * then its code; the last cells train every variant and plot the loss curves.
 */
import { EN, type Translate } from '../i18n';
import type { Experiment } from '../core/experiment';
import { oneLine, pytorchSections } from './pytorch';

interface Cell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: [];
}

/** nbformat keeps a cell's text as lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  const parts = text.split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? `${l}\n` : l)).filter((l) => l.length > 0);
}

function markdown(id: string, text: string): Cell {
  return { id, cell_type: 'markdown', metadata: {}, source: lines(text) };
}

function code(id: string, text: string): Cell {
  return { id, cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: lines(text) };
}

/** The notebook's JSON text, or why the experiment cannot be written as code. */
export function pytorchNotebook(
  exp: Experiment,
  title: string,
  t: Translate = EN,
): { ok: true; text: string } | { ok: false; problem: string } {
  const r = pytorchSections(exp, title, t);
  if (!r.ok) return r;
  const cells: Cell[] = [];
  for (const s of r.sections) {
    const heading =
      s.id === 'setup' ? `# ${t('code.nbTitle', { title: oneLine(title) })}` : `## ${s.heading}`;
    cells.push(markdown(`${s.id}-text`, `${heading}\n\n${s.text}`));
    cells.push(code(`${s.id}-code`, s.code));
  }
  cells.push(markdown('run-text', `## ${t('code.h.run')}\n\n${t('code.run')}`));
  cells.push(code('run-code', 'curves = [train(i, v) for i, v in enumerate(VARIANTS)]'));
  cells.push(markdown('show-text', `## ${t('code.h.plot')}\n\n${t('code.plotCell')}`));
  cells.push(code('show-code', 'plot(curves)'));
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return { ok: true, text: `${JSON.stringify(nb, null, 1)}\n` };
}
